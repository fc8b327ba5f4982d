from django_tasks import task


@task()
def send_review_reminders() -> int:
    """Daily: remind owners whose assumptions are due for review (idempotent)."""
    from .services import assumptions_remind_due

    return assumptions_remind_due()
