import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_pages_are_accessible(page, assert_accessible, project, guide):
    from aufbruch.projects.services import project_post_update

    project_post_update(
        project=project, actor=guide, title="Es läuft", body="Gute Nachrichten.", progress=30
    )
    page.goto(page.base_url + "/projects/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.goto(page.base_url + project.get_absolute_url())
    assert "Es läuft" in page.content()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def staff_browser(page, user):
    """The staff member's session (second factor passed) in the browser."""
    from django.conf import settings
    from django.test import Client

    from aufbruch.core.testing import login_with_mfa

    client = Client()
    login_with_mfa(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.base_url}]
    )


def test_manage_page_with_errors_is_accessible(page, assert_accessible, project, guide):
    staff_browser(page, guide)
    page.goto(page.base_url + f"/staff/projects/{project.pk}/")
    assert_accessible(page)
    page.locator("#id_up-title").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Bericht veröffentlichen").click()
    expect(page.locator("#id_up-title_error")).to_be_visible()
    assert_accessible(page)
