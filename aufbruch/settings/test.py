"""Test settings: fast hashing, tasks run in-process, mail kept in memory."""

from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, INSTALLED_APPS, env

# The benchmarks' commands stay tested (bench/aufbruch_bench/tests).
if "bench.aufbruch_bench" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "bench.aufbruch_bench"]

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One folder per pytest-xdist worker: a worker's clean-up never removes another's files.
_worker = env.str("PYTEST_XDIST_WORKER", default="main")
MEDIA_ROOT = (
    Path(env.str("TEST_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))) / _worker
)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "aufbruch.core.cache.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
