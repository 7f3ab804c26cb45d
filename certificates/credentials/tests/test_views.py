"""Public endpoints: issuer identity, status lists, the check page and the API."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.credentials.bitstring import bit_get, decode_list
from certificates.credentials.models import STATUS_LIST_SIZE, StatusList
from certificates.credentials.ratelimit import CHECKS_PER_WINDOW


def body(response) -> dict:
    return json.loads(response.content)


def test_did_document_is_a_did_web_of_site_url(client, signing_key, settings, django_assert_max_num_queries):
    # given
    settings.SITE_URL = "https://academy.example.ma"

    # when
    with django_assert_max_num_queries(1):
        response = client.get("/.well-known/did.json")

    # then
    document = body(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+ld+json"
    assert "max-age=300" in response["Cache-Control"]
    assert document["id"] == "did:web:academy.example.ma"
    method = f"did:web:academy.example.ma#{signing_key.key_id}"
    assert document["assertionMethod"] == [method]
    assert document["verificationMethod"] == [
        {"id": method, "type": "Multikey", "controller": "did:web:academy.example.ma", "publicKeyMultibase": signing_key.public_key_multibase}
    ]


def test_did_web_encodes_the_port(client, signing_key, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    assert body(client.get("/.well-known/did.json"))["id"] == "did:web:127.0.0.1%3A8000"


def test_jwks_publishes_the_trusted_keys(client, signing_key):
    # when
    response = client.get("/.well-known/jwks.json")

    # then
    keys = body(response)["keys"]
    assert response["Content-Type"] == "application/jwk-set+json"
    assert len(keys) == 1
    assert keys[0]["kty"] == "OKP" and keys[0]["crv"] == "Ed25519" and keys[0]["alg"] == "EdDSA"
    assert keys[0]["kid"].endswith(f"#{signing_key.key_id}")
    assert "d" not in keys[0]  # never the private part


def test_status_lists_are_signed_large_and_briefly_cached(client, issue, facts, set_status, django_assert_max_num_queries):
    # given
    credential = issue(facts)
    set_status(credential, StatusList.Purpose.SUSPENSION, True)

    for purpose, expected in (("revocation", False), ("suspension", True)):
        # when
        with django_assert_max_num_queries(1):
            response = client.get(f"/status/{credential.status_list_number}/{purpose}")

        # then
        document = body(response)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vc"
        assert set(response["Cache-Control"].split(", ")) == {"max-age=300", "public"}
        assert response["Access-Control-Allow-Origin"] == "*"
        assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert document["credentialSubject"]["statusPurpose"] == purpose
        assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
        bits = decode_list(document["credentialSubject"]["encodedList"])
        assert len(bits) * 8 == STATUS_LIST_SIZE
        assert bit_get(bits, credential.status_index) is expected


@pytest.mark.parametrize("url", ["/status/1/revocation", "/status/1/expiry", "/status/99/suspension"])
def test_unknown_status_lists_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_status_list_is_regenerated_when_a_status_changes(client, issue, facts, set_status):
    credential = issue(facts)
    url = f"/status/{credential.status_list_number}/revocation"
    before = body(client.get(url))

    set_status(credential, StatusList.Purpose.REVOCATION, True)

    after = body(client.get(url))
    assert after["credentialSubject"]["encodedList"] != before["credentialSubject"]["encodedList"]
    assert after["proof"]["proofValue"] != before["proof"]["proofValue"]


def test_each_credential_gets_a_random_index(issue, facts):
    indexes = [issue(facts).status_index for _ in range(12)]

    assert len(set(indexes)) == 12
    assert indexes != sorted(indexes)  # not handed out in order
    assert max(indexes) - min(indexes) > 1000  # spread over the list, not clustered


# --- the check page ---------------------------------------------------------


def test_check_page_is_translated_and_noindex(client, db):
    arabic = client.get("/verify/check/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    french = client.get("/verify/check/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "التحقق من شهادة رقمية" in arabic
    assert 'dir="rtl"' in arabic
    assert "Vérifier une attestation numérique" in french
    assert '<meta name="robots" content="noindex">' in french


def test_pasting_a_valid_credential_shows_a_valid_report_in_french(client, issue, facts, django_assert_max_num_queries):
    # given
    credential = issue(facts)

    # when
    with django_assert_max_num_queries(12):
        response = client.post(
            "/verify/check/", {"credential": json.dumps(credential.document)}, HTTP_ACCEPT_LANGUAGE="fr"
        )

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "credential-report--valid" in page
    assert "La signature est valide, le ministère l'a délivrée" in page
    assert "La signature (eddsa-rdfc-2022) est valide." in page
    assert "Salma Benali" in page and "MF-2026-000123" in page
    assert credential.document["proof"]["verificationMethod"] in page


def test_uploading_a_revoked_credential_shows_revoked_in_arabic(client, issue, facts, set_status):
    # given
    credential = issue(facts)
    set_status(credential, StatusList.Purpose.REVOCATION, True)
    upload = SimpleUploadedFile("credential.json", json.dumps(credential.document).encode(), "application/json")

    # when
    response = client.post("/verify/check/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="ar")

    # then
    page = response.content.decode()
    assert "credential-report--revoked" in page
    assert "سحبت الوزارة هذه الشهادة." in page
    assert "سحبتها الجهة المصدرة." in page


def test_a_tampered_credential_says_why_in_arabic(client, issue, facts):
    credential = issue(facts)
    forged = dict(credential.document, validFrom="2020-01-15T09:30:00Z")

    page = client.post("/verify/check/", {"credential": json.dumps(forged)}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert "credential-report--invalid" in page
    assert "التوقيع غير مطابق: عُدّلت الشهادة بعد توقيعها، أو وُقّعت بمفتاح آخر." in page


@pytest.mark.parametrize(
    "data, expected",
    [
        ({}, "Collez une attestation ou choisissez un fichier (l&#x27;un des deux)."),
        ({"credential": "{}", "file": SimpleUploadedFile("c.json", b"{}")}, "(l&#x27;un des deux)"),
        ({"file": SimpleUploadedFile("c.json", b" " * (256 * 1024 + 1))}, "Le fichier est trop volumineux"),
    ],
)
def test_bad_form_input_is_a_clear_translated_error(client, db, data, expected):
    response = client.post("/verify/check/", data, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert "credential-report" not in response.content.decode()


def test_garbage_is_reported_not_crashed(client, db):
    page = client.post("/verify/check/", {"credential": "hello"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "credential-report--invalid" in page
    assert "Ce n&#x27;est ni du JSON ni un JWT." in page


def test_checks_are_rate_limited_per_client(client, db):
    for _ in range(CHECKS_PER_WINDOW):
        assert client.post("/verify/check/", {"credential": "x"}).status_code == 200

    response = client.post("/verify/check/", {"credential": "x"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Trop de vérifications depuis votre connexion" in response.content.decode()


# --- the API ----------------------------------------------------------------


def test_api_returns_the_report_as_json(client, issue, facts, set_status):
    # given
    credential = issue(facts)

    # when
    response = client.post(
        "/api/v1/credentials/verify", {"credential": credential.document}, content_type="application/json"
    )

    # then
    report = body(response)
    assert response.status_code == 200
    assert report["valid"] is True
    assert report["status"] == "valid"
    assert report["issuer"]["id"].startswith("did:web:")
    assert report["verification_method"] == credential.document["proof"]["verificationMethod"]
    assert {check["check"]: check["outcome"] for check in report["checks"]}["signature"] == "passed"

    # and the JWT form, revoked, in French
    set_status(credential, StatusList.Purpose.REVOCATION, True)
    response = client.post(
        "/api/v1/credentials/verify", {"credential": credential.jwt}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    report = body(response)
    assert report["valid"] is False
    assert report["status"] == "revoked"
    assert report["status_label"] == "Révoquée"
    assert report["format"] == "vc-jwt"


def test_api_reports_bad_input_without_crashing(client, db):
    response = client.post("/api/v1/credentials/verify", {"credential": "not a credential"}, content_type="application/json")

    assert response.status_code == 200
    assert body(response)["valid"] is False
    assert body(response)["checks"][0]["message"] == "هذا ليس JSON ولا JWT."


def test_api_rejects_a_body_without_credential(client, db):
    response = client.post("/api/v1/credentials/verify", {"nope": 1}, content_type="application/json")

    assert response.status_code == 422


def test_api_is_described_by_the_openapi_schema(client, db):
    schema = body(client.get("/api/v1/schema/"))

    operation = schema["paths"]["/api/v1/credentials/verify"]["post"]
    assert operation["summary"] == "Verify a credential"
    assert set(operation["responses"]) >= {"200", "429"}
    report = schema["components"]["schemas"]["ReportOut"]["properties"]
    assert {"valid", "status", "checks", "issuer", "verification_method"} <= set(report)
