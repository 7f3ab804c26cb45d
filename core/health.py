"""Liveness of the parts the site needs: database, cache and task broker."""

import uuid

from django.conf import settings
from kombu import Connection

from django.core.cache import cache
from django.db import connection


def check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return ok


def check_broker() -> str:
    """'eager' when tasks run in-process, else 'ok' (raises when down)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def health_report() -> tuple[dict[str, str], bool]:
    report: dict[str, str] = {}
    healthy = True
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            report[name] = "ok" if check() else "down"
        except Exception:
            report[name] = "down"
    try:
        report["broker"] = check_broker()
    except Exception:
        report["broker"] = "down"
    healthy = all(value != "down" for value in report.values())
    return report, healthy


__all__ = ["health_report"]
