from django_tasks import task


@task()
def send_guide_reminders_task() -> dict:
    """Background variant of ``manage.py send_guide_reminders``."""
    from .reminders import send_guide_reminders

    result = send_guide_reminders()
    return {
        "reminded_ideas": result.reminded_ideas,
        "notifications": result.notifications,
        "flagged_ideas": result.flagged_ideas,
    }
