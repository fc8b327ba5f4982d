"""The one mail layer: every mail the platform sends (notifications, event
registrations, allauth's account mails) is a plain-text part plus an HTML
alternative in the platform's look, with one subject prefix
(``settings.EMAIL_SUBJECT_PREFIX``) and one signature.

The HTML part is made from the text part (escaped, paragraphs kept, links
clickable), so both always say the same and no user text reaches the HTML
unescaped. It has inline styles only: no external images, fonts or CSS.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .links import absolute_url
from .text import single_line

LINK_STYLE = "color:#2044aa;text-decoration:underline"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n+")


def mail_context() -> dict[str, str]:
    return {
        "platform_name": settings.PLATFORM_NAME,
        "city_name": settings.CITY_NAME,
        "site_url": absolute_url("/"),
        "profile_url": absolute_url(reverse("accounts:profile")),
    }


def subject_line(subject: str) -> str:
    """The subject with the platform's prefix, on one line."""
    prefix = settings.EMAIL_SUBJECT_PREFIX.strip()
    subject = single_line(subject)
    if prefix and not subject.startswith(prefix):
        subject = f"{prefix} {subject}"
    return subject


def text_to_html(text: str) -> SafeString:
    """Plain mail text as HTML paragraphs: escaped, line breaks kept, links clickable."""
    parts = []
    for paragraph in _PARAGRAPHS.split(text.strip()):
        if not paragraph.strip():
            continue
        html = urlize(paragraph.strip(), autoescape=True).replace("\n", "<br>\n")
        html = html.replace("<a href=", f'<a style="{LINK_STYLE}" href=')
        parts.append(f'<p style="margin:0 0 16px">{html}</p>')
    return mark_safe("\n".join(parts))  # each part was escaped by urlize(autoescape=True)


def build_message(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """A mail of the platform from its text ``body``; the signature, the
    HTML alternative and the subject prefix are added here."""
    context = mail_context()
    body = body.strip()
    subject = subject_line(subject)
    text = body + "\n\n-- \n" + render_to_string("core/email/signature.txt", context).strip() + "\n"
    html = render_to_string(
        "core/email/base.html",
        {
            **context,
            "subject": subject,
            "body_html": text_to_html(body),
            "language": get_language() or settings.LANGUAGE_CODE,
        },
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_platform_mail(
    *, to: Sequence[str], subject: str, template: str, context: dict | None = None
) -> None:
    """Render ``template`` (the text of the mail, without signature) and send it."""
    body = render_to_string(template, {**mail_context(), **(context or {})})
    build_message(to=to, subject=subject, body=body).send()
