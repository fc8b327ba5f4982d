from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aufbruch.core.testing import UserFactory, enable_totp
from aufbruch.staff.models import StaffRoleKind
from aufbruch.surveys import services
from aufbruch.surveys.models import Answer, Response, Survey

from .conftest import Built, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_take_a_survey_by_keyboard_with_condition(page, assert_accessible, browser_login):
    office = staff_user(StaffRoleKind.OFFICE)
    built = Built(office)
    person = UserFactory()
    browser_login(page, person)
    page.goto(page.base_url + f"/surveys/{built.survey.pk}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    why = page.locator(f'[data-condition-field="{built.used.field_name}"]')
    assert why.is_hidden()  # the condition is not met yet (enhancement by JS)
    page.locator(f"#{built.used.field_name}-{built.yes.pk}").focus()
    page.keyboard.press("Space")
    expect(why).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.type("Eine Terminbuchung")
    # A wrong number: the error is shown, the other input kept.
    page.locator(f"#{built.age.field_name}").fill("viele")
    page.get_by_role("button", name="Antworten absenden").press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.locator(f"#{built.why.field_name}").input_value() == "Eine Terminbuchung"
    assert_accessible(page)
    assert (
        "Bitte geben Sie eine Zahl ein."
        in page.locator(f"#{built.age.field_name}-error").inner_text()
    )
    page.locator(f"#{built.age.field_name}").fill("3")
    page.get_by_role("button", name="Antworten absenden").press("Enter")
    page.wait_for_url(f"**/surveys/{built.survey.pk}/thanks/")
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + f"/surveys/{built.survey.pk}/")
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    response = Response.objects.get(user=person)
    assert Answer.objects.get(response=response, question=built.why).text == "Eine Terminbuchung"


def test_survey_works_without_javascript(browser, live_server):
    office = staff_user(StaffRoleKind.OFFICE)
    built = Built(office)
    token = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + f"/surveys/{built.survey.pk}/")
    # shown with a note
    expect(page.locator(f'[data-condition-field="{built.used.field_name}"]')).to_be_visible()
    page.fill("#id_code", token.code)
    page.check(f"#{built.used.field_name}-{built.no.pk}")
    page.fill(f"#{built.why.field_name}", "wird ignoriert")
    page.check(f"#{built.likert.field_name}-{built.likert.options.all()[0].pk}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/surveys/{built.survey.pk}/thanks/")
    context.close()
    response = Response.objects.get()
    assert response.user_id is None and not response.answers.filter(question=built.why).exists()


def test_results_page_with_chart_and_table_is_accessible(page, assert_accessible):
    office = staff_user(StaffRoleKind.OFFICE)
    built = Built(office)
    for _ in range(3):
        services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory(birth_year=1990)
        )
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    page.goto(page.base_url + f"/surveys/{built.survey.pk}/results/")
    assert page.locator("svg.ab-chart").count() == 4 and page.locator("table").count() >= 4
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_staff_pages_are_accessible(page, assert_accessible, browser_login):
    office = staff_user(StaffRoleKind.OFFICE)
    enable_totp(office)
    built = Built(office)
    services.tokens_issue(survey=built.survey, actor=office, count=4)
    draft = Built(office, publish=False)
    browser_login(page, office)
    for path in [
        "/surveys/",
        "/staff/surveys/",
        f"/staff/surveys/{draft.survey.pk}/",
        f"/staff/surveys/{built.survey.pk}/tokens/",
        f"/staff/surveys/{built.survey.pk}/paper/",
        f"/surveys/{built.survey.pk}/results/",
    ]:
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_wide_district_table_scrolls_by_keyboard_and_keeps_its_title(page, assert_accessible):
    """Many districts make the table wider than a phone: the scrolling box must be
    focusable (axe: scrollable-region-focusable) and the title must stay in view."""
    from aufbruch.organisation.models import District

    office = staff_user(StaffRoleKind.OFFICE)
    built = Built(office)
    districts = [
        District.objects.create(name=f"Stadtteil Nummer {i} am Rand", slug=f"stadtteil-{i}")
        for i in range(8)
    ]
    for d in districts[:3]:
        services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory(district=d)
        )
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + f"/surveys/{built.survey.pk}/results/")
    region = page.locator('[role="region"][aria-labelledby^="crosstab-district-"]').first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # it really scrolls
    assert region.get_attribute("tabindex") == "0"
    title = page.locator("#" + region.get_attribute("aria-labelledby"))
    assert title.inner_text() == built.used.text
    assert_accessible(page)
    region.focus()
    page.keyboard.press("End")
    region.evaluate("el => el.scrollBy(400, 0)")
    assert region.evaluate("el => el.scrollLeft") > 0
    expect(title).to_be_visible()
    assert title.bounding_box()["x"] >= 0
