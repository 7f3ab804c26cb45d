"""Sign → verify, and every way a credential must fail."""

import copy
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from certificates.credentials.bitstring import bit_set, decode_list, encode_list
from certificates.credentials.models import StatusList
from certificates.credentials.multibase import multibase_decode, multibase_encode
from certificates.credentials.verification import credential_verify

NOW = None  # the verifier's clock: now


def outcome(report, check: str) -> str:
    return [c.outcome for c in report.checks if c.name == check][0]


def message(report, check: str) -> str:
    return [c.message for c in report.checks if c.name == check][0]


@pytest.fixture
def credential(issue, facts):
    return issue(facts)


def test_a_freshly_signed_credential_verifies(credential):
    # when
    report = credential_verify(credential.document, now=NOW)

    # then
    assert report.status == "valid", report.as_dict()
    assert report.valid is True
    assert {c.name: c.outcome for c in report.checks} == {
        "format": "passed",
        "contexts": "passed",
        "terms": "passed",
        "issuer": "passed",
        "key": "passed",
        "signature": "passed",
        "validity": "passed",
        "revocation": "passed",
        "suspension": "passed",
        "schema": "passed",
    }
    assert report.holder == ["سلمى بنعلي", "Salma Benali"]
    assert report.licence_number == "MF-2026-000123"
    assert report.verification_method == credential.document["proof"]["verificationMethod"]


def test_the_jwt_form_verifies_too(credential):
    report = credential_verify(credential.jwt, now=NOW)

    assert report.format == "vc-jwt"
    assert report.status == "valid", report.as_dict()
    assert message(report, "signature") == "The JWT signature (EdDSA) is valid."


def test_a_changed_jwt_payload_fails(credential):
    # given: the licence number changed inside the payload
    header, payload, signature = credential.jwt.split(".")
    import base64
    import json

    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["licenseNumber"] = "MF-2026-000124"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    # when
    report = credential_verify(f"{header}.{forged}.{signature}", now=NOW)

    # then
    assert report.status == "invalid"
    assert outcome(report, "signature") == "failed"


def _string_paths(value, path=()):
    """Every string leaf of the signed part of a credential."""
    if isinstance(value, dict):
        for key, item in value.items():
            if path == () and key == "proof":
                continue
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_paths(item, (*path, index))
    elif isinstance(value, str):
        yield path


def _set(document, path, value):
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _get(document, path):
    for part in path:
        document = document[part]
    return document


def test_changing_one_character_of_any_signed_field_breaks_the_signature(credential):
    # given: every string the credential signs (ids, names, dates, status entries…)
    paths = [p for p in _string_paths(credential.document) if p[0] != "@context"]
    assert len(paths) > 25

    for path in paths:
        forged = copy.deepcopy(credential.document)
        original = _get(forged, path)
        # change the last character (keeping dates parseable does not matter:
        # the signature must fail first)
        replacement = original[:-1] + ("X" if original[-1:] != "X" else "Y")
        _set(forged, path, replacement)

        # when
        report = credential_verify(forged, now=NOW)

        # then
        assert not report.valid, path
        assert report.status in {"invalid", "untrusted"}, (path, report.status)
        checks = {check.name: check.outcome for check in report.checks}
        # a changed type is refused before any signature work
        assert checks.get("signature", "skipped") in {"failed", "skipped"} or checks["format"] == "failed", path


def test_changing_a_boolean_or_list_order_of_types_is_caught(credential):
    forged = copy.deepcopy(credential.document)
    forged["credentialSubject"]["identifier"][0]["hashed"] = True

    report = credential_verify(forged, now=NOW)

    assert report.status == "invalid"
    assert outcome(report, "signature") == "failed"


