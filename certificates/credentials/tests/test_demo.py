"""seed_demo signs the demo certificates: each demo credential checks out
as its certificate stands, and a second run changes nothing."""

import io
import json

import pytest
from django.core.management import call_command

from certificates.credentials.models import IssuedCredential
from certificates.credentials.verification import credential_verify
from certificates.demo import HOLDERS
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_demo_signs_every_demo_certificate(client, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    # given: the development key location, empty
    from certificates.credentials import demo

    monkeypatch.setattr(demo, "DEV_KEYS_DIR", tmp_path / "credential-keys")
    settings.CREDENTIAL_SIGNING_KEY = str(tmp_path / "credential-keys" / "dev-signing-key.pem")

    # when: the demo is loaded twice (tasks run after each commit, as in `make run`)
    first, second = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=first)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=second)

    # then: one credential per demo certificate, each reporting its certificate's state
    states = {email: state for state, email, *_rest in HOLDERS}
    credentials = {
        states[c.certificate.holder.email]: c
        for c in IssuedCredential.objects.select_related("certificate__holder")
        if c.certificate.holder.email in states
    }
    assert {state: credential_verify(c.document).status for state, c in credentials.items()} == {
        "valid": "valid",
        "expired": "expired",
        "suspended": "suspended",
        "revoked": "revoked",
    }
    # the public one is served and its address printed
    public_url = f"/verify/{credentials['valid'].certificate.public_id}/credential.json"
    assert settings.SITE_URL + public_url in first.getvalue()
    assert credential_verify(json.loads(client.get(public_url).content)).status == "valid"
    # and the second run changed nothing
    assert "nothing changed" in second.getvalue()
    assert IssuedCredential.objects.filter(certificate__holder__email__in=states).count() == 4
    # every demo certificate (other demos may issue some too) has its credential
    assert not Certificate.objects.filter(credential__isnull=True, holder__email__endswith="@demo.jisr.ma").exists()
