"""Public board pages, applications, and the members' workspace.

The workspace answers 404 to everyone who is not an active member or the
programme office: its existence is not revealed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core.forms import add_service_errors
from aufbruch.core.ratelimit import ratelimit
from aufbruch.ideas.selectors import idea_list_public
from aufbruch.staff.middleware import needs_staff_mfa

from . import forms, selectors, services, voting
from . import workspace as workspace_services
from .models import (
    Board,
    BoardApplication,
    BoardMeeting,
    Document,
    Membership,
    Recommendation,
    Thread,
    Vote,
)


def private_file(
    field_file, content_type: str, *, download_name: str | None = None
) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=download_name is not None,
        filename=download_name or "",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = (
        "default-src 'none'; media-src 'self'; img-src 'self'; sandbox"
    )
    return response


def _board(slug: str) -> Board:
    return get_object_or_404(Board, slug=slug)


def workspace_board(request: HttpRequest, slug: str) -> Board:
    """The board whose workspace ``request.user`` may enter. The programme
    office enters every workspace by its staff role, so it needs TOTP here
    as in the staff area; members are residents and do not. A refusal for
    want of the second factor is a PermissionDenied, which StaffMFAMiddleware
    answers with the way to it; everybody else gets a 404."""
    board = _board(slug)
    if not request.user.has_perm("boards.view_workspace", board):
        raise PermissionDenied if needs_staff_mfa(request.user) else Http404
    return board


# --- public ----------------------------------------------------------------------------------------


def board_list(request: HttpRequest) -> HttpResponse:
    return render(request, "boards/board_list.html", {"boards": list(selectors.board_list())})


def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = _board(slug)
    now = timezone.now()
    recommendations = [
        {"rec": r, "overdue": selectors.is_overdue(r, now)}
        for r in selectors.published_recommendations(board)
    ]
    membership = None
    if request.user.is_authenticated:
        membership = Membership.objects.filter(board=board, user=request.user).first()
    application = selectors.my_application(board, request.user)
    return render(
        request,
        "boards/board_detail.html",
        {
            "board": board,
            "call": selectors.open_call(board, now),
            "members": selectors.public_members(board),
            "recommendations": recommendations,
            "membership": membership,
            "application": application,
            "visibility_form": forms.VisibilityForm(
                initial={"show_publicly": membership.show_publicly}
            )
            if membership
            else None,
            "can_workspace": request.user.has_perm("boards.view_workspace", board),
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


@login_required
@ratelimit("registration")
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    board = _board(slug)
    call = selectors.open_call(board)
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(board=board, applicant=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you! Your application was sent. We will tell you about the decision."),
            )
            return redirect("boards:my_application", slug=board.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "boards/apply.html", {"board": board, "call": call, "form": form}, status=status
    )


def application_media(request: HttpRequest, slug: str, pk: int, kind: str) -> FileResponse:
    application = get_object_or_404(BoardApplication, pk=pk, board__slug=slug)
    if not request.user.has_perm("boards.view_application", application):
        raise Http404
    if kind == "photo" and application.photo:
        content_type = "image/png" if application.photo.name.endswith(".png") else "image/jpeg"
        return private_file(application.photo, content_type)
    if kind == "video" and application.video:
        return private_file(application.video, application.video_type or "video/mp4")
    raise Http404


@login_required
@require_POST
def membership_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    board = _board(slug)
    membership = get_object_or_404(Membership, board=board, user=request.user)
    form = forms.VisibilityForm(request.POST)
    form.is_valid()
    services.membership_set_visibility(
        membership=membership,
        user=request.user,
        show_publicly=form.cleaned_data.get("show_publicly", False),
    )
    messages.success(request, _("Your choice was saved."))
    return redirect(board)


# --- workspace ------------------------------------------------------------------------------------


def _consent_context(board: Board, application) -> dict:
    from django.conf import settings

    from .services import needs_guardian_consent

    needs = application is not None and needs_guardian_consent(
        application.birth_year, timezone.localdate(application.created_at)
    )
    membership = getattr(application, "membership", None) if application else None
    return {
        "board": board,
        "application": application,
        "membership": membership,
        "needs_consent": needs,
        "consent_recorded": bool(membership and membership.consent_given_on),
        "deadline": selectors.consent_deadline(application) if needs else None,
        "office_address": settings.PROGRAMME_OFFICE_ADDRESS,
        "office_email": settings.PROGRAMME_OFFICE_EMAIL,
    }


@login_required
def my_application(request: HttpRequest, slug: str) -> HttpResponse:
    """What is pending with one's application: the decision, a guardian's consent."""
    board = _board(slug)
    application = selectors.my_application(board, request.user)
    if application is None:
        return redirect(board)
    return render(request, "boards/my_application.html", _consent_context(board, application))


@login_required
def consent_form(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable consent form for a parent or guardian (applicants under 16)."""
    board = _board(slug)
    context = _consent_context(board, selectors.my_application(board, request.user))
    if not context["needs_consent"]:
        raise Http404
    return render(request, "boards/consent_form.html", context)


