import datetime as dt

import pytest

from aufbruch.dashboards import selectors
from aufbruch.ideas.models import Idea
from aufbruch.ideas.workflow import idea_change_status

pytestmark = pytest.mark.django_db


def answer(city, idea, days_after):
    idea_change_status(
        idea=idea, actor=city["guide"], to_status="in_review", explanation="Wir prüfen das."
    )
    Idea.objects.filter(pk=idea.pk).update(
        first_response_at=idea.created_at + dt.timedelta(days=days_after)
    )


def test_department_dashboard_counts_and_overdue(city):
    answer(city, city["answered"], 4)
    data = selectors.dashboard(city["mobility"])
    counts = {s.status: s.count for s in data.status_counts}
    assert (
        counts["submitted"] == 2
        and counts["in_review"] == 1
        and data.total == 3
        and data.open_total == 3
    )
    assert data.response_days == 21
    assert data.overdue_count == 2
    assert [i["title"] for i in data.overdue_ideas] == [
        "Ampel an der Kaiserstraße",
        "Carsharing in Spexard",
    ]
    assert data.median_response_days == pytest.approx(4, abs=0.01) and data.responded_count == 1


def test_overall_dashboard_and_median_of_several(city):
    answer(city, city["answered"], 4)
    answer(city, city["overdue"][0], 10)
    answer(city, city["overdue"][1], 30)
    data = selectors.dashboard()
    assert data.total == 4 and data.overdue_count == 0
    assert data.median_response_days == pytest.approx(10, abs=0.01) and data.responded_count == 3


def test_hidden_and_closed_ideas_are_not_overdue(city):
    Idea.objects.filter(pk=city["overdue"][0].pk).update(is_hidden=True)
    Idea.objects.filter(pk=city["overdue"][1].pk).update(status="declined")
    data = selectors.dashboard(city["mobility"])
    assert data.overdue_count == 1 and [i["title"] for i in data.overdue_ideas] == [
        "Radweg Carl-Bertelsmann-Straße"
    ]


def test_status_over_time_replays_creations_and_status_changes(city):
    answer(city, city["answered"], 4)  # status change recorded now
    months = selectors.dashboard(city["mobility"]).months
    assert len(months) == 12
    assert months[-1].counts["submitted"] == 2 and months[-1].counts["in_review"] == 1
    # A year ago none of the ideas existed yet.
    assert months[0].total == 0
    overall = selectors.dashboard().months[-1]
    assert overall.counts["submitted"] == 3 and overall.counts["in_review"] == 1
    # The other department's change does not leak into the department's series.
    assert selectors.dashboard(city["culture"]).months[-1].counts == {
        **{s: 0 for s in overall.counts},
        "submitted": 1,
    }


def test_department_table(city):
    answer(city, city["answered"], 4)
    rows = {row.department.slug: row for row in selectors.department_table()}
    assert (rows["mobilitaet"].open, rows["mobilitaet"].overdue, rows["mobilitaet"].responded) == (
        3,
        2,
        1,
    )
    assert rows["mobilitaet"].median_response_days == pytest.approx(4, abs=0.01)
    assert (rows["kultur"].open, rows["kultur"].overdue, rows["kultur"].median_response_days) == (
        1,
        0,
        None,
    )


def test_constant_number_of_queries(city, django_assert_max_num_queries):
    selectors.dashboard()  # warm the content-type and settings caches
    with django_assert_max_num_queries(5) as first:
        selectors.dashboard(city["mobility"])
    for i in range(5):
        from aufbruch.ideas.services import idea_submit

        idea_submit(
            author=city["author"],
            title=f"Noch eine Idee {i}",
            body="Text.",
            topic=city["answered"].topic,
        )
    answer(city, city["answered"], 2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        selectors.dashboard(city["mobility"])
    with django_assert_max_num_queries(3):
        selectors.department_table()
