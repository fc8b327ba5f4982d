import random

import pytest

from aufbruch.accounts.services import user_export_data
from aufbruch.core.demo import DemoContext, seeders
from aufbruch.pages.catalogue import PAGES
from aufbruch.pages.demo import seed_pages
from aufbruch.pages.models import Page, PageRevision

pytestmark = pytest.mark.django_db


def test_seeder_is_registered():
    assert [s.order for s in seeders() if s.key == "pages"] == [15]


def test_every_page_gets_a_published_sample_and_a_second_run_changes_nothing(seeded):
    pages = {p.slug: p for p in Page.objects.select_related("published_revision")}
    assert set(pages) == {spec.slug for spec in PAGES}
    for page in pages.values():
        assert page.published_revision.is_sample and page.published_revision.author == seeded

    seed_pages(DemoContext(rng=random.Random(2), quiet=True))
    assert PageRevision.objects.count() == len(PAGES)


def test_the_staff_export_lists_the_page_versions(seeded):
    data = user_export_data(user=seeded)
    assert len(data["pages"]["page_versions"]) == len(PAGES)