def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    if request.user.is_authenticated and not request.user.has_perm(
        "boards.view_workspace", _board(slug)
    ):
        pending = Membership.objects.filter(
            board__slug=slug, user=request.user, status="pending_consent"
        ).exists()
        if pending:  # accepted, consent missing: say so instead of a 404
            return redirect("boards:my_application", slug=slug)
    board = workspace_board(request, slug)
    return render(
        request,
        "boards/workspace.html",
        {
            "board": board,
            "recommendations": list(selectors.workspace_recommendations(board)[:50]),
            "threads": list(board.threads.select_related("author")[:20]),
            "meetings": list(board.meetings.all()[:10]),
            "documents": list(board.documents.select_related("uploaded_by")[:10]),
            "can_draft": request.user.has_perm("boards.draft_recommendation", board),
        },
    )


def members(request: HttpRequest, slug: str) -> HttpResponse:
    board = workspace_board(request, slug)
    rows = list(
        board.memberships.filter(status="active")
        .select_related("user")
        .order_by("user__display_name", "user_id")
    )
    return render(request, "boards/members.html", {"board": board, "memberships": rows})


@ratelimit("comment")
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = workspace_board(request, slug)
    form = forms.ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = workspace_services.thread_create(
                board=board, author=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("boards:thread", slug=board.slug, pk=thread.pk)
    return render(
        request,
        "boards/thread_new.html",
        {"board": board, "form": form},
        status=400 if form.errors else 200,
    )


@ratelimit("comment")
def thread_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = workspace_board(request, slug)
    thread = get_object_or_404(Thread, pk=pk, board=board)
    form = forms.PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workspace_services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("boards:thread", slug=board.slug, pk=thread.pk)
    posts = list(thread.posts.select_related("author"))
    return render(
        request,
        "boards/thread_detail.html",
        {"board": board, "thread": thread, "posts": posts, "form": form},
        status=400 if form.errors else 200,
    )


@ratelimit("comment")
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    board = workspace_board(request, slug)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            workspace_services.document_upload(
                board=board,
                actor=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect("boards:documents", slug=board.slug)
    docs = list(board.documents.select_related("uploaded_by"))
    return render(
        request,
        "boards/documents.html",
        {"board": board, "documents": docs, "form": form},
        status=400 if form.errors else 200,
    )


def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    board = workspace_board(request, slug)
    document = get_object_or_404(Document, pk=pk, board=board)
    return private_file(document.file, document.content_type, download_name=document.original_name)


def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    board = workspace_board(request, slug)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = workspace_services.meeting_record(
                board=board, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("boards:meeting", slug=board.slug, pk=meeting.pk)
    return render(
        request,
        "boards/meetings.html",
        {"board": board, "meetings": list(board.meetings.all()), "form": form},
        status=400 if form.errors else 200,
    )


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = workspace_board(request, slug)
    meeting = get_object_or_404(BoardMeeting, pk=pk, board=board)
    return render(request, "boards/meeting_detail.html", {"board": board, "meeting": meeting})


def _idea_choices():
    return idea_list_public().order_by("-support_count", "-created_at")[:30]


def recommendation_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = workspace_board(request, slug)
    if not request.user.has_perm("boards.draft_recommendation", board):
        raise PermissionDenied
    posted = [
        int(x)
        for x in request.POST.getlist("ideas")
        if x.isascii() and x.isdigit() and len(x) <= 18  # "²" is a digit; 20 digits overflow
    ][: voting.MAX_IDEAS + 1]
    qs = idea_list_public().filter(pk__in=[*_idea_choices().values_list("pk", flat=True), *posted])
    form = forms.RecommendationForm(request.POST or None, ideas_queryset=qs)
    if request.method == "POST" and form.is_valid():
        try:
            rec = voting.recommendation_draft(board=board, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("boards:recommendation", slug=board.slug, pk=rec.pk)
    return render(
        request,
        "boards/recommendation_new.html",
        {"board": board, "form": form},
        status=400 if form.errors else 200,
    )


def _recommendation(request: HttpRequest, slug: str, pk: int) -> tuple[Board, Recommendation]:
    board = workspace_board(request, slug)
    rec = get_object_or_404(
        Recommendation.objects.select_related("author", "board"), pk=pk, board=board
    )
    return board, voting.recommendation_refresh(rec)


def recommendation_detail(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    comment_form=None,
    vote_form=None,
    open_form=None,
    status: int = 200,
) -> HttpResponse:
    board, rec = _recommendation(request, slug, pk)
    my_vote = None
    if request.user.is_authenticated:
        my_vote = (
            Vote.objects.filter(recommendation=rec, voter=request.user)
            .values_list("choice", flat=True)
            .first()
        )
    now = timezone.now()
    voting_open = rec.status == "voting" and rec.opens_at <= now < rec.closes_at
    return render(
        request,
        "boards/recommendation_detail.html",
        {
            "board": board,
            "rec": rec,
            "ideas": list(rec.ideas.all()),
            "comments": list(rec.comments.select_related("author")),
            "comment_form": comment_form or forms.CommentForm(),
            "vote_form": vote_form or forms.VoteForm(initial={"choice": my_vote}),
            "open_form": open_form or forms.OpenVoteForm(),
            "my_vote": my_vote,
            "voting_open": voting_open,
            "votes_so_far": rec.votes.count() if rec.status == "voting" else None,
            "can_vote": voting_open and request.user.has_perm("boards.vote", rec),
            "can_open": rec.status == "draft" and request.user.has_perm("boards.open_vote", rec),
            "can_close": rec.status == "voting" and request.user.has_perm("boards.close_vote", rec),
        },
        status=status,
    )


@require_POST
@ratelimit("comment")
def recommendation_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, rec = _recommendation(request, slug, pk)
    form = forms.CommentForm(request.POST)
    form.is_valid()
    try:
        voting.recommendation_comment(
            recommendation=rec, author=request.user, body=form.cleaned_data.get("body", "")
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return recommendation_detail(request, slug, pk, comment_form=form, status=400)
    return redirect("boards:recommendation", slug=board.slug, pk=rec.pk)


@require_POST
def recommendation_open_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, rec = _recommendation(request, slug, pk)
    form = forms.OpenVoteForm(request.POST)
    if form.is_valid():
        try:
            voting.recommendation_open_vote(
                recommendation=rec, actor=request.user, closes_at=form.cleaned_data["closes_at"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The vote is open."))
            return redirect("boards:recommendation", slug=board.slug, pk=rec.pk)
    return recommendation_detail(request, slug, pk, open_form=form, status=400)


@require_POST
@ratelimit("support")
def recommendation_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, rec = _recommendation(request, slug, pk)
    if not request.user.has_perm("boards.vote", rec):
        raise PermissionDenied
    form = forms.VoteForm(request.POST)
    try:
        voting.vote_cast(
            recommendation=rec, voter=request.user, choice=request.POST.get("choice", "")
        )
    except ValidationError as exc:
        form.is_valid()
        form.errors.pop("choice", None)
        add_service_errors(form, exc)
        return recommendation_detail(request, slug, pk, vote_form=form, status=400)
    messages.success(request, _("Your vote was saved. You can change it until the vote closes."))
    return redirect("boards:recommendation", slug=board.slug, pk=rec.pk)
