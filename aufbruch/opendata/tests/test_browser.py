import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_data_page_is_accessible(page, assert_accessible, settings, tmp_path):
    from aufbruch.opendata.export import export_open_data

    settings.MEDIA_ROOT = tmp_path
    export_open_data()
    page.goto(page.base_url + "/open-data/")
    assert page.locator("h1").count() == 1
    assert "Datenlizenz Deutschland" in page.content()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
