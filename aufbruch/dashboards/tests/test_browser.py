import pytest
from django.urls import reverse

from aufbruch.core.testing import enable_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overall_dashboard_is_accessible(page, assert_accessible, browser_login, city):
    enable_totp(city["office"])
    browser_login(page, city["office"])
    page.goto(page.base_url + reverse("dashboards:index"))
    assert page.locator("h1").count() == 1
    assert page.locator("svg.ab-chart").count() == 2
    assert_accessible(page)


def test_department_dashboard_is_accessible_at_320px(page, assert_accessible, browser_login, city):
    enable_totp(city["guide"])
    browser_login(page, city["guide"])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + reverse("dashboards:department", args=[city["mobility"].slug]))
    assert_accessible(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
