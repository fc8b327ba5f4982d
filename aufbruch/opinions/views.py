"""Public pages: the list, voting one statement at a time, adding statements,
and the results. HTTP in, a service call, HTTP out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aufbruch.core import ratelimit
from aufbruch.core.forms import add_service_errors

from . import selectors, services
from .forms import StatementForm, VoteForm
from .models import OpinionMap, Participant, Statement

COOKIE = "aufbruch_opinions"
COOKIE_SALT = "aufbruch.opinions.participant"
COOKIE_MAX_AGE = 365 * 24 * 3600


def _anonymous_key(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)


def _participant(
    request: HttpRequest, opinion_map: OpinionMap, *, create: bool = False
) -> Participant | None:
    if request.user.is_authenticated:
        return services.participant_for(opinion_map=opinion_map, user=request.user, create=create)
    key = _anonymous_key(request)
    if key is None and create:
        key = services.new_anonymous_key()
        request._opinions_new_key = key
    return (
        services.participant_for(opinion_map=opinion_map, anonymous_key=key, create=create)
        if key
        else None
    )


def _remember(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    key = getattr(request, "_opinions_new_key", None)
    if key:
        response.set_signed_cookie(
            COOKIE,
            key,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _map_or_404(pk: int) -> OpinionMap:
    return get_object_or_404(OpinionMap.objects.select_related("topic"), pk=pk)


@require_GET
def opinion_map_list(request: HttpRequest) -> HttpResponse:
    return render(request, "opinions/list.html", {"maps": list(selectors.opinion_map_list())})


def _detail_context(
    request, opinion_map, *, participant=None, statement_form=None, vote_error=None
) -> dict:
    statement = selectors.next_statement(opinion_map=opinion_map, participant=participant)
    return {
        "opinion_map": opinion_map,
        "statement": statement,
        "progress": selectors.progress(opinion_map=opinion_map, participant=participant),
        "can_vote": request.user.has_perm("opinions.vote", opinion_map),
        "can_add": request.user.has_perm("opinions.add_statement", opinion_map),
        "statement_form": statement_form or StatementForm(),
        "vote_error": vote_error,
    }


@require_GET
def opinion_map_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = _map_or_404(pk)
    participant = _participant(request, opinion_map)
    return render(
        request,
        "opinions/detail.html",
        _detail_context(request, opinion_map, participant=participant),
    )


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = _map_or_404(pk)
    if not request.user.has_perm("opinions.vote", opinion_map):
        raise PermissionDenied
    if not ratelimit.hit("opinion_vote", ratelimit.client_key(request)):
        return ratelimit.too_many_requests(request)
    htmx = bool(request.headers.get("HX-Request"))
    form = VoteForm(request.POST)
    error = None
    if form.is_valid():
        statement = (
            Statement.objects.select_related("opinion_map")
            .filter(pk=form.cleaned_data["statement"])
            .first()
        )
        if statement is None:
            raise Http404
        participant = _participant(request, opinion_map, create=True)
        try:
            services.vote_cast(
                participant=participant, statement=statement, value=form.cleaned_data["value"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        participant = _participant(request, opinion_map)
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if error is None and not htmx:
        return _remember(request, redirect(opinion_map.get_absolute_url() + "#opinion-card"))
    context = _detail_context(request, opinion_map, participant=participant, vote_error=error)
    context["partial"] = htmx
    template = "opinions/_card.html" if htmx else "opinions/detail.html"
    # htmx only swaps 2xx answers in; the card then shows the error where the buttons are.
    return _remember(
        request, render(request, template, context, status=400 if error and not htmx else 200)
    )


@require_POST
def statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = _map_or_404(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(opinion_map.get_absolute_url())
    if not request.user.has_perm("opinions.add_statement", opinion_map):
        raise PermissionDenied
    if not ratelimit.hit("opinion_statement", ratelimit.client_key(request)):
        return ratelimit.too_many_requests(request)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            statement = services.statement_add(
                opinion_map=opinion_map, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc, fallback="text")
        else:
            if statement.state == "accepted":
                messages.success(request, _("Your statement has been published."))
            else:
                messages.success(
                    request,
                    _("Thank you! Your statement will appear once a moderator has checked it."),
                )
            return redirect(opinion_map.get_absolute_url())
    participant = _participant(request, opinion_map)
    return render(
        request,
        "opinions/detail.html",
        _detail_context(request, opinion_map, participant=participant, statement_form=form),
    )


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = _map_or_404(pk)
    participant = _participant(request, opinion_map)
    return render(
        request,
        "opinions/results.html",
        {
            "opinion_map": opinion_map,
            "data": selectors.results(opinion_map=opinion_map, participant=participant),
        },
    )
