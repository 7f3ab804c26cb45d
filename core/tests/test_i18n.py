import re

import pytest

from accounts.factories import UserFactory

HTML_TAG = re.compile(r"<html lang=\"(?P<lang>[a-z-]+)\" dir=\"(?P<dir>rtl|ltr)\">")


def html_attrs(response):
    match = HTML_TAG.search(response.content.decode())
    assert match, "no <html lang dir> tag"
    return match["lang"], match["dir"]


@pytest.mark.django_db
def test_root_is_arabic_and_right_to_left(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert html_attrs(response) == ("ar", "rtl")
    assert "أكاديمية جسر" in response.content.decode()


@pytest.mark.django_db
def test_french_prefix_is_left_to_right(client, french_home_page):
    response = client.get("/fr/")

    assert response.status_code == 200
    assert html_attrs(response) == ("fr", "ltr")
    assert "Académie Jisr" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/fr/", "/accounts/login/", "/fr/accounts/signup/", "/accounts/password/reset/"])
def test_every_page_has_a_language_switcher_offering_the_other_language(client, french_home_page, url):
    content = client.get(url).content.decode()

    assert 'class="language-switcher"' in content
    other = "fr" if not url.startswith("/fr/") else "ar"
    assert f'name="language" value="{other}"' in content


@pytest.mark.django_db
def test_switcher_points_a_wagtail_page_to_its_translation(client, home_page):
    from cms.factories import ProgrammePageFactory, translate_page

    translate_page(home_page, "fr", title="Académie Jisr")
    programme = ProgrammePageFactory(parent=home_page, title="الوساطة الأسرية", slug="mediation")
    translate_page(programme, "fr", title="Médiation familiale", slug="mediation-fr")

    content = client.get("/mediation/").content.decode()

    assert 'name="next" value="/fr/mediation-fr/"' in content


@pytest.mark.django_db
def test_choosing_french_sticks_across_visits(client, french_home_page):
    # given someone chooses French from the switcher
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"

    # when they later open an unprefixed (Arabic) URL
    response = client.get("/accounts/login/?next=/")

    # then they are taken to its French twin
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/login/?next=/"

    # and choosing Arabic again brings them back for good
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    response = client.get("/")
    assert response.status_code == 200
    assert html_attrs(response) == ("ar", "rtl")


@pytest.mark.django_db
def test_machine_urls_are_never_redirected_by_language(client, home_page):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_language_choice_is_remembered_on_the_account(client, home_page):
    user = UserFactory(preferred_language="ar")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})

    user.refresh_from_db()
    assert user.preferred_language == "fr"


@pytest.mark.django_db
def test_get_on_language_switch_changes_nothing(client, home_page):
    response = client.get("/i18n/setlang/?language=fr")

    assert response.status_code == 405
    assert "django_language" not in response.cookies
