import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "GEHEIM" not in response.content.decode()
    root = ET.fromstring(response.content)
    assert "Datenlizenz Deutschland" in root.find(f"{ATOM}rights").text
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert all(h.startswith("https://aufbruch.example.org/") for h in links), links
    return [
        (e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href"))
        for e in root.iter(f"{ATOM}entry")
    ]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://aufbruch.example.org"


def test_new_ideas_all_per_topic_and_district(client, world):
    idea = world["idea"]
    all_ideas = entries(client, reverse("opendata:feed_ideas"))
    assert sorted(t for t, _ in all_ideas) == [
        "Digitale Sprechstunde",
        idea.title,
    ]  # not the hidden one
    assert f"https://aufbruch.example.org/ideas/{idea.pk}/" in [link for _, link in all_ideas]
    by_topic = reverse("opendata:feed_ideas_by", args=["topic", world["topic"].slug])
    assert sorted(t for t, _ in entries(client, by_topic)) == ["Digitale Sprechstunde", idea.title]
    by_district = reverse("opendata:feed_ideas_by", args=["district", "avenwedde"])
    assert [t for t, _ in entries(client, by_district)] == [idea.title]
    assert (
        client.get(
            reverse("opendata:feed_ideas_by", args=["district", "gibt-es-nicht"])
        ).status_code
        == 404
    )
    assert client.get(reverse("opendata:feed_ideas_by", args=["quatsch", "x"])).status_code == 404


def test_decisions_and_official_responses(client, world):
    titles = [t for t, _ in entries(client, reverse("opendata:feed_decisions"))]
    assert any("Hauptausschuss, 01.03.2026" in t and "angenommen" in t.lower() for t in titles), (
        titles
    )
    assert any(t.startswith("Stellungnahme") for t in titles), titles


def test_idea_timeline(client, world):
    titles = [t for t, _ in entries(client, reverse("opendata:feed_idea", args=[world["idea"].pk]))]
    assert len([t for t in titles if t.startswith("Neuer Status")]) == 5
    assert any("Erster Bericht" in t for t in titles)
    assert client.get(reverse("opendata:feed_idea", args=[world["hidden"].pk])).status_code == 404


def test_project_updates_and_events(client, world):
    assert [t for t, _ in entries(client, reverse("opendata:feed_projects"))] == [
        "Reallabor WLAN: Erster Bericht"
    ]
    assert len(entries(client, reverse("opendata:feed_project", args=[world["project"].pk]))) == 1
    events = entries(client, reverse("opendata:feed_events"))
    assert [t.split(": ", 1)[1] for t, _ in events] == ["Digitalgipfel"]


def test_pages_link_their_feeds(client, world):
    idea = world["idea"]
    cases = {
        reverse("ideas:list") + "?topic=" + world["topic"].slug: [
            reverse("opendata:feed_ideas"),
            reverse("opendata:feed_ideas_by", args=["topic", world["topic"].slug]),
        ],
        idea.get_absolute_url(): [reverse("opendata:feed_idea", args=[idea.pk])],
        reverse("projects:list"): [reverse("opendata:feed_projects")],
        reverse("meetings:list"): [reverse("opendata:feed_events")],
    }
    for page, feeds in cases.items():
        html = client.get(page).content.decode()
        for feed in feeds:
            assert (
                'rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html
            ), (page, feed)


def test_hostile_query_is_not_echoed_into_feed_links(client, world):
    html = client.get(
        reverse("ideas:list"), {"topic": '"><script>alert(1)</script>'}
    ).content.decode()
    assert "<script>alert(1)" not in html
