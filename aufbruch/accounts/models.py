"""Accounts hold the minimum: e-mail, a public display name (pseudonyms
allowed), and optionally birth year and district, asked for the U30 board
and to see which groups are missing. Deletion anonymises the row so that
contributions stay, shown as "gelöschtes Konto"."""

import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aufbruch.core.compiled import CompiledQuery
from aufbruch.staff.mfa import staff_powers_active


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get(self, *args, **kwargs):
        """Every logged-in request reads its user by primary key
        (ModelBackend.get_user: ``get(pk=<the session's id>)``). That lookup
        runs SQL compiled once per process (core.compiled), which saves
        building the query each time; every other lookup is the ORM's."""
        value = kwargs.get("pk", kwargs.get("id")) if len(kwargs) == 1 else None
        if args or self._db is not None or not _is_id(value):
            return super().get(*args, **kwargs)
        rows = _USER_BY_PK.run(None, pk=int(value))
        if not rows:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return rows[0]


def _is_id(value) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (
        isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19
    )


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        blank=True,
        help_text=_("Shown with your contributions. A pseudonym is fine."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. Used for the U30 board and, only as anonymous statistics, to see which age groups are missing. Never shown publicly."
        ),
    )
    district = models.ForeignKey(
        "organisation.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
        help_text=_(
            "Optional. Only used for anonymous statistics on which parts of the city take part."
        ),
    )
    email_on_comments = models.BooleanField(
        _("e-mail me about new comments on ideas I follow"), default=True
    )
    email_on_updates = models.BooleanField(
        _("e-mail me about status changes and official responses"), default=True
    )
    email_on_events = models.BooleanField(_("e-mail me about events and boards"), default=True)
    blocked_until = models.DateTimeField(_("blocked until"), null=True, blank=True)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    def has_perm(self, perm, obj=None) -> bool:
        # Django lets an active superuser (and ModelBackend's grants) pass every
        # check; in a session without a second factor only the role-free
        # rules count (see staff.mfa).
        if not staff_powers_active(self):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return staff_powers_active(self) and super().has_module_perms(app_label)

    @property
    def public_name(self) -> str:
        if self.is_deleted:
            return str(_("deleted account"))
        return self.display_name or str(_("Participant %(number)s") % {"number": self.pk})

    def age_in(self, year: int) -> int | None:
        return None if self.birth_year is None else year - self.birth_year

    @property
    def is_blocked(self) -> bool:
        return self.blocked_until is not None and self.blocked_until > timezone.now()


_USER_BY_PK = CompiledQuery(lambda _shape, pk: User.objects.filter(pk=pk))
