"""The README's "Verify a credential yourself" snippet, run as a third party
would: only the downloaded files, pyld and cryptography."""

import json
import re
import shutil
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature

from certificates.credentials.linkeddata import CONTEXTS_DIR
from certificates.credentials.models import StatusList

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_snippet() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Verify a credential yourself", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def third_party_folder(tmp_path, monkeypatch, client, issue, facts):
    """What a third party downloads: the credential, did.json, the status
    lists it names, and the two contexts."""
    credential = issue(facts)

    def download(credential_document):
        (tmp_path / "credential.json").write_text(json.dumps(credential_document, ensure_ascii=False), encoding="utf-8")
        (tmp_path / "did.json").write_bytes(client.get("/.well-known/did.json").content)
        for entry in credential_document["credentialStatus"]:
            path = entry["statusListCredential"].split("://", 1)[1].split("/", 1)[1]
            (tmp_path / f"{entry['statusPurpose']}.json").write_bytes(client.get(f"/{path}").content)

    (tmp_path / "contexts").mkdir()
    for name in ("www.w3.org_ns_credentials_v2.json", "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.json"):
        shutil.copyfile(CONTEXTS_DIR / name, tmp_path / "contexts" / name)
    monkeypatch.chdir(tmp_path)
    download(credential.document)
    return credential, download


def run_snippet() -> None:
    exec(compile(readme_snippet(), "README.md", "exec"), {"__name__": "readme"})


def test_the_snippet_says_valid_for_a_good_credential(third_party_folder, capsys):
    run_snippet()

    assert capsys.readouterr().out.strip() == "VALID: الوساطة الأسرية: التكوين الأساسي · MF-2026-000123 · وزارة التضامن والإدماج الاجتماعي والأسرة — Ministère de la Solidarité, de l'Insertion Sociale et de la Famille"


def test_the_snippet_refuses_a_changed_credential(third_party_folder):
    credential, download = third_party_folder
    forged = json.loads(json.dumps(credential.document))
    forged["credentialSubject"]["licenseNumber"] = "MF-2026-000999"
    download(forged)

    with pytest.raises(InvalidSignature):
        run_snippet()


def test_the_snippet_reports_a_revoked_credential(third_party_folder, set_status):
    credential, download = third_party_folder
    set_status(credential, StatusList.Purpose.REVOCATION, True)
    download(credential.document)

    with pytest.raises(AssertionError, match="revocation"):
        run_snippet()


def test_the_snippet_refuses_a_key_the_ministry_no_longer_trusts(third_party_folder, signing_key):
    from django.core.management import call_command

    credential, download = third_party_folder
    call_command("credential_keys", "compromise", signing_key.key_id)
    download(credential.document)

    with pytest.raises(AssertionError, match="no longer"):
        run_snippet()
