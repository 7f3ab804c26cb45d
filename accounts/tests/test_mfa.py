import pytest
from allauth.mfa.models import Authenticator
import time

from allauth.mfa.totp.internal.auth import hotp_value

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role


def login(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.TRAINER, Role.MINISTRY_OFFICER])
def test_staff_without_a_second_factor_must_enrol_one(client, home_page, settings, role):
    settings.STAFF_MFA_REQUIRED = True
    staff = UserFactory(roles=[role])
    login(client, staff)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # the enrolment page itself is reachable (after confirming the password)
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(response.redirect_chain[-1][0], {"password": TEST_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/accounts/2fa/totp/activate/"
    assert 'name="code"' in response.content.decode()


@pytest.mark.django_db
def test_superuser_must_enrol_too(client, home_page, settings):
    settings.STAFF_MFA_REQUIRED = True
    admin = UserFactory(is_superuser=True, is_staff=True)
    login(client, admin)

    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_trainee_is_not_asked_for_a_second_factor(client, home_page, settings):
    settings.STAFF_MFA_REQUIRED = True
    trainee = UserFactory(roles=[Role.TRAINEE])
    login(client, trainee)

    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_staff_mfa_not_required_in_development(client, home_page, settings):
    settings.STAFF_MFA_REQUIRED = False
    trainer = UserFactory(roles=[Role.TRAINER])
    login(client, trainer)

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_enrolled_staff_passes_and_logs_in_with_a_code(client, home_page, settings):
    settings.STAFF_MFA_REQUIRED = True
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    login(client, officer)

    # when the officer confirms their password and activates TOTP with a valid code
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    code = format(hotp_value(secret, int(time.time()) // 30), "06d")
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()

    # then the admin opens
    assert client.get("/admin/").status_code == 200

    # and the next login asks for the code before letting them in
    client.logout()
    response = login(client, officer)
    assert "/accounts/2fa/authenticate/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # not logged in yet

