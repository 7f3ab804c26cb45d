"""Certificates: the rules a course is judged by, the certificates issued
under them, their audit trail, and the print settings officers edit."""

from .batch import BatchOutcome, BatchStatus, CohortIssuance
from .certificate import (
    LIVE_STATUSES,
    Certificate,
    CertificateEvent,
    CertificateStatus,
    EventAction,
    LicenceSequence,
    RevocationReason,
    private_storage,
)
from .print_settings import CertificatePrintSettings
from .rules import CertificationRule, RequiredQuiz, SignOff

__all__ = [
    "BatchOutcome",
    "BatchStatus",
    "CohortIssuance",
    "LIVE_STATUSES",
    "Certificate",
    "CertificateEvent",
    "CertificatePrintSettings",
    "CertificateStatus",
    "CertificationRule",
    "EventAction",
    "LicenceSequence",
    "RequiredQuiz",
    "RevocationReason",
    "SignOff",
    "private_storage",
]
