"""HTTP around the comment services. Every action works as a plain form
(its own page when JavaScript is off) and htmx swaps the thread in place."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core.deferred import CSRF_MARKER, deferring, page_token
from aufbruch.core.forms import add_service_errors
from aufbruch.core.ratelimit import ratelimit
from aufbruch.ideas.models import Idea

from . import services
from .forms import CommentForm, ConfirmForm
from .models import Comment
from .rendering import (
    fill_helpful_forms,
    press_helpful_forms,
    render_comment_list,
    replace_articles,
)
from .selectors import (
    THREAD_ORDERS,
    comment_thread,
    thread_items,
    thread_order,
    thread_participants,
    viewer_thread_rows,
)


def _shared_variant(user, can_write: bool) -> str:
    """The name of the thread rendering that ``user`` shares with others.

    Apart from the viewer's own comments (put in by thread_context), the rendering
    differs by viewer only in (a) the reply links and helpful slots (who may
    write), (b) the moderation links and (c) the text of hidden comments for
    staff; viewers alike in these share one rendering.
    """
    if not user.is_authenticated:
        return "anonymous"
    moderates = rules.has_perm("moderation.moderate", user)
    # The rule for hidden text, asked for nobody's comment: staff or not.
    sees_hidden = user.has_perm("comments.view_hidden_comment", Comment(author_id=None))
    return "-".join(
        ["writer" if can_write else "reader"]
        + (["moderator"] if moderates else [])
        + (["hidden"] if sees_hidden else [])
    )


def _render_thread(
    idea: Idea, user, focus_pk: int | None, order: str, *, shared: bool = False
) -> tuple[str, int, bool]:
    items = thread_items(comment_thread(idea_id=idea.pk, order=order), user, shared=shared)
    visible = sum(1 for c in items for x in (c, *c["replies"]) if x["state"] == "visible")
    return render_comment_list(items, focus_pk), visible, bool(items)


def thread_context(
    request: HttpRequest, idea: Idea, focus_pk: int | None = None, order: str | None = None
) -> dict:
    """The thread under an idea. Its list of comments is rendered once per
    version of the thread (Idea.page_version, raised with the audit entry of
    every action that changes what it shows), order, language and shared
    variant, then served from the cache; the viewer's own comments and
    "helpful" forms are put in afterwards. After a write (``focus_pk``) the
    thread is rendered for the viewer alone."""
    user = request.user
    order = thread_order(order if order is not None else request.GET.get("comments"))
    can_write = user.has_perm("comments.add_comment")
    # A page rendered to be shared leaves the viewer's own parts to personalise_page.
    deferred = deferring(request)
    own, marked = ([], set()) if deferred else viewer_thread_rows(idea_id=idea.pk, user=user)
    if focus_pk is not None:
        html, visible, any_comments = _render_thread(idea, user, focus_pk, order)
    else:
        variant = _shared_variant(user, can_write)
        html, visible, any_comments = cache.get_or_set(
            f"comments:thread:{idea.pk}:{idea.page_version}:{get_language()}:{variant}:{order}",
            lambda: _render_thread(idea, user, None, order, shared=True),
            settings.COMMENT_THREAD_CACHE_SECONDS,
        )
        if own:  # the viewer's own comments as they see them: edit links, hidden text
            html = replace_articles(html, thread_items(own, user))
    # Only writers' renderings have slots for the form (see thread_items).
    if can_write and any_comments:
        html = fill_helpful_forms(
            html,
            marked=marked,
            # shared: everybody's forms unpressed, pressed by personalise_page
            csrf_token=CSRF_MARKER if deferred else get_token(request),
            order=order,
        )
    return {
        "idea": idea,
        "comments": any_comments,
        "comment_list": mark_safe(html),  # noqa: S308 - built by render_comment_list (format_html)
        "count": visible,
        "order": order,
        "orders": [
            (value, label, f"?comments={value}#comments")
            for value, label in zip(THREAD_ORDERS, _order_labels(), strict=True)
        ],
        "can_comment": not idea.is_hidden and can_write,
        "new": _new_comment_spec(idea, CommentForm(auto_id=NEW_AUTO_ID)),
    }


def thread_variant(request: HttpRequest, idea: Idea) -> str | None:
    """The name of the thread as this viewer shares it in a whole idea page
    (ideas.panels), or None: a blocked viewer's note names their own date."""
    user = request.user
    if getattr(user, "is_blocked", False):
        return None
    variant = _shared_variant(user, user.has_perm("comments.add_comment"))
    return f"{variant}:{thread_order(request.GET.get('comments'))}"


def personalise_page(
    request: HttpRequest, idea: Idea, html: str, participants: frozenset[int]
) -> str:
    """A shared idea page with the viewer's own comments (edit links, hidden
    text) and their "helpful" forms, as thread_context puts them in. Only
    ``participants`` (thread_participants, kept with the page) have any, so
    most viewers need no query here."""
    user = request.user
    if user.pk not in participants:
        return html
    own, marked = viewer_thread_rows(idea_id=idea.pk, user=user)
    token, order = page_token(request), thread_order(request.GET.get("comments"))
    if own:
        html = replace_articles(html, thread_items(own, user))
    if user.has_perm("comments.add_comment"):
        # the forms of the replaced articles, then the others this viewer marked
        html = fill_helpful_forms(html, marked=marked, csrf_token=token, order=order)
        others = marked - {c["id"] for c in own}
        html = press_helpful_forms(html, marked=others, csrf_token=token, order=order)
    return html


def page_participants(idea: Idea) -> frozenset[int]:
    return thread_participants(idea_id=idea.pk)


def _order_labels() -> tuple[str, str, str]:
    return (_("oldest first"), _("newest first"), _("most helpful first"))


NEW_AUTO_ID = "id_%s_new"


