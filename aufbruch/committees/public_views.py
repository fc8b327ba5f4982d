"""The committee in public: sessions with their agendas and, once recorded,
each decision with its date, reference and explanation. No login; nothing
staff-only (who added an item, drafts) is read here."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .models import CommitteeMeeting


@require_GET
def session_list(request):
    today = timezone.localdate()
    return render(
        request,
        "committees/public_list.html",
        {"upcoming": selectors.public_upcoming(today), "past": selectors.public_past(today)},
    )


@require_GET
def session_detail(request, pk: int):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    items = selectors.public_agenda(meeting)
    return render(
        request,
        "committees/public_detail.html",
        {"meeting": meeting, "items": items, "decided": meeting.decided_at is not None},
    )