@pytest.mark.parametrize("bit", [0, 7, 100, 511])
def test_flipping_one_bit_of_the_proof_value_breaks_the_signature(credential, bit):
    # given
    forged = copy.deepcopy(credential.document)
    signature = bytearray(multibase_decode(forged["proof"]["proofValue"]))
    signature[bit // 8] ^= 1 << (bit % 8)
    forged["proof"]["proofValue"] = multibase_encode(bytes(signature))

    # when
    report = credential_verify(forged, now=NOW)

    # then
    assert report.status == "invalid"
    assert outcome(report, "signature") == "failed"


def test_a_proof_naming_a_key_outside_the_issuers_assertion_method_fails(credential):
    # given: a key fragment the DID document does not list
    forged = copy.deepcopy(credential.document)
    did = forged["issuer"]["id"]
    forged["proof"]["verificationMethod"] = f"{did}#key-not-published"

    # when
    report = credential_verify(forged, now=NOW)

    # then
    assert report.status == "untrusted"
    assert outcome(report, "key") == "failed"
    assert message(report, "key") == "The signing key is not listed in the issuer's assertionMethod."
    assert outcome(report, "signature") == "skipped"


def test_a_credential_signed_by_another_did_key_is_not_trusted(credential):
    # given: a perfectly valid signature by someone else's did:key, claiming our issuer
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from certificates.credentials.dataintegrity import proof_add
    from certificates.credentials.keys import public_multikey

    other = Ed25519PrivateKey.generate()
    did_key = f"did:key:{public_multikey(other)}"
    unsigned = {k: v for k, v in credential.document.items() if k != "proof"}
    forged = proof_add(unsigned, private_key=other, verification_method=f"{did_key}#{public_multikey(other)}", created="2026-01-15T09:30:00Z")

    # when
    report = credential_verify(forged, now=NOW)

    # then
    assert report.status == "untrusted"
    assert message(report, "key") == "The signing key does not belong to the issuer."


def test_a_did_key_credential_from_another_issuer_verifies_its_signature_but_is_untrusted(credential):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from certificates.credentials.dataintegrity import proof_add
    from certificates.credentials.keys import public_multikey

    other = Ed25519PrivateKey.generate()
    did_key = f"did:key:{public_multikey(other)}"
    unsigned = {k: v for k, v in credential.document.items() if k not in ("proof", "credentialStatus")}
    unsigned["issuer"] = {**unsigned["issuer"], "id": did_key}
    forged = proof_add(unsigned, private_key=other, verification_method=f"{did_key}#{public_multikey(other)}", created="2026-01-15T09:30:00Z")

    report = credential_verify(forged, now=NOW)

    assert outcome(report, "signature") == "passed"
    assert outcome(report, "issuer") == "failed"
    assert report.status == "untrusted"


def test_an_unknown_context_is_refused_and_not_fetched(credential, _no_network):
    # given
    forged = copy.deepcopy(credential.document)
    forged["@context"].append("https://evil.example/context.jsonld")

    # when
    report = credential_verify(forged, now=NOW)

    # then
    assert report.status == "invalid"
    assert outcome(report, "contexts") == "failed"
    assert "https://evil.example/context.jsonld" in message(report, "contexts")
    assert "not fetched" in message(report, "contexts")
    assert _no_network == []  # no connection was even attempted


def test_a_term_missing_from_the_contexts_is_flagged_not_dropped(credential):
    # given: an extra claim the contexts do not define
    forged = copy.deepcopy(credential.document)
    forged["credentialSubject"]["nationalId"] = "AB123456"

    # when
    report = credential_verify(forged, now=NOW)

    # then
    assert report.undefined_terms == ["nationalId"]
    assert outcome(report, "terms") == "failed"
    assert "nationalId" in message(report, "terms")
    assert report.status == "invalid"


def test_revoked_suspended_and_lifted(credential, set_status):
    # when revoked
    set_status(credential, StatusList.Purpose.REVOCATION, True)
    revoked = credential_verify(credential.document, now=NOW)

    # then
    assert revoked.status == "revoked"
    assert message(revoked, "revocation") == "Revoked by the issuer."

    # when the revocation bit is cleared again (tests the list, not a policy)
    set_status(credential, StatusList.Purpose.REVOCATION, False)
    set_status(credential, StatusList.Purpose.SUSPENSION, True)
    suspended = credential_verify(credential.document, now=NOW)
    assert suspended.status == "suspended"
    assert message(suspended, "suspension") == "Suspended by the issuer."

    # when the suspension is lifted
    set_status(credential, StatusList.Purpose.SUSPENSION, False)
    lifted = credential_verify(credential.document, now=NOW)
    assert lifted.status == "valid"


def test_only_this_credentials_bit_is_read(issue, facts, set_status):
    first, second = issue(facts), issue(facts)
    assert first.status_index != second.status_index

    set_status(first, StatusList.Purpose.REVOCATION, True)

    assert credential_verify(first.document, now=NOW).status == "revoked"
    assert credential_verify(second.document, now=NOW).status == "valid"


def test_past_valid_until_is_expired(issue, facts):
    # given
    expired_facts = replace(facts, valid_from=datetime(2023, 5, 2, 8, 0, tzinfo=UTC), valid_until=datetime(2026, 5, 2, 8, 0, tzinfo=UTC))
    credential = issue(expired_facts)

    # when
    report = credential_verify(credential.document)

    # then
    assert report.status == "expired"
    assert message(report, "validity") == "Expired on 2026-05-02T08:00:00Z."
    assert outcome(report, "signature") == "passed"
    assert outcome(report, "revocation") == "passed"


def test_before_valid_from_is_not_yet_valid(issue, facts):
    credential = issue(replace(facts, valid_from=datetime.now(UTC) + timedelta(days=3)))

    report = credential_verify(credential.document)

    assert report.status == "not_yet_valid"


def _tamper_published(number, purpose, change):
    status_list = StatusList.objects.get(number=number, purpose=purpose)
    document = copy.deepcopy(status_list.published)
    change(document)
    status_list.published = document
    status_list.save(update_fields=["published"])


def test_a_tampered_status_list_is_an_error_never_valid(credential, set_status):
    # given: the credential is revoked, and someone serves a list with its bit cleared
    set_status(credential, StatusList.Purpose.REVOCATION, True)

    def clear_bit(document):
        bits = decode_list(document["credentialSubject"]["encodedList"])
        document["credentialSubject"]["encodedList"] = encode_list(bit_set(bits, credential.status_index, False))

    _tamper_published(credential.status_list_number, "revocation", clear_bit)

    # when
    report = credential_verify(credential.document, now=NOW)

    # then
    assert report.status == "error"
    assert not report.valid
    assert message(report, "revocation") == "The status list's signature is not valid."


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["credentialSubject"].update(statusPurpose="suspension"), "The status list's purpose is not revocation."),
        (lambda d: d.update(issuer="did:web:evil.example"), "The status list does not come from the credential's issuer."),
        (lambda d: d["credentialSubject"].update(encodedList="uAAAA"), "The status list's signature is not valid."),
        (lambda d: d.pop("proof"), "The status list's signature is not valid."),
    ],
)
def test_any_change_to_a_status_list_is_an_error(credential, change, expected):
    _tamper_published(credential.status_list_number, "revocation", change)

    report = credential_verify(credential.document, now=NOW)

    assert report.status == "error"
    assert message(report, "revocation") == expected


