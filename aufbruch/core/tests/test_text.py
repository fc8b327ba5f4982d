from aufbruch.core.text import markdown_to_text


def test_markdown_becomes_the_plain_text_a_resident_reads():
    source = "## Ziel\n\n**Mehr** Bänke & _Schatten_ am [Dalkepark](https://example.org).\n\n- eins\n- zwei"
    text = markdown_to_text(source)
    assert text.startswith("Ziel\n\nMehr Bänke & Schatten am Dalkepark.")
    assert "eins" in text and "zwei" in text
    for syntax in ("**", "##", "](", "&amp;", "<p>", "- eins"):
        assert syntax not in text


def test_html_in_the_source_stays_visible_text_never_markup():
    assert markdown_to_text("<script>alert(1)</script> Hallo") == "<script>alert(1)</script> Hallo"


def test_shortened_at_a_word_with_an_ellipsis():
    text = markdown_to_text("Ein **langer** Satz mit vielen Wörtern darin", max_chars=18)
    assert text == "Ein langer Satz…"
    assert markdown_to_text("kurz", max_chars=18) == "kurz"
    assert markdown_to_text("", max_chars=5) == "" and markdown_to_text(None) == ""


def test_privacy_page_names_the_tile_service(client, db, settings):
    html = client.get("/privacy/").content.decode()
    assert "sgx.geodatenzentrum.de" in html and "Bundesamts für Kartographie und Geodäsie" in html
    settings.MAP_TILE_URL = ""
    html = client.get("/privacy/").content.decode()
    assert "geodatenzentrum" not in html and "Kartenbilder ausgeschaltet" in html
