"""Granting and revoking staff roles: checked, audited, cache refreshed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require

from .models import StaffRole, StaffRoleKind


def _forget_roles(user) -> None:
    user.__dict__.pop("_aufbruch_staff_roles", None)


@transaction.atomic
def staff_role_grant(*, actor, user, role: str, department=None) -> StaffRole:
    require(actor, "staff.manage_roles")
    if user is None or getattr(user, "is_deleted", False):
        raise ValidationError({"user": [_("Please choose a person.")]})
    if role not in StaffRoleKind.values:
        raise ValidationError({"role": [_("Please choose a role.")]})
    if role == StaffRoleKind.GUIDE and department is None:
        raise ValidationError({"department": [_("A guide needs a department.")]})
    if role != StaffRoleKind.GUIDE:
        department = None
    try:
        with transaction.atomic():
            staff_role = StaffRole.objects.create(
                user=user, role=role, department=department, granted_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError({"role": [_("This person already has this role.")]}) from exc
    audit_log(
        action=AuditAction.STAFF_ROLE_GRANT,
        actor=actor,
        target=user,
        details={
            "role": role,
            "department": department.pk if department else None,
            "staff_role": staff_role.pk,
        },
    )
    _forget_roles(user)
    return staff_role


@transaction.atomic
def staff_role_revoke(*, actor, staff_role: StaffRole) -> None:
    require(actor, "staff.manage_roles")
    if staff_role.user_id == actor.pk and staff_role.role == StaffRoleKind.OFFICE:
        raise ValidationError({"role": [_("You cannot remove your own programme office role.")]})
    user = staff_role.user
    details = {
        "role": staff_role.role,
        "department": staff_role.department_id,
        "staff_role": staff_role.pk,
    }
    deleted, _unused = StaffRole.objects.filter(pk=staff_role.pk).delete()
    if not deleted:
        return
    audit_log(action=AuditAction.STAFF_ROLE_REVOKE, actor=actor, target=user, details=details)
    _forget_roles(user)
