"""Reads. Each selector answers in a number of queries that does not grow
with the data, through the indexes declared on the models."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.db import models

from core.text import normalize_for_matching

from .i18n import in_both_languages
from .identifiers import public_id_is_well_formed, short_code_normalize
from .models import Certificate, CertificateEvent, CertificatePrintSettings, CertificateStatus, RequiredQuiz, RevocationReason


class VerificationStatus(models.TextChoices):
    """What a verifier is told, computed at the moment of the request."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Replaced")
    NOT_FOUND = "not_found", _("Not found")


def verification_status(certificate: Certificate, today: datetime.date | None = None) -> VerificationStatus:
    """Revoked outranks everything, then replaced, then suspended; an active
    certificate is valid until the end of its expiry date."""
    if certificate.status == CertificateStatus.REVOKED:
        return VerificationStatus.REVOKED
    if certificate.status == CertificateStatus.SUPERSEDED:
        return VerificationStatus.SUPERSEDED
    if certificate.status == CertificateStatus.SUSPENDED:
        return VerificationStatus.SUSPENDED
    if certificate.is_expired(today):
        return VerificationStatus.EXPIRED
    return VerificationStatus.VALID


# Only what verification shows: no e-mail, phone, national ID, birth date
# or photo is ever read for it.
_VERIFICATION_FIELDS = (
    "public_id",
    "short_code",
    "licence_number",
    "holder_name_ar",
    "holder_name_latin",
    "course_title_ar",
    "course_title_fr",
    "programme_title_ar",
    "programme_title_fr",
    "hours",
    "issued_at",
    "expires_on",
    "status",
    "status_changed_at",
    "revocation_reason",
    "superseded_by__public_id",
)


def _verification_queryset() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("superseded_by").only(*_VERIFICATION_FIELDS)


def certificate_by_public_id(public_id: str) -> Certificate | None:
    """One query on the unique index; a malformed id costs none."""
    if not public_id_is_well_formed(public_id):
        return None
    return _verification_queryset().filter(public_id=public_id).first()


def certificate_by_short_code(typed: str) -> Certificate | None:
    """One query on the unique index; a code failing its check costs none."""
    code = short_code_normalize(typed)
    if code is None:
        return None
    return _verification_queryset().filter(short_code=code).first()


def print_settings(request=None) -> CertificatePrintSettings:
    return CertificatePrintSettings.load(request_or_site=request)


def _both(value_ar: str, value_fr: str) -> dict:
    return {"ar": value_ar, "fr": value_fr}


def verification_facts(certificate: Certificate | None, *, issuer: CertificatePrintSettings) -> dict:
    """The facts a verifier sees, as plain data (the JSON answer and the
    page's context). Unknown certificates carry nothing but the status."""
    if certificate is None:
        return {"status": VerificationStatus.NOT_FOUND.value}
    status = verification_status(certificate)
    facts = {
        "status": status.value,
        "certificate": {
            "public_id": certificate.public_id,
            "short_code": certificate.short_code_display,
            "licence_number": certificate.licence_number,
            "holder": {"name_ar": certificate.holder_name_ar, "name_latin": certificate.holder_name_latin},
            "programme": _both(certificate.programme_title_ar, certificate.programme_title_fr),
            "course": _both(certificate.course_title_ar, certificate.course_title_fr),
            "hours": certificate.hours,
            "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
            "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
            "issuer": _both(issuer.issuer_name_ar, issuer.issuer_name_fr),
            "verification_url": certificate.get_verification_url(),
        },
    }
    changed_on = timezone.localdate(certificate.status_changed_at).isoformat() if certificate.status_changed_at else None
    if status == VerificationStatus.SUSPENDED:
        facts["suspended_on"] = changed_on
    elif status == VerificationStatus.REVOKED:
        facts["revoked_on"] = changed_on
        reason = RevocationReason(certificate.revocation_reason)
        facts["revocation_reason"] = {"code": reason.value, **in_both_languages(lambda: reason.label)}
    if certificate.superseded_by_id:
        facts["superseded_by"] = certificate.superseded_by.get_verification_url()
        if status == VerificationStatus.SUPERSEDED:
            facts["superseded_on"] = changed_on
    return facts


# --- Credential facts (the contract with certificates.credentials) ---------


@dataclass(frozen=True)
class CredentialFacts:
    """Everything a signed credential says about a certificate, in one
    object. Read it with :func:`credential_facts`; never from the model
    directly, so the credential follows the certificate's printed record.

    - ``holder_name_ar`` / ``holder_name_latin``: printed names (either may be
      empty, not both).
    - ``course_name``, ``programme_name``, ``criteria``, ``issuer_name``:
      ``{"ar": …, "fr": …}``; ``criteria`` is the narrative of the rules the
      certificate was judged by (officer's text, else generated from them).
    - ``issued_at`` (aware datetime), ``expires_on`` (date or None) and
      ``valid_until`` (aware datetime at the end of ``expires_on`` in the
      platform's time zone, or None).
    - ``status``: a :class:`VerificationStatus` value, computed now.
    - ``is_public``: the holder chose to show it (registry and public
      credential).
    """

    certificate_id: int
    public_id: str
    short_code: str
    licence_number: str
    holder_id: int
    holder_name_ar: str
    holder_name_latin: str
    course_id: int
    course_name: dict
    programme_id: int
    programme_code: str
    programme_name: dict
    hours: int
    criteria: dict
    rule_version: int
    issuer_name: dict
    issued_at: datetime.datetime
    expires_on: datetime.date | None
    valid_until: datetime.datetime | None
    status: str
    is_public: bool
    verification_url: str


