from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.staff.models import StaffRole, StaffRoleKind
from aufbruch.surveys import services
from aufbruch.surveys.models import QuestionKind


def staff_user(role: str, **kwargs):
    user = UserFactory(**kwargs)
    department = DepartmentFactory() if role == StaffRoleKind.GUIDE else None
    StaffRole.objects.create(user=user, role=role, department=department)
    return user


@pytest.fixture
def office(db):
    return staff_user(StaffRoleKind.OFFICE)


@pytest.fixture
def guide(db):
    return staff_user(StaffRoleKind.GUIDE)


@pytest.fixture
def moderator(db):
    return staff_user(StaffRoleKind.MODERATOR)


def form_data(pairs: dict) -> QueryDict:
    """POST-like data; list values become repeated keys."""
    q = QueryDict(mutable=True)
    for key, value in pairs.items():
        q.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
    return q


class Built:
    """A survey with one question of every type, and a condition."""

    def __init__(self, office, publish=True, results_visibility="after_close"):
        now = timezone.now()
        self.survey = services.survey_create(
            actor=office,
            title="Digitale Verwaltung",
            description="Wie digital soll die Verwaltung werden?",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=7),
            results_visibility=results_visibility,
        )
        s = services.section_add(survey=self.survey, actor=office, title="Ihre Erfahrungen")
        add = lambda **kw: services.question_add(survey=self.survey, section=s, actor=office, **kw)  # noqa: E731
        self.used = add(
            kind=QuestionKind.SINGLE,
            text="Haben Sie das Bürgerportal genutzt?",
            required=True,
            options=["ja", "nein"],
        )
        self.yes, self.no = list(self.used.options.all())
        self.why = add(
            kind=QuestionKind.LONG_TEXT,
            text="Was hat gefehlt?",
            required=True,
            condition_option=self.yes,
        )
        self.channels = add(
            kind=QuestionKind.MULTIPLE,
            text="Welche Wege nutzen Sie?",
            options=["Online", "Telefon", "Vor Ort"],
        )
        self.likert = add(
            kind=QuestionKind.LIKERT, text="Termine online zu buchen ist mir wichtig."
        )
        self.rank = add(
            kind=QuestionKind.RANKING,
            text="Was ist am wichtigsten?",
            options=["Schnell", "Einfach", "Sicher"],
        )
        self.age = add(
            kind=QuestionKind.NUMBER,
            text="Wie viele Behördengänge pro Jahr?",
            min_value=0,
            max_value=100,
        )
        self.note = add(kind=QuestionKind.SHORT_TEXT, text="Ihr Stichwort")
        if publish:
            self.survey = services.survey_publish(survey=self.survey, actor=office)

    def answers(self, **override) -> QueryDict:
        ch = list(self.channels.options.all())
        lk = list(self.likert.options.all())
        rk = list(self.rank.options.all())
        data = {
            self.used.field_name: self.yes.pk,
            self.why.field_name: "Eine Terminbuchung",
            self.channels.field_name: [ch[0].pk, ch[1].pk],
            self.likert.field_name: lk[3].pk,
            f"{self.rank.field_name}_{rk[0].pk}": 2,
            f"{self.rank.field_name}_{rk[1].pk}": 1,
            f"{self.rank.field_name}_{rk[2].pk}": 3,
            self.age.field_name: "4",
            self.note.field_name: "Termine",
        }
        data.update(override)
        return form_data({k: v for k, v in data.items() if v is not None})


@pytest.fixture
def built(office):
    return Built(office)
