import pytest

from aufbruch.opinions import services
from aufbruch.opinions.models import Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _press_enter_and_wait_for_settle(page):
    """Press Enter and wait until htmx has settled the new card.

    htmx moves the focus to the new card's [autofocus] button in its settle
    step, 20 ms after the swap; a test that focuses another button before then
    would see its focus taken away again.
    """
    page.evaluate(
        """() => { window.__abSettled = new Promise((resolve) =>
            document.body.addEventListener("htmx:afterSettle", resolve, { once: true })) }"""
    )
    page.keyboard.press("Enter")
    page.evaluate("() => window.__abSettled.then(() => true)")


def test_vote_by_keyboard_swaps_in_the_next_statement(page, assert_accessible, opinion_map):
    first, second, third = opinion_map.statements.order_by("id")[:3]
    page.goto(page.base_url + opinion_map.get_absolute_url())
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_role("button", name="Zustimmen").focus()
    _press_enter_and_wait_for_settle(page)
    page.get_by_text(second.text).wait_for()
    # swapped by htmx (the page's messages region is a second, empty status)
    saved = page.get_by_role("status").filter(has_text="Ihre Stimme wurde gespeichert.")
    assert saved.inner_text() == "Ihre Stimme wurde gespeichert."
    # the new card's first button has the focus, so voting continues by keyboard
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Zustimmen"
    page.get_by_role("button", name="Ablehnen").focus()
    _press_enter_and_wait_for_settle(page)
    page.get_by_text(third.text).wait_for()
    assert list(Vote.objects.order_by("statement_id").values_list("statement_id", "value")) == [
        (first.pk, 1),
        (second.pk, -1),
    ]
    # (a key press that beats htmx to the new card posts the form normally: the vote counts all the same)
    assert_accessible(page)


def test_voting_works_without_javascript(browser, live_server, opinion_map):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    pg = context.new_page()
    first, second = opinion_map.statements.order_by("id")[:2]
    pg.goto(live_server.url + opinion_map.get_absolute_url())
    pg.get_by_role("button", name="Überspringen / unsicher").click()
    pg.get_by_text(second.text).wait_for()
    assert Vote.objects.get().value == 0
    context.close()


def test_results_page_is_accessible_and_fits_320px(
    page, assert_accessible, opinion_map, make_voters
):
    make_voters(24)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + f"/opinions/{opinion_map.pk}/results/")
    assert page.locator("svg[role=img] use").count() == 24
    assert page.get_by_role("heading", name="Gruppe A: 12 Teilnehmende").count() == 1
    assert_accessible(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_statement_error_is_announced_next_to_the_field(
    page, assert_accessible, browser_login, opinion_map, user
):
    browser_login(page, user)
    page.goto(page.base_url + opinion_map.get_absolute_url())
    page.get_by_label("Ihre Aussage").fill("<b>laut</b>")
    page.get_by_role("button", name="Aussage einreichen").click()
    page.locator("#id_text-error").wait_for()
    assert page.get_by_label("Ihre Aussage").input_value() == "<b>laut</b>"
    assert_accessible(page)


def test_list_and_staff_pages_are_accessible(
    page, assert_accessible, browser_login, opinion_map, moderator, user
):
    services.statement_add(opinion_map=opinion_map, author=user, text="Bitte prüfen.")
    page.goto(page.base_url + "/opinions/")
    assert_accessible(page)
    from aufbruch.core.testing import enable_totp

    enable_totp(moderator)
    browser_login(page, moderator)
    page.goto(page.base_url + f"/staff/opinions/{opinion_map.pk}/moderate/")
    assert page.get_by_text("Bitte prüfen.").count() == 1
    assert_accessible(page)
    page.goto(page.base_url + "/staff/opinions/")
    assert_accessible(page)


def test_you_are_here_is_accessible_at_360px(
    page, assert_accessible, browser_login, opinion_map, make_voters, user
):
    make_voters(24)
    p = services.participant_for(opinion_map=opinion_map, user=user)
    for s in opinion_map.statements.order_by("id"):
        services.vote_cast(participant=p, statement=s, value=1)
    result = services.cluster_recompute(opinion_map_id=opinion_map.pk)
    letter = "AB"[result.participant_groups[str(p.pk)]]
    browser_login(page, user)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + f"/opinions/{opinion_map.pk}/results/")
    box = page.get_by_role("status").filter(has_text="Sie gehören zu")
    assert f"Sie gehören zu Gruppe {letter}" in box.inner_text()
    assert page.locator("svg[role=img] g.opinions-you circle").count() == 2
    assert page.get_by_role("heading", name="Was die Gruppen bedeuten – und was nicht").count() == 1
    assert_accessible(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    box.get_by_role("link").click()
    assert page.url.endswith(f"#group-{result.participant_groups[str(p.pk)]}")
