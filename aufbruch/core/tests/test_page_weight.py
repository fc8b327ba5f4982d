"""Page weight: a first visit (empty cache) to the home page and to an idea
page transfers under 150 KB, with no 404 (favicon included).

Production serves static files through whitenoise, pre-compressed (Brotli,
else gzip) by collectstatic. The test server's static handler serves files
raw, so this test serves them compressed the same way (whitenoise's own
compressor and its list of formats it never compresses), on the fly; pages
themselves are not compressed (gunicorn does not either). Bytes are counted
as Chromium reports them: encoded body plus headers of every response.
"""

from __future__ import annotations

import gzip

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.http import HttpResponse
from django.test.testcases import LiveServerThread
from whitenoise.compress import Compressor

from aufbruch.conftest import stub_map_tiles
from aufbruch.core.fonts import build_fonts
from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory
from aufbruch.ideas.services import idea_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 150 * 1024
NOT_COMPRESSED = tuple(f".{ext}" for ext in Compressor.SKIP_COMPRESS_EXTENSIONS)


class CompressedStaticFilesHandler(StaticFilesHandler):
    """Static files as whitenoise serves them after collectstatic."""

    def serve(self, request):
        response = super().serve(request)
        path = request.path
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if response.status_code != 200 or path.endswith(NOT_COMPRESSED):
            return response
        body = b"".join(response.streaming_content)
        if "br" in accepted:
            import brotli

            encoded, encoding = brotli.compress(body), "br"
        elif "gzip" in accepted:
            encoded, encoding = gzip.compress(body, compresslevel=9), "gzip"
        else:
            encoded, encoding = body, ""
        compressed = HttpResponse(encoded, content_type=response["Content-Type"])
        if encoding:
            compressed["Content-Encoding"] = encoding
            compressed["Vary"] = "Accept-Encoding"
        return compressed


@pytest.fixture
def production_like_server(transactional_db, settings):
    build_fonts()
    settings.ALLOWED_HOSTS = ["localhost"]
    override = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = LiveServerThread(
        "localhost", CompressedStaticFilesHandler, connections_override=override, port=0
    )
    thread.daemon = True
    for conn in override.values():
        conn.inc_thread_sharing()  # the server thread uses the test's in-memory database
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for conn in override.values():
        conn.dec_thread_sharing()


def first_visit(browser, url: str) -> tuple[int, list[tuple[int, int, str]]]:
    """Total bytes and (bytes, status, url) per response of a visit with an empty cache."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    stub_map_tiles(context)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: dict[str, list] = {}
    cdp.on(
        "Network.responseReceived",
        lambda e: seen.setdefault(e["requestId"], [0, 0, ""]).__setitem__(
            slice(1, 3), [e["response"]["status"], e["response"]["url"]]
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: seen.setdefault(e["requestId"], [0, 0, ""]).__setitem__(
            0, int(e["encodedDataLength"])
        ),
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    rows = sorted(
        (tuple(v) for v in seen.values() if v[2].startswith("http://localhost")), reverse=True
    )
    return sum(r[0] for r in rows), rows


def test_first_visit_of_home_and_idea_page_is_light(browser, production_like_server):
    topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    district = DistrictFactory(name="Innenstadt", slug="innenstadt")
    author = UserFactory(display_name="Ada")
    ideas = [
        idea_submit(
            author=author,
            title=f"Fahrradstraße Nummer {n} – „sicher“ und schnell",
            body="Die Innenstadt braucht **Fahrradstraßen**: Kinder, Ältere und Pendler.\n\n" * 3,
            topic=topic,
            district=district,
            latitude=51.9069,
            longitude=8.3785,
        )
        for n in range(12)
    ]
    for path in ("/", ideas[0].get_absolute_url()):
        total, rows = first_visit(browser, production_like_server + path)
        listing = "\n".join(f"{size:8d} {status} {url}" for size, status, url in rows)
        assert [r for r in rows if r[1] >= 400] == [], listing
        assert any("/static/fonts/fira-sans-400" in r[2] for r in rows), listing
        assert not any("vendor/kern/fonts" in r[2] for r in rows), listing
        assert total < BUDGET, f"{path}: {total} bytes\n{listing}"
        print(f"{path}: {total} bytes\n{listing}")


def test_favicon_ico_redirects_to_the_static_icon(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/core/favicon.ico"
    assert finders.find("core/favicon.ico") and finders.find("core/favicon.svg")