def _new_comment_spec(idea: Idea, form: CommentForm) -> FormSpec:
    return FormSpec(
        form=form,
        form_id="comment-form-new",
        action=reverse("comments:create", args=[idea.pk]),
        label=_("Your comment"),
        submit_label=_("Publish comment"),
        title=_("Write a comment"),
        cancel_url=idea.get_absolute_url(),
    )


def panel_context(request: HttpRequest, idea: Idea) -> dict:
    return thread_context(request, idea)


@dataclass
class FormSpec:
    form: CommentForm | ConfirmForm
    form_id: str
    action: str
    label: str
    submit_label: str
    title: str = ""
    cancel_url: str = ""
    comment: Comment | None = None
    danger: bool = False


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _done(
    request: HttpRequest, idea: Idea, comment: Comment, order: str | None = None
) -> HttpResponse:
    if _is_htmx(request):
        idea.refresh_from_db()
        return render(
            request,
            "comments/_thread.html",
            {"thread": thread_context(request, idea, focus_pk=comment.pk, order=order)},
        )
    query = f"?comments={order}" if order and order != "oldest" else ""
    return redirect(f"{idea.get_absolute_url()}{query}#comment-{comment.pk}")


def _show_form(request: HttpRequest, spec: FormSpec, idea: Idea) -> HttpResponse:
    if _is_htmx(request):
        response = render(request, "comments/_form.html", {"f": spec, "autofocus": True})
        if spec.form.is_bound:
            response["HX-Retarget"] = f"#{spec.form_id}"
            response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "comments/form_page.html", {"f": spec, "idea": idea})


def _run(request: HttpRequest, spec: FormSpec, idea: Idea, perform) -> HttpResponse:
    """GET shows the form; POST validates, calls the service, and answers."""
    if request.method == "POST":
        if spec.form.is_valid():
            try:
                comment = perform(spec.form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(spec.form, exc)
            else:
                return _done(request, idea, comment)
    return _show_form(request, spec, idea)


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _public_idea(pk: int) -> Idea:
    return get_object_or_404(Idea.objects.select_related("author"), pk=pk, is_hidden=False)


def _comment(pk: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("idea", "author"), pk=pk)
    if comment.idea.is_hidden:
        raise Http404
    return comment


@login_required
@ratelimit("comment")
def comment_create(request: HttpRequest, idea_pk: int) -> HttpResponse:
    idea = _public_idea(idea_pk)
    if request.method != "POST":
        return redirect(f"{idea.get_absolute_url()}#comments")
    if not request.user.has_perm("comments.add_comment"):
        raise PermissionDenied
    spec = _new_comment_spec(idea, CommentForm(request.POST, auto_id=NEW_AUTO_ID))
    return _run(
        request,
        spec,
        idea,
        lambda data: services.comment_create(idea=idea, author=request.user, body=data["body"]),
    )


@login_required
@ratelimit("comment")
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _comment(pk)
    if not request.user.has_perm("comments.reply_to_comment", parent):
        raise PermissionDenied
    idea = parent.idea
    spec = FormSpec(
        form=CommentForm(_data(request), auto_id=f"id_%s_reply{parent.pk}"),
        form_id=f"comment-form-reply-{parent.pk}",
        action=reverse("comments:reply", args=[parent.pk]),
        label=_("Your reply"),
        submit_label=_("Publish reply"),
        title=_("Reply to a comment"),
        cancel_url=f"{idea.get_absolute_url()}#comment-{parent.pk}",
        comment=parent,
    )
    return _run(
        request,
        spec,
        idea,
        lambda data: services.comment_create(
            idea=idea, author=request.user, body=data["body"], parent=parent
        ),
    )


@login_required
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    if not request.user.has_perm("comments.change_comment", comment):
        raise PermissionDenied
    form = CommentForm(
        _data(request), initial={"body": comment.body}, auto_id=f"id_%s_edit{comment.pk}"
    )
    spec = FormSpec(
        form=form,
        form_id=f"comment-form-edit-{comment.pk}",
        action=reverse("comments:edit", args=[comment.pk]),
        label=_("Your comment"),
        submit_label=_("Save changes"),
        title=_("Edit comment"),
        cancel_url=f"{comment.idea.get_absolute_url()}#comment-{comment.pk}",
        comment=comment,
    )
    return _run(
        request,
        spec,
        comment.idea,
        lambda data: services.comment_edit(comment=comment, actor=request.user, body=data["body"]),
    )


@login_required
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    if not request.user.has_perm("comments.delete_comment", comment):
        raise PermissionDenied
    spec = FormSpec(
        form=ConfirmForm(_data(request)),
        form_id=f"comment-form-delete-{comment.pk}",
        action=reverse("comments:delete", args=[comment.pk]),
        label="",
        submit_label=_("Delete comment"),
        title=_("Delete comment?"),
        cancel_url=f"{comment.idea.get_absolute_url()}#comment-{comment.pk}",
        comment=comment,
        danger=True,
    )
    return _run(
        request,
        spec,
        comment.idea,
        lambda data: services.comment_delete(comment=comment, actor=request.user),
    )


def _helpful_action(request: HttpRequest, pk: int, service) -> HttpResponse:
    comment = _comment(pk)
    order = thread_order(request.POST.get("comments"))
    try:
        service(comment=comment, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _done(request, comment.idea, comment, order)


@require_POST
@login_required
@ratelimit("support")
def comment_helpful(request: HttpRequest, pk: int) -> HttpResponse:
    return _helpful_action(request, pk, services.comment_mark_helpful)


@require_POST
@login_required
@ratelimit("support")
def comment_unhelpful(request: HttpRequest, pk: int) -> HttpResponse:
    return _helpful_action(request, pk, services.comment_unmark_helpful)
