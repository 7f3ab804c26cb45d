"""Development: `make run`. SQLite and in-process tasks unless the
environment says otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F401,F403

DEMO_ALLOWED = True

# `seed_demo` creates this key (git-ignored) when no key is configured.
if not CREDENTIAL_SIGNING_KEY:  # noqa: F405
    CREDENTIAL_SIGNING_KEY = str(BASE_DIR / "credential-keys" / "dev-signing-key.pem")  # noqa: F405

if CELERY_TASK_ALWAYS_EAGER:  # noqa: F405
    # Tasks run in-process: a "Task … succeeded" line for each would drown
    # seed_demo's report. A real worker (REDIS_URL) keeps them.
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}  # noqa: F405
