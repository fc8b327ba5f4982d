"""A web worker does not load the grouping's numerical libraries (numpy,
scipy, scikit-learn: ~130 MiB per worker); only the task worker that
recomputes a map does (issue #15: one worker under 200 MiB)."""

import subprocess
import sys

from django.conf import settings

SCRIPT = """
import sys
import django
django.setup()
from django.urls import get_resolver
from django.utils.module_loading import autodiscover_modules
get_resolver().url_patterns  # every app's urls, views, forms and the services they use
autodiscover_modules("services", "selectors", "tasks")
heavy = sorted(m for m in ("numpy", "scipy", "sklearn") if m in sys.modules)
print(",".join(heavy))
"""


def test_serving_pages_does_not_import_numpy_scipy_or_sklearn():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "aufbruch.settings.test",
            "PATH": "/usr/bin:/bin",
            "HOME": "/tmp",
        },
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert out.stdout.strip() == "", out.stdout
