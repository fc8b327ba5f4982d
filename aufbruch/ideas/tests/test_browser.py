import io
import re

import pytest
from PIL import Image

from aufbruch.core.testing import TopicFactory, UserFactory
from aufbruch.ideas.models import Idea, IdeaImage, Support
from aufbruch.ideas.services import idea_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, format="JPEG")
    return buf.getvalue()


def no_horizontal_scroll(page) -> bool:
    return (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_submit_with_photo_and_map_point_by_keyboard_then_support(
    page, browser_login, assert_accessible
):
    author = UserFactory(display_name="Radlerin")
    TopicFactory(name="Mobilität", slug="mobilitaet")
    browser_login(page, author)
    page.goto(page.base_url + "/ideas/new/")
    assert_accessible(page)

    page.get_by_label("Titel", exact=True).focus()
    page.keyboard.type("Sichere Fahrradstraßen zur Schule")
    page.keyboard.press("Tab")
    page.keyboard.type("Die Wege zu den Schulen sollen **sicherer** werden.")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # first field of action
    assert page.get_by_label("Handlungsfeld").input_value() != ""

    # The map: focus it by keyboard and press Enter to set the point at its centre.
    map_el = page.locator("[data-ideas-map]")
    map_el.wait_for(state="visible")
    map_el.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    lat = page.get_by_label("Breitengrad").input_value()
    lon = page.get_by_label("Längengrad").input_value()
    assert re.fullmatch(r"51\.9\d+", lat) and re.fullmatch(r"8\.\d+", lon)

    page.locator("#id_image_1").set_input_files(
        {"name": "schulweg.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    page.locator("#id_alt_text_1").focus()
    page.keyboard.type("Kreuzung vor der Grundschule")
    page.get_by_role("button", name="Idee veröffentlichen").focus()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/ideas/\d+/$"))
    assert page.locator("h1").inner_text() == "Sichere Fahrradstraßen zur Schule"
    assert page.locator('img[alt="Kreuzung vor der Grundschule"]').count() == 1
    assert page.locator(".leaflet-marker-icon").count() == 1
    idea = Idea.objects.get()
    assert str(idea.latitude) == lat and IdeaImage.objects.filter(idea=idea).count() == 1

    page.get_by_role("button", name="Unterstützen").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Unterstützung zurückziehen").wait_for()
    assert Support.objects.filter(idea=idea, user=author).count() == 1
    assert_accessible(page)


def test_list_search_swaps_results_and_updates_the_url(page):
    author = UserFactory()
    topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    idea_submit(
        author=author,
        title="Mehr Fahrradstraßen in der Innenstadt",
        body="Vorrang fürs Rad",
        topic=topic,
    )
    idea_submit(
        author=author, title="Freies WLAN am Berliner Platz", body="Internet für alle", topic=topic
    )
    page.goto(page.base_url + "/ideas/")
    page.locator("main").get_by_label("Suche").fill("Fahrradstraße")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Fahrradstra"))
    cards = page.locator(".ideas-card")
    cards.first.wait_for()
    assert cards.count() == 1 and "Fahrradstraßen" in cards.first.inner_text()
    # Changing a filter does not reload by itself (no change of context on input, WCAG 3.2.2).
    page.get_by_label("Sortieren nach").select_option("supported")
    assert "sort=supported" not in page.url
    page.get_by_role("button", name="Ideen anzeigen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=supported"))
    # (focused by a script once the page has loaded: wait for it rather than read once)
    page.wait_for_function("() => document.activeElement?.id === 'idea-results-heading'")


@pytest.mark.parametrize("width", [1280, 320])
def test_idea_pages_are_accessible(page, browser_login, assert_accessible, width):
    author = UserFactory(display_name="Autorin")
    topic = TopicFactory(name="Leben", slug="leben")
    idea = idea_submit(
        author=author,
        title="Ein Platz für alle",
        body="Mit *Bänken* und Schatten.",
        topic=topic,
        latitude="51.906900",
        longitude="8.378500",
    )
    page.set_viewport_size({"width": width, "height": 800})
    browser_login(page, author)
    for path in (
        "/ideas/",
        "/ideas/?q=Platz&sort=trending",
        idea.get_absolute_url(),
        "/ideas/new/",
        f"/ideas/{idea.pk}/edit/",
        f"/ideas/{idea.pk}/versions/",
    ):
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert no_horizontal_scroll(page), path
