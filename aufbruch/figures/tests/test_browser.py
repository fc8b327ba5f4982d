"""The public figures and committee pages: axe-clean at 1280 and 360 px,
no horizontal scrolling on a phone, and complete without JavaScript."""

from datetime import date

import pytest
from django.urls import reverse

from aufbruch.committees.models import Decision
from aufbruch.committees.services import (
    agenda_add,
    agenda_item_set_plain_summary,
    meeting_create,
    meeting_record_decisions,
)
from aufbruch.core.testing import enable_totp
from aufbruch.figures.services import population_replace

from .conftest import to_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _story(idea, office, topic):
    to_pool(idea, office)
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/2026/12"
    )
    item = agenda_add(meeting=meeting, idea=idea, actor=office)
    meeting_record_decisions(
        meeting=meeting, actor=office, decisions={item.pk: (Decision.ADOPTED, "Gut begründet.")}
    )
    agenda_item_set_plain_summary(item=item, actor=office, text="Der Ausschuss sagt ja.")
    population_replace(actor=None, age={"u18": 100, "18-29": 200}, district={}, is_demo=True)
    return meeting


PAGES = ["/figures/", "/committees/"]


def test_public_pages_accessible_and_narrow(page, assert_accessible, idea, office, topic):
    meeting = _story(idea, office, topic)
    paths = [
        *PAGES,
        f"/figures/?topic={topic.slug}",
        reverse("council:detail", args=[meeting.pk]),
        idea.get_absolute_url(),
    ]
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(page.base_url + path)
            assert page.locator("h1").count() == 1, path
            assert_accessible(page)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, width)
    page.goto(page.base_url + "/figures/")
    assert page.locator("svg.ab-chart").count() >= 4 and page.locator("table").count() >= 4


def test_public_pages_without_javascript(browser, live_server, idea, office, topic):
    meeting = _story(idea, office, topic)
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    pg = context.new_page()
    pg.goto(live_server.url + "/figures/")
    assert "Stand:" in pg.content() and "Demo-Werte" in pg.content()
    pg.select_option("#f-topic", topic.slug)
    pg.get_by_role("button", name="Anzeigen").click()
    pg.wait_for_load_state()
    assert f"topic={topic.slug}" in pg.url and topic.name in pg.locator("h1").inner_text()
    pg.goto(live_server.url + reverse("council:detail", args=[meeting.pk]))
    assert "Gut begründet." in pg.content() and "Der Ausschuss sagt ja." in pg.content()
    context.close()


def test_staff_figures_page_accessible(page, browser_login, assert_accessible, idea, office, topic):
    _story(idea, office, topic)
    enable_totp(office)
    browser_login(page, office)
    page.goto(page.base_url + reverse("figures_staff:index"))
    assert_accessible(page)
    page.get_by_label("Erster Tag").fill("2026-03-01")
    page.get_by_label("Letzter Tag").fill("2026-03-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Vorschau des Berichts").click()
    assert "Sachstandsbericht zur Digitalen Agenda" in page.content()
    assert_accessible(page)
