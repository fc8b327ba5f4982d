"""HTTP around every open-data view: read-only CORS, conditional GET
(ETag / Last-Modified → 304) and the licence as a Link header.

Last-Modified is the time this exact representation (URL + ETag) was first
served: kept in the cache, it needs no writer to remember anything. When the
content changes, the ETag changes and the time is "now"; when the cache
forgets, the time is "now" too — a client then fetches once more, but never
gets a stale 304."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

READ_METHODS = ("GET", "HEAD")
FIRST_SEEN_SECONDS = 7 * 24 * 3600


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
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            last_modified = _first_seen(request.get_full_path(), etag)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            response["Cache-Control"] = "public, max-age=60"
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        patch_vary_headers(response, ["Accept-Encoding"])
        if is_head:
            request.method = "HEAD"
        return _cors(response)

    return wrapper
