"""Read, comment a paragraph, propose an amendment, see the diff and vote, at
1280 px and 360 px and without JavaScript; axe-core clean on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from aufbruch.agenda.models import AgendaComment, Amendment, SectionVote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _flow(page, document, paragraph, assert_accessible, *, label: str):
    page.goto(page.base_url + reverse("agenda:detail", args=[document.pk]))
    assert page.locator("h1").count() == 1
    expect(page.get_by_role("navigation", name="Inhalt")).to_be_visible()
    assert_accessible(page)
    # vote on the first section
    page.locator(f"#vote-{paragraph.section_id}").get_by_role(
        "button", name="Ich stimme zu"
    ).click()
    page.wait_for_selector(f'#vote-{paragraph.section_id} button[aria-pressed="true"]')
    assert_accessible(page)
    # comment a paragraph
    page.goto(page.base_url + reverse("agenda:paragraph", args=[document.pk, paragraph.pk]))
    assert_accessible(page)
    page.get_by_label("Ihr Kommentar").fill(f"Kommentar {label}")
    with page.expect_navigation():
        page.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(page.get_by_text(f"Kommentar {label}")).to_be_visible()
    # propose an amendment with an empty reason first: the error sits at the field
    page.get_by_label("Ihr Formulierungsvorschlag").fill(
        f"Alle Generationen lernen digital ({label})."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Änderung vorschlagen").click()
    assert page.get_by_label("Warum diese Änderung?").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Warum diese Änderung?").fill("Klarer")
    with page.expect_navigation():
        page.get_by_role("button", name="Änderung vorschlagen").click()
    # the diff
    assert page.locator(".agenda-diff__text ins").count() >= 1
    assert "eingefügt:" in page.locator(".agenda-diff__text ins").first.inner_text()
    assert_accessible(page)


def test_read_comment_amend_vote_at_1280(
    page, assert_accessible, browser_login, document, paragraph, resident
):
    browser_login(page, resident)
    _flow(page, document, paragraph, assert_accessible, label="breit")
    assert AgendaComment.objects.filter(author=resident).count() == 1
    assert Amendment.objects.filter(author=resident).count() == 1
    assert SectionVote.objects.get(user=resident).choice == "agree"


def test_at_360_px(page, assert_accessible, browser_login, document, paragraph, resident):
    page.set_viewport_size({"width": 360, "height": 740})
    browser_login(page, resident)
    _flow(page, document, paragraph, assert_accessible, label="schmal")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360


def test_without_javascript(
    browser, live_server, browser_login, assert_accessible, document, paragraph, resident
):
    context = browser.new_context(
        locale="de-DE", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    try:
        browser_login(page, resident)
        page.goto(page.base_url + reverse("agenda:detail", args=[document.pk]))
        with page.expect_navigation():
            page.locator(f"#vote-{paragraph.section_id}").get_by_role(
                "button", name="Ich lehne ab"
            ).click()
        assert SectionVote.objects.get(user=resident).choice == "disagree"
        page.goto(page.base_url + reverse("agenda:paragraph", args=[document.pk, paragraph.pk]))
        page.get_by_label("Ihr Kommentar").fill("Ohne Skript")
        with page.expect_navigation():
            page.get_by_role("button", name="Kommentar veröffentlichen").click()
        page.get_by_label("Ihr Formulierungsvorschlag").fill("Alle lernen digital.")
        page.get_by_label("Warum diese Änderung?").fill("Kürzer")
        with page.expect_navigation():
            page.get_by_role("button", name="Änderung vorschlagen").click()
        assert page.locator(".agenda-diff__text del").count() >= 1
        assert AgendaComment.objects.filter(author=resident).count() == 1
        assert Amendment.objects.filter(author=resident).count() == 1
    finally:
        context.close()


def test_versions_compare_and_results_are_accessible(
    page, assert_accessible, document, paragraph, resident, office
):
    from aufbruch.agenda import services

    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Alle lernen.", reason="Kurz"
    )
    services.amendment_accept(amendment=a, actor=office, reason="Gut")
    services.version_publish(document=document, actor=office, note="Fassung 2")
    for url in (
        reverse("agenda:compare", args=[document.pk]) + "?from=1&to=2",
        reverse("agenda:versions", args=[document.pk]),
        reverse("agenda:results", args=[document.pk]),
    ):
        page.goto(page.base_url + url)
        assert_accessible(page)
    page.goto(page.base_url + reverse("agenda:compare", args=[document.pk]) + "?from=1&to=2")
    expect(page.get_by_role("link", name=f"Änderungsantrag Nr. {a.pk}")).to_be_visible()
