import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.models import User
from accounts.roles import Role, user_has_role

SIGNUP = {
    "email": "amina@example.ma",
    "full_name_ar": "أمينة الفاسي",
    "first_name": "Amina",
    "last_name": "El Fassi",
    "region": "FMK",
    "preferred_language": "fr",
    "password1": "une-phrase-de-passe-longue",
    "password2": "une-phrase-de-passe-longue",
}


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+|/accounts/confirm-email/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_signup_confirm_login_logout(client, home_page, django_capture_on_commit_callbacks):
    # given a visitor signs up
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="amina@example.ma")
    assert (user.full_name_ar, user.full_name_latin, user.region) == ("أمينة الفاسي", "Amina El Fassi", "FMK")
    assert user_has_role(user, Role.TRAINEE)

    # then they get a confirmation e-mail in the language they chose
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.ma"]
    assert "adresse" in mail.outbox[0].body.lower()  # French text

    # and they cannot log in before confirming
    client.logout()
    response = client.post("/accounts/login/", {"login": "amina@example.ma", "password": SIGNUP["password1"]})
    assert response.status_code == 302 and "confirm-email" in response["Location"]

    # when they open the link and confirm
    link = confirmation_link(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert EmailAddress.objects.get(email="amina@example.ma").verified

    # then they are welcomed once, in French
    welcome = [m for m in mail.outbox if "Jisr Academy" in m.subject and "Bienvenue" in m.subject]
    assert len(welcome) == 1
    user.refresh_from_db()
    assert user.welcome_email_sent_at is not None

    # and can log out and log in with their password
    client.post("/accounts/logout/")
    response = client.post("/fr/accounts/login/", {"login": "amina@example.ma", "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert client.get("/fr/accounts/email/").status_code == 200
    # the login set their language
    assert client.cookies["django_language"].value == "fr"


@pytest.mark.django_db
def test_signup_rejects_bad_input_in_the_visitors_language_and_creates_nothing(client, home_page):
    bad = {**SIGNUP, "full_name_ar": "Amina El Fassi", "password2": "something-else-entirely"}

    response = client.post("/fr/accounts/signup/", bad)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Écrivez votre nom en lettres arabes." in content
    assert not User.objects.filter(email="amina@example.ma").exists()
    assert len(mail.outbox) == 0

    response = client.post("/accounts/signup/", bad)
    assert "اكتب اسمك بالحروف العربية." in response.content.decode()


@pytest.mark.django_db
def test_signing_up_with_a_taken_address_creates_nothing_and_does_not_reveal_it(client, home_page, django_capture_on_commit_callbacks):
    existing = UserFactory(email="amina@example.ma", full_name_ar="أمينة الأصلية")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)

    # the visitor sees the same "check your e-mail" step as a new sign-up
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    # nothing was created or changed
    assert User.objects.filter(email="amina@example.ma").count() == 1
    existing.refresh_from_db()
    assert existing.full_name_ar == "أمينة الأصلية"
    # and the real owner is told, by e-mail, that someone tried
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amina@example.ma"]


@pytest.mark.django_db
def test_password_reset(client, home_page, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.ma")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "reset@example.ma"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(\S*/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
    assert not user.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_welcome_email_task_is_idempotent():
    from accounts.tasks import welcome_email_send_task

    user = UserFactory()

    assert welcome_email_send_task(user.pk) is True
    assert welcome_email_send_task(user.pk) is False
    assert len(mail.outbox) == 1
    assert "مرحبا" in mail.outbox[0].subject or "مرحبًا" in mail.outbox[0].subject
