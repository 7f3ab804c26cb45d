"""Uploads: the content must match the extension and the size the limit;
a rejected file gets a clear message and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import png_bytes

from .conftest import login

VALID = {
    "fiche.pdf": b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n",
    "lecon.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32,
    "lecon.webm": b"\x1a\x45\xdf\xa3" + b"\x00" * 32,
    "resume.ogg": b"OggS" + b"\x00" * 32,
    "resume.mp3": b"ID3\x03\x00" + b"\x00" * 32,
    "lecon.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nمرحبا\n".encode(),
    "notes.txt": "ملاحظات".encode(),
}
DISGUISED = {
    "fiche.pdf": b"MZ\x90\x00 this is a program",
    "lecon.mp4": b"<html><script>alert(1)</script>",
    "lecon.vtt": b"1\n00:00:00,000 --> 00:00:02,000\nSRT, not WebVTT",
    "notes.txt": b"\x00\x01\x02binary",
    "resume.ogg": b"ID3\x03 an mp3 named ogg",
}


@pytest.fixture
def officer_client(client, db):
    login(client, UserFactory(roles=[Role.MINISTRY_OFFICER]))
    return client


def _upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", VALID)
def test_a_file_whose_content_matches_is_stored(officer_client, name):
    response = _upload(officer_client, name, VALID[name])
    assert response.status_code == 302
    document = get_document_model().objects.get(title=name)
    assert document.file_size == len(VALID[name])


@pytest.mark.django_db
@pytest.mark.parametrize("name", DISGUISED)
def test_a_disguised_file_is_refused_and_nothing_is_stored(officer_client, name, settings):
    response = _upload(officer_client, name, DISGUISED[name])
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"ليس محتوى ملف من نوع «.{extension}»" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_with_its_size(officer_client, settings):
    settings.CMS_DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = _upload(officer_client, "gros.pdf", b"%PDF-1.4\n" + b"x" * 4096)
    html = response.content.decode()
    assert response.status_code == 200 and "الحد الأقصى" in html and "1,0\xa0ك.ب" in html
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_an_image_that_is_not_one_is_refused(officer_client):
    response = officer_client.post(
        reverse("wagtailimages:add"),
        {"title": "x", "file": SimpleUploadedFile("photo.png", b"not an image at all"), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200 and not get_image_model().objects.exists()
    ok = officer_client.post(
        reverse("wagtailimages:add"),
        {"title": "ok", "file": SimpleUploadedFile("photo.png", png_bytes(40, 30)), "collection": Collection.get_first_root_node().pk},
    )
    assert ok.status_code == 302 and get_image_model().objects.get().width == 40
