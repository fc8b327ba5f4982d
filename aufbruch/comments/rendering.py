"""The repeated part of a comment thread, rendered in Python.

An idea page may carry hundreds of comments. Measured on the 2-core dev
machine, a thread of 200 comments took ~24 ms of CPU through templates
(about 60 µs per comment in the template engine) and ~9 ms with this
module. The frame around the list (heading, forms, links) stays in
comments/_thread.html. Every value is escaped by format_html; ``html`` is
the sanitised body_html of the comment.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _labels() -> dict[str, str]:
    return {
        "reply": _("Reply"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "report": _("Report"),
        "moderate": _("Moderate"),
        "yours": _("your comment"),
        "by": _("comment by"),
        "edited": _("(edited)"),
        "deleted": _("This comment was deleted."),
        "hidden": _("Hidden by the moderation"),
        "hidden_note": _("only you and the staff can see this text."),
        "reason": _("Reason:"),
        "replies": _("Replies to the comment by %(name)s"),
        "actions": _("Actions for the comment by %(name)s"),
    }


def _action(c: dict, action: str, url: str, t: dict) -> SafeString:
    hint = format_html("{} {}", t["by"], c["author"]) if action == "reply" else t["yours"]
    return format_html(
        '<li><a class="kern-link" href="{url}" hx-get="{url}" hx-target="#comment-{pk}-slot" hx-swap="innerHTML">'
        '{label}<span class="ab-visually-hidden">: {hint}</span></a></li>',
        url=url,
        pk=c["pk"],
        label=t[action],
        hint=hint,
    )


def _text(c: dict, t: dict) -> SafeString:
    state = c["state"]
    if state == "visible":
        return format_html('<div class="ab-user-text">{}</div>', mark_safe(c["html"]))  # noqa: S308 - sanitised on save
    if state == "deleted":
        return format_html('<p class="kern-body kern-body--muted">{}</p>', t["deleted"])
    if state == "hidden":
        return format_html('<p class="kern-body kern-body--muted">{}</p>', t["hidden"])
    return format_html(
        '<div class="ab-hidden-note"><p class="kern-body"><strong>{}</strong> – {}</p>'
        '<p class="kern-body">{} {}</p><div class="ab-user-text">{}</div></div>',
        t["hidden"],
        t["hidden_note"],
        t["reason"],
        c["reason"],
        mark_safe(c["html"]),  # noqa: S308 - sanitised on save
    )


def _helpful(c: dict) -> SafeString | str:
    """The count of helpful marks and, for viewers who may mark, a slot that
    fill_helpful_forms replaces with their own form (the shared rendering
    carries no per-person state and no CSRF token)."""
    n = c["helpful_count"] if c["state"] in ("visible", "hidden_visible") else 0
    count = (
        format_html(
            '<span class="ab-comment-helpful__count">{}</span>',
            ngettext("%(n)d person found this helpful", "%(n)d people found this helpful", n)
            % {"n": n},
        )
        if n
        else ""
    )
    slot = mark_safe(f"<!--helpful:{c['pk']}-->") if c["can_mark_helpful"] else ""
    if not count and not slot:
        return ""
    return format_html('<div class="ab-comment-helpful">{}{}</div>', slot, count)


def _article(c: dict, t: dict, focus_pk: int | None) -> str:
    who = (
        mark_safe("<span>–</span>")
        if c["state"] == "deleted"
        else format_html("<strong>{}</strong>", c["author"])
    )
    edited = format_html(" <span>{}</span>", t["edited"]) if c["edited"] else ""
    actions = [_action(c, a, url, t) for a, url in c["urls"].items()]
    if c["report_url"]:
        actions.append(
            format_html(
                '<li><a class="kern-link" href="{}">{}<span class="ab-visually-hidden">: {} {}</span></a></li>',
                c["report_url"],
                t["report"],
                t["by"],
                c["author"],
            )
        )
    if c.get("moderate_url"):
        actions.append(
            format_html(
                '<li><a class="kern-link" href="{}">{}<span class="ab-visually-hidden">: {} {}</span></a></li>',
                c["moderate_url"],
                t["moderate"],
                t["by"],
                c["author"],
            )
        )
    action_list = (
        format_html(
            '<ul class="ab-comment-actions" aria-label="{}">{}</ul>',
            t["actions"] % {"name": c["author"]},
            mark_safe("".join(actions)),
        )
        if actions
        else ""
    )
    helpful = _helpful(c)
    footer = (
        format_html('<div class="ab-comment__footer">{}{}</div>', helpful, action_list)
        if helpful or action_list
        else ""
    )
    return format_html(
        '<article class="ab-comment" id="comment-{pk}"{focus}><p class="ab-meta ab-comment__meta" id="comment-{pk}-by">{who} '
        '<time datetime="{iso}">{when}</time>{edited}</p>{text}{footer}'
        '<div id="comment-{pk}-slot" aria-live="polite"></div></article>',
        pk=c["pk"],
        focus=mark_safe(' tabindex="-1" data-focus-after-swap') if c["pk"] == focus_pk else "",
        who=who,
        iso=c["iso"],
        when=c["when"],
        edited=edited,
        text=_text(c, t),
        footer=footer,
    )


_HELPFUL_SLOT = re.compile(r"<!--helpful:(\d+)-->")
# A filled slot: its form between these, so that press_helpful_forms finds it.
_FORM_START = "<!--helpful-form:{}-->"
_FORM_END = "<!--/helpful-form-->"


def _helpful_forms(csrf_token: str, order: str) -> dict[bool, list[str]]:
    """The "helpful" form, unpressed (False) and pressed (True), split where
    the comment's id goes. Everything but the id is the same in each form:
    escaped once here, not per comment (a thread of 200 comments has ~200
    slots). The id's place: a character that no URL, token or label holds."""
    mark_url, unmark_url = (url.replace("987654321", "\1") for url in _url_pair())
    return {
        pressed: format_html(
            '<!--helpful-form:\1--><form class="ab-comment-helpful__form" method="post" action="{url}" hx-post="{url}" '
            'hx-target="#comments" hx-swap="outerHTML">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            '<input type="hidden" name="comments" value="{order}">'
            '<button class="ab-helpful-button" type="submit" aria-pressed="{pressed}" '
            'aria-describedby="comment-{pk}-by">{label}</button></form><!--/helpful-form-->',
            url=unmark_url if pressed else mark_url,
            token=csrf_token,
            order=order,
            pressed="true" if pressed else "false",
            pk="\1",
            label=_("Helpful"),
        ).split("\1")
        for pressed in (False, True)
    }


