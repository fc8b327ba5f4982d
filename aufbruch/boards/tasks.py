from django_tasks import task


@task()
def close_due_votes_task() -> int:
    from .voting import close_due_votes

    return close_due_votes()
