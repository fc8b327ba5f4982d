"""Public pages of the Digital Agenda: the reading view, a paragraph with its
discussion and amendments, an amendment with its diff, versions and their
comparison, results (page, CSV, PDF) and the Atom feed of changes.

Every action is a POST form that works without JavaScript; views translate
HTTP to one service call and back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aufbruch.committees.selectors import pdf_available
from aufbruch.core.csv import csv_response
from aufbruch.core.ratelimit import ratelimit

from . import selectors, services
from .diff import word_diff
from .forms import AmendmentForm, CommentForm, VoteForm
from .models import AgendaComment, Amendment, AmendmentStatus, Section, Version, VoteChoice
from .rendering import section_bodies


def _document(request, pk: int):
    document = selectors.visible_document(request.user, pk)
    if document is None:
        raise Http404
    return document


def _login_needed(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "agenda/document_list.html", {"documents": list(selectors.public_documents()[:50])}
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    sections = selectors.reading_sections(document, request.user)
    can_comment = request.user.has_perm("agenda.comment", document)
    can_amend = request.user.has_perm("agenda.propose_amendment", document)
    bodies = section_bodies(document, write=can_comment or can_amend)
    for entry in sections:
        entry.body = bodies.get(entry.section.pk, "")
    adopted = (
        Version.objects.adopted()
        .filter(document=document)
        .select_related("committee_meeting")
        .first()
    )
    return render(
        request,
        "agenda/document_detail.html",
        {
            "document": document,
            "sections": sections,
            "adopted": adopted,
            "can_vote": request.user.has_perm("agenda.vote", document),
            "vote_choices": VoteChoice.choices,
        },
    )


def _paragraph_page(
    request, document, paragraph, *, comment_form=None, amendment_form=None, status=200
):
    amendments = selectors.amendments_of(paragraph, request.user)
    context = {
        "document": document,
        "paragraph": paragraph,
        "section": paragraph.section,
        "cited": selectors.citations_for([paragraph.pk]).get(paragraph.pk, []),
        "comments": selectors.thread(paragraph=paragraph),
        "amendments": amendments,
        "supported": selectors.supported_ids(request.user, amendments),
        "comment_form": comment_form or CommentForm(),
        "amendment_form": amendment_form or AmendmentForm(initial={"text": paragraph.text}),
        "can_comment": request.user.has_perm("agenda.comment", document),
        "can_amend": request.user.has_perm("agenda.propose_amendment", document),
        "can_decide": request.user.has_perm("agenda.decide_amendment"),
        "comment_url": reverse("agenda:comment", args=[document.pk, paragraph.pk]),
    }
    return render(request, "agenda/paragraph_detail.html", context, status=status)


def _paragraph(document, pk):
    paragraph = selectors.paragraph_detail(document, pk)
    if paragraph is None:
        raise Http404
    return paragraph


@require_GET
def paragraph_detail(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    document = _document(request, pk)
    return _paragraph_page(request, document, _paragraph(document, paragraph_pk))


def _parent(form, **filters):
    pk = form.cleaned_data.get("parent")
    if not pk:
        return None
    parent = AgendaComment.objects.filter(pk=pk, **filters).first()
    if parent is None:
        raise ValidationError({"parent": _("This comment cannot be answered.")})
    return parent


@require_POST
@ratelimit("comment")
def comment_create(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    document = _document(request, pk)
    paragraph = _paragraph(document, paragraph_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_create(
                paragraph=paragraph,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=_parent(form, paragraph=paragraph, amendment__isnull=True),
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(comment.get_absolute_url())
    return _paragraph_page(request, document, paragraph, comment_form=form, status=400)


@require_POST
@ratelimit("comment")
def amendment_propose(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    document = _document(request, pk)
    paragraph = _paragraph(document, paragraph_pk)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            amendment = services.amendment_propose(
                paragraph=paragraph, author=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Your amendment is published. Others can now support it."))
            return redirect(amendment.get_absolute_url())
    return _paragraph_page(request, document, paragraph, amendment_form=form, status=400)


def _amendment(request, pk) -> Amendment:
    amendment = get_object_or_404(
        Amendment.objects.select_related("paragraph__section", "paragraph__document", "author"),
        pk=pk,
    )
    if not request.user.has_perm("agenda.view_document", amendment.paragraph.document):
        raise Http404
    if amendment.is_hidden and not (
        request.user.has_perm("agenda.view_hidden") or amendment.author_id == request.user.pk
    ):
        raise Http404
    return amendment


def _amendment_page(request, amendment, *, comment_form=None, status=200):
    document = amendment.paragraph.document
    context = {
        "amendment": amendment,
        "document": document,
        "paragraph": amendment.paragraph,
        "diff": word_diff(amendment.base_text, amendment.text),
        "comments": selectors.thread(paragraph=amendment.paragraph, amendment=amendment),
        "comment_form": comment_form or CommentForm(),
        "can_comment": request.user.has_perm("agenda.comment", document)
        and amendment.status == AmendmentStatus.OPEN,
        "can_support": request.user.has_perm("agenda.support_amendment", amendment)
        and document.allows("amend"),
        "has_supported": bool(selectors.supported_ids(request.user, [amendment])),
        "can_decide": request.user.has_perm("agenda.decide_amendment")
        and amendment.status == AmendmentStatus.OPEN,
        "comment_url": reverse("agenda:amendment_comment", args=[amendment.pk]),
    }
    return render(request, "agenda/amendment_detail.html", context, status=status)


@require_GET
def amendment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _amendment_page(request, _amendment(request, pk))


@require_POST
@ratelimit("comment")
def amendment_comment(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    amendment = _amendment(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            if amendment.status != AmendmentStatus.OPEN:
                raise ValidationError(_("The decision on this amendment has been taken."))
            comment = services.comment_create(
                paragraph=amendment.paragraph,
                amendment=amendment,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=_parent(form, amendment=amendment),
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(comment.get_absolute_url())
    return _amendment_page(request, amendment, comment_form=form, status=400)


@require_POST
@ratelimit("support")
def amendment_support(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    amendment = _amendment(request, pk)
    try:
        if request.POST.get("withdraw"):
            services.amendment_withdraw_support(amendment=amendment, user=request.user)
            messages.success(request, _("Your support is withdrawn."))
        else:
            services.amendment_support(amendment=amendment, user=request.user)
            messages.success(request, _("Thank you for your support."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(amendment.get_absolute_url())


@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    comment = get_object_or_404(AgendaComment.objects.select_related("paragraph"), pk=pk)
    try:
        services.comment_delete(comment=comment, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your comment was deleted."))
    return redirect(comment.get_absolute_url())


@require_POST
@ratelimit("support")
def section_vote(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _login_needed(request)) is not None:
        return response
    section = get_object_or_404(Section.objects.select_related("document"), pk=pk)
    document = section.document
    if not request.user.has_perm("agenda.view_document", document):
        raise Http404
    form = VoteForm(request.POST)
    error = None
    if form.is_valid():
        try:
            vote = services.section_vote(
                section=section, user=request.user, choice=form.cleaned_data["choice"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if request.headers.get("HX-Request"):
        section.refresh_from_db()
        return render(
            request,
            "agenda/_vote.html",
            {
                "entry": {"section": section, "my_vote": None if error else vote.choice},
                "document": document,
                "can_vote": True,
                "vote_choices": VoteChoice.choices,
                "vote_error": error,
                "vote_saved": not error,
            },
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("Your vote on section %(number)s is saved.") % {"number": section.number}
        )
    return redirect(section.get_absolute_url())


# --- versions ---------------------------------------------------------------------


@require_GET
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    items = selectors.versions(document)
    return render(request, "agenda/version_list.html", {"document": document, "versions": items})


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = _document(request, pk)
    version = get_object_or_404(
        Version.objects.select_related("committee_meeting"), document=document, number=number
    )
    return render(
        request,
        "agenda/version_detail.html",
        {"document": document, "version": version, "sections": selectors.version_text(version)},
    )


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    items = selectors.versions(document)
    numbers = [v.number for v in items]
    a = _number(request.GET.get("from")) or (numbers[-2] if len(numbers) > 1 else None)
    b = _number(request.GET.get("to")) or (numbers[-1] if numbers else None)
    by_number = {v.number: v for v in items}
    error = None
    changes = None
    if a not in by_number or b not in by_number:
        error = _("Please choose two published versions.") if len(numbers) > 1 else None
    elif a == b:
        error = _("Please choose two different versions.")
    else:
        changes = selectors.compare(by_number[a], by_number[b])
    return render(
        request,
        "agenda/version_compare.html",
        {
            "document": document,
            "versions": items,
            "from_number": a,
            "to_number": b,
            "older": by_number.get(min(a or 0, b or 0)),
            "newer": by_number.get(max(a or 0, b or 0)),
            "changes": changes,
            "error": error,
        },
        status=400 if error else 200,
    )


# --- results ----------------------------------------------------------------------


def _results_context(document):
    results = selectors.section_results(document)
    summaries = {s["section_id"]: s["latest"] for s in selectors.comment_summary(document)}
    for r in results:
        r["latest_comments"] = summaries.get(r["section"].pk, [])
    return {
        "document": document,
        "results": results,
        "amendments": selectors.decided_amendments(document),
        "threshold": selectors.settings.SMALL_GROUP_THRESHOLD,
        "adopted": Version.objects.adopted()
        .filter(document=document)
        .select_related("committee_meeting")
        .first(),
    }


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    context = _results_context(document) | {"pdf_available": pdf_available()}
    return render(request, "agenda/results.html", context)


@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return csv_response(f"digitale-agenda-{document.pk}.csv", None, selectors.csv_rows(document))


@require_GET
def results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if not pdf_available():
        raise Http404
    import weasyprint

    html = render_to_string(
        "agenda/results_print.html", _results_context(document), request=request
    )
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="digitale-agenda-{document.pk}.pdf"'
    return response
