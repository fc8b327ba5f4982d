"""The main board pages in Chromium with axe-core: no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aufbruch.boards import services, voting, workspace
from aufbruch.boards.models import Membership
from aufbruch.core.testing import enable_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_board(board, office, member, idea, department):
    services.membership_set_visibility(
        membership=Membership.objects.get(user=member), user=member, show_publicly=True
    )
    rec = voting.recommendation_draft(
        board=board,
        author=member,
        title="Ein Infokanal",
        body="Alles **an einer Stelle**.",
        ideas=[idea],
    )
    voting.recommendation_open_vote(
        recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    voting.recommendation_answer(
        recommendation=rec, actor=office, department=department, body="Wir prüfen das."
    )
    workspace.thread_create(
        board=board, author=member, title="Erstes Treffen", body="Wann passt es euch?"
    )
    workspace.meeting_record(
        board=board, actor=member, title="Auftakt", starts_at=timezone.now(), minutes="Protokoll"
    )
    return board


def test_board_page(page, assert_accessible, busy_board):
    page.goto(page.base_url + busy_board.get_absolute_url())
    assert page.locator("h1").inner_text() == "Morgenmacher"
    expect(page.get_by_text("Wir prüfen das.")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_application_form_with_errors(page, assert_accessible, browser_login, board, user):
    browser_login(page, user)
    page.goto(page.base_url + f"/boards/{board.slug}/apply/")
    assert_accessible(page)
    page.get_by_label("Link – optional").fill("javascript:alert(1)")
    page.get_by_role("button", name="Bewerbung absenden").click()
    expect(page.locator("#id_motivation_error")).to_be_visible()
    expect(page.locator("#id_link_error")).to_be_visible()
    assert page.get_by_label("Link – optional").input_value() == "javascript:alert(1)"
    assert_accessible(page)


def test_workspace_and_vote(page, assert_accessible, browser_login, busy_board, member):
    browser_login(page, member)
    page.goto(page.base_url + f"/boards/{busy_board.slug}/workspace/")
    assert_accessible(page)
    page.get_by_role("link", name="Empfehlung entwerfen").click()
    page.get_by_label("Titel").fill("Mehr WLAN")
    page.get_by_label("Text der Empfehlung").fill("In allen Schulen.")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.locator("h1")).to_have_text("Mehr WLAN")
    page.get_by_label("Abstimmung endet am").fill(
        (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Abstimmung eröffnen").click()
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_text("Sie haben abgestimmt")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_office_manage_page(page, assert_accessible, browser_login, board, office, applicant):
    enable_totp(office)
    browser_login(page, office)
    page.goto(page.base_url + f"/staff/boards/{board.slug}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
