"""Statement of reasons, objection and its decision in a real browser:
accessible, usable by keyboard, no horizontal scrolling at 360 px."""

import pytest

from aufbruch.comments.services import comment_create
from aufbruch.comments.tests.fixtures import grant
from aufbruch.core.testing import UserFactory, enable_totp
from aufbruch.moderation.models import Decision, Objection, ObjectionStatus
from aufbruch.moderation.services import content_hide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_overflow(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_author_objects_and_another_moderator_decides(
    page, assert_accessible, browser_login, idea, participant, moderator
):
    comment = comment_create(idea=idea, author=participant, body="Du bist doof " * 10)
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    browser_login(page, participant)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + f"/moderation/decisions/{decision.pk}/")
    assert_accessible(page)
    assert no_overflow(page)
    page.locator("#id_text").focus()
    page.keyboard.type("Das war nicht beleidigend gemeint.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Ihr Widerspruch ist eingegangen.").wait_for()
    assert_accessible(page)
    objection = Objection.objects.get()

    other = grant(UserFactory(display_name="Zweite Moderatorin"), "moderator")
    enable_totp(other)
    page.context.clear_cookies()
    browser_login(page, other)
    page.goto(page.base_url + f"/staff/moderation/objections/{objection.pk}/")
    assert_accessible(page)
    assert no_overflow(page)
    page.get_by_role("button", name="Entscheiden").click()
    page.locator("#reason-error").wait_for()
    assert_accessible(page)
    page.get_by_label("Entscheidung aufheben").check()
    page.fill("#id_reason", "Überspitzt, aber keine Beleidigung.")
    page.get_by_role("button", name="Entscheiden").click()
    page.get_by_text("Über den Widerspruch ist entschieden.").wait_for()
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.REVERSED
