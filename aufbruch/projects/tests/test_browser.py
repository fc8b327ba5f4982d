import pytest

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
