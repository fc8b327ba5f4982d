"""HTTP in and out of the idea services. Every page works without
JavaScript; htmx requests (HX-Request) get the swapped fragment only."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from aufbruch.core import geocoder
from aufbruch.core.deferred import CSRF_MARKER, fill_deferred, render_deferred
from aufbruch.core.ratelimit import ratelimit
from aufbruch.core.text import render_markdown
from aufbruch.organisation.models import District, Topic
from aufbruch.staff.predicates import is_active_participant
from aufbruch.staff.selectors import is_staff_member

from . import page_cache, services
from .forms import IdeaFilterForm, IdeaForm, IdeaImageForm, IdeaSubmitForm
from .history import version_history
from .models import Follow, Idea, IdeaImage, IdeaSource, IdeaStatus, Support
from .panels import (
    frame_panels,
    page_data,
    panel_slot,
    panels_for,
    per_person_keys,
    personalise,
    shared_variants,
)
from .selectors import (
    idea_filter,
    idea_list_public,
    idea_map_points,
    idea_page,
    idea_relevance_page,
    idea_sort,
    idea_visible_to,
    similar_ideas,
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("page", 1)), 1), 100_000)
    except (TypeError, ValueError):
        return 1


# What a card in the list shows: loading only these keeps each row small
# (the text, its HTML and the search stems are the bulk of an idea).
CARD_FIELDS = (
    "id",
    "title",
    "status",
    "topic__name",
    "district__name",
    "support_count",
    "comment_count",
    "created_at",
)


def _filter_form(request: HttpRequest) -> tuple[IdeaFilterForm, dict]:
    """The filter form from the query string and its values."""
    topics = list(Topic.objects.all())
    districts = list(District.objects.all())
    form = IdeaFilterForm(request.GET, topics=topics, districts=districts)
    return form, form.filters()


def _public(f: dict, *, query: str = "", typos: bool = False):
    """The public ideas the filter values select (unsorted); with ``query``
    the search's matches. With ``typos`` a search also finds words one typo
    away."""
    return idea_filter(
        idea_list_public().select_related(None),
        topic=f["topic"],
        district=f["district"],
        status=f["status"],
        query=query,
        typos=typos,
    )


def _filtered(request: HttpRequest) -> tuple[IdeaFilterForm, dict, object]:
    """The filter form, its values and the public ideas they select: the
    overview map's."""
    form, f = _filter_form(request)
    return form, f, _public(f, query=f["query"])


def _list_context(request: HttpRequest) -> dict:
    form, f = _filter_form(request)
    number = _page_number(request)
    for typos in (False, True):
        if f["query"] and f["sort"] == "relevance":
            page = idea_relevance_page(
                _public(f).select_related("topic", "district").only(*CARD_FIELDS),
                f["query"],
                page=number,
                per_page=settings.IDEAS_PER_PAGE,
                typos=typos,
                narrowed=bool(f["topic"] or f["district"] or f["status"]),
            )
        else:
            qs = _public(f, query=f["query"], typos=typos)
            qs = idea_sort(qs.select_related("topic", "district").only(*CARD_FIELDS), f["sort"])
            page = idea_page(qs, page=number, per_page=settings.IDEAS_PER_PAGE)
        # Nothing found for a search: once more, allowing a typo.
        if page.total or not f["query"]:
            break
    params = {k: v for k, v in request.GET.items() if k != "page" and v and k in form.fields}
    return {
        "form": form,
        "page": page,
        "query_prefix": urlencode(params) + ("&" if params else ""),
        "filtered": bool(f["topic"] or f["district"] or f["status"] or f["query"]),
        "map": _map_context(),
        "map_max_points": settings.MAP_MAX_POINTS,
    }


def _shown(context: dict) -> tuple:
    """Everything of the data that the list's rendering shows: the cards'
    values, the page's counts and the filter choices (the rest is the query
    string, already in the key)."""
    page, form = context["page"], context["form"]
    cards = [page_cache.card_shown(i) for i in page.items]
    counts = (page.number, page.total, page.total_is_capped, page.has_next)
    choices = (form.fields["topic"].choices, form.fields["district"].choices)
    return (counts, context["filtered"], choices, cards)


