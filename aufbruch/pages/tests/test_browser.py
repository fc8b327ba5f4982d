"""The site pages in Chromium: both format links in the header of every kind
of public page, axe-core clean at 1280 px, no sideways scrolling at 360 px,
readable without JavaScript, sign language slots with captions or no player."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from aufbruch.guides.services import idea_assign, response_publish, response_summary_set
from aufbruch.pages.services import sign_video_save

from .conftest import MP4_HEAD, VTT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A representative page of every public template family (test_views walks
# every URL pattern without parameters as well). axe-core runs on the pages of
# this app and on those it changed; the other apps' browser tests check theirs.
OTHER_PATHS = [
    "/ideas/", "/events/", "/boards/", "/surveys/", "/opinions/", "/assumptions/",
    "/accounts/login/", "/accounts/signup/",
]  # fmt: skip
OWN_PATHS = [
    "/", "{idea}", "/about/", "/privacy/", "/imprint/", "/accessibility/", "/contact/", "/help/",
    "/netiquette/", "/leichte-sprache/", "/leichte-sprache/mitmachen/",
    "/leichte-sprache/was-mit-ideen-passiert/", "/gebaerdensprache/",
]  # fmt: skip


@pytest.fixture
def site(seeded, idea, guide, department):
    office = seeded
    idea_assign(idea=idea, actor=office, department=department, assignee=guide)
    response = response_publish(idea=idea, actor=guide, text="Die lange Stellungnahme.")
    response_summary_set(response=response, actor=guide, summary="Die Idee ist gut.")
    return {"idea": idea.get_absolute_url(), "office": office}


def _format_links(page):
    nav = page.get_by_role("navigation", name="Barrierefreie Angebote")
    return nav.get_by_role("link", name="Leichte Sprache"), nav.get_by_role(
        "link", name="Gebärdensprache"
    )


def test_header_links_on_other_apps_pages(page, site):
    for path in OTHER_PATHS:
        page.goto(page.base_url + path)
        easy, sign = _format_links(page)
        assert easy.is_visible() and sign.is_visible(), path


@pytest.mark.parametrize("path", OWN_PATHS)
def test_header_links_on_every_public_page_and_axe_clean(page, assert_accessible, site, path):
    page.goto(page.base_url + path.format(**site))
    easy, sign = _format_links(page)
    assert easy.is_visible() and sign.is_visible()
    assert easy.get_attribute("href") == "/leichte-sprache/"
    assert sign.get_attribute("href") == "/gebaerdensprache/"
    # The icons are decoration; the visible text is the name.
    assert page.locator(".ab-formats img[alt=''][aria-hidden='true']").count() == 2
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_format_links_come_right_after_the_skip_link_by_keyboard(page, site):
    page.goto(page.base_url + "/privacy/")
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        names.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert names[1:] == ["Leichte Sprache", "Gebärdensprache"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leichte-sprache/")
    assert page.locator("h1").inner_text() == "Leichte Sprache"


@pytest.mark.parametrize(
    "path", ["/leichte-sprache/was-mit-ideen-passiert/", "/gebaerdensprache/", "/privacy/", "/"]
)
def test_pages_fit_360px(page, site, assert_accessible, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + path)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    easy, sign = _format_links(page)
    assert easy.is_visible() and sign.is_visible()
    assert_accessible(page)


def test_pages_work_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        for path in (
            "/leichte-sprache/",
            "/leichte-sprache/mitmachen/",
            "/gebaerdensprache/",
            "/accessibility/",
        ):
            page.goto(live_server.url + path)
            assert page.locator("h1").count() == 1
            easy, sign = _format_links(page)
            assert easy.is_visible() and sign.is_visible()
        page.goto(live_server.url + "/leichte-sprache/mitmachen/")
        assert page.locator("img.ab-picto").count() >= 6
        page.goto(live_server.url + site["idea"])
        summary = page.locator(".ab-short-summary")
        assert "Die Idee ist gut." in summary.inner_text()
    finally:
        context.close()


def test_sign_language_slots_have_captions_and_transcript_or_no_player(
    page, site, assert_accessible
):
    sign_video_save(
        topic="about", actor=site["office"], transcript="Willkommen beim Digitalen Aufbruch.",
        video=SimpleUploadedFile("a.mp4", MP4_HEAD), captions=SimpleUploadedFile("a.vtt", VTT),
    )  # fmt: skip
    page.goto(page.base_url + "/gebaerdensprache/")
    slots = page.locator(".ab-sign-slots > li")
    assert slots.count() == 5
    for i in range(slots.count()):
        slot = slots.nth(i)
        videos = slot.locator("video")
        if videos.count():
            assert videos.locator("track[kind='captions']").count() == 1
            assert slot.locator("details summary").inner_text() == "Transkript des Videos"
        else:
            expect(slot.locator(".ab-sign-placeholder")).to_be_visible()
    assert page.locator("video").count() == 1
    track = page.locator("track").get_attribute("src")
    assert page.request.get(page.base_url + track).text().startswith("WEBVTT")
    assert_accessible(page)


def test_the_office_edits_previews_and_publishes_in_the_browser(
    page, browser_login, assert_accessible, site
):
    from aufbruch.core.testing import enable_totp

    enable_totp(site["office"])
    browser_login(page, site["office"])
    page.goto(page.base_url + "/staff/pages/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("table").get_by_role("link", name="So können Sie mitmachen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Mitmachen")
    with page.expect_navigation():
        page.get_by_role("button", name="Als neue Version speichern und Vorschau zeigen").click()
    assert "Vorschau von Version 2" in page.inner_text("main")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Diese Version veröffentlichen").click()
    page.goto(page.base_url + "/leichte-sprache/mitmachen/")
    assert page.locator("h1").inner_text() == "Mitmachen"
    assert page.locator(".ab-sample").count() == 0
