"""The block, the sandboxed frame and the files it loads: who may see
them, and the headers that keep them harmless."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.h5p.models import H5PUserState
from learning.h5p.permissions import ticket_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _player_installed(monkeypatch):
    """The player's files come from npm; these tests need only their URLs."""
    monkeypatch.setattr("learning.h5p.templatetags.h5p_tags.player_installed", lambda: True)
    monkeypatch.setattr("learning.h5p.views.player_installed", lambda: True)


def frame_url(html: str) -> str:
    match = re.search(r'<iframe class="block-h5p__frame" src="([^"]+)"', html)
    assert match, "no player frame in the page"
    return match.group(1).replace("&amp;", "&")


def test_enrolled_trainee_sees_a_sandboxed_lazy_frame(client, enrolled, lesson):
    client.force_login(enrolled)
    html = client.get(lesson.url).content.decode()
    assert 'sandbox="allow-scripts"' in html
    assert 'loading="lazy"' in html
    assert "allow-same-origin" not in html
    assert frame_url(html).startswith("/h5p/play/")
    assert "?lang=ar" in frame_url(html)


@pytest.mark.parametrize(
    "who, notice",
    [
        ("anonymous", None),
        ("not_enrolled", "Enrol in the course to do this activity."),
    ],
)
def test_others_get_no_frame(client, lesson, who, notice, settings):
    if who == "not_enrolled":
        client.force_login(UserFactory(roles=[Role.TRAINEE]))
    response = client.get(lesson.url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "/h5p/play/" not in html
    if notice and response.status_code == 200:
        assert "block-h5p" not in html or "h5p/play" not in html


def test_staff_preview_plays_but_is_not_recorded(client, lesson):
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    client.force_login(officer)
    html = client.get(lesson.url).content.decode()
    assert frame_url(html)
    assert 'data-recorded="false"' in html


def test_the_frame_is_sandboxed_by_its_own_policy(client, enrolled, lesson):
    client.force_login(enrolled)
    url = frame_url(client.get(lesson.url).content.decode())
    anonymous = Client()  # the sandboxed frame has no session
    response = anonymous.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert csp.startswith("sandbox allow-scripts;")
    assert "allow-same-origin" not in csp
    assert "form-action 'none'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors http://testserver" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '"h5pJsonPath": "/h5p/c/' in html
    assert '"activityIri": "http://127.0.0.1:8000/h5p/activities/' in html or "/h5p/activities/" in html
    assert "/static/h5p-standalone/main.bundle.js" in html


def test_the_frame_speaks_french_when_asked(client, enrolled, lesson):
    client.force_login(enrolled)
    url = frame_url(client.get(lesson.url).content.decode()).replace("lang=ar", "lang=fr")
    html = Client().get(url).content.decode()
    assert '<html lang="fr" dir="ltr">' in html


def test_the_frame_resumes_saved_state(client, enrolled, lesson, activity):
    H5PUserState.objects.create(user=enrolled, activity=activity, lesson_id=lesson.pk, state='{"answer": true}')
    client.force_login(enrolled)
    url = frame_url(client.get(lesson.url).content.decode())
    assert '"state": "{\\"answer\\": true}"' in Client().get(url).content.decode()


def test_files_are_served_with_safe_headers(client, enrolled, lesson):
    client.force_login(enrolled)
    ticket = frame_url(client.get(lesson.url).content.decode()).split("/")[3]
    anonymous = Client()
    base = f"/h5p/c/{ticket}"
    response = anonymous.get(f"{base}/h5p.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert b"H5P.JisrTrueFalse" in b"".join(response.streaming_content)
    js = anonymous.get(f"{base}/H5P.JisrTrueFalse-1.0/truefalse.js")
    assert js["Content-Type"] == "text/javascript; charset=utf-8"
    css = anonymous.get(f"{base}/H5P.JisrTrueFalse-1.0/truefalse.css")
    assert css["Content-Type"] == "text/css; charset=utf-8"


def test_svg_is_never_active_on_the_site(enrolled, lesson, activity):
    from django.core.files.base import ContentFile

    from learning.h5p.models import h5p_storage

    h5p_storage().save(f"{activity.content_prefix}/content/images/a.svg", ContentFile(b"<svg onload='alert(1)'/>"))
    ticket = ticket_make(activity_id=activity.pk, lesson_id=lesson.pk, user_id=enrolled.pk)
    response = Client().get(f"/h5p/c/{ticket}/content/images/a.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["../h5p.json", "content/../../x", "content//content.json", "missing.json"])
def test_paths_outside_the_activity_are_not_found(enrolled, lesson, activity, path):
    ticket = ticket_make(activity_id=activity.pk, lesson_id=lesson.pk, user_id=enrolled.pk)
    assert Client().get(f"/h5p/c/{ticket}/{path}").status_code == 404


def test_a_forged_or_foreign_ticket_gets_nothing(enrolled, lesson, activity, tree):
    assert Client().get("/h5p/c/forged:ticket/h5p.json").status_code == 404
    assert Client().get("/h5p/play/forged:ticket/").status_code == 404
    # a ticket for someone who may not see the lesson
    stranger = UserFactory(roles=[Role.TRAINEE])
    ticket = ticket_make(activity_id=activity.pk, lesson_id=lesson.pk, user_id=stranger.pk)
    assert Client().get(f"/h5p/c/{ticket}/h5p.json").status_code == 403
    assert Client().get(f"/h5p/play/{ticket}/").status_code == 403
    # a ticket for a lesson that does not hold this activity
    other = tree.lessons[0][1]
    ticket = ticket_make(activity_id=activity.pk, lesson_id=other.pk, user_id=enrolled.pk)
    assert Client().get(f"/h5p/c/{ticket}/h5p.json").status_code == 403


def test_an_expired_ticket_gets_nothing(enrolled, lesson, activity, settings):
    ticket = ticket_make(activity_id=activity.pk, lesson_id=lesson.pk, user_id=enrolled.pk)
    settings.H5P_TICKET_SECONDS = -1
    assert Client().get(f"/h5p/c/{ticket}/h5p.json").status_code == 404


def test_separate_content_origin(client, enrolled, lesson, settings):
    settings.H5P_CONTENT_ORIGIN = "https://h5p.jisr.example"
    client.force_login(enrolled)
    url = frame_url(client.get(lesson.url).content.decode())
    assert url.startswith("https://h5p.jisr.example/h5p/play/")
    path = url.removeprefix("https://h5p.jisr.example")
    response = Client().get(path, HTTP_HOST="h5p.jisr.example", secure=True)
    assert '"h5pJsonPath": "https://h5p.jisr.example/h5p/c/' in response.content.decode()
    assert f"frame-ancestors {settings.SITE_URL}" in response["Content-Security-Policy"]


def test_without_the_player_the_block_says_so(client, enrolled, lesson, monkeypatch):
    monkeypatch.setattr("learning.h5p.templatetags.h5p_tags.player_installed", lambda: False)
    client.force_login(enrolled)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "/h5p/play/" not in response.content.decode()
    assert "مشغل H5P غير مثبت" in response.content.decode()


def test_state_is_saved_for_enrolled_trainees_only(client, enrolled, lesson, activity):
    url = reverse("h5p:state", args=[activity.pk])
    client.force_login(enrolled)
    response = client.post(url, {"lesson": lesson.pk, "state": '{"answer": false}'}, content_type="application/json")
    assert response.status_code == 200
    assert H5PUserState.objects.get().state == '{"answer": false}'
    other = Client()
    other.force_login(UserFactory(roles=[Role.TRAINEE]))
    response = other.post(url, {"lesson": lesson.pk, "state": "{}"}, content_type="application/json")
    assert response.status_code == 403
    assert H5PUserState.objects.count() == 1
