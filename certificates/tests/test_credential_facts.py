"""The contract with certificates.credentials: the facts a signed credential needs."""

import datetime

import pytest

from certificates.selectors import credential_facts
from certificates.services import certificate_registry_set

pytestmark = pytest.mark.django_db


def test_credential_facts_carry_both_languages_and_nothing_personal(certificate, django_assert_max_num_queries):
    certificate_registry_set(certificate=certificate, user=certificate.holder, public=True)

    with django_assert_max_num_queries(3):
        facts = credential_facts(certificate.pk)

    assert facts.public_id == certificate.public_id
    assert facts.licence_number == certificate.licence_number
    assert (facts.holder_name_ar, facts.holder_name_latin) == ("سلمى بنعلي", "Salma Benali")
    assert facts.course_name == {"ar": "الوساطة الأسرية: الأسس", "fr": "Médiation familiale : les bases"}
    assert facts.programme_name == {"ar": "الوساطة الأسرية", "fr": "Médiation familiale"}
    assert facts.programme_code == "MF"
    assert facts.criteria["ar"].startswith("إتمام جميع الوحدات")
    assert facts.criteria["fr"].startswith("Terminer tous les modules")
    assert "36" in facts.criteria["fr"]
    assert facts.rule_version == certificate.rule.version
    assert facts.issuer_name["fr"].startswith("Ministère")
    assert facts.expires_on == certificate.expires_on
    assert facts.valid_until.date() == certificate.expires_on and facts.valid_until.time() == datetime.time(23, 59, 59)
    assert facts.status == "valid"
    assert facts.is_public is True
    assert facts.verification_url.endswith(f"/verify/{certificate.public_id}/")
    assert not any("@" in str(value) for value in facts.__dict__.values())


def test_an_officers_own_criteria_text_is_used_when_given(certificate):
    rule = certificate.rule
    rule.criteria_fr = "Avoir suivi les 40 heures et réussi l'examen final."
    rule.save()

    assert credential_facts(certificate).criteria["fr"] == "Avoir suivi les 40 heures et réussi l'examen final."
