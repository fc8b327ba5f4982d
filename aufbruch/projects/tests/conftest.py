# ruff: noqa: F811 - pytest fixtures imported from other conftests are parameters here
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aufbruch.guides.tests.conftest import (  # noqa: F401
    as_role,
    author,
    department,
    follower,
    guide,
    idea,
    moderator,
    office,
    other_department,
    other_guide,
    participant,
    supporter,
)
from aufbruch.ideas.models import Idea
from aufbruch.ideas.workflow import idea_change_status

PATH = ["in_review", "pool", "decided", "feasibility", "pilot"]


def walk(idea, actor, until: str) -> Idea:
    for status in PATH:
        idea_change_status(
            idea=idea, actor=actor, to_status=status, explanation=f"Schritt {status}"
        )
        if status == until:
            break
    return Idea.objects.get(pk=idea.pk)


@pytest.fixture
def pilot_idea(idea, office, supporter, follower):
    return walk(idea, office, "pilot")


@pytest.fixture
def project(pilot_idea, office, department):
    from aufbruch.projects.services import project_create

    return project_create(
        actor=office,
        title="Reallabor WLAN",
        goal="Freies WLAN im Rathaus für alle.",
        department=department,
        ideas=[pilot_idea],
    )


def png_upload(name="foto.png", size=(40, 30)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")
