"""German must be complete: every entry of every app's German catalogue is
translated and none is fuzzy. (Extraction itself: ``make messages``.)"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

PO_FILES = sorted(Path(settings.PACKAGE_DIR).rglob("locale/de/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-5])
def test_german_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == [], {
        "untranslated": untranslated[:20],
        "fuzzy": fuzzy[:20],
    }
