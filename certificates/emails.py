"""E-mails to certificate holders, in their own language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.emails import render_email, send_rendered


def certificate_urls(certificate, language: str) -> dict:
    with translation.override(language):
        mine = reverse("certificates:mine")
    return {"my_certificates_url": f"{settings.SITE_URL}{mine}", "verification_url": certificate.get_verification_url()}


def certificate_email_send(*, certificate, template: str, extra: dict | None = None) -> None:
    holder = certificate.holder
    language = holder.preferred_language or settings.LANGUAGE_CODE
    context = {
        "certificate": certificate,
        "holder_name": certificate.holder_name(language),
        "course_title": certificate.course_title(language),
        **certificate_urls(certificate, language),
        **(extra or {}),
    }
    message = render_email(template, context, language)
    send_rendered(to=[holder.email], **message)
