"""Learner state: attempts (with their frozen questions and rules), the
answers given, and one result row per trainee × quiz that others read."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bank import Question, QuestionType
from .quiz import FeedbackTiming, GradingMethod, Quiz


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    NEEDS_GRADING = "needs_grading", _("Waiting for a trainer to grade")
    GRADED = "graded", _("Graded")


class CloseReason(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted by the trainee")
    TIME_UP = "time_up", _("Closed when the time ran out")


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    lesson = models.ForeignKey(
        "cms.LessonPage", verbose_name=_("lesson"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The lesson (Arabic page) the attempt was started from, if any."),
    )
    status = models.CharField(_("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS)
    close_reason = models.CharField(_("closed because"), max_length=20, choices=CloseReason.choices, blank=True)
    # The draw is reproducible: the same seed on the same bank gives the
    # same questions and order.
    seed = models.BigIntegerField(_("random seed"))
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    current_page = models.PositiveSmallIntegerField(_("current page"), default=1)
    page_count = models.PositiveSmallIntegerField(_("pages"), default=1)
    # The quiz's rules, copied when the attempt starts: editing the quiz
    # later never changes this attempt or its grade.
    pass_mark_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), null=True, blank=True)
    grading_method = models.CharField(_("grading method"), max_length=20, choices=GradingMethod.choices)
    feedback_timing = models.CharField(_("answers and feedback shown"), max_length=20, choices=FeedbackTiming.choices)
    closes_at = models.DateTimeField(_("quiz closes"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=9, decimal_places=3, default=0)
    score_percent = models.DecimalField(_("score (%)"), max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz_id", "user_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="quizzes_attempt_number_unique"),
            # One open attempt per trainee and quiz, even under double clicks.
            models.UniqueConstraint(
                fields=["quiz", "user"], condition=Q(status="in_progress"), name="quizzes_one_open_attempt"
            ),
            models.CheckConstraint(
                condition=Q(score_percent__isnull=True) | (Q(score_percent__gte=0) & Q(score_percent__lte=100)),
                name="quizzes_attempt_score_is_percent",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="quizzes_attempt_overdue_idx"),
            models.Index(fields=["quiz", "status"]),
            models.Index(fields=["user", "quiz", "status"]),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user} · #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class AttemptQuestion(models.Model):
    """A question as it was when the attempt started (``snapshot``: texts,
    options in their shown order, credits, feedback), the trainee's answer and
    the points given for it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("number"))
    page = models.PositiveSmallIntegerField(_("page"))
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question_type = models.CharField(_("type"), max_length=32, choices=QuestionType.choices)
    snapshot = models.JSONField()
    max_points = models.DecimalField(_("maximum points"), max_digits=8, decimal_places=3)
    response = models.JSONField(_("answer"), null=True, blank=True)
    saved_at = models.DateTimeField(_("answer saved"), null=True, blank=True)
    # With feedback shown immediately, a checked answer can no longer change.
    locked = models.BooleanField(default=False)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=3, null=True, blank=True)
    fraction = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # per-part results and the feedback keys to show
    rubric_scores = models.JSONField(_("rubric scores"), default=dict, blank=True)
    grader_comment = models.TextField(_("comment for the trainee"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt_id", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="quizzes_attempt_position_unique")]
        indexes = [
            models.Index(fields=["attempt", "page"]),
            models.Index(fields=["question"]),
            models.Index(fields=["question_type", "graded_at"]),
        ]

    @property
    def needs_manual_grading(self) -> bool:
        return self.question_type == QuestionType.ESSAY and self.graded_at is None


class AttemptEventKind(models.TextChoices):
    STARTED = "started", _("Started")
    SUBMITTED = "submitted", _("Submitted")
    TIMED_OUT = "timed_out", _("Closed at the time limit")
    ESSAY_GRADED = "essay_graded", _("Essay graded")


class AttemptEvent(models.Model):
    """Audit trail of what happened to an attempt, and who did it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=AttemptEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"))
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("attempt event")
        verbose_name_plural = _("attempt events")
        ordering = ["attempt_id", "at", "pk"]


class QuizResult(models.Model):
    """The trainee's grade for a quiz according to its grading method: what
    lesson completion and certificates read (see selectors.quiz_result_get)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_results")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="results")
    attempt = models.ForeignKey(
        Attempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The attempt the grade comes from (none for an average)."),
    )
    grading_method = models.CharField(_("grading method"), max_length=20, choices=GradingMethod.choices)
    score_percent = models.DecimalField(_("score (%)"), max_digits=6, decimal_places=2)
    pass_mark_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    graded_at = models.DateTimeField(_("graded"))
    attempts_graded = models.PositiveSmallIntegerField(_("graded attempts"), default=0)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [models.UniqueConstraint(fields=["user", "quiz"], name="quizzes_one_result_per_trainee")]
        indexes = [models.Index(fields=["quiz", "passed"])]
