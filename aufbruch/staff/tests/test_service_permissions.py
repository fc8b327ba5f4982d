"""The role matrix of the smaller apps' services, one table per app (see
matrix.py): staff roles, pages, figures, committees, assumptions, opinions,
projects and accounts. Calls whose input is refused on purpose (no page of
that name, an empty population file, no ideas) show "invalid" for the roles
that pass the permission: the check comes first, the input after."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.accounts import services as accounts
from aufbruch.assumptions import services as assumptions
from aufbruch.assumptions.models import Assumption
from aufbruch.committees import services as committees
from aufbruch.committees.models import CommitteeMeeting
from aufbruch.figures import services as figures
from aufbruch.opinions import services as opinions
from aufbruch.opinions.models import OpinionMap, Statement
from aufbruch.pages import services as pages
from aufbruch.projects import services as projects
from aufbruch.staff import services as staff
from aufbruch.staff.models import StaffRole
from aufbruch.staff.tests.matrix import (
    MODERATORS,
    OFFICE,
    PARTICIPANTS,
    expected,
    outcomes,
    people,
)


@pytest.fixture
def world(db, topic):
    who = people()
    opinion_map = opinions.opinion_map_create(
        actor=who["office"], question="Wie digital soll das Rathaus werden?", statements=("A.",)
    )
    statement = opinions.statement_add(opinion_map=opinion_map, author=who["author"], text="B.")
    return {"who": who, "topic": topic, "map": opinion_map, "statement": statement}


def _state():
    user = get_user_model().objects.get(email="author.matrix@example.org")
    return (
        StaffRole.objects.count(),
        CommitteeMeeting.objects.count(),
        Assumption.objects.count(),
        OpinionMap.objects.count(),
        list(Statement.objects.order_by("pk").values_list("state", flat=True)),
        (user.display_name, user.is_deleted),
    )


TODAY = dt.date(2026, 6, 1)
ROWS = {
    "staff.staff_role_grant": (
        lambda w, a: staff.staff_role_grant(actor=a, user=w["who"]["resident"], role="moderator"),
        expected(OFFICE),
    ),
    "pages.page_revision_save": (
        lambda w, a: pages.page_revision_save(slug="no-such-page", actor=a, title="T", body="B"),
        expected(set(), invalid=OFFICE),
    ),
    "figures.population_import": (
        lambda w, a: figures.population_import(actor=a, raw=b""),
        expected(set(), invalid=OFFICE),
    ),
    "committees.meeting_create": (
        lambda w, a: committees.meeting_create(
            actor=a, committee="Hauptausschuss", date=TODAY, reference="HA/2026/1"
        ),
        expected(OFFICE),
    ),
    "assumptions.assumption_create": (
        lambda w, a: assumptions.assumption_create(
            actor=a,
            wording="Die meisten erledigen Behördengänge lieber online.",
            topic=w["topic"],
            owner=w["who"]["guide"],
            review_due_on=timezone.localdate() + dt.timedelta(days=90),
        ),
        expected(OFFICE),
    ),
    "opinions.opinion_map_create": (
        lambda w, a: opinions.opinion_map_create(actor=a, question="Mehr Radwege?"),
        expected(OFFICE),
    ),
    "opinions.statement_add": (
        lambda w, a: opinions.statement_add(opinion_map=w["map"], author=a, text="Mehr Bänke."),
        expected(PARTICIPANTS),
    ),
    "opinions.statement_moderate": (
        lambda w, a: opinions.statement_moderate(
            statement=w["statement"], actor=a, state="accepted"
        ),
        expected(MODERATORS),
    ),
    "projects.project_create": (
        lambda w, a: projects.project_create(
            actor=a, title="WLAN", goal="WLAN im Rathaus", department=None, ideas=[]
        ),
        expected(set(), invalid=OFFICE | {"guide", "other_guide"}),
    ),
    "accounts.user_update_profile": (
        lambda w, a: accounts.user_update_profile(
            user=w["who"]["author"], actor=a, display_name="Neuer Name"
        ),
        expected({"author"}),
    ),
    "accounts.user_delete_account": (
        lambda w, a: accounts.user_delete_account(user=w["who"]["author"], actor=a),
        expected(OFFICE | {"author"}),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world["who"], lambda actor: act(world, actor), _state) == table


def test_a_profile_change_returns_the_account_and_leaves_the_argument(world):
    author = world["who"]["author"]
    changed = accounts.user_update_profile(user=author, actor=author, display_name="Neuer Name")
    assert (author.display_name, changed.display_name) == ("Autorin", "Neuer Name")
