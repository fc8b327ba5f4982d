"""Public pages of events: list with map, detail with agenda, registration,
tickets, cancellation and calendar files."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core.forms import add_service_errors
from aufbruch.core.ratelimit import ratelimit
from aufbruch.organisation.models import Topic
from aufbruch.staff.decorators import staff_view

from . import registrations, selectors
from .calendar import calendar_response, meetings_calendar
from .forms import GuestRegistrationForm, RegistrationForm
from .models import MeetingKind, Registration, RegistrationStatus
from .tickets import ticket_qr_svg

PAST_PER_PAGE = 20


def _meeting_from_url(kwargs: dict):
    """The meeting named by the URL's ``pk``; the view receives it as ``meeting``."""
    if "pk" not in kwargs:
        return None
    meeting = get_object_or_404(
        selectors.Meeting.objects.select_related("organiser"), pk=kwargs.pop("pk")
    )
    kwargs["meeting"] = meeting
    return meeting


def meeting_staff_view(perm: str):
    """Staff pages of events (under /staff/events/): ``staff_view`` with the
    permission checked on the meeting of the URL."""
    return staff_view(perm, obj=_meeting_from_url)


def meeting_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    topic = request.GET.get("topic", "")
    topics = list(Topic.objects.filter(is_active=True))
    topic = topic if any(t.slug == topic for t in topics) else ""
    qs = selectors.meeting_filter(selectors.meeting_list_public(), kind=kind, topic=topic)
    upcoming = list(selectors.meeting_upcoming(qs)[:50])
    past_page = Paginator(selectors.meeting_past(qs), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    markers = [
        {
            "lat": float(m.latitude),
            "lon": float(m.longitude),
            "title": m.title,
            "url": m.get_absolute_url(),
        }
        for m in upcoming + list(past_page)
        if m.has_map_point
    ]
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": upcoming,
            "past_page": past_page,
            "kinds": MeetingKind.choices,
            "topics": topics,
            "kind": kind,
            "topic": topic,
            "markers": markers,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_TILE_ATTRIBUTION,
            "map_center": list(settings.MAP_CENTER),
            "can_manage": request.user.has_perm("meetings.create_meeting"),
        },
    )


def _get_visible(request: HttpRequest, pk: int):
    return get_object_or_404(
        selectors.meeting_visible_to(request.user).select_related("organiser"), pk=pk
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_visible(request, pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "topics": list(meeting.topics.all()),
            "sessions": selectors.meeting_sessions(meeting),
            "photos": list(meeting.photos.all()),
            "ideas": selectors.meeting_ideas(meeting) if meeting.results_published_at else [],
            "registration": registrations.registration_for(meeting=meeting, user=request.user),
            "can_manage": request.user.has_perm("meetings.manage_meeting", meeting),
            "now_time": timezone.now(),
        },
    )


@ratelimit("registration")
def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_visible(request, pk)
    if not meeting.is_published:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    if user is not None and not user.has_perm("meetings.register"):
        raise PermissionDenied
    form_class = RegistrationForm if user else GuestRegistrationForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registrations.registration_create(
                meeting=meeting, user=user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.UNCONFIRMED:
                return render(
                    request,
                    "meetings/registration_check_mail.html",
                    {"meeting": meeting, "email": registration.guest_email},
                )
            return redirect("meetings:ticket", registration.secret)
    existing = registrations.registration_for(meeting=meeting, user=request.user)
    return render(
        request,
        "meetings/registration_form.html",
        {"meeting": meeting, "form": form, "existing": existing},
    )


def guest_confirm(request: HttpRequest, secret: str) -> HttpResponse:
    """GET shows a button (mail scanners must not confirm), POST confirms."""
    registration = (
        Registration.objects.select_related("meeting")
        .filter(secret=secret, user__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            registration = registrations.registration_confirm_guest(secret=secret)
        except ValidationError as exc:
            raise Http404 from exc
        return redirect("meetings:ticket", registration.secret)
    return render(
        request,
        "meetings/guest_confirm.html",
        {"registration": registration, "meeting": registration.meeting},
    )


def ticket(request: HttpRequest, secret: str) -> HttpResponse:
    """The person's own registration: status, QR code, cancel, calendar.
    Reached only through the secret link (or from the event page)."""
    registration = get_object_or_404(
        Registration.objects.select_related("meeting", "user"), secret=secret
    )
    if registration.user_id and registration.user_id != request.user.pk:
        # An account's ticket is shown only to that account.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    svg = (
        ticket_qr_svg(registration.ticket_code)
        if registration.status == RegistrationStatus.CONFIRMED
        else ""
    )
    return render(
        request,
        "meetings/ticket.html",
        {"registration": registration, "meeting": registration.meeting, "qr_svg": svg},
    )


@require_POST
def registration_cancel(request: HttpRequest, secret: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("meeting"), secret=secret)
    if registration.user_id and registration.user_id != request.user.pk:
        raise Http404
    try:
        registrations.registration_cancel(
            registration=registration, actor=request.user if request.user.is_authenticated else None
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("meetings:ticket", secret)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect("meetings:detail", registration.meeting_id)


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meeting_list_public(), pk=pk)
    return calendar_response(
        meetings_calendar([meeting], request), f"veranstaltung-{meeting.pk}.ics"
    )


def meeting_feed(request: HttpRequest) -> HttpResponse:
    meetings = list(selectors.meeting_list_public().order_by("-starts_at")[:500])
    return calendar_response(
        meetings_calendar(meetings, request, name=_("Events")), "veranstaltungen.ics"
    )
