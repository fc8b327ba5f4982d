from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.assumptions import services
from aufbruch.assumptions.models import EvidenceKind
from aufbruch.core.testing import TopicFactory, UserFactory, enable_totp
from aufbruch.staff.models import StaffRoleKind
from aufbruch.surveys import services as survey_services
from aufbruch.surveys.models import Survey

from .conftest import Built, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _story():
    office = staff_user(StaffRoleKind.OFFICE)
    owner = staff_user(StaffRoleKind.GUIDE)
    built = Built(office, results_visibility="always")
    survey_services.response_submit(survey=built.survey, data=built.answers(), user=UserFactory())
    # Results of a running survey are published in batches of ten; a closed
    # survey shows them all, so the evidence chart has something to draw.
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    assumption = services.assumption_create(
        actor=office,
        wording="Ältere Menschen wollen Termine online buchen",
        topic=TopicFactory(name="Verwaltung"),
        owner=owner,
        review_due_on=timezone.localdate(),
    )
    e = services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.likert.pk,
    )
    services.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="adjusted",
        reasoning="Die Umfrage zeigt es.",
        new_wording="Ältere Menschen buchen online, wenn jemand hilft",
        next_review_on=timezone.localdate() + timedelta(days=90),
        evidence_ids=[e.pk],
    )
    return office, owner, assumption


def test_public_assumption_pages_are_accessible(page, assert_accessible):
    _office, _owner, assumption = _story()
    for path in [f"/assumptions/{assumption.pk}/", "/assumptions/", "/assumptions/report/"]:
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto(page.base_url + f"/assumptions/{assumption.pk}/")
    assert page.locator("svg.ab-chart").count() == 1
    assert "wenn jemand hilft" in page.locator("h1").inner_text()
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [f"/assumptions/{assumption.pk}/", "/assumptions/"]:
        page.goto(page.base_url + path)
        assert (
            page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            <= 0
        ), path


def test_staff_pages_are_accessible(page, assert_accessible, browser_login):
    office, owner, assumption = _story()
    enable_totp(office)
    browser_login(page, office)
    for path in [
        "/staff/assumptions/",
        f"/staff/assumptions/{assumption.pk}/",
        f"/staff/assumptions/{assumption.pk}/review/",
    ]:
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
