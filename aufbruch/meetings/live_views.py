"""The live page of a session (no account needed), the projector view and
the moderation of live contributions."""

from __future__ import annotations

import re
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core import ratelimit
from aufbruch.core.forms import add_service_errors
from aufbruch.core.links import absolute_url

from . import live, selectors
from .forms import LiveIdeaForm, LivePostForm
from .models import LiveContribution, Session
from .tickets import ticket_qr_svg
from .views import meeting_staff_view

COOKIE = "ab_live"
COOKIE_SALT = "aufbruch.meetings.live"
COOKIE_AGE = 60 * 60 * 24 * 30
LIST_CACHE_SECONDS = 2
CSRF_SLOT = "<!--csrf-->"
_VOTE_SLOT = re.compile(r"<!--vote:(\d+)-->(.*?)<!--/vote-->", re.S)
_VOTE_SLOT_ID = re.compile(r"<!--vote:(\d+)-->")


def client_id(request: HttpRequest) -> tuple[str, bool]:
    """Who votes and posts: the account when logged in, otherwise the
    browser's signed random id; and whether that id is new (must be set).

    Votes count only for an id the live page issued earlier (see
    ``live_vote``), and a client address gets at most
    ``RATE_LIMITS["live_device"]`` new ids per hour, so dropping the cookie
    before each vote no longer adds a vote."""
    if request.user.is_authenticated:
        return f"u{request.user.pk}", False
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    if value:
        return value, False
    return secrets.token_urlsafe(18), True


def _may_issue_device_id(request: HttpRequest) -> bool:
    return ratelimit.hit("live_device", ratelimit.client_key(request))


def _with_cookie(response: HttpResponse, cid: str, new: bool) -> HttpResponse:
    if new:
        response.set_signed_cookie(
            COOKIE, cid, salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True, samesite="Lax"
        )
    return response


def _vote_base(pk: int, session_id: int) -> str:
    """The vote URL without the contribution id (one reverse per page, not per item)."""
    return reverse("meetings:live_vote", args=[pk, session_id, 0])[: -len("0/")]


def _live_list_html(request: HttpRequest, session: Session, cid: str) -> str:
    """The approved contributions, rendered once per session and language
    for LIST_CACHE_SECONDS and shared by everyone in the room (a full room
    reloads this page a lot). Per browser, only the CSRF token and the
    "you voted" marks are filled in."""
    key = f"meetings:live-list:{session.pk}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "meetings/_live_items.html",
            {
                "contributions": selectors.live_contributions(session),
                "vote_base": _vote_base(session.meeting_id, session.pk),
                "shared": True,
            },
        )
        cache.set(key, html, LIST_CACHE_SECONDS)
    ids = [int(pk) for pk in _VOTE_SLOT_ID.findall(html)]
    if not ids:
        return ""
    voted = selectors.live_voted_ids(cid, ids)
    voted_html = format_html('<span class="kern-hint">{}</span>', _("You voted"))
    html = _VOTE_SLOT.sub(lambda m: voted_html if int(m.group(1)) in voted else m.group(2), html)
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return mark_safe(html.replace(CSRF_SLOT, token))  # noqa: S308 - our own rendered template


def _session_or_closed(request: HttpRequest, pk: int, session_id: int):
    """The session of a published event, or a German 'not found / closed' page."""
    session = selectors.live_session(pk, session_id)
    if session is None:
        return None, render(
            request,
            "core/error.html",
            {
                "title": _("Live page not found"),
                "message": _(
                    "There is no live participation at this address. Please check the link or the code on the screen."
                ),
            },
            status=404,
        )
    if not session.live_open:
        return None, render(
            request,
            "core/error.html",
            {
                "title": _("Live participation is closed"),
                "message": _(
                    "Questions and ideas for this session can no longer be posted. Thank you for taking part!"
                ),
            },
            status=404,
        )
    return session, None


