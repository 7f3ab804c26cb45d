"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-8f3k2l1m9n0p7q6r5s4t",
    "ALLOWED_HOSTS": "academy.example.ma",
    "SITE_URL": "https://academy.example.ma",
    "DATABASE_URL": "postgres://jisr@db.example.ma/jisr",
    "REDIS_URL": "redis://cache.example.ma:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.ma:587",
    "CREDENTIAL_SIGNING_KEY": "/etc/jisr/credential-signing-key.pem",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"} and not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_prints_no_warnings():
    result = run_manage("check", "--deploy", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_production_requires_staff_mfa_and_a_secret_key():
    env = dict(PRODUCTION_ENV)
    code = "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED, settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == ["True", "False", "True"], result.stderr

    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
