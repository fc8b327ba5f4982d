"""The profile: public name, optional statistics fields, notification
preferences, data export and account deletion. HTTP in and out of the
account services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core.forms import add_service_errors
from aufbruch.core.ratelimit import ratelimit

from .forms import DeleteAccountForm, ProfileForm
from .services import user_delete_account, user_export_data, user_update_profile


@login_required
@ratelimit("default")
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                user_update_profile(user=user, actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("accounts:profile")
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(user))
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
@ratelimit("default")
def export(request: HttpRequest) -> HttpResponse:
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"aufbruch-daten-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@ratelimit("default")
def delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        user_delete_account(user=user, actor=user)
        logout(request)
        messages.success(
            request,
            _(
                "Your account has been deleted. Your contributions remain, shown as “deleted account”."
            ),
        )
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
