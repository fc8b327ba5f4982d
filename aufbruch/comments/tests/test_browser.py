import pytest
from playwright.sync_api import expect

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_idea_page_with_comments_is_accessible_for_anonymous(
    page, assert_accessible, idea, participant, other_user
):
    top = comment_create(
        idea=idea, author=participant, body="Ein **Kommentar** mit [Link](https://example.org)"
    )
    comment_create(idea=idea, author=other_user, body="Eine Antwort", parent=top)
    page.goto(page.base_url + idea.get_absolute_url())
    assert page.locator("#comments h2").count() == 1
    assert_accessible(page)


def test_write_and_reply_by_keyboard(
    page, assert_accessible, browser_login, idea, participant, other_user
):
    comment_create(idea=idea, author=other_user, body="Wer macht mit?")
    browser_login(page, participant)
    page.goto(page.base_url + idea.get_absolute_url())
    assert_accessible(page)

    # write a comment: focus the field, type, Tab to the button, Enter
    page.locator("#id_body_new").focus()
    page.keyboard.type("Ich mache gerne mit.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("#comments").get_by_text("Ich mache gerne mit.").wait_for()
    mine = Comment.objects.get(author=participant, body="Ich mache gerne mit.")
    # the focus follows to the new comment, so keyboard users continue there
    page.wait_for_function(
        f"() => document.activeElement && document.activeElement.id === 'comment-{mine.pk}'"
    )

    # reply: reach the reply link by keyboard, open the form, type, send
    top = Comment.objects.get(body="Wer macht mit?")
    page.locator(f"#comment-{top.pk} a[href$='/reply/']").focus()
    page.keyboard.press("Enter")
    field = page.locator(f"#id_body_reply{top.pk}")
    field.wait_for()
    field.focus()
    page.keyboard.type("Antwort per Tastatur")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("#comments").get_by_text("Antwort per Tastatur").wait_for()
    reply = Comment.objects.get(body="Antwort per Tastatur")
    assert reply.parent_id == top.pk
    page.wait_for_function(
        f"() => document.activeElement && document.activeElement.id === 'comment-{reply.pk}'"
    )
    assert_accessible(page)


def test_empty_comment_shows_error_at_the_field(
    page, assert_accessible, browser_login, idea, participant
):
    browser_login(page, participant)
    page.goto(page.base_url + idea.get_absolute_url())
    page.locator("#comment-form-new button[type=submit]").click()
    page.locator("#comment-form-new-error").wait_for()
    assert page.locator("#id_body_new").get_attribute("aria-invalid") == "true"
    assert Comment.objects.count() == 0
    assert_accessible(page)


def test_comments_work_without_javascript(browser, live_server, idea, participant):
    from django.conf import settings
    from django.test import Client

    c = Client()
    c.force_login(participant)
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": c.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    pg = context.new_page()
    pg.goto(live_server.url + idea.get_absolute_url())
    pg.fill("#id_body_new", "Ohne JavaScript geschrieben")
    pg.locator("#comment-form-new button[type=submit]").click()
    pg.wait_for_load_state()
    assert "Ohne JavaScript geschrieben" in pg.content()
    comment = Comment.objects.get(body="Ohne JavaScript geschrieben")
    pg.goto(live_server.url + f"/comments/{comment.pk}/delete/")
    pg.locator("main button[type=submit]").click()
    pg.wait_for_load_state()
    assert "Dieser Kommentar wurde gelöscht." in pg.content()
    context.close()


def test_thread_fits_320px(page, browser_login, idea, participant):
    comment_create(
        idea=idea,
        author=participant,
        body="Ein sehr langes Wort: " + "Donaudampfschifffahrtsgesellschaft" * 3,
    )
    browser_login(page, participant)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + idea.get_absolute_url())
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("javascript", [True, False])
def test_mark_helpful_nested_replies_on_a_phone(
    browser,
    live_server,
    browser_login,
    assert_accessible,
    idea,
    participant,
    other_user,
    javascript,
):
    from aufbruch.comments.models import HelpfulMark

    top = comment_create(idea=idea, author=other_user, body="Der Bahnhof braucht Bügel.")
    reply = comment_create(idea=idea, author=idea.author, body="Stimmt!", parent=top)
    context = browser.new_context(
        locale="de-DE", java_script_enabled=javascript, viewport={"width": 360, "height": 740}
    )
    pg = context.new_page()
    pg.base_url = live_server.url
    browser_login(pg, participant)
    pg.goto(live_server.url + idea.get_absolute_url())
    # The reply sits visibly indented under its comment, without a bullet.
    top_box = pg.locator(f"#comment-{top.pk}").bounding_box()
    reply_box = pg.locator(f"#comment-{reply.pk}").bounding_box()
    assert reply_box["x"] >= top_box["x"] + 16
    marker = pg.evaluate(
        "() => getComputedStyle(document.querySelector('.ab-comment-item')).listStyleType"
    )
    assert marker == "none"
    button = pg.locator(f"#comment-{top.pk} .ab-helpful-button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    pg.locator(f'#comment-{top.pk} .ab-helpful-button[aria-pressed="true"]').wait_for()
    expect(
        pg.locator(f"#comment-{top.pk}").get_by_text("1 Person fand das hilfreich")
    ).to_be_visible()
    assert HelpfulMark.objects.filter(comment=top, user=participant).count() == 1
    if javascript:
        assert_accessible(pg)
    context.close()
