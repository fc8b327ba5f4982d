import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True, scope="session")
def _test_media_root():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def topic(db):
    return TopicFactory(name="Leben", slug="leben")


@pytest.fixture
def district(db):
    return DistrictFactory(name="Avenwedde", slug="avenwedde")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


# --- browser tests (Playwright driving Debian's Chromium) ---------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but missing at {CHROMIUM}")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls from the same thread (fixtures, assertions) are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


# A 1x1 grey PNG served instead of map tiles: tests never fetch tiles.
TILE_STUB = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c633873e6cc7f000830036484b2be9b0000000049454e44ae426082"
)


def stub_map_tiles(context) -> list[str]:
    """Answer every request to the configured tile server with TILE_STUB;
    returns the list of requested tile URLs."""
    from urllib.parse import urlsplit

    requested: list[str] = []
    if settings.MAP_TILE_URL:
        host = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).netloc

        def fulfil(route):
            requested.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=TILE_STUB)

        context.route(lambda url: urlsplit(url).netloc == host, fulfil)
    return requested


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.base_url = live_server.url  # type: ignore[attr-defined]
    pg.tile_requests = stub_map_tiles(context)  # type: ignore[attr-defined]
    yield pg
    context.close()


def axe_violations(pg, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (from npm) on the current page; return serious/critical violations."""
    # page.evaluate runs outside the page's CSP, so our strict policy stays on.
    if not pg.evaluate("() => typeof window.axe !== 'undefined'"):
        pg.evaluate(AXE_JS.read_text() + "\n;true")
    result = pg.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture
def assert_accessible(browser):
    def check(pg, *, javascript: bool = True):
        """axe-core on ``pg``. axe runs as a script: for a page opened
        without JavaScript (``javascript=False``), its HTML is checked in a
        JavaScript page at the same address (in the JS-less page itself
        axe.run never settles and the test would hang)."""
        if javascript:
            violations = axe_violations(pg)
        else:
            context = browser.new_context(locale="de-DE", viewport=pg.viewport_size)
            try:
                copy = context.new_page()
                copy.set_default_timeout(10_000)
                origin = urlsplit(pg.url)
                copy.goto(
                    f"{origin.scheme}://{origin.netloc}/"
                )  # same origin for the page's assets
                copy.set_content(pg.content())
                violations = axe_violations(copy)
            finally:
                context.close()
        assert violations == [], f"axe-core violations on {pg.url}: {violations}"

    return check


@pytest.fixture
def browser_login(live_server):
    """Log a browser context in as ``user`` by copying a Django session cookie."""

    def login(pg, user):
        """A user with TOTP is logged in as after the second factor."""
        from django.test import Client

        from aufbruch.staff.mfa import mark_session_mfa, user_has_totp

        c = Client()
        c.force_login(user)
        if user_has_totp(user):
            session = c.session
            mark_session_mfa(session, user)
            session.save()
        cookie = c.cookies[settings.SESSION_COOKIE_NAME]
        pg.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return login
