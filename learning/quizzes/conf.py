"""Settings of the quiz app, with their defaults (override in settings)."""

from datetime import timedelta

from django.conf import settings


def grace_period() -> timedelta:
    """How long after the deadline answers sent on a slow connection are
    still accepted (the request left the phone in time)."""
    return timedelta(seconds=getattr(settings, "QUIZ_GRACE_SECONDS", 60))
