from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
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


class RequiredQuiz(models.Model):
    """A quiz a rule version requires, with the lowest score accepted. Part
    of the version: never edited once the version exists."""

    rule = models.ForeignKey(
        CertificationRule, verbose_name=_("rules version"), on_delete=models.CASCADE, related_name="required_quizzes"
    )
    quiz = models.ForeignKey("quizzes.Quiz", verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="+")
    min_score_percent = models.DecimalField(
        _("minimum score (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("required quiz")
        verbose_name_plural = _("required quizzes")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "quiz"], name="certification_rule_quiz_once"),
            models.CheckConstraint(
                condition=models.Q(min_score_percent__gte=0) & models.Q(min_score_percent__lte=100),
                name="certification_rule_quiz_score_is_percent",
            ),
        ]

    def __str__(self):
        return f"{self.rule} · {self.quiz_id} ≥ {self.min_score_percent}"


class SignOff(models.Model):
    """A trainer confirms that a trainee passed the course's practical
    assessment. Rows are only added (a renewal may need a new one)."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="certificate_sign_offs"
    )
    course = models.ForeignKey("cms.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_by_label = models.CharField(_("signed by"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("trainer's sign-off")
        verbose_name_plural = _("trainers' sign-offs")
        ordering = ["-signed_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "course", "-signed_at"], name="certificate_signoff_idx")]

    def __str__(self):
        return f"{self.trainee_id} · {self.course_id} · {self.signed_at:%Y-%m-%d}"
