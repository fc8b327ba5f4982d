# ruff: noqa: F811 - pytest fixtures imported from other conftests are parameters here
import pytest

from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory


@pytest.fixture
def ideas(db):
    """Five public ideas and one hidden one, through the ideas service."""
    from aufbruch.ideas.models import Idea
    from aufbruch.ideas.services import idea_submit

    author = UserFactory(
        email="autorin@example.org", display_name="Autorin Geheim", birth_year=1987
    )
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    living = TopicFactory(name="Leben", slug="leben")
    avenwedde = DistrictFactory(name="Avenwedde", slug="avenwedde")
    made = [
        idea_submit(
            author=author,
            title="Fahrradstraßen in der Innenstadt",
            body="Mehr Platz fürs Rad.",
            topic=mobility,
        ),
        idea_submit(
            author=author,
            title="Bus nach Avenwedde",
            body="Öfter fahren.",
            topic=mobility,
            district=avenwedde,
            latitude="51.918",
            longitude="8.436",
        ),
        idea_submit(
            author=author, title="Offenes WLAN im Park", body="Im Stadtpark.", topic=living
        ),
        idea_submit(
            author=author,
            title="Bänke am Dalkeweg",
            body="Zum Ausruhen.",
            topic=living,
            district=avenwedde,
        ),
        idea_submit(
            author=author, title="Digitale Bürgersprechstunde", body="Per Video.", topic=living
        ),
    ]
    hidden = idea_submit(
        author=author,
        title="Versteckte Idee",
        body="Von der Moderation ausgeblendet.",
        topic=living,
    )
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="Werbung")
    Idea.objects.filter(pk=made[1].pk).update(support_count=7, comment_count=1)
    Idea.objects.filter(pk=made[3].pk).update(support_count=3, comment_count=9, status="in_review")
    return {"public": made, "hidden": hidden, "author": author}


from aufbruch.opendata.tests.conftest import (  # noqa: E402, F401 - the open-data world
    author,
    department,
    follower,
    guide,
    idea,
    office,
    supporter,
    world,
)
