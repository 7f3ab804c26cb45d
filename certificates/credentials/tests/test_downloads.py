"""The holder's credential: downloaded from "My learning", fetched by anyone
at /verify/<public_id>/credential.json once the holder made it public."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from certificates.credentials.models import IssuedCredential
from certificates.credentials.panels import my_credentials_panel
from certificates.credentials.verification import credential_verify
from certificates.factories import certificate_make, course_with_programme, rule_for
from certificates.services import certificate_registry_set, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(db):
    return UserFactory(roles=[Role.TRAINEE], email="salma@example.ma", full_name_ar="سلمى بنعلي", first_name="Salma", last_name="Benali")


@pytest.fixture
def certificate(signing_key, home_page, holder, django_capture_on_commit_callbacks):
    _programme, course = course_with_programme(hours=30)
    rule_for(course, validity_months=36)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_make(holder=holder, course=course)
    assert IssuedCredential.objects.filter(certificate=certificate).exists()
    return certificate


def make_public(certificate, public=True):
    certificate_registry_set(certificate=certificate, user=certificate.holder, public=public)
    certificate.refresh_from_db()


def login_as(client, who, holder):
    users = {
        "anonymous": None,
        "holder": holder,
        "other trainee": UserFactory(roles=[Role.TRAINEE]),
        "trainer": UserFactory(roles=[Role.TRAINER]),
        "officer": UserFactory(roles=[Role.MINISTRY_OFFICER]),
    }
    user = users[who]
    if user is not None:
        assert client.login(email=user.email, password=TEST_PASSWORD)


def urls(certificate):
    return {
        "json": f"/verify/{certificate.public_id}/credential.json",
        "jwt": f"/verify/{certificate.public_id}/credential.jwt",
    }


@pytest.mark.parametrize(
    ("who", "public", "expected"),
    [
        ("anonymous", False, 404),
        ("other trainee", False, 404),
        ("trainer", False, 404),
        ("holder", False, 200),
        ("officer", False, 200),
        ("anonymous", True, 200),
        ("other trainee", True, 200),
        ("trainer", True, 200),
        ("holder", True, 200),
        ("officer", True, 200),
    ],
)
def test_who_may_fetch_the_credential(client, certificate, holder, who, public, expected):
    # given
    if public:
        make_public(certificate)
    login_as(client, who, holder)

    # when / then: both forms follow the same rule
    for form, url in urls(certificate).items():
        response = client.get(url)
        assert response.status_code == expected, (form, who, public)


def test_the_urls_are_those_the_readme_and_did_promise(certificate):
    assert reverse("verify:credential_json", args=[certificate.public_id]) == urls(certificate)["json"]
    assert reverse("verify:credential_jwt", args=[certificate.public_id]) == urls(certificate)["jwt"]


def test_a_public_credential_is_the_signed_document_and_verifies(client, certificate, django_assert_max_num_queries):
    # given
    make_public(certificate)

    # when
    with django_assert_max_num_queries(1):
        response = client.get(urls(certificate)["json"])

    # then: exactly the signed credential, which checks out
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    document = json.loads(response.content)
    assert document == IssuedCredential.objects.get(certificate=certificate).document
    assert credential_verify(document).status == "valid"
    assert "سلمى بنعلي" in response.content.decode()  # UTF-8, not \\u escapes
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert f'filename="credential-{certificate.licence_number}.json"' in response["Content-Disposition"]


def test_the_jwt_form_is_served_as_vc_jwt(client, certificate):
    make_public(certificate)

    response = client.get(urls(certificate)["jwt"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    assert token.count(".") == 2
    assert credential_verify(token).status == "valid"


def test_a_private_credential_to_its_holder_is_never_cached(client, certificate, holder):
    login_as(client, "holder", holder)

    response = client.get(urls(certificate)["json"])

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response
    assert "Cookie" in response["Vary"]


def test_withdrawing_the_choice_hides_it_again(client, certificate):
    make_public(certificate)
    assert client.get(urls(certificate)["json"]).status_code == 200

    make_public(certificate, public=False)

    assert client.get(urls(certificate)["json"]).status_code == 404


def test_unknown_ids_and_hidden_credentials_look_the_same(client, certificate):
    hidden = client.get(urls(certificate)["json"])
    unknown = client.get("/verify/AAAAAAAAAAAAAAAAAAAAAA/credential.json")

    assert hidden.status_code == unknown.status_code == 404
    assert hidden.content == unknown.content


def test_a_revoked_certificates_public_credential_reports_revoked(client, certificate, django_capture_on_commit_callbacks):
    # given a public certificate, then revoked
    make_public(certificate)
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, actor=officer, reason="Fraud", public_reason="misconduct")

    # when anyone fetches and checks it
    document = json.loads(client.get(urls(certificate)["json"]).content)

    # then the status list tells the truth
    assert credential_verify(document).status == "revoked"


def test_downloads_are_rate_limited(client, certificate):
    make_public(certificate)
    statuses = [client.get(urls(certificate)["jwt"]).status_code for _ in range(21)]

    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


@pytest.mark.parametrize(
    ("language", "heading", "download"),
    [
        ("ar", "شهاداتي الرقمية", "تنزيل الشهادة الرقمية (credential.json)"),
        ("fr", "Mes attestations numériques", "Télécharger l’attestation numérique (credential.json)"),
    ],
)
def test_my_learning_offers_the_download_in_both_languages(client, certificate, holder, language, heading, download):
    # given
    login_as(client, "holder", holder)
    with translation.override(language):
        url = reverse("learning:my_learning")

    # when
    html = client.get(url).content.decode()

    # then: the panel, with links that download the holder's own credential
    assert heading in html
    assert download in html
    assert f'href="{urls(certificate)["json"]}" download="credential-{certificate.licence_number}.json"' in html
    assert f'href="{urls(certificate)["jwt"]}"' in html
    response = client.get(urls(certificate)["json"])
    assert json.loads(response.content)["credentialSubject"]["licenseNumber"] == certificate.licence_number


def test_the_panel_says_where_a_public_credential_lives(rf, certificate, holder, settings):
    make_public(certificate)
    request = rf.get("/")
    request.user = holder

    html = my_credentials_panel(request)

    assert f"{settings.SITE_URL}/verify/{certificate.public_id}/credential.json" in html


def test_the_panel_costs_one_query_and_is_absent_without_credentials(rf, certificate, holder, django_assert_num_queries):
    request = rf.get("/")
    request.user = holder
    with django_assert_num_queries(1):
        assert certificate.licence_number in my_credentials_panel(request)

    request.user = UserFactory(roles=[Role.TRAINEE])
    with django_assert_num_queries(1):
        assert my_credentials_panel(request) == ""
