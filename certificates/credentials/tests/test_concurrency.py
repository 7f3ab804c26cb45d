"""Races, on PostgreSQL (row locks, concurrent connections): duplicate
signing tasks, many certificates drawing status slots at once, and status
changes to neighbouring bits of one list."""

import threading

import pytest
from django.db import connection

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.credentials.models import IssuedCredential, StatusList
from certificates.credentials.services.certificate import certificate_credential_sign, certificate_credential_status_sync
from certificates.credentials.verification import credential_verify
from certificates.factories import course_with_programme, rule_for
from certificates.models import Certificate, CertificateStatus
from certificates.services import certificate_issue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(actions) -> list:
    """Run each action in its own thread (and database connection), released together."""
    barrier = threading.Barrier(len(actions))
    results, errors = [], []

    def run(action):
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.fixture
def certificates(home_page, settings):
    """Four certificates, issued while no key was usable (nothing signed yet)."""
    settings.CREDENTIAL_SIGNING_KEY = ""
    _, course = course_with_programme(french=False)
    rule = rule_for(course)
    return [
        certificate_issue(holder=UserFactory(roles=[Role.TRAINEE]), course=course, rule=rule)[0] for _ in range(4)
    ]


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks and concurrent connections (PostgreSQL pass of .ci/run)")


def test_duplicate_signing_tasks_make_one_credential(certificates, signing_key, key_file, settings):
    _postgresql_only()
    settings.CREDENTIAL_SIGNING_KEY = str(key_file)
    certificate = certificates[0]

    # when the same task runs four times at once (retries, duplicate messages)
    results = run_at_once([lambda: certificate_credential_sign(certificate_id=certificate.pk)] * 4)

    # then one credential, and every run returned it
    assert IssuedCredential.objects.filter(certificate=certificate).count() == 1
    assert {credential.pk for credential in results} == {IssuedCredential.objects.get().pk}


def test_concurrent_signing_draws_distinct_slots_in_one_pair_of_lists(certificates, signing_key, key_file, settings):
    _postgresql_only()
    settings.CREDENTIAL_SIGNING_KEY = str(key_file)

    # when four certificates are signed at once, before any status list exists
    run_at_once([(lambda pk=c.pk: certificate_credential_sign(certificate_id=pk)) for c in certificates])

    # then four credentials in distinct slots, one revocation and one suspension list, all valid
    credentials = list(IssuedCredential.objects.all())
    assert len(credentials) == 4
    assert len({(c.status_list_number, c.status_index) for c in credentials}) == 4
    assert sorted(StatusList.objects.values_list("number", "purpose")) == [(1, "revocation"), (1, "suspension")]
    assert {credential_verify(c.document).status for c in credentials} == {"valid"}


def test_concurrent_suspensions_lose_no_bit(certificates, signing_key, key_file, settings):
    _postgresql_only()
    settings.CREDENTIAL_SIGNING_KEY = str(key_file)
    for certificate in certificates:
        certificate_credential_sign(certificate_id=certificate.pk)
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(status=CertificateStatus.SUSPENDED)

    # when the four status updates run at once (same list, one row)
    run_at_once([(lambda pk=c.pk: certificate_credential_status_sync(certificate_id=pk)) for c in certificates])

    # then every credential is suspended in the published list
    assert {credential_verify(c.document).status for c in IssuedCredential.objects.all()} == {"suspended"}
