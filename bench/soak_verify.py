# Run by bench/soak.py through `manage.py shell`: the state to check, as JSON.
import json
from collections import Counter

from django_tasks_db.models import DBTaskResult

from aufbruch.comments.models import Comment
from aufbruch.ideas.models import Idea, Support
from aufbruch.meetings.models import Registration
from aufbruch.notifications.models import Notification

ideas = {}
for idea in Idea.objects.all():
    ideas[idea.pk] = [
        idea.support_count,
        Support.objects.filter(idea=idea).count(),
        idea.comment_count,
        Comment.objects.filter(idea=idea, is_deleted=False, is_hidden=False).count(),
    ]
wanted = Counter(
    Notification.objects.filter(email_wanted=True, emailed_at__isnull=False).values_list(
        "recipient__email", flat=True
    )
)
print(
    "SOAK_STATE "
    + json.dumps(
        {
            "ideas": ideas,
            "supports": list(Support.objects.values_list("user__email", "idea_id")),
            "comments": list(Comment.objects.values_list("body", flat=True)),
            "registrations": [
                [r.user.email if r.user_id else r.guest_email, r.status]
                for r in Registration.objects.select_related("user")
            ],
            "mailed_notifications": wanted,
            "unmailed_notifications": Notification.objects.filter(
                email_wanted=True, emailed_at__isnull=True
            ).count(),
            "tasks": dict(Counter(DBTaskResult.objects.values_list("status", flat=True))),
        }
    )
)
