"""HTTP around every open-data view: read-only CORS, conditional GET
(ETag / Last-Modified → 304) and the licence as a Link header.

Last-Modified is the time this exact representation (URL + ETag) was first
served: kept in the cache, it needs no writer to remember anything. When the
content changes, the ETag changes and the time is "now"; when the cache
forgets, the time is "now" too — a client then fetches once more, but never
gets a stale 304.

Successful answers are shared between requests (they never depend on who
asks: no credentials), per URL and language, together with the generation
they were computed in. Every service writes its audit entry in the
transaction of its change, and every audit entry starts a new generation
(``audit.services.register_change_handler``), so a change shows at once.
One cache write per audited change, at the entry (the support POST is the
hottest write; a second write at the commit would double its cost): an
answer computed in the milliseconds between an entry and its commit, from
the data before it, can be served until it expires. That, and whatever
changes without an audit entry (a periodic job, the clock), reaches the API
within API_SHARED_SECONDS (10 s, like the idea lists; 0 turns sharing off),
well within the minute every answer allows (``Cache-Control: public,
max-age=60``); a shared answer carries its ``Age``. A hit costs one cache
round trip instead of the queries, the schema validation and the JSON."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

READ_METHODS = ("GET", "HEAD")
FIRST_SEEN_SECONDS = 7 * 24 * 3600
MAX_AGE_SECONDS = 60
API_SHARED_SECONDS = 10


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
    response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
    return response


def _first_seen(path: str, etag: str) -> int:
    key = "api:seen:" + hashlib.sha256(f"{path}\n{etag}".encode()).hexdigest()
    now = int(timezone.now().timestamp())
    cache.add(key, now, FIRST_SEEN_SECONDS)
    return int(cache.get(key) or now)


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return _cors(response)


def _shared_seconds() -> int:
    """API_SHARED_SECONDS, overridable in the settings (0: off), never beyond
    what the answers promise."""
    return min(int(getattr(settings, "API_SHARED_SECONDS", API_SHARED_SECONDS)), MAX_AGE_SECONDS)


GENERATION_KEY = "api:shared:generation"


def retire_shared_answers() -> None:
    """Called for every audit entry, inside its transaction (see above)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _shared_key(request: HttpRequest) -> str:
    raw = f"{get_language()}\n{request.get_full_path()}"
    return "api:shared:v1:" + hashlib.sha256(raw.encode()).hexdigest()


def _answer(view: Callable, request: HttpRequest, args, kwargs) -> HttpResponse:
    """The view's answer with ETag and Last-Modified, shared for
    API_SHARED_SECONDS when successful."""
    seconds = _shared_seconds()
    key = _shared_key(request) if seconds else ""
    found = cache.get_many([GENERATION_KEY, key]) if key else {}
    generation = found.get(GENERATION_KEY)
    shared = found.get(key)
    now = int(timezone.now().timestamp())
    if shared is not None and shared[0] == generation:
        _generation, body, content_type, etag, last_modified, stored_at = shared
        response = HttpResponse(body, content_type=content_type)
        response["Age"] = str(max(0, now - stored_at))
    else:
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        last_modified = _first_seen(request.get_full_path(), etag)
        if key:
            # The generation read before the view ran: a change audited
            # meanwhile retires this answer at once.
            stored = (generation, response.content, response["Content-Type"], etag)
            stored += (last_modified, now)
            cache.set(key, stored, seconds)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def open_data(view: Callable) -> Callable:
    """Wrap a view: GET/HEAD only (OPTIONS answers a CORS preflight), no
    credentials, conditional GET on successful answers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in READ_METHODS:
            return _cors(HttpResponseNotAllowed(["GET", "HEAD", "OPTIONS"]))
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        response = _answer(view, request, args, kwargs)
        patch_vary_headers(response, ["Accept-Encoding"])
        if is_head:
            request.method = "HEAD"
        return _cors(response)

    return wrapper
