"""Prepare a live session for bench/meetings_live.py: a published event with
an open live page and approved questions to vote on. Prints the live path.
Idempotent: a second run reuses the event."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from aufbruch.meetings import live, services
from aufbruch.meetings.models import ContributionStatus, Meeting, MeetingKind
from aufbruch.staff.models import StaffRole, StaffRoleKind

TITLE = "Lasttest Live-Beteiligung"


class Command(BaseCommand):
    help = "Create (once) an event with an open live session for the live-page benchmark; print its path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--questions", type=int, default=40, help="approved questions to vote on"
        )

    @transaction.atomic
    def handle(self, *args, questions, **options):
        meeting = Meeting.objects.filter(title=TITLE).first()
        if meeting is None:
            office, _ = get_user_model().objects.get_or_create(
                email="bench-office@demo.aufbruch.invalid", defaults={"display_name": "Lasttest"}
            )
            StaffRole.objects.get_or_create(user=office, role=StaffRoleKind.OFFICE, department=None)
            now = timezone.now()
            meeting = services.meeting_create(
                actor=office,
                title=TITLE,
                kind=MeetingKind.SUMMIT,
                venue="Stadthalle Gütersloh",
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(days=365),
                capacity=500,
                registration_opens_at=now - timedelta(days=1),
                registration_closes_at=now + timedelta(days=300),
                is_published=True,
            )
            session = services.session_create(
                meeting=meeting,
                actor=office,
                title="Fragen an das Podium",
                live_open=True,
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
            )
            for i in range(questions):
                c = live.live_post(
                    session=session,
                    client_id=f"bench-{i}",
                    kind="question",
                    text=f"Vorbereitete Frage Nummer {i + 1}",
                )
                live.live_moderate(contribution=c, actor=office, approve=True)
        session = meeting.sessions.filter(live_open=True).first()
        approved = session.contributions.filter(status=ContributionStatus.APPROVED).count()
        self.stderr.write(f"{approved} approved contributions")
        self.stdout.write(f"/events/{meeting.pk}/live/{session.pk}/")
