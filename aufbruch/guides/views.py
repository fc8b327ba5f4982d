"""The staff area of the guides: inbox, staff idea page, entry on behalf of
residents, roles and process settings. Views translate HTTP to service calls."""

from __future__ import annotations

import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aufbruch.core.pagination import PageWindow
from aufbruch.ideas import page_cache, workflow
from aufbruch.ideas.models import Idea
from aufbruch.staff import services as staff_services
from aufbruch.staff.decorators import staff_view
from aufbruch.staff.models import StaffRole
from aufbruch.staff.selectors import is_guide

from . import selectors, services
from .forms import (
    AssignForm,
    EnterIdeaForm,
    InboxFilterForm,
    MergeForm,
    NoteForm,
    ResponseForm,
    RoleGrantForm,
    SettingsForm,
    StatusForm,
    SummaryForm,
    UserSearchForm,
)
from .models import OfficialResponse


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


# --- inbox ------------------------------------------------------------------------------


# The inbox's filters, in the order of its links; a page shows only what
# audited changes write, so it is kept for the ideas' current generation
# (ideas.page_cache) under these values when they are plain.
INBOX_PARAMS = ("scope", "q", "status", "topic", "district", "department")
_PLAIN_VALUE = re.compile(r"[\w-]{0,64}")
_PAGE_VALUE = re.compile(r"|[1-9][0-9]{0,3}")  # within _page_number's cap


def _inbox_key(request, *, default_scope: str, htmx: bool) -> str | None:
    """The cache key of this inbox page, or None when it is not to be kept
    (a search, repeated or odd values, caching off). The selection "mine"
    is the viewer's own; the others are the same for every staff member."""
    if not settings.IDEA_LIST_CACHE_SECONDS:
        return None
    values = []
    for name in (*INBOX_PARAMS, "page"):
        given = request.GET.getlist(name)
        if len(given) > 1 or (name == "q" and given and given[0].strip()):
            return None
        value = given[0] if given else ""
        if not (_PAGE_VALUE if name == "page" else _PLAIN_VALUE).fullmatch(value):
            return None
        values.append(value if given else "-")
    # The viewer's default scope shows only where no scope is chosen.
    scope = request.GET.get("scope") or f"{default_scope}-by-default"
    owner = request.user.pk if scope.startswith("mine") else "all"
    shape = f"{get_language()}:{'htmx' if htmx else 'page'}:{bool(request.GET):d}:{scope}"
    return f"guides:inbox:{shape}:{owner}:" + ":".join(values)


def _inbox_body(request, *, default_scope: str, htmx: bool) -> tuple[str, bool]:
    """The inbox below its navigation (the htmx answer: the results alone)
    and whether it may be kept: the filters were valid and the page has
    ideas or is the first."""
    form = InboxFilterForm(request.GET or None, initial={"scope": default_scope})
    valid = not form.is_bound or form.is_valid()
    filters = form.cleaned_data if form.is_bound and valid else {}
    scope = filters.get("scope") or default_scope
    now = timezone.now()
    qs = selectors.inbox_queryset(
        request.user,
        scope=scope,
        now=now,
        q=filters.get("q", ""),
        status=filters.get("status", ""),
        topic=filters.get("topic"),
        district=filters.get("district"),
        department=filters.get("department"),
    )
    page = _page_number(request)
    ideas, has_next = selectors.inbox_page(qs, now=now, page=page)
    # The other filters in a fixed order, unknown parameters left out, so
    # that one page has one rendering.
    query = urlencode([(name, request.GET[name]) for name in INBOX_PARAMS if name in request.GET])
    context = {
        "form": form,
        "ideas": ideas,
        "page": page,
        "has_next": has_next,
        "pager": PageWindow(number=page, has_next=has_next),
        "query_prefix": query + "&" if query else "",
        "scope": scope,
    }
    template = "guides/_inbox_results.html" if htmx else "guides/_inbox_body.html"
    return render_to_string(template, context), valid and (bool(ideas) or page == 1)


@require_GET
@staff_view("guides.view_inbox")
def inbox(request):
    default_scope = "mine" if is_guide(request.user) else "new"
    htmx = bool(request.headers.get("HX-Request"))
    key = _inbox_key(request, default_scope=default_scope, htmx=htmx)
    lookup = page_cache.generation_lookup(key) if key else None
    body = lookup.html if lookup else None
    if body is None:
        body, keep = _inbox_body(request, default_scope=default_scope, htmx=htmx)
        if lookup:
            page_cache.live_list_store(lookup, body, valid=keep, page_shown=True)
    if htmx:
        return HttpResponse(body)
    return render(request, "guides/inbox.html", {"body": mark_safe(body)})  # noqa: S308 - ours


