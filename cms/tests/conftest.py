import pytest

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from cms.factories import document_create, every_block_body, image_create


@pytest.fixture
def trainee(db):
    return UserFactory(roles=[Role.TRAINEE])


@pytest.fixture
def media(db):
    """One file of each kind a lesson shows."""
    return {
        "image": image_create("وسيطة"),
        "video": document_create("accueil.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, title="استقبال"),
        "captions": document_create("accueil.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nمرحبا\n".encode(), title="ترجمة"),
        "audio": document_create("temoignage.mp3", b"ID3\x03\x00" + b"\x00" * 64, title="شهادة"),
        "document": document_create("etapes.pdf", b"%PDF-1.4\n" + b"x" * 2048, title="مراحل الوساطة"),
    }


@pytest.fixture
def every_block(media):
    return every_block_body(**media)


def login(client, user):
    assert client.login(email=user.email, password=TEST_PASSWORD)


@pytest.fixture(autouse=True)
def _default_language():
    """Requests leave their language active in the test's thread: start every
    test in Arabic so ``reverse`` gives unprefixed URLs."""
    from django.utils import translation

    with translation.override("ar"):
        yield
