import datetime as dt

import pytest
from django.utils import timezone

from aufbruch.core.testing import DepartmentFactory, TopicFactory, UserFactory
from aufbruch.staff.models import StaffRole, StaffRoleKind


@pytest.fixture
def city(db):
    """Two departments with a guide each, the programme office, and ideas:
    mobility has 3 (one answered after 4 days, two overdue), culture 1 fresh."""
    from aufbruch.ideas.models import Idea
    from aufbruch.ideas.services import idea_submit

    mobility_topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    culture_topic = TopicFactory(name="Kultur", slug="kultur")
    mobility = DepartmentFactory(name="Fachbereich Mobilität", slug="mobilitaet")
    culture = DepartmentFactory(name="Fachbereich Kultur", slug="kultur")
    mobility.topics.add(mobility_topic)
    culture.topics.add(culture_topic)
    guide = UserFactory(display_name="Lotse Mobilität")
    other_guide = UserFactory(display_name="Lotsin Kultur")
    office = UserFactory(display_name="Programmbüro")
    moderator = UserFactory(display_name="Moderation")
    StaffRole.objects.create(user=guide, role=StaffRoleKind.GUIDE, department=mobility)
    StaffRole.objects.create(user=other_guide, role=StaffRoleKind.GUIDE, department=culture)
    StaffRole.objects.create(user=office, role=StaffRoleKind.OFFICE)
    StaffRole.objects.create(user=moderator, role=StaffRoleKind.MODERATOR)
    author = UserFactory()
    now = timezone.now()

    def submit(title, topic, days_ago):
        idea = idea_submit(author=author, title=title, body="Text der Idee.", topic=topic)
        Idea.objects.filter(pk=idea.pk).update(created_at=now - dt.timedelta(days=days_ago))
        idea.refresh_from_db()
        return idea

    answered = submit("Radweg Carl-Bertelsmann-Straße", mobility_topic, 40)
    overdue_old = submit("Ampel an der Kaiserstraße", mobility_topic, 60)
    overdue_new = submit("Carsharing in Spexard", mobility_topic, 30)
    fresh = submit("Stadtbibliothek länger öffnen", culture_topic, 2)
    return {
        "mobility": mobility,
        "culture": culture,
        "guide": guide,
        "other_guide": other_guide,
        "office": office,
        "moderator": moderator,
        "author": author,
        "answered": answered,
        "overdue": [overdue_old, overdue_new],
        "fresh": fresh,
        "now": now,
    }
