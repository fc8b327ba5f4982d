from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification
from .selectors import inbox
from .services import notification_mark_read

PER_PAGE = 30


@login_required
def notification_list(request):
    page = Paginator(inbox(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    unread = sum(1 for n in page.object_list if n.read_at is None)
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "notifications": page.object_list, "unread_on_page": unread},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk)
    if not request.user.has_perm("notifications.change_notification", notification):
        raise PermissionDenied
    notification_mark_read(user=request.user, notification_ids=[notification.pk])
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/notifications/")
        else "notifications:list"
    )


@login_required
@require_POST
def notification_read_all(request):
    count = notification_mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
