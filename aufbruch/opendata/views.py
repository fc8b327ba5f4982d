"""The open-data page and the archive download."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .export import ARCHIVE_NAME, TABLES, archive_info, archive_path


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "archive": archive_info(),
            "archive_name": ARCHIVE_NAME,
            "tables": TABLES,
            "license_title": settings.OPEN_DATA_LICENSE,
            "license_url": settings.OPEN_DATA_LICENSE_URL,
            "attribution": settings.OPEN_DATA_ATTRIBUTION,
        },
    )


@require_GET
def download(request: HttpRequest) -> FileResponse:
    path = archive_path()
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=ARCHIVE_NAME, content_type="application/zip"
    )
    response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