def test_a_status_list_that_was_never_published_is_an_error(credential):
    StatusList.objects.filter(purpose="suspension").update(published=None)

    report = credential_verify(credential.document, now=NOW)

    assert report.status == "error"
    assert "is not available" in message(report, "suspension")


def test_an_expired_status_list_is_an_error(credential):
    report = credential_verify(credential.document, now=datetime.now(UTC) + timedelta(days=40))

    assert report.status == "error"
    assert outcome(report, "revocation") == "failed"
    assert message(report, "revocation") == "The status list is outside its validity period."


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("", "Paste a credential or choose a file."),
        ("not json", "This is neither JSON nor a JWT."),
        ("[1, 2]", "A credential is a JSON object."),
        ('{"@context": []}', "This is not a Verifiable Credential."),
        (b"\xff\xfe", "The file is not UTF-8 text."),
        ("[" * 40 + "]" * 40, "A credential is a JSON object."),
    ],
)
def test_bad_input_gets_a_clear_message(raw, expected):
    report = credential_verify(raw, now=NOW)

    assert report.status == "invalid"
    assert report.checks[0].name == "format"
    assert report.checks[0].message == expected


def test_deep_nesting_is_refused_before_any_processing():
    deep = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}
    cursor = deep
    for _ in range(40):
        cursor["x"] = {}
        cursor = cursor["x"]

    report = credential_verify(deep, now=NOW)

    assert report.checks[0].message == "The credential is nested too deeply."
