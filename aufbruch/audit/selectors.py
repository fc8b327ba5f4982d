from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def audit_entries_for(target: models.Model) -> QuerySet[AuditEntry]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return AuditEntry.objects.filter(target_type=ct, target_id=str(target.pk)).select_related(
        "actor"
    )
