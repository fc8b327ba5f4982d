import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aufbruch.core.testing import login_with_mfa
from aufbruch.pages.models import Page, PageRevision, SignVideo
from aufbruch.pages.services import sign_video_save

from .conftest import MP4_HEAD, VTT

pytestmark = pytest.mark.django_db

HEADER_LINKS = ('href="/leichte-sprache/"', 'href="/gebaerdensprache/"')


def _has_format_links(html: str) -> bool:
    nav = re.search(r'<nav class="ab-formats".*?</nav>', html, re.S)
    return bool(nav) and all(link in nav.group(0) for link in HEADER_LINKS)


def _static_public_paths() -> list[str]:
    """Every URL pattern without parameters (walks the resolver)."""
    out = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "<" in route or "(?P" in route or "^" in route or "$" in route:
                    continue
                out.append("/" + route)

    walk(get_resolver().url_patterns, "")
    skip = ("/api/", "/admin/", "/i18n/", "/health/", "/staff/", "/media/")
    return sorted({p for p in out if not p.startswith(skip)})


def test_every_public_page_has_both_header_links(client, seeded):
    checked = 0
    for path in _static_public_paths():
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "<html" not in html:
            continue  # htmx partials
        assert _has_format_links(html), path
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize(
    "name", ["about", "netiquette", "privacy", "imprint", "accessibility", "contact", "help"]
)
def test_unpublished_pages_still_answer(client, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert "noch nicht veröffentlicht" in response.content.decode()


def test_demo_legal_pages_have_the_structure_the_law_asks_for(client, seeded):
    privacy = client.get(reverse("privacy")).content.decode()
    for part in (
        "Verantwortliche Stelle", "Datenschutzbeauftragte", "Rechtsgrundlagen", "Art. 6 Abs. 1 lit. e",
        "Speicherdauer", "Ihre Rechte", "Art. 77", "basemap.de",
        "Bundesamts für Kartographie und Geodäsie", "Mustertext",
    ):  # fmt: skip
        assert part in privacy, part
    imprint = client.get(reverse("imprint")).content.decode()
    assert "§ 18 Abs. 2 MStV" in imprint and "Aufsichtsbehörde" in imprint
    statement = client.get(reverse("accessibility")).content.decode()
    for part in (
        "Stand der Vereinbarkeit", "Nicht barrierefreie Inhalte", "Erstellung dieser Erklärung",
        "Barriere melden", "Durchsetzungsverfahren", "Schlichtungsstelle",
        'href="/leichte-sprache/"', 'href="/gebaerdensprache/"',
    ):  # fmt: skip
        assert part in statement, part
    for name in ("help", "contact"):
        html = client.get(reverse(name)).content.decode()
        assert "Auch in Leichter Sprache und in Gebärdensprache" in html
    # Sample text is marked as such on every page.
    assert "Mustertext." in privacy and "nicht rechtsverbindlich" in imprint


def test_easy_language_pages(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        index = client.get(reverse("easy_language"))
    html = index.content.decode()
    for slug in (
        "was-ist-der-digitale-aufbruch",
        "mitmachen",
        "was-mit-ideen-passiert",
        "hilfe",
        "barrierefreiheit",
    ):
        assert f'href="/leichte-sprache/{slug}/"' in html
    with django_assert_max_num_queries(3):
        page = client.get(reverse("easy_language_page", args=["was-mit-ideen-passiert"]))
    html = page.content.decode()
    for label in ("eingereicht", "in Prüfung", "im Projektpool", "vom Ausschuss beschlossen",
                  "Machbarkeitsprüfung", "Reallabor", "umgesetzt", "Abgelehnt", "Zusammengeführt"):  # fmt: skip
        assert label in html, label
    assert 'class="ab-easy"' in html and "pictograms/pruefen.svg" in html
    assert "Das ist ein Beispiel-Text." in html
    assert client.get(reverse("easy_language_page", args=["privacy"])).status_code == 404
    assert client.get(reverse("easy_language_page", args=["gibt-es-nicht"])).status_code == 404


def test_sign_language_page_shows_placeholders_never_a_broken_player(
    client, office, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        html = client.get(reverse("sign_language")).content.decode()
    assert "<video" not in html
    assert html.count('class="ab-sign-placeholder"') == 5
    assert "Hier gehört ein Video in Deutscher Gebärdensprache hin" in html
    sign_video_save(
        topic="participate", actor=office, transcript="Das Video erklärt das Mitmachen.",
        video=SimpleUploadedFile("a.mp4", MP4_HEAD), captions=SimpleUploadedFile("a.vtt", VTT),
    )  # fmt: skip
    html = client.get(reverse("sign_language")).content.decode()
    assert html.count("<video") == 1 and html.count('class="ab-sign-placeholder"') == 4
    assert '<track kind="captions" src="/gebaerdensprache/participate/untertitel.vtt"' in html
    assert "Das Video erklärt das Mitmachen." in html
    captions = client.get("/gebaerdensprache/participate/untertitel.vtt")
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")
    assert client.get("/gebaerdensprache/about/untertitel.vtt").status_code == 404


# --- staff editor -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["participant", "author", "guide", "moderator"])
def test_only_the_office_opens_the_editor(client, as_role, role, office):
    as_role(role)
    for url in (
        reverse("pages_staff:index"),
        reverse("pages_staff:edit", args=["imprint"]),
        reverse("pages_staff:sign_video", args=["about"]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("pages_staff:edit", args=["imprint"]), {"title": "Impressum", "body": "Text"}
    )
    assert response.status_code == 403
    assert not PageRevision.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("pages_staff:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_office_edits_previews_and_publishes(client, office, django_assert_max_num_queries):
    login_with_mfa(client, office)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("pages_staff:index")).status_code == 200
    assert "§ 5 DDG" in client.get(reverse("pages_staff:edit", args=["imprint"])).content.decode()
    response = client.post(
        reverse("pages_staff:edit", args=["imprint"]),
        {"title": "Impressum", "body": "## Anbieterin\nStadt Gütersloh"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pages_staff:preview", args=["imprint", 1])
    preview = client.get(response["Location"]).content.decode()
    assert "Vorschau von Version 1" in preview and "Diese Version veröffentlichen" in preview
    assert 'id="anbieterin"' in preview
    # Not public yet.
    assert (
        "Stadt Gütersloh" not in client.get(reverse("imprint")).content.decode().split("<main")[1]
    )
    response = client.post(reverse("pages_staff:publish", args=["imprint", 1]))
    assert response.status_code == 302
    public = client.get(reverse("imprint")).content.decode()
    assert "Anbieterin" in public and "Mustertext" not in public
    # Publishing twice is refused with a message, nothing changes.
    client.post(reverse("pages_staff:publish", args=["imprint", 1]))
    assert Page.objects.get(slug="imprint").published_revision.number == 1
    assert client.get(reverse("pages_staff:preview", args=["imprint", 9])).status_code == 404
    assert client.get(reverse("pages_staff:edit", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Text"}, "Bitte füllen Sie dieses Feld aus."),
        ({"title": "Impressum", "body": "   "}, "Bitte füllen Sie dieses Feld aus."),
        ({"title": "x" * 201, "body": "Text"}, "höchstens 200 Zeichen"),
        ({"title": "Impressum", "body": "[[bild:raketen]]\nText"}, "Unbekanntes Bild: raketen"),
    ],
)
def test_bad_input_keeps_the_text_and_says_why(client, office, data, message):
    login_with_mfa(client, office)
    response = client.post(reverse("pages_staff:edit", args=["imprint"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'class="kern-error"' in html
    if data["body"].strip():
        assert data["body"].split("\n")[-1] in html
    assert not PageRevision.objects.exists()


def test_hostile_html_in_the_editor_is_shown_as_text(client, office):
    login_with_mfa(client, office)
    client.post(
        reverse("pages_staff:edit", args=["help"]),
        {"title": "<script>alert(1)</script>", "body": "<script>alert(2)</script>"},
    )
    html = client.get(reverse("pages_staff:preview", args=["help", 1])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(2)" in html


def test_office_uploads_a_sign_language_video_and_bad_files_are_refused(client, office):
    login_with_mfa(client, office)
    url = reverse("pages_staff:sign_video", args=["help"])
    response = client.post(
        url,
        {
            "video": SimpleUploadedFile("x.mp4", b"GIF89a" + b"\x00" * 60),
            "captions": SimpleUploadedFile("x.vtt", VTT),
            "transcript": "Das Transkript",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Diese Datei ist kein Video" in html and "Das Transkript" in html
    assert not SignVideo.objects.exists()
    response = client.post(
        url,
        {
            "video": SimpleUploadedFile("x.mp4", MP4_HEAD),
            "captions": SimpleUploadedFile("x.vtt", VTT),
            "transcript": "Das Transkript",
        },
    )
    assert response.status_code == 302
    assert SignVideo.objects.get(topic="help").has_video
    client.post(reverse("pages_staff:sign_video_remove", args=["help"]))
    assert not SignVideo.objects.exists()


def test_the_easy_language_editor_lists_the_pictures(client, seeded):
    login_with_mfa(client, seeded)
    html = client.get(reverse("pages_staff:edit", args=["mitmachen"])).content.decode()
    assert "[[bild:unterstuetzen]]" in html and "pictograms/unterstuetzen.svg" in html
    assert "Version 1" in html and "Mustertext" in html
    privacy = client.get(reverse("pages_staff:edit", args=["privacy"])).content.decode()
    assert "pictograms/unterstuetzen.svg" not in privacy
