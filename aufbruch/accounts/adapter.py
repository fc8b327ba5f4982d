"""allauth in the platform's voice: its account mails go through the one
mail layer (HTML + text, one subject prefix, the platform's signature) and
every link in them starts with SITE_URL, not with the request's host."""

from __future__ import annotations

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from aufbruch.core.links import absolute_url
from aufbruch.core.mail import build_message, mail_context


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        plain = super().render_mail(template_prefix, email, context, headers)
        return build_message(
            to=plain.to,
            subject=plain.subject,
            body=plain.body,
            from_email=plain.from_email,
            headers=plain.extra_headers,
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**mail_context(), **context}
        # allauth builds these from the request; ours come from SITE_URL.
        if "signup_url" in context:
            context["signup_url"] = absolute_url(reverse("account_signup"))
        if template_prefix == "account/email/account_already_exists":
            context["password_reset_url"] = absolute_url(reverse("account_reset_password"))
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))
