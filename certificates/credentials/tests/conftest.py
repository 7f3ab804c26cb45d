"""Fixtures for the credentials tests.

Nothing here may reach the network: signing and verifying work offline by
design, and a test that silently fetched a context would hide a bug. Every
test in this folder runs with outbound connections refused (localhost stays
open for PostgreSQL, Redis and the live server).
"""

import socket

import pytest

LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    attempts: list = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def is_local(address) -> bool:
        if not isinstance(address, tuple):  # AF_UNIX path
            return True
        return str(address[0]) in LOCAL_HOSTS

    def guarded_connect(sock, address):
        if not is_local(address):
            attempts.append(address)
            raise NetworkBlocked(f"test tried to open a network connection to {address!r}")
        return real_connect(sock, address)

    def guarded_connect_ex(sock, address):
        if not is_local(address):
            attempts.append(address)
            raise NetworkBlocked(f"test tried to open a network connection to {address!r}")
        return real_connect_ex(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and str(host) not in LOCAL_HOSTS:
            attempts.append(host)
            raise NetworkBlocked(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


@pytest.fixture
def key_file(tmp_path):
    return tmp_path / "keys" / "signing-key.pem"


@pytest.fixture
def signing_key(db, settings, key_file):
    """An active key, its private half in a file named by the setting."""
    from certificates.credentials.services.keys import signing_key_generate

    settings.CREDENTIAL_SIGNING_KEY = str(key_file)
    return signing_key_generate(path=key_file)


@pytest.fixture
def facts():
    from datetime import UTC, datetime

    from certificates.credentials.builder import CredentialFacts

    return CredentialFacts(
        holder_name_ar="سلمى بنعلي",
        holder_name_latin="Salma Benali",
        licence_number="MF-2026-000123",
        achievement_key="course-7-rules-2",
        title_ar="الوساطة الأسرية: التكوين الأساسي",
        title_fr="Médiation familiale : formation de base",
        description_ar="يشهد بأن حاملته أتمت التكوين الأساسي في الوساطة الأسرية.",
        description_fr="Atteste que la titulaire a suivi la formation de base en médiation familiale.",
        criteria_ar="إتمام جميع وحدات الدورة، والنجاح في الاختبار النهائي بنسبة 70٪ على الأقل، وتأشيرة المكون.",
        criteria_fr="Suivre tous les modules, réussir l'évaluation finale avec au moins 70 % et obtenir la validation du formateur.",
        valid_from=datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
        valid_until=datetime(2029, 1, 15, 9, 30, tzinfo=UTC),
    )


@pytest.fixture
def issue(signing_key, django_capture_on_commit_callbacks):
    """Sign facts into a credential and publish its status lists, as the
    background tasks would after commit."""
    from certificates.credentials.services.issuance import credential_sign

    def issue_(facts, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return credential_sign(facts=facts, **kwargs)

    return issue_


@pytest.fixture
def set_status(django_capture_on_commit_callbacks):
    from certificates.credentials.services.status import credential_status_set

    def set_status_(credential, purpose, value):
        with django_capture_on_commit_callbacks(execute=True):
            return credential_status_set(credential=credential, purpose=purpose, value=value)

    return set_status_


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in their English source form; the views' tests
    ask for Arabic and French explicitly."""
    from django.utils import translation

    with translation.override("en"):
        yield
