from __future__ import annotations

import posixpath

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.static import serve


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico for clients that ask there (pages link the SVG icon)."""
    response = HttpResponseRedirect(static("core/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception as exc:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": "unavailable", "error": exc.__class__.__name__},
            status=503,
        )


def public_media(request: HttpRequest, path: str) -> HttpResponse:
    # Normalise first, as serve() does: "/private/x", "a/../private/x" and
    # "%2Fprivate/x" (decoded before it gets here) all mean "private/x".
    clean = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if clean.split("/", 1)[0].lower() == "private" or clean.startswith(".."):
        raise Http404
    response = serve(request, clean, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 404}, status=404)


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 403}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 500}, status=500)
