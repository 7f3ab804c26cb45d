"""E-mail rendered in the recipient's language.

Templates come in pairs: ``<name>_subject.txt`` and ``<name>_message.txt``
(and optionally ``<name>_message.html``).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.template import TemplateDoesNotExist
from django.utils import translation


def render_email(template_prefix: str, context: dict, language: str) -> dict:
    with translation.override(language):
        context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.WAGTAIL_SITE_NAME, **context}
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_message.txt", context)
        try:
            html = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html = None
    return {"subject": subject, "body": body, "html": html}


def send_rendered(*, to: list[str], subject: str, body: str, html: str | None = None) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=settings.DEFAULT_FROM_EMAIL)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
