from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificationRule(models.Model):
    """One version of a course's certification rules.

    A version never changes once a certificate was judged by it: officers
    change the rules by creating the next version, and each certificate
    keeps the version it was issued under.
    """

    course = models.ForeignKey(
        "cms.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), editable=False)
    is_active = models.BooleanField(
        _("issue certificates"),
        default=True,
        help_text=_("Untick to stop issuing certificates for this course."),
    )
    requires_completion = models.BooleanField(_("course completed"), default=True)
    requires_sign_off = models.BooleanField(
        _("trainer's sign-off"),
        default=False,
        help_text=_("A trainer confirms the trainee's practical assessment."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(240)],
        help_text=_("Leave empty for a certificate that does not expire."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal window (days)"),
        default=90,
        validators=[MaxValueValidator(730)],
        help_text=_("How long before expiry a holder can renew."),
    )
    renewal_requires_sign_off = models.BooleanField(
        _("renewal needs a new sign-off"),
        default=False,
        help_text=_("A trainer must sign off again, within the renewal window."),
    )
    criteria_ar = models.TextField(_("criteria (Arabic)"), blank=True)
    criteria_fr = models.TextField(_("criteria (French)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certification rules")
        verbose_name_plural = _("certification rules")
        ordering = ["course_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["course", "version"], name="certification_rule_unique_version"),
        ]

    def __str__(self):
        return f"{self.course_id} v{self.version}"
