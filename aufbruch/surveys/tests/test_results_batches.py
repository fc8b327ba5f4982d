"""The reload-around-one-response attack: the public results of a running
survey are published in batches, so one new (or changed) response never
changes the page, its cross-tabs or the evidence that cites it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aufbruch.core.testing import DistrictFactory, UserFactory, login_with_mfa
from aufbruch.surveys import services
from aufbruch.surveys.models import ResultsSnapshot, Survey
from aufbruch.surveys.selectors import RESULTS_BATCH, published_results_page, survey_questions

from .conftest import Built

pytestmark = pytest.mark.django_db

# What differs per request anyway: CSRF tokens (masked anew each time) and CSP nonces.
_TOKEN = re.compile(r'\b[A-Za-z0-9]{64}\b|nonce="[^"]+"')


def results_html(client, survey) -> str:
    response = client.get(reverse("surveys:results", args=[survey.pk]))
    assert response.status_code == 200
    return _TOKEN.sub("", response.content.decode())


@pytest.fixture
def running(office):
    return Built(office, results_visibility="always")


@pytest.fixture
def town(db):
    return DistrictFactory(name="Isselhorst")


def answer(built, *, no: bool = False, user=None):
    data = built.answers(**({built.used.field_name: built.no.pk} if no else {}))
    return services.response_submit(survey=built.survey, data=data, user=user or UserFactory())


def crowd(built, n: int, town) -> None:
    year = timezone.localdate().year
    for _ in range(n):
        answer(built, user=UserFactory(birth_year=year - 40, district=town))


def test_nothing_is_published_before_the_first_batch(client, running, town):
    crowd(running, RESULTS_BATCH - 1, town)
    html = results_html(client, running.survey)
    assert "Es gibt noch keine veröffentlichten Ergebnisse" in html
    assert "<svg" not in html and "Personen haben geantwortet" not in html
    assert "0 Antworten" in html  # the count shown is the published one
    assert not ResultsSnapshot.objects.exists()


def test_one_new_response_does_not_change_the_public_page(client, running, town):
    crowd(running, RESULTS_BATCH, town)
    before = results_html(client, running.survey)
    assert f"{RESULTS_BATCH} Personen haben geantwortet" in before
    # The victim: the only "no", the only person of their age band and district.
    victim_town = DistrictFactory(name="Friedrichsdorf")
    victim = UserFactory(birth_year=timezone.localdate().year - 70, district=victim_town)
    answer(running, no=True, user=victim)
    after = results_html(client, running.survey)
    assert after == before
    assert results_html(Client(), running.survey) == before  # every visitor sees the same
    # Still the same until a whole batch has come in …
    crowd(running, RESULTS_BATCH - 2, town)
    assert results_html(client, running.survey) == before
    # … then the victim's answer is one among at least RESULTS_BATCH new ones.
    crowd(running, 1, town)
    later = results_html(client, running.survey)
    assert later != before and f"{2 * RESULTS_BATCH} Personen haben geantwortet" in later


def test_a_changed_response_is_batched_too(client, running, town, user):
    answer(running, user=user)
    crowd(running, RESULTS_BATCH - 1, town)
    before = results_html(client, running.survey)
    answer(running, no=True, user=user)  # the person changes their answer
    assert results_html(client, running.survey) == before


def test_staff_see_the_same_published_results(client, running, town, office, guide):
    crowd(running, RESULTS_BATCH, town)
    public = results_html(Client(), running.survey)
    answer(running, no=True)
    login_with_mfa(client, office)
    staff = results_html(client, running.survey)
    assert "10 Personen haben geantwortet" in staff and "11 Personen" not in staff
    assert "10 Personen haben geantwortet" in public


def test_cross_tabs_are_published_with_the_batch(running, town):
    crowd(running, RESULTS_BATCH, town)
    questions = survey_questions(running.survey)
    before = published_results_page(Survey.objects.get(pk=running.survey.pk), questions)
    answer(running, no=True, user=UserFactory(birth_year=1950, district=town))
    after = published_results_page(Survey.objects.get(pk=running.survey.pk), questions)
    cells = lambda page: [  # noqa: E731
        (t.question.pk, [g["respondents"] for g in t.groups], [r["cells"] for r in t.rows])
        for t in page["age_tabs"] + page["district_tabs"]
    ]
    assert cells(before) == cells(after)
    assert before["district_tabs"][0].groups[0]["respondents"] == RESULTS_BATCH


def test_closed_survey_shows_every_response(client, running, town):
    crowd(running, RESULTS_BATCH, town)
    answer(running, no=True)
    Survey.objects.filter(pk=running.survey.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )
    html = results_html(client, running.survey)
    assert f"{RESULTS_BATCH + 1} Personen haben geantwortet" in html
    assert "Es gibt noch keine veröffentlichten Ergebnisse" not in html


def test_token_responses_are_batched(client, running, office, town):
    crowd(running, RESULTS_BATCH, town)
    before = results_html(client, running.survey)
    token = services.tokens_issue(survey=running.survey, actor=office, count=1)[0]
    services.response_submit_with_token(
        survey=running.survey, data=running.answers(), code=token.code
    )
    assert results_html(client, running.survey) == before


def test_migration_repairs_text_escaped_before(running):
    from importlib import import_module

    from django.apps import apps

    from aufbruch.surveys.models import Option, Question

    Survey.objects.filter(pk=running.survey.pk).update(title="Rad &amp; Bus &lt;-&gt; Bahn")
    Question.objects.filter(pk=running.used.pk).update(text="A &amp; B?", help_text="1 &lt; 2")
    Option.objects.filter(pk=running.yes.pk).update(label="ja &amp; gern")
    import_module("aufbruch.surveys.migrations.0003_unescape_plain_text").forwards(apps, None)
    assert Survey.objects.get(pk=running.survey.pk).title == "Rad & Bus <-> Bahn"
    q = Question.objects.get(pk=running.used.pk)
    assert (q.text, q.help_text) == ("A & B?", "1 < 2")
    assert Option.objects.get(pk=running.yes.pk).label == "ja & gern"


def test_text_round_trips_through_page_and_csv(client, office, user):
    import csv as csv_module
    import io

    from django.utils.html import escape

    typed = "Rad & Bus <-> Bahn \"schnell\" 'gut' a<b>c</b>"
    built = Built(office, results_visibility="always")
    Survey.objects.filter(pk=built.survey.pk).update(title=typed)
    services.response_submit(
        survey=built.survey,
        data=built.answers(**{built.note.field_name: "=HYPERLINK(1)", built.why.field_name: typed}),
        user=user,
    )
    html = client.get(reverse("surveys:detail", args=[built.survey.pk])).content.decode()
    assert escape(typed) in html and "&amp;amp;" not in html
    login_with_mfa(client, office)
    body = client.get(reverse("surveys:results_csv", args=[built.survey.pk])).content.decode()
    assert body.startswith("\ufeff")
    rows = list(csv_module.reader(io.StringIO(body[1:]), delimiter=";"))
    assert typed in rows[1] and "'=HYPERLINK(1)" in rows[1]
