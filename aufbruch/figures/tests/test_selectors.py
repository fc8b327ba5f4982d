"""Every figure against a hand-computed fixture."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from aufbruch.committees.models import Decision
from aufbruch.committees.services import agenda_add, meeting_create, meeting_record_decisions
from aufbruch.core.testing import DistrictFactory, UserFactory
from aufbruch.figures import selectors
from aufbruch.figures.models import PopulationFigure
from aufbruch.figures.services import population_replace
from aufbruch.ideas.models import Idea, IdeaSource, IdeaStatus
from aufbruch.ideas.services import idea_submit, idea_support

pytestmark = pytest.mark.django_db


def test_small_group_rule_with_secondary_suppression():
    assert selectors.suppress({"a": 10, "b": 20}) == set()
    # one hidden group would follow from the total: the smallest shown goes too
    assert selectors.suppress({"a": 12, "b": 5, "c": 30}) == {"a", "b"}
    assert selectors.suppress({"a": 12, "b": 5, "c": 3}) == {"b", "c"}
    assert selectors.suppress({"a": 9}) == {"a"}


def test_population_comparison_by_hand():
    groups = [
        ("u18", "unter 18"),
        ("18-29", "18–29"),
        ("30-44", "30–44"),
        ("45-59", "45–59"),
        ("60-74", "60–74"),
        ("75+", "75+"),
    ]
    counts = {"18-29": 20, "30-44": 30, "45-59": 50}
    population = {"u18": 200, "18-29": 100, "30-44": 200, "45-59": 300, "60-74": 150, "75+": 50}
    result = selectors.compare(groups, counts, 15, population, is_demo=False)
    rows = {r.key: r for r in result.rows}
    assert result.participants == 100 and result.residents == 1000 and result.not_stated == 15
    # 20 of 100 participants (20 %) against 100 of 1000 residents (10 %): ratio 2
    assert (
        rows["18-29"].participants,
        rows["18-29"].participant_share,
        rows["18-29"].resident_share,
    ) == (20, 20.0, 10.0)
    assert rows["18-29"].verdict == "over"
    assert (rows["45-59"].participant_share, rows["45-59"].resident_share) == (50.0, 30.0)
    # under 18: 0 participants, hidden; even 10 of 100 (10 %) is below 0.8 x 20 % -> under
    assert rows["u18"].participants is None and rows["u18"].participant_share is None
    assert rows["u18"].verdict == "under"
    # 60-74: at most 10 % against 0.8 x 15 % = 12 % -> under; 75+: 10 % is not below 4 % -> unknown
    assert rows["60-74"].verdict == "under" and rows["75+"].verdict == ""
    assert [r.label for r in result.under_represented] == ["unter 18", "60–74"]


def test_comparison_in_line_and_hidden_not_stated():
    result = selectors.compare(
        [("a", "A"), ("b", "B")], {"a": 45, "b": 55}, 3, {"a": 500, "b": 500}, True
    )
    rows = {r.key: r for r in result.rows}
    # a: 45 % against 50 % -> 0.9 (in line); b: 55 % -> 1.1; "not stated" (3) hidden, and
    # then the smallest shown group as well, so 3 cannot be worked out from the total
    assert result.not_stated is None and rows["a"].participants is None
    assert rows["b"].participants == 55 and rows["b"].verdict == "even"
    assert result.is_demo


def _support_from(idea, n, *, birth_year=None, district=None):
    for _ in range(n):
        idea_support(idea=idea, user=UserFactory(birth_year=birth_year, district=district))


def test_participation_counts_contributors_only(idea, author):
    year = timezone.localdate().year
    avenwedde, innenstadt = DistrictFactory(name="Avenwedde"), DistrictFactory(name="Innenstadt")
    _support_from(idea, 12, birth_year=year - 36, district=avenwedde)  # 30-44
    _support_from(idea, 3, birth_year=year - 26, district=avenwedde)  # 18-29
    for _ in range(5):  # accounts that never took part
        UserFactory(birth_year=year - 80, district=innenstadt)
    population_replace(
        actor=None,
        age={"30-44": 1000, "18-29": 1000},
        district={avenwedde.pk: 300, innenstadt.pk: 700},
        is_demo=True,
    )
    people = selectors.participation()
    # the author (no profile details) and 15 supporters
    assert people.total == 16
    age = {r.key: r for r in people.age.rows}
    assert age["30-44"].participants == 12 and age["30-44"].participant_share == 80.0
    assert age["18-29"].participants is None and age["75+"].participants is None
    assert people.age.not_stated is None  # the author alone
    district = {r.label: r for r in people.district.rows}
    assert (
        district["Avenwedde"].participants == 15
        and district["Avenwedde"].participant_share == 100.0
    )
    assert district["Avenwedde"].resident_share == 30.0 and district["Avenwedde"].verdict == "over"
    # hidden (0): up to 10 of 15 (66.7 %) is not surely below 0.8 x 70 % = 56 % -> no verdict
    assert district["Innenstadt"].participants is None and district["Innenstadt"].verdict == ""
    assert people.is_demo


def _backdate(idea, *, days_ago, answered_after=None, **fields):
    created = timezone.now() - timedelta(days=days_ago)
    Idea.objects.filter(pk=idea.pk).update(
        created_at=created,
        response_due_at=created + timedelta(days=21),
        first_response_at=None
        if answered_after is None
        else created + timedelta(days=answered_after),
        **fields,
    )


def test_programme_figures_by_hand(author, topic, django_assert_max_num_queries):
    ideas = [
        idea_submit(author=author, title=f"Idee {i}", body="Text", topic=topic) for i in range(5)
    ]
    _backdate(ideas[0], days_ago=30, answered_after=5, status=IdeaStatus.PILOT)  # on time, 5 days
    _backdate(ideas[1], days_ago=30, answered_after=25, status=IdeaStatus.IMPLEMENTED)  # late
    _backdate(ideas[2], days_ago=30, source=IdeaSource.PAPER)  # overdue
    _backdate(ideas[3], days_ago=2)  # not yet due
    _backdate(ideas[4], days_ago=30, answered_after=1, is_hidden=True)  # hidden: left out
    with django_assert_max_num_queries(7):
        data = selectors.programme_figures()
    assert data.total == 4
    assert (data.due, data.on_time, data.on_time_percent) == (3, 1, 33.3)
    assert (data.median_days, data.answered) == (15.0, 2)
    assert data.pilot_count == 1 and data.implemented_count == 1
    assert [p["title"] for p in data.pilots] == ["Idee 0"]
    assert data.count(IdeaStatus.SUBMITTED) == 2
    # channels: 3 online, 1 on paper: both under 10, never shown
    assert all(c.count is None for c in data.channels)
    assert selectors.programme_figures(district=DistrictFactory().pk).total == 0


def test_decisions_per_session(idea, office, topic):
    from aufbruch.committees.tests.test_committees import to_pool

    second = idea_submit(author=UserFactory(), title="Zweite", body="Text", topic=topic)
    for i in (idea, second):
        to_pool(i, office)
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/1"
    )
    items = [agenda_add(meeting=meeting, idea=i, actor=office) for i in (idea, second)]
    assert selectors.decisions_by_session() == []  # nothing recorded yet
    meeting_record_decisions(
        meeting=meeting,
        actor=office,
        decisions={
            items[0].pk: (Decision.ADOPTED, "Gute Idee"),
            items[1].pk: (Decision.DECLINED, "Zu teuer"),
        },
    )
    [row] = selectors.decisions_by_session()
    assert (row.reference, row.date, row.total) == ("HA/1", date(2026, 3, 2), 2)
    assert row.counts == {Decision.ADOPTED: 1, Decision.BACK_TO_POOL: 0, Decision.DECLINED: 1}
    assert selectors.decisions_by_session(topic=topic.pk)[0].total == 2
    assert PopulationFigure.objects.count() == 0
