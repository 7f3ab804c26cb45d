"""The credential of a certificate: signed when the certificate is issued (or
re-issued), its status bits kept in step with the certificate's status.

The certificates app tells us through its signals (``receivers.py``); what a
credential states comes only from ``certificates.selectors.credential_facts``,
the printed record, so nothing about the holder beyond the printed name can
reach it.
"""

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, ngettext

from certificates.i18n import PRINT_LANGUAGES
from certificates.models import LIVE_STATUSES, Certificate, CertificateStatus
from certificates.selectors import credential_facts

from ..builder import CredentialFacts
from ..models import IssuedCredential, SigningKey, StatusList
from .issuance import credential_sign
from .status import credential_status_set

logger = logging.getLogger(__name__)


def _descriptions(facts) -> dict[str, str]:
    """``{"ar": …, "fr": …}``: what the certificate attests, in words."""
    result = {}
    for language in PRINT_LANGUAGES:
        values = {"course": facts.course_name[language], "programme": facts.programme_name[language], "hours": facts.hours}
        with translation.override(language):
            if facts.hours:
                result[language] = ngettext(
                    "Certifies that the holder completed the course “%(course)s” of the programme “%(programme)s” "
                    "(%(hours)d hour of training) and met its certification rules.",
                    "Certifies that the holder completed the course “%(course)s” of the programme “%(programme)s” "
                    "(%(hours)d hours of training) and met its certification rules.",
                    facts.hours,
                ) % values
            else:
                result[language] = gettext(
                    "Certifies that the holder completed the course “%(course)s” of the programme “%(programme)s” "
                    "and met its certification rules."
                ) % values
    return result


def certificate_credential_facts(certificate_id: int) -> CredentialFacts:
    """What the credential of the certificate states (two queries)."""
    facts = credential_facts(certificate_id)
    description = _descriptions(facts)
    return CredentialFacts(
        holder_name_ar=facts.holder_name_ar,
        holder_name_latin=facts.holder_name_latin,
        licence_number=facts.licence_number,
        achievement_key=f"course-{facts.course_id}-rules-{facts.rule_version}",
        title_ar=facts.course_name["ar"],
        title_fr=facts.course_name["fr"],
        description_ar=description["ar"],
        description_fr=description["fr"],
        criteria_ar=facts.criteria["ar"],
        criteria_fr=facts.criteria["fr"],
        valid_from=facts.issued_at,
        valid_until=facts.valid_until,
    )


def certificate_credential_sign(*, certificate_id: int) -> IssuedCredential:
    """Sign the certificate's credential (or return it unchanged when its
    facts and key still hold), then set its status bits from the
    certificate's status. Idempotent; raises ``SigningKeyUnavailable`` when
    no usable key is configured."""
    facts = certificate_credential_facts(certificate_id)
    with transaction.atomic():
        # One signer per certificate at a time (the credential is one-to-one).
        Certificate.objects.select_for_update().filter(pk=certificate_id).values_list("pk").first()
        existing = IssuedCredential.objects.filter(certificate_id=certificate_id).first()
        credential = credential_sign(facts=facts, credential=existing, certificate_id=certificate_id)
        certificate_credential_status_sync(certificate_id=certificate_id, credential=credential)
    if existing is None:
        logger.info("Credential %s signed for certificate %s.", credential, certificate_id)
    return credential


def certificate_credential_status_sync(*, certificate_id: int, credential: IssuedCredential | None = None) -> bool:
    """Make the credential's revocation and suspension bits say what the
    certificate's status says. A revoked or replaced certificate's
    credential is revoked (for good: the bit is never cleared); a suspended
    one is suspended; lifting the suspension clears that bit. Returns whether
    a bit changed (the lists are re-signed after commit)."""
    if credential is None:
        credential = IssuedCredential.objects.filter(certificate_id=certificate_id).first()
        if credential is None:
            return False  # not signed yet: signing syncs the bits itself
    status = Certificate.objects.filter(pk=certificate_id).values_list("status", flat=True).get()
    changed = False
    if status in (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED):
        changed |= credential_status_set(credential=credential, purpose=StatusList.Purpose.REVOCATION, value=True)
    changed |= credential_status_set(
        credential=credential, purpose=StatusList.Purpose.SUSPENSION, value=status == CertificateStatus.SUSPENDED
    )
    return changed


SIGN_BATCH = 500


def certificates_to_sign(limit: int = SIGN_BATCH) -> list[int]:
    """Live certificates with no credential, then those whose credential's
    key was marked compromised (oldest first, at most ``limit``)."""
    live = Certificate.objects.filter(status__in=LIVE_STATUSES)
    missing = list(live.filter(credential__isnull=True).order_by("pk").values_list("pk", flat=True)[:limit])
    untrusted = live.filter(credential__signing_key__state=SigningKey.State.COMPROMISED).order_by("pk")
    return missing + list(untrusted.values_list("pk", flat=True)[: max(limit - len(missing), 0)])
