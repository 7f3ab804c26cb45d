import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..identifiers import public_id_generate, short_code_display, short_code_generate


def private_storage():
    """Certificate PDFs are never served directly (settings: STORAGES["private"])."""
    return storages["private"]


class CertificateStatus(models.TextChoices):
    """What an officer (or a re-issue) decided. Whether an active certificate
    is still valid or has expired is computed from the date when it is shown."""

    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


# The states in which a certificate stands for its holder's qualification:
# at most one of them per holder and course.
LIVE_STATUSES = (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED)


class RevocationReason(models.TextChoices):
    """The generic reason the public sees; the officer's own words stay in
    the audit log."""

    MISCONDUCT = "misconduct", _("Breach of professional rules")
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    REQUIREMENTS_NOT_MET = "requirements_not_met", _("Requirements not met")
    HOLDER_REQUEST = "holder_request", _("At the holder's request")
    OTHER = "other", _("Other administrative reason")


class LicenceSequence(models.Model):
    """The last licence number drawn for a programme in a year."""

    programme = models.ForeignKey("cms.ProgrammePage", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="licence_sequence_unique_programme_year"),
        ]

    def __str__(self):
        return f"{self.programme_id}/{self.year}: {self.last_number}"


class Certificate(models.Model):
    """A certificate the ministry issued to a trainee for a course.

    What is printed (names, titles, hours) is copied at issue so that the PDF,
    the verification page and the signed credential never change behind the
    holder's back; a correction is a re-issue.
    """

    public_id = models.CharField(_("public id"), max_length=22, unique=True, default=public_id_generate, editable=False)
    short_code = models.CharField(_("short code"), max_length=11, unique=True, default=short_code_generate, editable=False)
    licence_number = models.CharField(_("licence number"), max_length=32, editable=False)

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey("cms.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "cms.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(
        "certificates.CertificationRule",
        verbose_name=_("rules version"),
        on_delete=models.PROTECT,
        related_name="certificates",
        help_text=_("The version of the certification rules this certificate was judged by."),
    )

    # Printed facts, copied at issue.
    holder_name_ar = models.CharField(_("holder's name (Arabic script)"), max_length=255, blank=True)
    holder_name_latin = models.CharField(_("holder's name (Latin script)"), max_length=255, blank=True)
    course_title_ar = models.CharField(_("course (Arabic)"), max_length=255)
    course_title_fr = models.CharField(_("course (French)"), max_length=255)
    programme_title_ar = models.CharField(_("programme (Arabic)"), max_length=255)
    programme_title_fr = models.CharField(_("programme (French)"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)

    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when issued automatically."),
    )

    status = models.CharField(_("status"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("reason for revocation"), max_length=32, choices=RevocationReason.choices, blank=True
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )

    is_public = models.BooleanField(
        _("in the public registry"), default=False, help_text=_("The holder chose to appear in the public registry.")
    )
    # Names reduced by core.text for registry search (Arabic and Latin).
    search_text = models.TextField(editable=False, blank=True)

    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="certificates/", blank=True, editable=False)
    # Hash of everything printed on the PDF: a rebuild happens only when it changes.
    pdf_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    issued_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_60_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_14_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    expiry_announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "course"],
                condition=Q(status__in=LIVE_STATUSES),
                name="certificate_one_live_per_holder_course",
            ),
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=Q(status__in=LIVE_STATUSES),
                name="certificate_live_licence_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=CertificateStatus.REVOKED) | ~Q(revocation_reason=""),
                name="certificate_revoked_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["licence_number"], name="certificate_licence_idx"),
            # The public registry: opted-in, active certificates, newest first.
            models.Index(
                fields=["programme", "-issued_at"],
                condition=Q(is_public=True, status=CertificateStatus.ACTIVE),
                name="certificate_registry_idx",
            ),
            # Reminders and expiry announcements scan active certificates by date.
            models.Index(
                fields=["expires_on"],
                condition=Q(status=CertificateStatus.ACTIVE),
                name="certificate_active_expiry_idx",
            ),
        ]

    def __str__(self):
        return self.licence_number or self.public_id

    @property
    def short_code_display(self) -> str:
        return short_code_display(self.short_code)

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    def is_expired(self, today: datetime.date | None = None) -> bool:
        if self.expires_on is None:
            return False
        return (today or timezone.localdate()) > self.expires_on

    def holder_name(self, language: str) -> str:
        """The printed name in the script of ``language``, falling back to the other."""
        names = [self.holder_name_ar, self.holder_name_latin]
        if not language.startswith("ar"):
            names.reverse()
        return next((name for name in names if name), "")

    def course_title(self, language: str) -> str:
        return self.course_title_ar if language.startswith("ar") else self.course_title_fr

    def programme_title(self, language: str) -> str:
        return self.programme_title_ar if language.startswith("ar") else self.programme_title_fr

    def get_verification_path(self) -> str:
        from django.urls import reverse

        return reverse("verify:certificate", kwargs={"public_id": self.public_id})

    def get_verification_url(self) -> str:
        return f"{settings.SITE_URL}{self.get_verification_path()}"


class EventAction(models.TextChoices):
    ISSUED = "issued", _("Issued")
    SUSPENDED = "suspended", _("Suspended")
    LIFTED = "lifted", _("Suspension lifted")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Replaced by a re-issue")
    EXPIRED = "expired", _("Expired")
    PUBLISHED = "published", _("Added to the public registry")
    UNPUBLISHED = "unpublished", _("Removed from the public registry")
    EMAILED = "emailed", _("Holder informed by e-mail")
    REMINDED = "reminded", _("Expiry reminder sent")


class CertificateEvent(models.Model):
    """The audit log: who did what to a certificate, when and why. Rows are
    only ever added."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=EventAction.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept even if the account is later removed; empty for the system.
    actor_label = models.CharField(_("who"), max_length=255, blank=True)
    reason = models.TextField(_("why"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["certificate", "at"], name="certificate_event_cert_idx"),
            models.Index(fields=["-at"], name="certificate_event_at_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.certificate_id}"
