import pytest

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.core.testing import enable_totp
from aufbruch.moderation.models import Report
from aufbruch.moderation.services import report_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_form_by_keyboard(
    page, assert_accessible, browser_login, idea, participant, other_user
):
    comment = comment_create(idea=idea, author=participant, body="Unfreundlich")
    browser_login(page, other_user)
    page.goto(page.base_url + f"/moderation/report/comment/{comment.pk}/")
    assert page.get_by_role("link", name="Netiquette lesen").count() == 1
    assert_accessible(page)
    page.locator("#reason-insult").focus()
    page.keyboard.press("Space")
    page.locator("#id_explanation").focus()
    page.keyboard.type("Persönlicher Angriff")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Danke für Ihre Meldung.").wait_for()
    assert Report.objects.get().reason == "insult"
    # a second visit shows the friendly notice instead of the form
    page.goto(page.base_url + f"/moderation/report/comment/{comment.pk}/")
    assert page.get_by_text("bereits gemeldet").count() == 1
    assert_accessible(page)


def test_moderator_hides_comment_and_author_sees_reason(
    page, assert_accessible, browser_login, idea, participant, other_user, moderator
):
    comment = comment_create(idea=idea, author=participant, body="Du bist doof")
    report_create(reporter=other_user, target=comment, reason="insult")
    enable_totp(moderator)
    browser_login(page, moderator)
    page.goto(page.base_url + "/staff/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name="Prüfen und entscheiden").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("#id_reason", "Persönliche Beleidigung, siehe Netiquette")
    page.get_by_role("button", name="Ausblenden").click()
    page.get_by_text("Der Inhalt ist ausgeblendet.").wait_for()
    assert Comment.objects.get(pk=comment.pk).is_hidden
    assert_accessible(page)

    page.context.clear_cookies()
    browser_login(page, participant)
    page.goto(page.base_url + idea.get_absolute_url())
    note = page.locator(f"#comment-{comment.pk} .ab-hidden-note")
    assert "Persönliche Beleidigung, siehe Netiquette" in note.inner_text()
    assert_accessible(page)


def test_queue_and_report_form_fit_320px(
    page, browser_login, idea, participant, other_user, moderator
):
    comment = comment_create(idea=idea, author=participant, body="Sehr langer Text " * 30)
    report_create(
        reporter=other_user, target=comment, reason="insult", explanation="Unverschämt " * 20
    )
    enable_totp(moderator)
    browser_login(page, moderator)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/staff/moderation/",
        f"/staff/moderation/comment/{comment.pk}/",
        f"/moderation/report/idea/{idea.pk}/",
    ):
        page.goto(page.base_url + path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_block_page_is_accessible(page, assert_accessible, browser_login, participant, moderator):
    enable_totp(moderator)
    browser_login(page, moderator)
    page.goto(page.base_url + f"/staff/moderation/users/{participant.pk}/block/")
    page.fill("#id_days", "0")
    page.get_by_role("button", name="Konto sperren").click()
    page.locator("#days-error").wait_for()
    assert_accessible(page)
    participant.refresh_from_db()
    assert participant.blocked_until is None
