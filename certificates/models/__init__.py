"""Certificates: the rules a course is judged by, the certificates issued
under them, their audit trail, and the print settings officers edit."""

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
from .rules import CertificationRule

__all__ = [
    "LIVE_STATUSES",
    "Certificate",
    "CertificateEvent",
    "CertificatePrintSettings",
    "CertificateStatus",
    "CertificationRule",
    "EventAction",
    "LicenceSequence",
    "RevocationReason",
    "private_storage",
]
