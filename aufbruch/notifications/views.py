from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import notifications_for


@login_required
def notification_list(request):
    items = list(notifications_for(user=request.user)[:50])
    return render(request, "notifications/notification_list.html", {"notifications": items})