def _live_list(request: HttpRequest, part: str, template: str) -> str:
    """The list for logged-in users: the same for all of them. Served from
    the list of the current generation when there is one (no query at all);
    otherwise rendered from the data under a key made of what it shows
    (its cards and counts; exact at once, unlike the anonymous list) and kept
    for the generation. It is rendered without the request: nothing of a
    person gets in."""
    lookup = page_cache.live_list_lookup(request, part)
    if lookup.html is not None:
        return lookup.html
    context = _list_context(request)
    valid = context["form"].is_valid()
    key = page_cache.live_list_key(request, part, _shown(context), valid=valid)
    html = page_cache.shared_list(
        key, lambda: render_to_string(template, context), settings.IDEA_FRAGMENT_CACHE_SECONDS
    )
    page = context["page"]
    asked = request.GET.get("page", "")
    page_shown = (page.number == 1 and asked in ("", "1")) or (
        bool(page.items) and asked == str(page.number)
    )
    page_cache.live_list_store(lookup, html, valid=valid, page_shown=page_shown)
    return html


def idea_list(request: HttpRequest) -> HttpResponse:
    """The list with its filters. Anonymous visitors share the rendering of
    each filter combination for IDEA_LIST_CACHE_SECONDS (new ideas and new
    counts reach them within that time); logged-in users share renderings
    keyed by the data they show and each list or search of words for the
    generation of audited changes (see _live_list), and so do anonymous
    visitors' searches."""
    results_only = _is_htmx(request) and request.headers.get("HX-Target") == "idea-results"
    template = "ideas/_idea_results.html" if results_only else "ideas/_list_content.html"
    part = "results" if results_only else "full"
    if request.user.is_authenticated or request.GET.get("q", "").strip():
        # A search is the same for anonymous visitors and residents.
        content = _live_list(request, part, template)
    else:
        content = page_cache.shared_list(
            page_cache.list_key(request, part),
            lambda: render_to_string(template, _list_context(request), request),
        )
    content = mark_safe(content)  # noqa: S308 - our own rendering
    if results_only:
        response = HttpResponse(content)
    else:
        response = render(request, "ideas/idea_list.html", {"content_html": content})
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _map_points(request: HttpRequest) -> str:
    _form, _f, qs = _filtered(request)
    rows, capped = idea_map_points(qs, limit=settings.MAP_MAX_POINTS)
    labels = dict(IdeaStatus.choices)
    ideas = [
        {
            "id": row["id"],
            "title": row["title"],
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
            "status": row["status"],
            "url": reverse("ideas:detail", args=[row["id"]]),
            "meta": " · ".join(
                [
                    str(labels.get(row["status"], "")),
                    row["topic__name"],
                    ngettext("%(n)d support", "%(n)d supports", row["support_count"])
                    % {"n": row["support_count"]},
                ]
            ),
        }
        for row in rows
    ]
    return json.dumps({"ideas": ideas, "capped": capped}, ensure_ascii=False)


def idea_map_data(request: HttpRequest) -> HttpResponse:
    """The ideas with a place for the overview map beside the list, with the
    list's filters (at most MAP_MAX_POINTS, newest first). Shared by anonymous
    visitors like the list."""
    body = page_cache.shared_list(page_cache.list_key(request, "map"), lambda: _map_points(request))
    return HttpResponse(body, content_type="application/json")


def _source_note(idea: Idea) -> str:
    notes = {
        IdeaSource.PAPER: _("Submitted on a paper card"),
        IdeaSource.WORKSHOP: _("Submitted at a workshop"),
        IdeaSource.PHONE: _("Submitted by phone"),
        IdeaSource.IN_PERSON: _("Submitted in person"),
    }
    return notes.get(idea.source, "")


def _map_context(latitude=None, longitude=None) -> dict:
    lat, lon = settings.MAP_CENTER
    return {
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "center_lat": latitude if latitude is not None else lat,
        "center_lon": longitude if longitude is not None else lon,
        "icon": static("vendor/leaflet/images/marker-icon.png"),
        "icon_2x": static("vendor/leaflet/images/marker-icon-2x.png"),
        "shadow": static("vendor/leaflet/images/marker-shadow.png"),
        "place_search_url": reverse("ideas:place_search") if settings.GEOCODER_URL else "",
    }


def _action_context(
    request: HttpRequest,
    idea: Idea,
    *,
    supported: bool | None = None,
    following: bool | None = None,
) -> dict:
    """Support and follow state of the viewer: given, or read (two small
    queries when logged in)."""
    user = request.user
    if user.is_authenticated:
        if supported is None:
            supported = Support.objects.filter(idea=idea, user=user).exists()
        if following is None:
            following = Follow.objects.filter(idea=idea, user=user).exists()
    return {
        "idea": idea,
        "supported": bool(supported),
        "following": bool(following),
        "can_support": user.has_perm("ideas.support_idea", idea),
        "can_follow": user.has_perm("ideas.follow_idea", idea),
    }