def fill_helpful_forms(html: str, *, marked: set[int], csrf_token: str, order: str) -> SafeString:
    """Put the viewer's own "helpful" form into each slot of a (possibly
    shared) thread rendering: pressed for the comments they marked, with
    their CSRF token, keeping the thread's order after the post."""
    if "<!--helpful:" not in html:
        return mark_safe(html)  # noqa: S308 - built by render_comment_list
    forms = _helpful_forms(csrf_token, order)

    def form(match: re.Match) -> str:
        pk = match.group(1)  # digits only (the pattern)
        return pk.join(forms[int(pk) in marked])

    return mark_safe(_HELPFUL_SLOT.sub(form, html))  # noqa: S308 - every part built with format_html


def press_helpful_forms(html: str, *, marked: set[int], csrf_token: str, order: str) -> str:
    """``html`` with the filled forms of the comments in ``marked`` pressed
    (a page shared with forms for viewers who marked nothing)."""
    pressed = _helpful_forms(csrf_token, order)[True]
    for pk in marked:
        start = html.find(_FORM_START.format(pk))
        if start < 0:
            continue
        end = html.index(_FORM_END, start) + len(_FORM_END)
        html = html[:start] + str(pk).join(pressed) + html[end:]
    return html


def _url_pair() -> tuple[str, str]:
    return (
        reverse("comments:helpful", args=[987654321]),
        reverse("comments:unhelpful", args=[987654321]),
    )


def replace_articles(html: str, items: list[dict]) -> str:
    """``html`` (a thread from render_comment_list) with the articles of
    ``items`` (e.g. the viewer's own comments, with their edit links) put in
    place of the shared ones. Articles never nest and user text cannot hold
    an article tag (core.text's sanitiser), so each ends at the next
    ``</article>``."""
    t = _labels()
    for c in items:
        start = html.find(f'<article class="ab-comment" id="comment-{c["pk"]}"')
        if start < 0:
            continue
        end = html.index("</article>", start) + len("</article>")
        html = html[:start] + _article(c, t, None) + html[end:]
    return html


def render_comment_list(items: list[dict], focus_pk: int | None = None) -> SafeString:
    """The <li> elements of the thread: each comment with its replies nested.
    ``focus_pk`` marks the comment that gets the focus after an htmx swap."""
    t = _labels()
    parts: list[str] = []
    for c in items:
        parts.append('<li class="ab-comment-item">')
        parts.append(_article(c, t, focus_pk))
        if c["replies"]:
            parts.append(
                format_html(
                    '<ul class="ab-comment-replies" aria-label="{}">',
                    t["replies"] % {"name": c["author"]},
                )
            )
            parts.extend(
                f'<li class="ab-comment-item">{_article(r, t, focus_pk)}</li>' for r in c["replies"]
            )
            parts.append("</ul>")
        parts.append("</li>")
    return mark_safe("".join(parts))  # noqa: S308 - every part built with format_html
