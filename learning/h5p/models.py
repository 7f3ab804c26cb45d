"""H5P activities (a trainer's uploaded package) and what trainees did with
them (attempts reported by the browser, saved state for resuming)."""

from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def h5p_storage():
    """Where packages and their unpacked files live: a storage alias
    (``H5P_STORAGE``, "private" by default: never served directly). Only the
    storage API is used, so an S3-style backend works as well."""
    return storages[getattr(settings, "H5P_STORAGE", "private")]


class ActivityStatus(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class H5PActivity(models.Model):
    title = models.CharField(_("title"), max_length=255)
    # The package as uploaded: a name in h5p_storage(), resolved when used
    # (a FileField would fix the storage when the model class loads).
    package = models.CharField(_("H5P package"), max_length=255, editable=False)
    main_library = models.CharField(_("main library"), max_length=255, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    package_bytes = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    content_bytes = models.PositiveBigIntegerField(_("size unpacked"), default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PROCESSING, editable=False
    )
    error = models.CharField(_("error"), max_length=500, blank=True, editable=False)
    # The unpacked files live under this prefix in h5p_storage(); a new
    # extraction writes a new prefix, so a half-written one is never served.
    content_prefix = models.CharField(max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("H5P activity")
        verbose_name_plural = _("H5P activities")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @admin.display(description=_("size"), ordering="package_bytes")
    def size(self) -> str:
        return filesizeformat(self.package_bytes)

    @property
    def is_ready(self) -> bool:
        return self.status == ActivityStatus.READY


class H5PUserState(models.Model):
    """What the player saved for resuming (H5P's "content user data"): one
    row per trainee × activity × lesson, overwritten on each save."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(H5PActivity, on_delete=models.CASCADE, related_name="+")
    lesson_id = models.PositiveBigIntegerField()  # the canonical (default-locale) LessonPage
    state = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "activity", "lesson_id"], name="h5p_state_one_per_user_activity_lesson")
        ]


class H5PAttempt(models.Model):
    """One scored result the trainee's browser reported (a top-level xAPI
    statement). Every attempt is kept; best and last are derived. These
    scores are self-reported: they may complete a lesson, never certify."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="h5p_attempts")
    activity = models.ForeignKey(H5PActivity, on_delete=models.CASCADE, related_name="attempts")
    lesson_id = models.PositiveBigIntegerField()  # the canonical (default-locale) LessonPage
    verb = models.CharField(max_length=50)
    raw_score = models.FloatField()
    max_score = models.FloatField()
    scaled = models.FloatField()  # raw / max, 0–1
    success = models.BooleanField(null=True)
    completion = models.BooleanField(null=True)
    statement = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "lesson_id", "activity"], name="h5p_attempt_user_lesson")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_score__gt=0, raw_score__gte=0, raw_score__lte=models.F("max_score")),
                name="h5p_attempt_score_in_range",
            ),
        ]

    @property
    def percent(self) -> int:
        return round(self.scaled * 100)
