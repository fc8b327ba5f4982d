import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path", ["/", "/about/", "/netiquette/", "/privacy/", "/accessibility/", "/imprint/"]
)
def test_static_pages_are_accessible(page, assert_accessible, path):
    page.goto(page.base_url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_skip_link_reaches_main_content_by_keyboard(page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_layout_has_no_horizontal_scroll_at_320px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_pages_load_nothing_from_third_parties(page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.base_url + "/")
    page.wait_for_load_state("networkidle")
    foreign = [u for u in requests if not u.startswith(page.base_url) and not u.startswith("data:")]
    assert requests and foreign == []
