"""Submitting an idea with 'Gibt es Ihre Idee schon?' in Chromium at 1280 and
360 px: suggestions while typing (htmx), and without JavaScript the step
after the first submit; axe-core on every screen; one idea is created."""

import re

import pytest
from playwright.sync_api import expect

from aufbruch.core.testing import TopicFactory, UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
EXISTING = "Radweg an der Bahnhofstraße sicherer machen"


@pytest.fixture
def existing(db):
    return idea_submit(
        author=UserFactory(display_name="Nachbarin"),
        title=EXISTING,
        body="Viele Kinder fahren hier zur Schule.",
        topic=TopicFactory(name="Mobilität", slug="mobilitaet"),
    )


def fill_rest_and_submit(pg):
    pg.get_by_label("Ihre Idee", exact=True).fill("Bitte eine sichere Spur für Räder.")
    pg.get_by_label("Handlungsfeld").select_option(label="Mobilität")
    pg.get_by_role("button", name="Idee veröffentlichen").click()


@pytest.mark.parametrize("size", SIZES)
def test_suggestions_while_typing(page, existing, browser_login, assert_accessible, size):
    page.set_viewport_size(SIZES[size])
    browser_login(page, UserFactory())
    page.goto(page.base_url + "/ideas/new/")
    page.get_by_label("Titel", exact=True).focus()
    page.keyboard.type("Fahrradweg Bahnhofstraße")
    region = page.locator("#ideas-similar")
    region.get_by_role("heading", name="Gibt es Ihre Idee schon?").wait_for()
    assert region.get_attribute("aria-live") == "polite"
    support = region.get_by_role("link", name=re.compile(f"^Unterstützen.*{EXISTING}$"))
    assert support.get_attribute("href") == existing.get_absolute_url() + "#idea-actions"
    expect(
        region.get_by_role("link", name=re.compile(f"^Kommentieren.*{EXISTING}$"))
    ).to_be_visible()
    assert_accessible(page)
    # Keyboard: the links are reachable with Tab from the title.
    page.get_by_label("Titel", exact=True).focus()
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent").startswith("Unterstützen"):
            break
    else:
        pytest.fail("the suggestion's links are not reachable by keyboard")

    # The suggestions were seen: submitting publishes directly.
    fill_rest_and_submit(page)
    page.get_by_role("heading", name="Fahrradweg Bahnhofstraße").wait_for()
    assert Idea.objects.count() == 2


@pytest.mark.parametrize("size", SIZES)
def test_without_javascript_the_step_comes_after_the_first_submit(
    browser, live_server, existing, browser_login, assert_accessible, size
):
    context = browser.new_context(locale="de-DE", java_script_enabled=False, viewport=SIZES[size])
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    try:
        browser_login(pg, UserFactory())
        pg.goto(live_server.url + "/ideas/new/")
        pg.get_by_label("Titel", exact=True).fill("Fahrradweg Bahnhofstraße")
        fill_rest_and_submit(pg)
        pg.get_by_role("heading", name="Gibt es Ihre Idee schon?", level=1).wait_for()
        assert Idea.objects.count() == 1
        expect(
            pg.get_by_role("link", name=re.compile(f"^Unterstützen.*{EXISTING}$"))
        ).to_be_visible()
        assert_accessible(pg, javascript=False)
        pg.get_by_role("button", name="Meine Idee trotzdem einreichen").click()
        pg.get_by_role("heading", name="Fahrradweg Bahnhofstraße").wait_for()
        idea = Idea.objects.exclude(pk=existing.pk).get()
        assert idea.body == "Bitte eine sichere Spur für Räder."
    finally:
        context.close()


def test_header_search_on_a_phone(page, existing, assert_accessible):
    page.set_viewport_size(SIZES["phone"])
    page.goto(page.base_url + "/")
    page.get_by_text("Menü").click()
    box = page.locator("#site-search-menu")
    box.fill("Fahrradweg")
    box.press("Enter")
    page.get_by_role("heading", name="Suche", level=1).wait_for()
    expect(page.get_by_role("link", name=EXISTING)).to_be_visible()
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert_accessible(page)
