from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Issuing")
    DONE = "done", _("Finished")


class BatchOutcome(models.TextChoices):
    ISSUED = "issued", _("Certificate issued")
    ALREADY = "already", _("Already certified")
    NOT_ELIGIBLE = "not_eligible", _("Rules not met yet")
    FAILED = "failed", _("Could not be issued")


class CohortIssuance(models.Model):
    """A request to issue the certificates of a whole cohort, worked through
    by a background task; the counters are the progress people watch."""

    cohort = models.ForeignKey("learning.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField(_("trainees"), default=0)
    issued = models.PositiveIntegerField(_("issued"), default=0)
    already = models.PositiveIntegerField(_("already certified"), default=0)
    not_eligible = models.PositiveIntegerField(_("rules not met"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # One entry per trainee handled: {"user_id", "outcome", "missing": [...] or "error": "..."}
    results = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("cohort issuance")
        verbose_name_plural = _("cohort issuances")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.cohort_id} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def handled(self) -> int:
        return self.issued + self.already + self.not_eligible + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.handled / self.total)