def live_page(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    session, closed = _session_or_closed(request, pk, session_id)
    if closed:
        return closed
    cid, new = client_id(request)
    if new and not _may_issue_device_id(request):
        if request.method == "POST":
            return ratelimit.too_many_requests(request)
        new = False  # readable, but without an id this browser cannot vote
    form = LivePostForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("live_post", cid):
            return ratelimit.too_many_requests(request)
        if form.is_valid():
            try:
                live.live_post(session=session, client_id=cid, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you! Your contribution appears as soon as a moderator approves it."),
                )
                return _with_cookie(redirect("meetings:live", pk, session_id), cid, new)
        status = 400
    list_html = _live_list_html(request, session, cid)
    response = render(
        request,
        "meetings/live.html",
        {
            "session": session,
            "meeting": session.meeting,
            "form": form,
            "list_html": list_html,
            "can_moderate": live.can_moderate(request.user, session.meeting),
        },
        status=status,
    )
    return _with_cookie(response, cid, new)


@require_POST
def live_vote(request: HttpRequest, pk: int, session_id: int, contribution_id: int) -> HttpResponse:
    session, closed = _session_or_closed(request, pk, session_id)
    if closed:
        return closed
    cid, new = client_id(request)
    contribution = get_object_or_404(
        LiveContribution.objects.select_related("session__meeting"),
        pk=contribution_id,
        session=session,
    )
    if new:
        # No id from the live page: a browser that dropped its cookie. The
        # vote is not counted; the live page issues an id (within its limit).
        messages.error(request, _("Your vote was not counted. Please vote again on this page."))
        page = reverse("meetings:live", args=[pk, session_id])
        if request.headers.get("HX-Request"):
            return HttpResponse(status=200, headers={"HX-Redirect": page})
        return redirect(page)
    if not ratelimit.hit("live_vote", cid):
        return ratelimit.too_many_requests(request)
    try:
        counted = live.live_vote(contribution=contribution, client_id=cid)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        counted = False
    if request.headers.get("HX-Request"):
        contribution.refresh_from_db(fields=["vote_count"])
        response = render(
            request,
            "meetings/_live_items.html",
            {
                "contributions": [contribution],
                "voted": {contribution.pk},
                "vote_base": _vote_base(pk, session_id),
                "session": session,
                "meeting": session.meeting,
                "focus": True,
            },
        )
        return _with_cookie(response, cid, new)
    if not counted:
        messages.info(request, _("You have already voted for this."))
    return _with_cookie(redirect("meetings:live", pk, session_id), cid, new)


def projector(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    session, closed = _session_or_closed(request, pk, session_id)
    if closed:
        return closed
    context = {
        "session": session,
        "meeting": session.meeting,
        "questions": selectors.live_contributions(session, limit=8),
        "live_url": absolute_url(reverse("meetings:live", args=[pk, session_id])),
    }
    if request.headers.get("HX-Request"):
        return render(request, "meetings/_projector_items.html", context)
    context["live_qr_svg"] = ticket_qr_svg(context["live_url"])
    return render(request, "meetings/projector.html", context)


@meeting_staff_view("meetings.moderate_live")
def live_moderation(request: HttpRequest, meeting, session_id: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.select_related("track"), pk=session_id, meeting=meeting
    )
    session.meeting = meeting
    idea_form = LiveIdeaForm(request.POST or None)
    if request.method == "POST":
        raw = request.POST.get("contribution", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            return render(
                request,
                "core/error.html",
                {
                    "title": _("Bad request"),
                    "message": _("Please choose a contribution from the list."),
                },
                status=400,
            )
        contribution = get_object_or_404(
            LiveContribution.objects.select_related("session__meeting"),
            pk=int(raw),
            session=session,
        )
        action = request.POST.get("action")
        try:
            if action in ("approve", "reject"):
                live.live_moderate(
                    contribution=contribution, actor=request.user, approve=action == "approve"
                )
            elif action == "idea" and idea_form.is_valid():
                live.meeting_idea_from_live(
                    contribution=contribution,
                    actor=request.user,
                    topic=idea_form.cleaned_data["topic"],
                )
                messages.success(request, _("The idea card is now on the idea platform."))
            else:
                messages.error(request, _("Please choose a field of action."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("meetings:live_moderation", meeting.pk, session_id)
    return render(
        request,
        "meetings/live_moderation.html",
        {
            "session": session,
            "meeting": meeting,
            "pending": selectors.live_pending(session),
            "approved": selectors.live_contributions(session),
            "approved_ideas": selectors.live_ideas_to_transfer(session),
            "idea_form": LiveIdeaForm(),
        },
    )
