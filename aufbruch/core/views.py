from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.static import serve


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


def page(request: HttpRequest, slug: str) -> HttpResponse:
    lang = (get_language() or "de")[:2]
    try:
        template = select_template([f"core/pages/{slug}.{lang}.html", f"core/pages/{slug}.de.html"])
    except TemplateDoesNotExist as exc:
        raise Http404 from exc
    return HttpResponse(template.render(_page_context(), request))


def _page_context() -> dict:
    """What the service pages say about the one outside service: map tiles."""
    host = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).netloc
    return {"MAP_TILE_HOST": host, "MAP_TILE_IS_BASEMAP": host == "sgx.geodatenzentrum.de"}


def public_media(request: HttpRequest, path: str) -> HttpResponse:
    if Path(path).parts[:1] == ("private",) or ".." in Path(path).parts:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 404}, status=404)


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 403}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"title_code": 500}, status=500)
