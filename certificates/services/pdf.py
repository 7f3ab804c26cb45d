"""Building and storing the certificate PDF (in storages["private"])."""

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from ..i18n import in_both_languages
from ..models import Certificate, CertificatePrintSettings, private_storage
from ..pdf import PdfFacts, PrintedText, render_certificate_pdf

logger = logging.getLogger(__name__)

DEFAULT_LOGO = "img/logo.svg"


def _both(message: str) -> tuple[str, str]:
    """``message`` (marked with gettext_noop) in Arabic and in French."""
    return tuple(in_both_languages(lambda: gettext(message)).values())


def _hours(count: int) -> tuple[str, str]:
    text = in_both_languages(lambda: ngettext("Duration: %(count)d hour", "Duration: %(count)d hours", count) % {"count": count})
    return tuple(text.values())


def _image(image) -> tuple[bytes, str]:
    """A print-sized PNG rendition of a Wagtail image, and what identifies it."""
    rendition = image.get_rendition("max-800x400|format-png")
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return data, hashlib.sha256(data).hexdigest()


def _default_logo() -> tuple[str, str]:
    path = finders.find(DEFAULT_LOGO)
    if not path:
        return "", ""
    return path, hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pdf_facts(certificate: Certificate, print_settings: CertificatePrintSettings | None = None) -> PdfFacts:
    print_settings = print_settings or CertificatePrintSettings.load()
    logo, logo_hash = _image(print_settings.logo) if print_settings.logo_id else _default_logo()
    signature, signature_hash = _image(print_settings.signature) if print_settings.signature_id else ("", "")
    site = settings.SITE_URL.split("://", 1)[-1]
    return PdfFacts(
        holder_name_ar=certificate.holder_name_ar,
        holder_name_latin=certificate.holder_name_latin,
        course_title_ar=certificate.course_title_ar,
        course_title_fr=certificate.course_title_fr,
        programme_title_ar=certificate.programme_title_ar,
        programme_title_fr=certificate.programme_title_fr,
        hours=certificate.hours,
        licence_number=certificate.licence_number,
        issued_on=timezone.localdate(certificate.issued_at),
        expires_on=certificate.expires_on,
        short_code=certificate.short_code_display,
        verification_url=certificate.get_verification_url(),
        verify_hint_url=f"{site}/verify/",
        issuer_name_ar=print_settings.issuer_name_ar,
        issuer_name_fr=print_settings.issuer_name_fr,
        signatory_name_ar=print_settings.signatory_name_ar,
        signatory_name_fr=print_settings.signatory_name_fr,
        signatory_title_ar=print_settings.signatory_title_ar,
        signatory_title_fr=print_settings.signatory_title_fr,
        logo=logo,
        logo_hash=logo_hash,
        signature=signature,
        signature_hash=signature_hash,
        text=PrintedText(
            kingdom=_both(gettext_noop("Kingdom of Morocco")),
            title=_both(gettext_noop("Certificate")),
            awarded_to=_both(gettext_noop("This certificate is awarded to")),
            for_completing=_both(gettext_noop("for meeting the requirements of the training")),
            programme=_both(gettext_noop("Programme")),
            hours=_hours(certificate.hours),
            licence=_both(gettext_noop("Licence number")),
            issued_on=_both(gettext_noop("Issued on")),
            valid_until=_both(gettext_noop("Valid until")),
            no_expiry=_both(gettext_noop("No expiry date")),
            verify=_both(gettext_noop("Verify at")),
            code=_both(gettext_noop("Verification code")),
        ),
    )


def pdf_is_current(certificate: Certificate, facts: PdfFacts | None = None) -> bool:
    if not certificate.pdf or not certificate.pdf_fingerprint:
        return False
    facts = facts or pdf_facts(certificate)
    return certificate.pdf_fingerprint == facts.fingerprint() and private_storage().exists(certificate.pdf.name)


def certificate_pdf_build(*, certificate: Certificate) -> bool:
    """Render and store the PDF unless the stored one already shows exactly
    these facts. Returns True when a new file was written."""
    facts = pdf_facts(certificate)
    if pdf_is_current(certificate, facts):
        return False
    fingerprint = facts.fingerprint()
    data = render_certificate_pdf(facts)
    storage = private_storage()
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.pdf_fingerprint == fingerprint and locked.pdf and storage.exists(locked.pdf.name):
            return False  # another worker finished it first
        previous = locked.pdf.name
        # Through storages["private"] itself (resolved now, not when the model loaded).
        locked.pdf.name = storage.save(f"certificates/{locked.public_id}-{fingerprint[:12]}.pdf", ContentFile(data))
        locked.pdf_fingerprint = fingerprint
        locked.save(update_fields=["pdf", "pdf_fingerprint"])
        if previous and previous != locked.pdf.name:
            transaction.on_commit(lambda: storage.delete(previous))
    certificate.pdf, certificate.pdf_fingerprint = locked.pdf, locked.pdf_fingerprint
    return True
