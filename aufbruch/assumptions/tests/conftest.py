from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.assumptions import services
from aufbruch.staff.models import StaffRoleKind
from aufbruch.surveys.tests.conftest import Built, staff_user

__all__ = ["Built", "staff_user"]


@pytest.fixture
def office(db):
    return staff_user(StaffRoleKind.OFFICE)


@pytest.fixture
def guide(db):
    return staff_user(StaffRoleKind.GUIDE)


@pytest.fixture
def owner(db):
    return staff_user(StaffRoleKind.GUIDE, display_name="Lotsin Schmidt")


@pytest.fixture
def assumption(office, owner, topic):
    return services.assumption_create(
        actor=office,
        wording="Ältere Menschen wollen Termine online buchen",
        topic=topic,
        owner=owner,
        review_due_on=timezone.localdate(),
        explanation="Aus dem **Bürgerportal**.",
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def later():
    return timezone.localdate() + timedelta(days=180)
