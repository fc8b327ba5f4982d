import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.services import idea_submit
from aufbruch.staff.models import StaffRole, StaffRoleKind


def png_upload(name: str = "foto.png", size=(40, 30), color=(200, 30, 30)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def make_idea(db, topic):
    def make(author, **kwargs):
        defaults = {
            "title": "Mehr Fahrradstraßen",
            "body": "Die Innenstadt braucht **Fahrradstraßen**.",
            "topic": topic,
        }
        defaults.update(kwargs)
        return idea_submit(author=author, **defaults)

    return make


@pytest.fixture
def idea(make_idea, user):
    return make_idea(user)


@pytest.fixture
def staff_user(db):
    staff = UserFactory(display_name="Moderatorin")
    StaffRole.objects.create(user=staff, role=StaffRoleKind.MODERATOR)
    return staff


@pytest.fixture
def blocked_user(db):
    return UserFactory(display_name="Gesperrt", blocked_until=timezone.now() + timedelta(days=7))
