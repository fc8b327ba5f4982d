"""Public site pages (legal, help, Leichte Sprache, DGS) and the programme
office's editor under /staff/pages/. Views translate HTTP to service calls."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aufbruch.core import geocoder
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .catalogue import (
    EASY_LANGUAGE_PAGES,
    PAGES,
    PAGES_BY_SLUG,
    PICTOGRAMS,
    SIGN_TOPICS,
    SIGN_TOPICS_BY_KEY,
)
from .forms import PageForm, SignVideoForm
from .models import Page, PageKind, SignVideo

# Pages that point readers to the Leichte Sprache and DGS offers (BITV 2.0 § 4).
LINKS_TO_FORMATS = {"accessibility", "help", "contact"}


def _page_context(spec, page, *, preview=None) -> dict:
    revision = preview or (page.published_revision if page else None)
    return {
        "spec": spec,
        "revision": revision,
        "preview": preview is not None,
        "links_to_formats": spec.slug in LINKS_TO_FORMATS,
        "easy_language_pages": EASY_LANGUAGE_PAGES if spec.kind == PageKind.EASY_LANGUAGE else [],
    }


def _template(spec) -> str:
    return (
        "pages/easy_language_page.html"
        if spec.kind == PageKind.EASY_LANGUAGE
        else "pages/page.html"
    )


@require_GET
def page(request, slug: str):
    spec = PAGES_BY_SLUG.get(slug)
    if spec is None or spec.kind == PageKind.EASY_LANGUAGE:
        raise Http404
    context = _page_context(spec, selectors.published_page(slug))
    if slug == "privacy":
        context.update(_map_tiles_context())
    return render(request, _template(spec), context)


def _map_tiles_context() -> dict:
    """The privacy page always names the one outside service a page may
    contact, from the configuration, whatever the office's text says."""
    host = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).netloc
    return {
        "show_map_tiles": True,
        "MAP_TILE_HOST": host,
        "MAP_TILE_IS_BASEMAP": host == "sgx.geodatenzentrum.de",
        "GEOCODER_HOST": geocoder.host(),
    }


@require_GET
def easy_language_index(request):
    return render(
        request, "pages/easy_language_index.html", {"entries": selectors.easy_language_index()}
    )


@require_GET
def easy_language_page(request, slug: str):
    spec = PAGES_BY_SLUG.get(slug)
    if spec is None or spec.kind != PageKind.EASY_LANGUAGE:
        raise Http404
    found = selectors.published_page(slug)
    if found is None:
        raise Http404
    return render(request, _template(spec), _page_context(spec, found))


@require_GET
def sign_language(request):
    return render(request, "pages/sign_language.html", {"slots": selectors.sign_slots()})


@require_GET
def sign_captions(request, topic: str):
    slot = SignVideo.objects.filter(topic=topic).first()
    if slot is None or not slot.captions:
        raise Http404
    try:
        handle = slot.captions.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- staff: the programme office -------------------------------------------------------------


@require_GET
@staff_view("pages.manage_pages")
def staff_index(request):
    pages = selectors.pages_overview()
    rows = [{"spec": spec, "page": pages.get(spec.slug)} for spec in PAGES]
    return render(
        request, "pages/staff/index.html", {"rows": rows, "slots": selectors.sign_slots()}
    )


def _spec_or_404(slug: str):
    spec = PAGES_BY_SLUG.get(slug)
    if spec is None:
        raise Http404
    return spec


@require_http_methods(["GET", "POST"])
@staff_view("pages.manage_pages")
def staff_edit(request, slug: str):
    spec = _spec_or_404(slug)
    page_obj = Page.objects.filter(slug=slug).first()
    latest = selectors.latest_revision(page_obj)
    if request.method == "POST":
        form = PageForm(request.POST)
        if form.is_valid():
            try:
                revision = services.page_revision_save(
                    slug=slug,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request,
                    _("Version %(n)s is saved. Check the preview, then publish it.")
                    % {"n": revision.number},
                )
                return redirect("pages_staff:preview", slug=slug, number=revision.number)
    else:
        initial = {"title": latest.title, "body": latest.body} if latest else {"title": spec.title}
        form = PageForm(initial=initial)
    revisions = (
        list(page_obj.revisions.select_related("author").order_by("-number")[:50])
        if page_obj
        else []
    )
    return render(
        request,
        "pages/staff/edit.html",
        {
            "spec": spec,
            "page": page_obj,
            "form": form,
            "revisions": revisions,
            "pictograms": list(PICTOGRAMS.items()) if spec.kind == PageKind.EASY_LANGUAGE else [],
        },
        status=400 if form.errors else 200,
    )


def _revision_or_404(slug: str, number: int):
    return get_object_or_404(
        selectors.revisions_of(slug).select_related("page", "author"), number=number
    )


@require_GET
@staff_view("pages.manage_pages")
def staff_preview(request, slug: str, number: int):
    spec = _spec_or_404(slug)
    revision = _revision_or_404(slug, number)
    context = _page_context(spec, revision.page, preview=revision)
    context["is_published"] = revision.page.published_revision_id == revision.pk
    return render(request, _template(spec), context)


@require_POST
@staff_view("pages.manage_pages")
def staff_publish(request, slug: str, number: int):
    _spec_or_404(slug)
    revision = _revision_or_404(slug, number)
    try:
        services.page_publish(revision=revision, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("pages_staff:preview", slug=slug, number=number)
    messages.success(request, _("Version %(n)s is now public.") % {"n": revision.number})
    return redirect("pages_staff:edit", slug=slug)


@require_http_methods(["GET", "POST"])
@staff_view("pages.manage_pages")
def staff_sign_video(request, topic: str):
    sign_topic = SIGN_TOPICS_BY_KEY.get(topic)
    if sign_topic is None:
        raise Http404
    slot = SignVideo.objects.filter(topic=topic).first()
    if request.method == "POST":
        form = SignVideoForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.sign_video_save(
                    topic=topic,
                    actor=request.user,
                    video=data["video"] or None,
                    video_url=data["video_url"],
                    captions=data["captions"] or None,
                    transcript=data["transcript"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The video is saved and shown on the page."))
                return redirect("pages_staff:index")
    else:
        form = SignVideoForm(
            initial={"transcript": slot.transcript, "video_url": slot.video_url} if slot else None
        )
    return render(
        request,
        "pages/staff/sign_video.html",
        {"topic": sign_topic, "slot": slot, "form": form, "topics": SIGN_TOPICS},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view("pages.manage_pages")
def staff_sign_video_remove(request, topic: str):
    if topic not in SIGN_TOPICS_BY_KEY:
        raise Http404
    try:
        services.sign_video_remove(topic=topic, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The video is removed; the page shows the placeholder."))
    return redirect("pages_staff:index")
