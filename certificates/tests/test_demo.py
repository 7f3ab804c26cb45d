import io
import re

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from certificates.selectors import verification_status

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_certificate_in_each_state_and_prints_how_to_check_them(client):
    # when
    first = io.StringIO()
    call_command("seed_demo", stdout=first)
    second = io.StringIO()
    call_command("seed_demo", stdout=second)

    # then each state exists once
    certificates = {c.holder.email.split("@")[0].split(".")[1]: c for c in Certificate.objects.select_related("holder")}
    assert {state: verification_status(c).value for state, c in certificates.items()} == {
        "valid": "valid",
        "expired": "expired",
        "suspended": "suspended",
        "revoked": "revoked",
    }
    assert certificates["valid"].is_public
    # the printed notes give each URL and short code, and they work
    output = first.getvalue()
    for state, certificate in certificates.items():
        line = next(line for line in output.splitlines() if line.strip().startswith(state))
        assert certificate.get_verification_url() in line
        assert certificate.short_code_display in line
        response = client.get(f"/verify/{certificate.public_id}/", HTTP_ACCEPT="application/json")
        assert response.json()["status"] == state
    # and the second run changed nothing
    assert "nothing changed" in second.getvalue()
    assert Certificate.objects.count() == 4
    assert len(re.findall(r"/verify/", second.getvalue())) == 4
