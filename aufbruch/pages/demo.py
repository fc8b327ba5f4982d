"""Demo (seeder order 15): every site page with a sample text, published as a
revision marked "sample" by the programme office. The sign language slots
stay empty, so the demo shows their placeholders."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import override

from aufbruch.ideas.models import IdeaStatus
from aufbruch.staff.models import StaffRoleKind

from .demo_texts import easy_language_sample, pages_sample
from .models import Page
from .services import page_publish, page_revision_save


def status_labels_de() -> dict[str, str]:
    with override("de"):
        return {value: str(label) for value, label in IdeaStatus.choices}


def sample_texts() -> dict[str, tuple[str, str]]:
    city = settings.CITY_NAME
    return {**pages_sample(city), **easy_language_sample(city, status_labels_de())}


def seed_pages(ctx) -> None:
    office = (ctx.shared.get("staff") or {}).get("office") or (
        get_user_model().objects.filter(staff_roles__role=StaffRoleKind.OFFICE).first()
    )
    if office is None:
        return
    existing = set(Page.objects.filter(revision_count__gt=0).values_list("slug", flat=True))
    for slug, (title, body) in sample_texts().items():
        if slug in existing:
            continue
        revision = page_revision_save(
            slug=slug, actor=office, title=title, body=body, is_sample=True
        )
        page_publish(revision=revision, actor=office)
