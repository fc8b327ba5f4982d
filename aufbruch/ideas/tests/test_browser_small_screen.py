"""The idea page and the list on a phone-sized screen (360 × 740)."""

import re

import pytest
from playwright.sync_api import expect

from aufbruch.comments.services import comment_create
from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory
from aufbruch.ideas.services import idea_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
BODY = "\n\n".join(
    [
        "Viele Eltern in **Avenwedde** bringen ihre Kinder mit dem Auto zur Schule, "
        "weil der Weg über die Kreuzung an der Bahnhofstraße als gefährlich gilt."
    ]
    * 6
)


@pytest.fixture
def demo_idea(db):
    author = UserFactory(display_name="Anna K.")
    idea = idea_submit(
        author=author,
        title="Sichere Schulwege mit digitaler Ampelschaltung in Avenwedde",
        body=BODY,
        topic=TopicFactory(name="Mobilität", slug="mobilitaet"),
        district=DistrictFactory(name="Avenwedde", slug="avenwedde"),
        latitude="51.910000",
        longitude="8.400000",
    )
    for n in range(6):
        parent = comment_create(idea=idea, author=UserFactory(), body=f"Gute Idee, Nummer {n}.")
        comment_create(idea=idea, author=author, body="Danke!", parent=parent)
    return idea


def first_screen_bottom(page, locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def test_support_button_is_in_the_first_screen(page, demo_idea, browser_login, assert_accessible):
    page.set_viewport_size(PHONE)
    browser_login(page, UserFactory())
    page.goto(page.base_url + demo_idea.get_absolute_url())
    for locator in (
        page.locator("h1"),
        page.locator(".ideas-detail__head .ideas-status"),
        page.locator(".ideas-counts"),
        page.get_by_role("button", name="Unterstützen"),
    ):
        expect(locator).to_be_visible()
        assert first_screen_bottom(page, locator) <= PHONE["height"]
    assert_accessible(page)


def test_anonymous_visitor_sees_the_way_to_support_in_the_first_screen(page, demo_idea):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + demo_idea.get_absolute_url())
    link = page.get_by_role(
        "link", name="Melden Sie sich an, um diese Idee zu unterstützen oder ihr zu folgen"
    )
    assert first_screen_bottom(page, link) <= PHONE["height"]


def test_header_collapses_into_a_menu_button(page, demo_idea, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/ideas/")
    ideas_link = page.get_by_role("link", name="Ideen", exact=True)
    expect(ideas_link).to_be_hidden()
    page.get_by_text("Menü").click()
    expect(ideas_link).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_text("Menü")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Ideen", exact=True
        )
    ).to_be_visible()


def test_list_filters_fold_behind_one_button(page, demo_idea, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/ideas/")
    topic = page.get_by_label("Handlungsfeld")
    expect(topic).to_be_hidden()
    page.get_by_text("Suchen und filtern").click()
    expect(topic).to_be_visible()
    topic.select_option("mobilitaet")
    page.get_by_role("button", name="Ideen anzeigen").click()
    page.wait_for_url("**topic=mobilitaet**")
    assert_accessible(page)


def test_menu_and_filters_work_without_javascript(browser, live_server, demo_idea):
    context = browser.new_context(locale="de-DE", java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/ideas/?topic=mobilitaet")
    # A set filter keeps the fold open.
    expect(page.get_by_label("Handlungsfeld")).to_be_visible()
    page.get_by_text("Menü").click()
    page.get_by_role("link", name="Ideen", exact=True).first.click()
    expect(page.get_by_label("Handlungsfeld")).to_be_hidden()
    context.close()


def test_idea_page_without_javascript_on_a_phone(browser, live_server, demo_idea):
    context = browser.new_context(locale="de-DE", java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + demo_idea.get_absolute_url())
    link = page.get_by_role(
        "link", name="Melden Sie sich an, um diese Idee zu unterstützen oder ihr zu folgen"
    )
    assert first_screen_bottom(page, link) <= PHONE["height"]
    # The map needs JavaScript; the place is still given in words.
    expect(page.locator("[data-ideas-map]")).to_be_hidden()
    expect(page.get_by_text(re.compile(r"Breitengrad 51[.,]91"))).to_be_visible()
    context.close()
