import json

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aufbruch.accounts.models import User
from aufbruch.accounts.services import user_delete_account, user_export_data, user_update_profile
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory

pytestmark = pytest.mark.django_db


def test_update_profile_changes_fields_and_writes_audit(user, district):
    user_update_profile(
        user=user,
        actor=user,
        display_name="  Radlerin   GT ",
        birth_year=2001,
        district=district,
        email_on_comments=False,
    )
    user.refresh_from_db()
    assert (user.display_name, user.birth_year, user.district, user.email_on_comments) == (
        "Radlerin GT",
        2001,
        district,
        False,
    )
    entry = AuditEntry.objects.get(action="account.profile_update")
    assert set(entry.details["fields"]) == {
        "display_name",
        "birth_year",
        "district",
        "email_on_comments",
    }


def test_unchanged_profile_writes_no_audit(user):
    user_update_profile(user=user, actor=user, display_name=user.display_name)
    assert not AuditEntry.objects.filter(action="account.profile_update").exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"birth_year": 1899}, "zwischen 1900 und"),
        ({"birth_year": timezone.now().year + 1}, "zwischen 1900 und"),
        ({"birth_year": "neunzehnhundert"}, "als Zahl"),
        ({"display_name": ""}, "mindestens 2 Zeichen"),
        ({"display_name": "x" * 51}, "höchstens 50 Zeichen"),
        ({"display_name": "<script>alert(1)</script>"}, "< > { }"),
        ({"display_name": "Name\x00mit Steuerzeichen"}, "< > { }"),
    ],
)
def test_invalid_profile_is_rejected_in_german_and_changes_nothing(user, fields, message):
    before = (user.display_name, user.birth_year)
    with pytest.raises(ValidationError) as exc:
        user_update_profile(user=user, actor=user, **fields)
    assert message in " ".join(exc.value.messages)
    user.refresh_from_db()
    assert (user.display_name, user.birth_year) == before


def test_boundary_birth_years_are_accepted(user):
    user_update_profile(user=user, actor=user, birth_year=1900)
    user_update_profile(user=user, actor=user, birth_year=timezone.now().year)
    user.refresh_from_db()
    assert user.birth_year == timezone.now().year


def test_nobody_else_may_change_a_profile(user, other_user):
    with pytest.raises(PermissionDenied):
        user_update_profile(user=user, actor=other_user, display_name="Übernommen")
    user.refresh_from_db()
    assert user.display_name != "Übernommen"


def test_unknown_fields_cannot_be_set(user):
    with pytest.raises(ValueError):
        user_update_profile(user=user, actor=user, is_staff=True)
    user.refresh_from_db()
    assert not user.is_staff


def test_export_contains_own_data_and_nothing_of_others(user, other_user, idea_of):
    user = user_update_profile(user=user, actor=user, birth_year=1995)
    idea_of(user, title="Meine Idee für Avenwedde")
    idea_of(other_user, title="Fremde Idee aus Spexard")
    data = user_export_data(user=user)
    text = json.dumps(data, default=str, ensure_ascii=False)
    assert data["account"]["email"] == user.email
    assert data["account"]["birth_year"] == 1995
    assert data["account"]["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]
    assert data["account"]["two_factor_methods"] == []
    assert "Meine Idee für Avenwedde" in text
    assert other_user.email not in text and other_user.display_name not in text
    assert "Fremde Idee aus Spexard" not in text
    assert (
        AuditEntry.objects.filter(action="account.data_export", target_id=str(user.pk)).count() == 1
    )


def test_delete_removes_personal_data_and_keeps_contributions(user, idea_of):
    email, name = user.email, user.display_name
    user_update_profile(user=user, actor=user, birth_year=2000)
    idea = idea_of(user)
    user_delete_account(user=user, actor=user)
    user.refresh_from_db()
    assert user.is_deleted and not user.is_active
    assert (
        user.email != email
        and user.display_name == ""
        and user.birth_year is None
        and user.district is None
    )
    assert not user.has_usable_password()
    assert user.public_name == "gelöschtes Konto"
    idea.refresh_from_db()
    assert idea.author_id == user.pk and idea.author.public_name == "gelöschtes Konto"
    assert authenticate(email=email, password="geheim-passwort-123") is None
    assert not User.objects.filter(email=email).exists()
    # Earlier audit entries no longer carry the name.
    assert not AuditEntry.objects.filter(target_repr=name).exists()
    assert AuditEntry.objects.filter(action="account.delete", target_id=str(user.pk)).exists()


def test_only_the_user_or_the_office_may_delete_an_account(user, other_user):
    with pytest.raises(PermissionDenied):
        user_delete_account(user=user, actor=other_user)
    user.refresh_from_db()
    assert not user.is_deleted
    from aufbruch.staff.models import StaffRole, StaffRoleKind

    office = UserFactory()
    StaffRole.objects.create(user=office, role=StaffRoleKind.OFFICE)
    user_delete_account(user=user, actor=office)
    user.refresh_from_db()
    assert user.is_deleted
    assert AuditEntry.objects.get(action="account.delete").actor == office
