import pytest

from aufbruch.comments.services import comment_create
from aufbruch.notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_notifications_page_is_accessible_and_marks_read(
    page, assert_accessible, browser_login, idea, author, participant
):
    comment_create(idea=idea, author=participant, body="Neuer Gedanke")
    browser_login(page, author)
    page.goto(page.base_url + "/notifications/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Neuer Kommentar von Peter Teilnehmer").count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Alle als gelesen markieren").click()
    page.wait_for_load_state()
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()
    assert_accessible(page)


def test_notifications_page_fits_320px(page, browser_login, idea, author, participant):
    comment_create(idea=idea, author=participant, body="Ein Gedanke")
    browser_login(page, author)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/notifications/")
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
