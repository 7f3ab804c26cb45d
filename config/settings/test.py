"""Tests: fast and hermetic. The same file serves the embedded pass (SQLite,
locmem cache, eager tasks) and the services pass in .ci/run (DATABASE_URL on
PostgreSQL, REDIS_URL on a real Redis)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402,F401,F403
from .base import BASE_DIR, env  # noqa: E402

DEBUG = False
DEMO_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# Even with a real Redis, tests run tasks in-process unless a test starts its
# own worker (tests/test_celery_worker.py switches this off).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)

# Each test run gets its own media folder so files never leak between runs.
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", default=str(BASE_DIR / "test-artifacts" / "media")))  # noqa: F405

if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Each pytest-xdist process gets its own Redis database for the cache (the
    # broker's + 1 + worker number), so one process's cache.clear() (FLUSHDB)
    # never empties the other's cache in the middle of a query-count test.
    from urllib.parse import urlsplit

    _url = urlsplit(REDIS_URL)  # noqa: F405
    _db = (int(_url.path.strip("/") or 0) + 1 + int(os.environ["PYTEST_XDIST_WORKER"][2:])) % 16
    CACHES = {"default": {**CACHES["default"], "LOCATION": _url._replace(path=f"/{_db}").geturl()}}  # noqa: F405

PRIVATE_MEDIA_ROOT = MEDIA_ROOT.parent / "private-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Browser tests wait for the live server's last request before the database
# is emptied (tests/in_flight.py).
MIDDLEWARE = ["tests.in_flight.InFlightRequestsMiddleware", *MIDDLEWARE]  # noqa: F405
