"""Staff roles: who acts for the city, and where.

Every app asks through ``staff.selectors`` / ``staff.predicates``; a role
counts only in a session that passed the second factor (``staff.mfa``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffRoleKind(models.TextChoices):
    GUIDE = "guide", _("Digital guide (department)")
    MODERATOR = "moderator", _("Moderator")
    OFFICE = "office", _("Programme office")


class StaffRole(models.Model):
    """A staff role; guides hold one row per department they look after."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRoleKind.choices)
    department = models.ForeignKey(
        "organisation.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("department"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "guides_staffrole"  # moved from guides without moving the data
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "department"], name="staffrole_unique"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(department__isnull=True),
                name="staffrole_unique_global",
            ),
            models.CheckConstraint(
                condition=Q(role="guide", department__isnull=False) | ~Q(role="guide"),
                name="staffrole_guide_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}" + (
            f" ({self.department})" if self.department_id else ""
        )
