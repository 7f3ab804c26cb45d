import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.roles import Role, user_has_role
from cms.models import HomePage, ProgrammePage


def run_seed(capsys) -> str:
    call_command("seed_demo")
    return capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_says_so(capsys, client, settings):
    # given a first run loads the demo
    first = run_seed(capsys)
    assert "Demo data loaded" in first
    counts = (User.objects.count(), ProgrammePage.objects.count(), HomePage.objects.count())

    # when it runs again
    second = run_seed(capsys)

    # then nothing changes, and it says so
    assert "nothing changed" in second
    assert (User.objects.count(), ProgrammePage.objects.count(), HomePage.objects.count()) == counts
    # the two programmes exist in Arabic and French
    assert set(ProgrammePage.objects.values_list("locale__language_code", "code")) == {
        ("ar", "MF"), ("fr", "MF"), ("ar", "PP"), ("fr", "PP")
    }


@pytest.mark.django_db
def test_every_printed_demo_login_works(capsys, client):
    output = run_seed(capsys)
    logins = [line.split() for line in output.splitlines() if "@demo.jisr.ma" in line]
    assert len(logins) >= 5

    for *_role, email, password in logins:
        client.logout()
        response = client.post("/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, f"{email} could not log in"
        assert client.get("/accounts/email/").status_code == 200

    assert user_has_role(User.objects.get(email="trainee@demo.jisr.ma"), Role.TRAINEE)
    assert user_has_role(User.objects.get(email="officer@demo.jisr.ma"), Role.MINISTRY_OFFICER)
    assert User.objects.get(email="admin@demo.jisr.ma").is_superuser


@pytest.mark.django_db
def test_seed_demo_restores_a_changed_demo_password(capsys):
    run_seed(capsys)
    trainee = User.objects.get(email="trainee@demo.jisr.ma")
    trainee.set_password("something-else-2026")
    trainee.save()

    output = run_seed(capsys)

    assert "1 updated" in output
    trainee.refresh_from_db()
    assert trainee.check_password("jisr-demo-2026")


@pytest.mark.django_db
def test_seed_demo_refuses_on_a_production_server(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.DEMO_ALLOWED = False

    with pytest.raises(CommandError, match="DEMO_ALLOWED"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_home_page_serves_in_both_languages(capsys, client):
    run_seed(capsys)

    arabic = client.get("/").content.decode()
    french = client.get("/fr/").content.decode()

    assert "الوساطة الأسرية" in arabic and "التربية الوالدية الإيجابية" in arabic
    assert "Médiation familiale" in french and "Parentalité positive" in french
