from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJobLock(models.Model):
    """One row per periodic job: who runs it now and how the last run went.

    On SQLite (and any database without advisory locks) the row is the lock:
    a run takes it with ``UPDATE … WHERE locked_until < now`` (only one of
    several servers gets a row count of 1). On PostgreSQL the lock is an
    advisory lock and the row only records the last run."""

    name = models.CharField(max_length=100, primary_key=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=64, blank=True, default="")
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=255, blank=True, default="")
    last_error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name