def _aside_context(request: HttpRequest, idea: Idea, **state) -> dict:
    """What the aside shows of the viewer: support, follow, edit, moderate."""
    return {
        **_action_context(request, idea, **state),
        "can_edit": request.user.has_perm("ideas.change_idea", idea),
        "can_moderate": request.user.has_perm("moderation.moderate"),
    }


def _content_context(idea: Idea, panels: list[dict]) -> dict:
    """What the page's content shows of the idea itself: the same for every viewer."""
    return {
        "idea": idea,
        "images": list(idea.images.all()),
        "source_note": _source_note(idea),
        "map": _map_context(idea.latitude, idea.longitude) if idea.latitude is not None else None,
        "main_panels": [p for p in panels if p["placement"] == "main"],
        "aside_panels": [p for p in panels if p["placement"] == "aside"],
    }


def _detail_context(request: HttpRequest, idea: Idea) -> dict:
    return {
        **_content_context(idea, panels_for(request, idea)),
        **_aside_context(request, idea),
    }


def _anonymous_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The idea page for visitors who are not logged in: its content is the
    same for all of them, so it is rendered once and shared (page_cache.py
    says how it stays fresh)."""

    def render_content() -> str:
        idea = get_object_or_404(idea_visible_to(request.user).select_related("merged_into"), pk=pk)
        return render_to_string(
            "ideas/_detail_content.html", _detail_context(request, idea), request
        )

    head, content = page_cache.shared_page(request, pk, render_content)
    return render(
        request,
        "ideas/idea_detail.html",
        {"idea": head, "map": head.latitude is not None, "content_html": mark_safe(content)},  # noqa: S308 - our own rendering
    )


def _render_person_page(
    request: HttpRequest, pk: int, head: Idea, extra: dict | None = None
) -> str:
    """The idea page for a logged-in viewer: the frame (text, images, map,
    the shared panels) is rendered once per version of the page and shared
    by all of them, without a request, so nothing of a person and no CSRF
    token is in it; the aside and the per-person panels are rendered for
    this request into their slots. ``extra`` goes into every context (the
    CSRF marker when the page is rendered to be shared)."""
    extra = extra or {}

    def render_frame() -> str:
        idea = get_object_or_404(idea_visible_to(request.user).select_related("merged_into"), pk=pk)
        context = {**_content_context(idea, frame_panels(request, idea)), "frame": True}
        return render_to_string("ideas/_detail_content.html", context)

    content = page_cache.shared_frame(head, render_frame)
    aside = render_to_string(
        "ideas/_detail_aside.html",
        {
            **_aside_context(request, head, supported=head.supported, following=head.following),
            **extra,
        },
        request,
    )
    content = content.replace("<!--idea:aside-->", aside, 1)
    for panel in panels_for(request, head, per_person=True):
        html = render_to_string(panel["template"], {"panel": panel["context"], **extra}, request)
        content = content.replace(panel_slot(panel["key"]), html, 1)
    for key in per_person_keys():
        content = content.replace(panel_slot(key), "", 1)  # panels left out for this viewer
    return render_to_string(
        "ideas/idea_detail.html",
        {
            "idea": head,
            "map": head.latitude is not None,
            "content_html": mark_safe(content),  # noqa: S308 - our own renderings
            **extra,
        },
        request,
    )


def _viewer_variant(request: HttpRequest, head: Idea) -> str | None:
    """Everything a logged-in viewer's idea page shows of them besides the
    frame's slots and their own comments and marks: viewers alike in it share
    one rendering of the page. None: the page is rendered for them alone."""
    panels = shared_variants(request, head)
    if panels is None:
        return None
    state = _aside_context(request, head, supported=head.supported, following=head.following)
    flags = "".join(
        "1" if state[name] else "0"
        for name in ("supported", "following", "can_support", "can_follow", "can_edit")
    )
    staff = "staff" if is_staff_member(request.user) else "resident"
    moderates = "moderator" if state["can_moderate"] else ""
    return ":".join([flags, staff, moderates, *panels])


def _person_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The idea page for a logged-in viewer. Viewers alike (_viewer_variant)
    share the whole page, rendered once per version of the page with markers
    for the frame's slots and the CSRF token (core/deferred.py); each request
    fills them in and adds the viewer's own comments and marks. The viewer's
    support and follow state come with the idea row."""
    head = page_cache.person_head(request.user, pk)
    variant = _viewer_variant(request, head)
    if variant is None:
        return HttpResponse(_render_person_page(request, pk, head))
    key = page_cache.person_page_key(head, variant)
    stored = cache.get(key)
    if stored is not None:
        parts, data = stored
        html = fill_deferred(request, parts)
        if html is not None:
            return HttpResponse(personalise(request, head, html, data))
    data = page_data(head)  # read after the head: never older than the page
    parts = render_deferred(
        request, lambda: _render_person_page(request, pk, head, {"csrf_token": CSRF_MARKER})
    )
    if parts is None:  # something of the person got in: not shared
        return HttpResponse(_render_person_page(request, pk, head))
    cache.set(key, (parts, data), settings.IDEA_PAGE_CACHE_SECONDS)
    return HttpResponse(personalise(request, head, fill_deferred(request, parts), data))


