"""The programme office's pages: create and import a document, set the
participation phase, publish versions, adopt, edit paragraphs and their
evidence, decide and merge amendments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aufbruch.committees.models import CommitteeMeeting
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .diff import word_diff
from .forms import (
    AdoptForm,
    CitationForm,
    DecisionForm,
    DocumentCreateForm,
    DocumentSettingsForm,
    ImportForm,
    MergeForm,
    NoteForm,
    ParagraphEditForm,
)
from .importers import parse_markdown, parse_upload
from .models import Amendment, AmendmentStatus, Citation, Document, Paragraph

PERM = "agenda.manage_document"


def _sections_from(form):
    upload = form.cleaned_data.get("upload")
    source = form.cleaned_data.get("source") or ""
    if upload:
        return parse_upload(upload)
    if source.strip():
        return parse_markdown(source)
    raise ValidationError({"source": _("Please paste the text or choose a file.")})


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def manage_list(request):
    form = DocumentCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                actor=request.user,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                sections=_sections_from(form),
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The draft was created. Check it, then publish it."))
            return redirect("agenda_staff:detail", pk=document.pk)
    documents = list(Document.objects.order_by("-created_at")[:100])
    return render(
        request,
        "agenda/staff/manage_list.html",
        {"form": form, "documents": documents},
        status=400 if form.errors else 200,
    )


def _manage_page(request, document, *, forms=None, status=200):
    forms = forms or {}
    versions = selectors.versions(document)
    meetings = list(CommitteeMeeting.objects.order_by("-date")[:50])
    open_amendments = list(
        Amendment.objects.filter(paragraph__document=document, status=AmendmentStatus.OPEN)
        .select_related("author", "paragraph__section")
        .order_by("paragraph__position", "created_at")
    )
    context = {
        "document": document,
        "versions": versions,
        "pending": services.pending_changes(document),
        "open_amendments": open_amendments,
        "sections": selectors.paragraphs_by_section(document),
        "settings_form": forms.get("settings")
        or DocumentSettingsForm(
            initial={
                "title": document.title,
                "intro": document.intro,
                "comments_open": document.comments_open,
                "amendments_open": document.amendments_open,
                "voting_open": document.voting_open,
                "opens_at": document.opens_at,
                "closes_at": document.closes_at,
            },
            prefix="settings",
        ),
        "import_form": forms.get("import") or ImportForm(prefix="import"),
        "note_form": forms.get("note") or NoteForm(prefix="version"),
        "adopt_form": forms.get("adopt")
        or AdoptForm(prefix="adopt", versions=versions, meetings=meetings),
    }
    return render(request, "agenda/staff/manage_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def manage_detail(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    if request.method == "GET":
        return _manage_page(request, document)
    action = request.POST.get("action")
    try:
        if action == "settings":
            form = DocumentSettingsForm(request.POST, prefix="settings")
            if not form.is_valid():
                return _manage_page(request, document, forms={"settings": form}, status=400)
            try:
                services.document_update(document=document, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
                return _manage_page(request, document, forms={"settings": form}, status=400)
            messages.success(request, _("The settings are saved."))
        elif action == "import":
            form = ImportForm(request.POST, request.FILES, prefix="import")
            if not form.is_valid():
                return _manage_page(request, document, forms={"import": form}, status=400)
            try:
                services.document_import(
                    document=document, actor=request.user, sections=_sections_from(form)
                )
            except ValidationError as exc:
                form.add_service_error(exc)
                return _manage_page(request, document, forms={"import": form}, status=400)
            messages.success(request, _("The text was replaced."))
        elif action == "publish":
            services.document_publish(document=document, actor=request.user)
            messages.success(request, _("The text is published as version 1."))
        elif action == "version":
            form = NoteForm(request.POST, prefix="version")
            if not form.is_valid():
                return _manage_page(request, document, forms={"note": form}, status=400)
            try:
                version = services.version_publish(
                    document=document, actor=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                form.add_service_error(exc)
                return _manage_page(request, document, forms={"note": form}, status=400)
            messages.success(request, _("Version %(n)d is published.") % {"n": version.number})
        elif action == "adopt":
            versions = selectors.versions(document)
            meetings = list(CommitteeMeeting.objects.order_by("-date")[:50])
            form = AdoptForm(request.POST, prefix="adopt", versions=versions, meetings=meetings)
            if not form.is_valid():
                return _manage_page(request, document, forms={"adopt": form}, status=400)
            data = form.cleaned_data
            try:
                services.document_adopt(
                    version=next(v for v in versions if v.pk == data["version"]),
                    actor=request.user,
                    adopted_on=data["adopted_on"],
                    reference=data["reference"],
                    committee_meeting=next(
                        (m for m in meetings if m.pk == data["committee_meeting"]), None
                    ),
                )
            except ValidationError as exc:
                form.add_service_error(exc)
                return _manage_page(request, document, forms={"adopt": form}, status=400)
            messages.success(
                request, _("The adopted version is marked with the council's decision.")
            )
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("agenda_staff:detail", pk=document.pk)
    return redirect("agenda_staff:detail", pk=document.pk)


def _paragraph_page(
    request, paragraph, *, edit_form=None, citation_form=None, merge_form=None, status=200
):
    amendments = list(
        Amendment.objects.filter(paragraph=paragraph, status=AmendmentStatus.OPEN).select_related(
            "author"
        )
    )
    for a in amendments:
        a.diff = word_diff(a.base_text, a.text)
    context = {
        "paragraph": paragraph,
        "document": paragraph.document,
        "cited": selectors.citations_for([paragraph.pk]).get(paragraph.pk, []),
        "citations": list(Citation.objects.filter(paragraph=paragraph)),
        "amendments": amendments,
        "edit_form": edit_form
        or ParagraphEditForm(initial={"text": paragraph.text}, prefix="edit"),
        "citation_form": citation_form or CitationForm(prefix="cite"),
        "merge_form": merge_form
        or MergeForm(prefix="merge", amendments=amendments, initial={"text": paragraph.text}),
    }
    return render(request, "agenda/staff/paragraph.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def paragraph_manage(request, pk: int):
    paragraph = get_object_or_404(Paragraph.objects.select_related("document", "section"), pk=pk)
    if request.method == "GET":
        return _paragraph_page(request, paragraph)
    action = request.POST.get("action")
    if action == "edit":
        form = ParagraphEditForm(request.POST, prefix="edit")
        if form.is_valid():
            try:
                services.paragraph_edit(
                    paragraph=paragraph, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The paragraph is changed."))
                return redirect("agenda_staff:paragraph", pk=pk)
        return _paragraph_page(request, paragraph, edit_form=form, status=400)
    if action == "cite":
        form = CitationForm(request.POST, prefix="cite")
        if form.is_valid():
            try:
                services.citation_add(paragraph=paragraph, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The evidence is linked."))
                return redirect("agenda_staff:paragraph", pk=pk)
        return _paragraph_page(request, paragraph, citation_form=form, status=400)
    if action == "uncite":
        citation = get_object_or_404(
            Citation, pk=request.POST.get("citation") or 0, paragraph=paragraph
        )
        services.citation_remove(citation=citation, actor=request.user)
        messages.success(request, _("The link is removed."))
        return redirect("agenda_staff:paragraph", pk=pk)
    if action == "merge":
        amendments = list(
            Amendment.objects.filter(
                paragraph=paragraph, status=AmendmentStatus.OPEN
            ).select_related("author")
        )
        form = MergeForm(request.POST, prefix="merge", amendments=amendments)
        if form.is_valid():
            chosen = [a for a in amendments if a.pk in form.cleaned_data["amendments"]]
            try:
                services.amendment_merge(
                    amendments=chosen,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The amendments are merged into the new wording."))
                return redirect("agenda_staff:paragraph", pk=pk)
        return _paragraph_page(request, paragraph, merge_form=form, status=400)
    messages.error(request, _("Unknown action."))
    return redirect("agenda_staff:paragraph", pk=pk)


@require_http_methods(["GET", "POST"])
@staff_view("agenda.decide_amendment")
def amendment_decide(request, pk: int):
    amendment = get_object_or_404(
        Amendment.objects.select_related("paragraph__document", "paragraph__section", "author"),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                services.amendment_accept(
                    amendment=amendment, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("The amendment is accepted; publish a new version when you are ready."),
                )
            else:
                services.amendment_reject(
                    amendment=amendment, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("The amendment is rejected; the author and supporters are told why.")
                )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return redirect("agenda_staff:detail", pk=amendment.paragraph.document_id)
    return render(
        request,
        "agenda/staff/amendment_decide.html",
        {
            "amendment": amendment,
            "diff": word_diff(amendment.base_text, amendment.text),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