# --- staff idea page ----------------------------------------------------------------------

FORM_CLASSES = {
    "assign": AssignForm,
    "status": StatusForm,
    "note": NoteForm,
    "response": ResponseForm,
    "merge": MergeForm,
}


def _forms_for(idea: Idea, bound: dict | None = None) -> dict:
    forms = {}
    for key, cls in FORM_CLASSES.items():
        kwargs = {"prefix": key}
        if key == "status":
            kwargs["idea"] = idea
        if key == "assign":
            kwargs["initial"] = {"department": idea.department_id, "assignee": idea.assignee_id}
        forms[key] = (bound or {}).get(key) or cls(**kwargs)
    return forms


def _render_idea(request, idea: Idea, bound: dict | None = None, status: int = 200):
    user = request.user
    forms = _forms_for(idea, bound)
    responses = list(idea.official_responses.all())
    response_forms = [
        (
            r,
            (bound or {}).get(f"response-{r.pk}")
            or ResponseForm(prefix=f"edit-{r.pk}", initial={"text": r.text}),
            (bound or {}).get(f"summary-{r.pk}")
            or SummaryForm(prefix=f"summary-{r.pk}", initial={"summary": r.summary}),
        )
        for r in responses
    ]
    now = timezone.now()
    context = {
        "idea": idea,
        "forms": forms,
        "response_forms": response_forms,
        "notes": list(idea.internal_notes.all()),
        "assignments": list(idea.assignments.all()),
        "changes": list(idea.status_changes.all()),
        "is_overdue": idea.first_response_at is None
        and idea.response_due_at is not None
        and idea.response_due_at < now
        and idea.status not in workflow.FINAL_STATUSES,
        "can": {
            "assign": user.has_perm("guides.assign_idea", idea),
            "status": user.has_perm("guides.change_status", idea),
            "note": user.has_perm("guides.add_note", idea),
            "respond": user.has_perm("guides.respond", idea),
            "summarise": user.has_perm("guides.write_summary", idea),
            "merge": user.has_perm("guides.merge_idea", idea),
        },
        "has_next_status": bool(workflow.next_statuses(idea.status)),
    }
    return render(request, "guides/idea_detail.html", context, status=status)


@require_GET
@staff_view("guides.view_staff_idea")
def idea_detail(request, pk: int):
    return _render_idea(request, selectors.staff_idea(pk))


def _idea_action(perm: str, form_key: str):
    """POST handler skeleton: check the permission on the idea, validate the
    form, call the service, redirect; on errors show the page with the form."""

    def decorator(action):
        @wraps(action)
        @require_POST
        @staff_view("guides.view_staff_idea")
        def wrapper(request, pk: int):
            idea = get_object_or_404(Idea, pk=pk)
            if not request.user.has_perm(perm, idea):
                raise PermissionDenied
            kwargs = {"prefix": form_key}
            if form_key == "status":
                kwargs["idea"] = idea
            form = FORM_CLASSES[form_key](request.POST, **kwargs)
            if form.is_valid():
                try:
                    message = action(request, idea, form.cleaned_data)
                except ValidationError as exc:
                    form.add_service_error(exc)
                else:
                    messages.success(request, message)
                    return redirect("guides:idea", pk=pk)
            return _render_idea(request, selectors.staff_idea(pk), {form_key: form}, status=400)

        return wrapper

    return decorator


@_idea_action("guides.assign_idea", "assign")
def idea_assign(request, idea, data):
    services.idea_assign(
        idea=idea,
        actor=request.user,
        department=data["department"],
        assignee=data["assignee"],
        reason=data["reason"],
    )
    return _("The idea was assigned.")


@_idea_action("guides.change_status", "status")
def idea_status(request, idea, data):
    workflow.idea_change_status(
        idea=idea,
        actor=request.user,
        to_status=data["to_status"],
        explanation=data["explanation"],
        decided_at=data["decided_at"],
        reference=data["reference"],
    )
    return _("The status was changed and everyone concerned is notified.")


@_idea_action("guides.add_note", "note")
def idea_note(request, idea, data):
    services.internal_note_add(idea=idea, actor=request.user, text=data["text"])
    return _("The internal note was saved.")