def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if page_cache.page_is_shared(request):
        return _anonymous_page(request, pk)
    if request.user.is_authenticated:
        return _person_page(request, pk)
    idea = get_object_or_404(idea_visible_to(request.user).select_related("merged_into"), pk=pk)
    return render(request, "ideas/idea_detail.html", _detail_context(request, idea))


def idea_versions(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(idea_visible_to(request.user), pk=pk)
    history = version_history(idea)
    for entry in history:
        entry.body_html = render_markdown(entry.version.body)
    return render(request, "ideas/idea_versions.html", {"idea": idea, "history": history})


@login_required
@ratelimit("geocode", methods=("GET",))
def place_search(request: HttpRequest) -> HttpResponse:
    """Address search for the location picker, through the configured
    geocoder (core.geocoder): the browser asks us, never the geocoder."""

    if not geocoder.is_enabled():
        raise Http404
    try:
        places = geocoder.search(request.GET.get("q", ""))
    except geocoder.GeocoderError:
        return JsonResponse(
            {"results": [], "error": _("The address search is not available right now.")},
            status=503,
        )
    return JsonResponse({"results": [p.as_json() for p in places]})


SIMILAR_LIMIT = 5


def idea_similar(request: HttpRequest) -> HttpResponse:
    """Ideas like the title being typed ("Gibt es Ihre Idee schon?"): the
    fragment the submit form loads with htmx while the title changes."""
    title = request.GET.get("title", "").strip()[:200]
    return render(
        request,
        "ideas/_similar.html",
        {
            "similar": similar_ideas(title, limit=SIMILAR_LIMIT, exclude_author=request.user),
            "checked_title": title,
        },
    )


def _similar_step(request: HttpRequest, form: IdeaSubmitForm) -> HttpResponse | None:
    """Without JavaScript, similar ideas are shown as a step after the first
    submit: nothing is created until the resident confirms. Skipped once
    confirmed, and when the form already showed the suggestions for this
    very title (htmx puts the checked title into the form)."""
    title = form.cleaned_data["title"]
    if request.POST.get("confirmed") or request.POST.get("similar_checked") == title:
        return None
    similar = similar_ideas(title, limit=SIMILAR_LIMIT, exclude_author=request.user)
    if not similar:
        return None
    return render(
        request,
        "ideas/idea_similar_step.html",
        {"form": form, "similar": similar, "had_images": bool(form.image_pairs())},
    )


@login_required
@ratelimit("idea_submit")
def idea_submit(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.add_idea"):
        raise PermissionDenied
    form = IdeaSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not request.POST.get("change") and form.is_valid():
        step = _similar_step(request, form)
        if step is not None:
            return step
        data = form.cleaned_data
        try:
            idea = services.idea_submit(
                author=request.user,
                title=data["title"],
                body=data["body"],
                topic=data["topic"],
                district=data["district"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                images=form.image_pairs(),
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Thank you! Your idea has been published."))
            return redirect(idea)
    return render(
        request, "ideas/idea_form.html", {"form": form, "map": _map_context(), "is_submit": True}
    )


def _editable_idea(request: HttpRequest, pk: int) -> Idea:
    idea = get_object_or_404(idea_visible_to(request.user), pk=pk)
    if not request.user.has_perm("ideas.change_idea", idea):
        raise PermissionDenied
    return idea


@login_required
def idea_edit(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _editable_idea(request, pk)
    form = IdeaForm(request.POST or None, initial=_idea_initial(idea))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.idea_edit(
                idea=idea,
                user=request.user,
                title=data["title"],
                body=data["body"],
                topic=data["topic"],
                district=data["district"],
                latitude=data["latitude"],
                longitude=data["longitude"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(idea)
    return _edit_page(request, idea, form, IdeaImageForm())


def _edit_page(
    request: HttpRequest, idea: Idea, form: IdeaForm, image_form: IdeaImageForm
) -> HttpResponse:
    images = list(idea.images.all())
    context = {
        "form": form,
        "idea": idea,
        "map": _map_context(idea.latitude, idea.longitude),
        "is_submit": False,
        "images": images,
        "image_form": image_form if len(images) < services.MAX_IMAGES else None,
    }
    return render(request, "ideas/idea_form.html", context)


def _idea_initial(idea: Idea) -> dict:
    return {
        "title": idea.title,
        "body": idea.body,
        "topic": idea.topic,
        "district": idea.district,
        "latitude": idea.latitude,
        "longitude": idea.longitude,
    }


@require_POST
@login_required
def idea_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _editable_idea(request, pk)
    form = IdeaImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.idea_image_add(
                idea=idea,
                user=request.user,
                upload=form.cleaned_data["image_1"],
                alt_text=form.cleaned_data["alt_text_1"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The image has been added."))
            return redirect("ideas:edit", pk=idea.pk)
    return _edit_page(request, idea, IdeaForm(initial=_idea_initial(idea)), form)


@require_POST
@login_required
def idea_image_remove(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    idea = _editable_idea(request, pk)
    image = get_object_or_404(IdeaImage, pk=image_pk, idea=idea)
    services.idea_image_remove(image=image, user=request.user)
    messages.success(request, _("The image has been removed."))
    return redirect("ideas:edit", pk=idea.pk)


# What the support and follow actions read of an idea (its rules, the audit
# entry's label and the counts in the swapped box): not the text.
ACTION_FIELDS = (
    "id",
    "title",
    "status",
    "is_hidden",
    "author",
    "support_count",
    "follower_count",
    "comment_count",
)


def _idea_action(
    request: HttpRequest,
    pk: int,
    service,
    perm: str | None,
    *,
    supported_after: bool | None = None,
) -> HttpResponse:
    """Call ``service`` for the viewer and answer with the action box (htmx)
    or a redirect to the idea. The support services return the idea's counts
    as they left them (``supported_after`` is then the viewer's new state), so
    their box needs no further reads but the follow state."""
    idea = get_object_or_404(
        idea_visible_to(request.user).select_related(None).only(*ACTION_FIELDS), pk=pk
    )
    if not request.user.is_authenticated:
        return redirect_to_login(idea.get_absolute_url())
    # A person who may not act at all (blocked, deleted) is refused here. When
    # only the idea's state forbids it (``perm``'s other half, e.g. merged
    # since the page was loaded), the service refuses with the reason, which
    # is shown on the idea's page.
    if perm and not request.user.has_perm(perm, idea) and not is_active_participant(request.user):
        raise PermissionDenied
    try:
        result = service(idea=idea, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        result = None
    if not _is_htmx(request):
        return redirect(idea)
    if supported_after is not None and result is not None:
        fresh = result.idea if isinstance(result, Support) else result
        context = _action_context(request, fresh, supported=supported_after)
    else:
        idea.refresh_from_db(fields=["support_count", "follower_count", "comment_count"])
        context = _action_context(request, idea)
    return render(request, "ideas/_actions.html", context)


@require_POST
@ratelimit("support")
def idea_support(request: HttpRequest, pk: int) -> HttpResponse:
    return _idea_action(
        request, pk, services.idea_support, "ideas.support_idea", supported_after=True
    )


@require_POST
@ratelimit("support")
def idea_withdraw_support(request: HttpRequest, pk: int) -> HttpResponse:
    return _idea_action(request, pk, services.idea_withdraw_support, None, supported_after=False)


@require_POST
def idea_follow(request: HttpRequest, pk: int) -> HttpResponse:
    return _idea_action(request, pk, services.idea_follow, "ideas.follow_idea")


@require_POST
def idea_unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    return _idea_action(request, pk, services.idea_unfollow, None)
