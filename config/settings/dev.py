"""Development: `make run`. SQLite and in-process tasks unless the
environment says otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F401,F403

DEMO_ALLOWED = True