def credential_facts(certificate: Certificate | int) -> CredentialFacts:
    """The facts for the credential of ``certificate`` (instance or id):
    three queries (the certificate with its rules and programme, the quizzes
    the rules require, and the print settings)."""
    from .criteria import rule_criteria

    certificate_id = certificate if isinstance(certificate, int) else certificate.pk
    quizzes = Prefetch("rule__required_quizzes", queryset=RequiredQuiz.objects.select_related("quiz"))
    certificate = Certificate.objects.select_related("rule", "programme").prefetch_related(quizzes).get(pk=certificate_id)
    issuer = CertificatePrintSettings.load()
    valid_until = None
    if certificate.expires_on is not None:
        valid_until = timezone.make_aware(datetime.datetime.combine(certificate.expires_on, datetime.time(23, 59, 59)))
    return CredentialFacts(
        certificate_id=certificate.pk,
        public_id=certificate.public_id,
        short_code=certificate.short_code_display,
        licence_number=certificate.licence_number,
        holder_id=certificate.holder_id,
        holder_name_ar=certificate.holder_name_ar,
        holder_name_latin=certificate.holder_name_latin,
        course_id=certificate.course_id,
        course_name=_both(certificate.course_title_ar, certificate.course_title_fr),
        programme_id=certificate.programme_id,
        programme_code=certificate.programme.code,
        programme_name=_both(certificate.programme_title_ar, certificate.programme_title_fr),
        hours=certificate.hours,
        criteria=rule_criteria(certificate.rule),
        rule_version=certificate.rule.version,
        issuer_name=_both(issuer.issuer_name_ar, issuer.issuer_name_fr),
        issued_at=certificate.issued_at,
        expires_on=certificate.expires_on,
        valid_until=valid_until,
        status=verification_status(certificate).value,
        is_public=certificate.is_public,
        verification_url=certificate.get_verification_url(),
    )


# --- Registry ---------------------------------------------------------------

REGISTRY_PAGE_SIZE = 20


def registry_queryset(*, query: str = "", region: str = "", programme_id: int | None = None) -> QuerySet[Certificate]:
    """Holders who chose to be listed, with a certificate valid today."""
    today = timezone.localdate()
    certificates = (
        Certificate.objects.filter(is_public=True, status=CertificateStatus.ACTIVE)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("holder")
        .only(
            "public_id",
            "licence_number",
            "holder_name_ar",
            "holder_name_latin",
            "programme_title_ar",
            "programme_title_fr",
            "course_title_ar",
            "course_title_fr",
            "issued_at",
            "expires_on",
            "holder__region",
        )
        .order_by("holder_name_latin", "holder_name_ar", "pk")
    )
    terms = normalize_for_matching(query).split()
    for term in terms[:6]:
        certificates = certificates.filter(search_text__contains=term)
    if region:
        certificates = certificates.filter(holder__region=region)
    if programme_id:
        certificates = certificates.filter(programme_id=programme_id)
    return certificates


# --- Holder and officer reads ----------------------------------------------


def certificates_of_holder(user) -> QuerySet[Certificate]:
    """The holder's certificates, newest first, the replaced ones included
    (they say what replaced them)."""
    return Certificate.objects.filter(holder=user).select_related("superseded_by").order_by("-issued_at", "-pk")


def audit_events(*, certificate: Certificate | None = None, query: str = "") -> QuerySet[CertificateEvent]:
    events = CertificateEvent.objects.select_related("certificate").only(
        "action",
        "at",
        "actor_label",
        "reason",
        "details",
        "certificate__public_id",
        "certificate__licence_number",
        "certificate__holder_name_ar",
        "certificate__holder_name_latin",
    )
    if certificate is not None:
        events = events.filter(certificate=certificate)
    query = query.strip()
    if query:
        code = short_code_normalize(query)
        events = events.filter(
            Q(certificate__licence_number__iexact=query)
            | Q(certificate__public_id=query)
            | Q(certificate__short_code=code or "-")
        )
    return events.order_by("-at", "-pk")


def officer_certificates(*, query: str = "", status: str = "") -> QuerySet[Certificate]:
    certificates = Certificate.objects.select_related("superseded_by").order_by("-issued_at", "-pk")
    query = query.strip()
    if query:
        code = short_code_normalize(query)
        terms = normalize_for_matching(query).split()
        by_name = Q()
        for term in terms[:6]:
            by_name &= Q(search_text__contains=term)
        certificates = certificates.filter(
            Q(licence_number__iexact=query) | Q(public_id=query) | Q(short_code=code or "-") | by_name
        )
    if status in CertificateStatus.values:
        certificates = certificates.filter(status=status)
    return certificates
