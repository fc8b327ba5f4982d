"""Staff pages of the programme office under /staff/events/ and the
check-in at the door. All need the permission on the event and TOTP."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aufbruch.core.csv import csv_response
from aufbruch.core.forms import add_service_errors

from . import live, registrations, selectors, services
from .forms import (
    CheckInForm,
    MeetingForm,
    PaperCardForm,
    PhotoForm,
    ResultsForm,
    SessionForm,
    TrackForm,
)
from .models import Meeting, Session
from .views import meeting_staff_view


@meeting_staff_view("meetings.view_manage_list")
def manage_list(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("meetings.create_meeting"):
        meetings = Meeting.objects.all()
    else:
        meetings = Meeting.objects.filter(organiser=request.user)
    meetings = list(meetings.order_by("-starts_at")[:200])
    return render(
        request,
        "meetings/manage/list.html",
        {
            "meetings": meetings,
            "can_create": request.user.has_perm("meetings.create_meeting"),
        },
    )


def _meeting_fields(cleaned: dict) -> tuple[dict, list]:
    data = dict(cleaned)
    topics = list(data.pop("topics", []))
    return data, topics


@meeting_staff_view("meetings.create_meeting")
def manage_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, topics = _meeting_fields(form.cleaned_data)
        try:
            meeting = services.meeting_create(actor=request.user, topics=topics, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event has been created. Now add the agenda."))
            return redirect("meetings:manage_agenda", meeting.pk)
    return render(
        request,
        "meetings/manage/meeting_form.html",
        {"form": form, "meeting": None},
        status=400 if form.errors else 200,
    )


@meeting_staff_view("meetings.manage_meeting")
def manage_edit(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST" and form.is_valid():
        data, topics = _meeting_fields(form.cleaned_data)
        try:
            services.meeting_update(meeting=meeting, actor=request.user, topics=topics, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/manage/meeting_form.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@meeting_staff_view("meetings.manage_meeting")
def manage_agenda(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    track_form = TrackForm(request.POST if "add_track" in request.POST else None)
    session_form = SessionForm(
        request.POST if "add_session" in request.POST else None, meeting=meeting
    )
    if request.method == "POST":
        try:
            if "add_track" in request.POST and track_form.is_valid():
                services.track_create(
                    meeting=meeting, actor=request.user, name=track_form.cleaned_data["name"]
                )
                messages.success(request, _("The track has been added."))
                return redirect("meetings:manage_agenda", meeting.pk)
            if "add_session" in request.POST and session_form.is_valid():
                services.session_create(
                    meeting=meeting, actor=request.user, **session_form.cleaned_data
                )
                messages.success(request, _("The session has been added."))
                return redirect("meetings:manage_agenda", meeting.pk)
        except ValidationError as exc:
            add_service_errors(track_form if "add_track" in request.POST else session_form, exc)
    status = 400 if (track_form.errors or session_form.errors) else 200
    return render(
        request,
        "meetings/manage/agenda.html",
        {
            "meeting": meeting,
            "tracks": list(meeting.tracks.all()),
            "sessions": selectors.meeting_sessions(meeting),
            "track_form": track_form,
            "session_form": session_form,
        },
        status=status,
    )


@meeting_staff_view("meetings.manage_meeting")
def manage_session(request: HttpRequest, meeting: Meeting, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=session_id, meeting=meeting)
    form = SessionForm(
        request.POST or None, instance=Session.objects.get(pk=session.pk), meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("meetings:manage_agenda", meeting.pk)
    return render(
        request,
        "meetings/manage/session_form.html",
        {"meeting": meeting, "session": session, "form": form},
        status=400 if form.errors else 200,
    )


@meeting_staff_view("meetings.view_attendees")
def manage_attendees(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    attendees = selectors.attendee_list(meeting)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"anmeldungen-{meeting.pk}.csv",
            [_("Name"), _("E-mail address"), _("Status"), _("Access needs"), _("Checked in")],
            (
                [
                    r.person_name,
                    r.email,
                    r.get_status_display(),
                    r.access_needs,
                    r.checked_in_at.isoformat() if r.checked_in_at else "",
                ]
                for r in attendees
            ),
        )
    return render(
        request,
        "meetings/manage/attendees.html",
        {
            "meeting": meeting,
            "attendees": list(attendees),
            "figures": selectors.attendance_figures(meeting),
        },
    )


@meeting_staff_view("meetings.check_in")
def check_in(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    checked = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            checked = registrations.registration_check_in(
                meeting=meeting, code=form.cleaned_data["code"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 400
        else:
            form = CheckInForm()
    elif request.method == "POST":
        status = 400
    meeting.refresh_from_db(fields=["attended_count", "confirmed_count"])
    context = {"meeting": meeting, "form": form, "checked": checked}
    template = (
        "meetings/_check_in_result.html"
        if request.headers.get("HX-Request")
        else "meetings/check_in.html"
    )
    return render(
        request, template, context, status=status if not request.headers.get("HX-Request") else 200
    )


@meeting_staff_view("meetings.manage_meeting")
def manage_results(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    action = request.POST.get("action", "")
    results_form = ResultsForm(
        request.POST if action == "results" else None,
        initial={"minutes": meeting.minutes, "results": meeting.results},
    )
    photo_form = PhotoForm(
        request.POST if action == "photo" else None, request.FILES if action == "photo" else None
    )
    card_form = PaperCardForm(request.POST if action == "card" else None)
    if request.method == "POST":
        done = None
        try:
            if action == "results" and results_form.is_valid():
                services.results_publish(
                    meeting=meeting, actor=request.user, **results_form.cleaned_data
                )
                done = _("The results have been published.")
            elif action == "photo" and photo_form.is_valid():
                services.photo_add(
                    meeting=meeting,
                    actor=request.user,
                    upload=photo_form.cleaned_data["image"],
                    alt_text=photo_form.cleaned_data["alt_text"],
                )
                done = _("The photo has been added.")
            elif action == "card" and card_form.is_valid():
                link = live.meeting_idea_from_card(
                    meeting=meeting, actor=request.user, **card_form.cleaned_data
                )
                done = _("The idea “%(title)s” is now on the idea platform.") % {
                    "title": link.idea.title
                }
        except ValidationError as exc:
            add_service_errors(
                {"results": results_form, "photo": photo_form, "card": card_form}[action], exc
            )
        if done:
            messages.success(request, done)
            return redirect("meetings:manage_results", meeting.pk)
    status = 400 if (results_form.errors or photo_form.errors or card_form.errors) else 200
    return render(
        request,
        "meetings/manage/results.html",
        {
            "meeting": meeting,
            "results_form": results_form,
            "photo_form": photo_form,
            "card_form": card_form,
            "photos": list(meeting.photos.all()),
            "ideas": selectors.meeting_ideas(meeting),
        },
        status=status,
    )
