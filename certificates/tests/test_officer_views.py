import csv
import io

import pytest

from certificates.models import Certificate, CertificateEvent, CertificateStatus
from certificates.services import certificate_suspend

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize("query", ["Salma", "سلمى", "بنعلي", "{licence}", "{code}"])
def test_officers_find_a_certificate_by_name_licence_or_code(officer_client, certificate, query):
    response = officer_client.get("/certificates/manage/", {"q": query.format(licence=certificate.licence_number, code=certificate.short_code_display.lower())})

    assert [row["certificate"].pk for row in response.context["rows"]] == [certificate.pk]


def test_a_missing_reason_is_refused_in_the_officers_language_and_nothing_changes(officer_client, certificate):
    response = officer_client.post(f"/fr/certificates/manage/{certificate.public_id}/suspend/", {"suspend-reason": ""})

    assert response.status_code == 400
    assert "Champ requis." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert CertificateEvent.objects.filter(certificate=certificate).count() == 1


def test_revoking_needs_the_confirmation(officer_client, certificate):
    response = officer_client.post(
        f"/certificates/manage/{certificate.public_id}/revoke/",
        {"revoke-reason": "Faute grave", "revoke-public_reason": "misconduct"},
    )

    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_an_action_refused_by_the_rules_shows_why(officer_client, certificate, officer):
    certificate_suspend(certificate=certificate, actor=officer, reason="Enquête")

    response = officer_client.post(f"/fr/certificates/manage/{certificate.public_id}/reissue/", {"reissue-reason": "Renouvellement", "reissue-kind": "renewal"})

    assert response.status_code == 400
    assert "Levez la suspension avant de réémettre ce certificat." in response.content.decode()
    assert Certificate.objects.count() == 1


def test_reissue_leads_to_the_new_certificate_and_the_old_page_links_to_it(officer_client, certificate):
    response = officer_client.post(
        f"/certificates/manage/{certificate.public_id}/reissue/", {"reissue-reason": "Correction du nom", "reissue-kind": "correction"}
    )

    new = Certificate.objects.exclude(pk=certificate.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/manage/{new.public_id}/"
    old_page = officer_client.get(f"/certificates/manage/{certificate.public_id}/").content.decode()
    assert f"/certificates/manage/{new.public_id}/" in old_page


def test_the_detail_page_shows_the_audit_trail_and_only_the_possible_actions(officer_client, certificate, officer):
    certificate_suspend(certificate=certificate, actor=officer, reason="Enquête déontologique")

    response = officer_client.get(f"/fr/certificates/manage/{certificate.public_id}/")

    content = response.content.decode()
    assert "Enquête déontologique" in content and "officer@example.ma" in content
    assert set(response.context["forms"]) == {"lift", "revoke"}


def test_the_audit_log_is_read_and_exported(officer_client, certificate, officer, django_assert_max_num_queries):
    certificate_suspend(certificate=certificate, actor=officer, reason="Enquête déontologique")

    with django_assert_max_num_queries(8):
        page = officer_client.get("/fr/certificates/manage/audit/")
    export = officer_client.get("/fr/certificates/manage/audit/export.csv", {"q": certificate.licence_number})

    assert "Enquête déontologique" in page.content.decode()
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Action", "Numéro de licence"]
    assert [row[1] for row in rows[1:]] == ["Suspendu", "Délivré"]
    assert rows[1][5].startswith("Karim Tazi") and rows[1][6] == "Enquête déontologique"
    assert rows[2][5] == "la plateforme"


def test_the_holder_downloads_the_pdf_but_not_once_it_is_revoked(client, certificate, officer):
    from certificates.models import RevocationReason
    from certificates.services import certificate_revoke

    client.force_login(certificate.holder)
    response = client.get(f"/certificates/{certificate.public_id}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"]

    certificate_revoke(certificate=certificate, actor=officer, reason="Faute", public_reason=RevocationReason.MISCONDUCT)
    assert client.get(f"/certificates/{certificate.public_id}/certificate.pdf").status_code == 404
    client.force_login(officer)
    assert client.get(f"/certificates/{certificate.public_id}/certificate.pdf").status_code == 200
