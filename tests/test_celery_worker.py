"""A task travels through a real Redis broker to a real Celery worker.

Runs in the services pass of .ci/run (PostgreSQL + Redis); the embedded pass
has no broker to send through, so it skips there.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.factories import UserFactory
from accounts.tasks import welcome_email_send_task
from config.celery import app

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_queue():
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        if os.environ.get("JISR_REQUIRE_SERVICES"):
            pytest.fail("JISR_REQUIRE_SERVICES is set but PostgreSQL/Redis are not configured")
        pytest.skip("needs PostgreSQL and Redis (the services pass of .ci/run)")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        if worker.returncode not in (0, -15):
            print(output)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_welcome_email_goes_through_a_real_worker(celery_worker_queue):
    # given a committed user
    user = UserFactory()

    # when the task is sent to the broker and a worker picks it up
    result = welcome_email_send_task.apply_async((user.pk,), queue=celery_worker_queue)

    # then the worker did the work in the shared database
    # disable_sync_subtasks: an earlier test in this process may have run a task
    # eagerly, which leaves Celery believing it is inside a task
    assert result.get(timeout=90, disable_sync_subtasks=False) is True
    user.refresh_from_db()
    assert user.welcome_email_sent_at is not None

    # and a second delivery of the same task does nothing (idempotent)
    again = welcome_email_send_task.apply_async((user.pk,), queue=celery_worker_queue)
    assert again.get(timeout=60, disable_sync_subtasks=False) is False