@_idea_action("guides.respond", "response")
def idea_respond(request, idea, data):
    services.response_publish(idea=idea, actor=request.user, text=data["text"])
    return _("The official response was published.")


@_idea_action("guides.merge_idea", "merge")
def idea_merge(request, idea, data):
    into = Idea.objects.filter(pk=data["into"]).first()
    if into is None:
        raise ValidationError({"into": [_("There is no idea with this number.")]})
    workflow.idea_merge(idea=idea, into=into, actor=request.user, explanation=data["explanation"])
    return _("The idea was merged.")


@require_POST
@staff_view("guides.view_staff_idea")
def response_edit(request, pk: int):
    response = get_object_or_404(OfficialResponse.objects.select_related("idea"), pk=pk)
    if not request.user.has_perm("guides.respond", response.idea):
        raise PermissionDenied
    form = ResponseForm(request.POST, prefix=f"edit-{pk}")
    if form.is_valid():
        try:
            services.response_edit(
                response=response, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request, _("The response was updated; the earlier version stays visible.")
            )
            return redirect("guides:idea", pk=response.idea_id)
    return _render_idea(
        request, selectors.staff_idea(response.idea_id), {f"response-{pk}": form}, status=400
    )


@require_POST
@staff_view("guides.view_staff_idea")
def response_summary(request, pk: int):
    response = get_object_or_404(OfficialResponse.objects.select_related("idea"), pk=pk)
    if not request.user.has_perm("guides.write_summary", response.idea):
        raise PermissionDenied
    form = SummaryForm(request.POST, prefix=f"summary-{pk}")
    if form.is_valid():
        try:
            services.response_summary_set(
                response=response, actor=request.user, summary=form.cleaned_data["summary"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The summary in plain language is published."))
            return redirect("guides:idea", pk=response.idea_id)
    return _render_idea(
        request, selectors.staff_idea(response.idea_id), {f"summary-{pk}": form}, status=400
    )


# --- staff-assisted entry -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_view("guides.enter_idea")
def idea_enter(request):
    form = EnterIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = services.idea_enter_for_resident(
                actor=request.user,
                source=data["source"],
                title=data["title"],
                body=data["body"],
                topic=data["topic"],
                district=data["district"],
                resident_email=data["resident_email"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The idea was entered and published."))
            return redirect("guides:idea", pk=idea.pk)
    return render(
        request, "guides/idea_enter.html", {"form": form}, status=400 if form.errors else 200
    )


# --- roles ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_view("staff.manage_roles")
def roles(request):
    search = UserSearchForm(request.GET or None)
    grant = RoleGrantForm(request.POST or None, prefix="grant")
    if request.method == "POST" and grant.is_valid():
        data = grant.cleaned_data
        try:
            staff_services.staff_role_grant(
                actor=request.user,
                user=data["user"],
                role=data["role"],
                department=data["department"],
            )
        except ValidationError as exc:
            grant.add_service_error(exc)
        else:
            messages.success(request, _("The role was granted."))
            return redirect(
                reverse("guides:roles")
                + (f"?q={request.GET.get('q', '')}" if request.GET.get("q") else "")
            )
    found = []
    q = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    if q:
        found = list(
            get_user_model()
            .objects.filter(is_deleted=False)
            .filter(Q(email__icontains=q) | Q(display_name__icontains=q))
            .order_by("display_name", "pk")[:20]
        )
    staff_roles = list(
        StaffRole.objects.select_related("user", "department").order_by(
            "role", "department__name", "user__display_name"
        )
    )
    return render(
        request,
        "guides/roles.html",
        {"search": search, "grant": grant, "found": found, "q": q, "staff_roles": staff_roles},
        status=400 if grant.errors else 200,
    )


@require_POST
@staff_view("staff.manage_roles")
def role_revoke(request, pk: int):
    staff_role = get_object_or_404(StaffRole.objects.select_related("user"), pk=pk)
    try:
        staff_services.staff_role_revoke(actor=request.user, staff_role=staff_role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("guides:roles")


# --- settings -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_view("guides.manage_settings")
def process_settings(request):
    current = selectors.guide_settings()
    initial = {
        "response_days": current.response_days,
        "support_threshold": current.support_threshold,
        "support_window_days": current.support_window_days,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("guides:settings")
    return render(
        request, "guides/settings.html", {"form": form}, status=400 if form.errors else 200
    )
