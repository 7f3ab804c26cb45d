"""Quizzes: what is asked (slots) and the rules an attempt is judged by."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from ..localized import LocalizedFieldsMixin
from .bank import Question, QuestionCategory


class QuizKind(models.TextChoices):
    LESSON = "lesson", _("Quiz placed in lessons")
    MODULE_EXAM = "module_exam", _("Final exam of a module")
    COURSE_EXAM = "course_exam", _("Final exam of the course")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    AVERAGE = "average", _("Average of the attempts")
    FIRST = "first", _("First attempt")


class FeedbackTiming(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately, question by question")
    AFTER_SUBMISSION = "after_submission", _("After the attempt is submitted")
    AFTER_CLOSE = "after_close", _("After the quiz closes")
    NEVER = "never", _("Never")


class Quiz(LocalizedFieldsMixin, ClusterableModel):
    course = models.ForeignKey(
        "cms.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+",
        help_text=_("The course's Arabic page; the quiz draws from its question bank."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuizKind.choices, default=QuizKind.LESSON)
    module = models.ForeignKey(
        "cms.ModulePage", verbose_name=_("module"), null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        help_text=_("For a module's final exam: the module's Arabic page."),
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True)
    intro_ar = models.TextField(_("introduction (Arabic)"), blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=0, help_text=_("0 means unlimited."))
    grading_method = models.CharField(_("grading method"), max_length=20, choices=GradingMethod.choices, default=GradingMethod.HIGHEST)
    pass_mark_percent = models.DecimalField(
        _("pass mark (%)"), max_digits=5, decimal_places=2, default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit."))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle the options"), default=True, help_text=_("Questions may also refuse shuffling."))
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Few questions per page suit phones: every page change saves the answers."),
    )
    feedback_timing = models.CharField(
        _("answers and feedback shown"), max_length=20, choices=FeedbackTiming.choices, default=FeedbackTiming.AFTER_SUBMISSION,
        help_text=_("The score is always shown once graded. “After the quiz closes” needs a closing date."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["course_id", "title_ar"]
        constraints = [
            models.UniqueConstraint(fields=["course"], condition=Q(kind="course_exam"), name="quizzes_one_final_exam_per_course"),
            models.UniqueConstraint(fields=["module"], condition=Q(kind="module_exam"), name="quizzes_one_final_exam_per_module"),
            models.CheckConstraint(
                condition=Q(kind="module_exam", module__isnull=False) | (~Q(kind="module_exam") & Q(module__isnull=True)),
                name="quizzes_module_only_for_module_exam",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark_percent__gte=0) & Q(pass_mark_percent__lte=100), name="quizzes_pass_mark_is_percent"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="quizzes_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["course", "kind"])]

    def __str__(self):
        return self.localized("title")

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def localized_intro(self) -> str:
        return self.localized("intro")

    def clean(self):
        errors = {}
        if self.kind == QuizKind.MODULE_EXAM:
            if not self.module_id:
                errors["module"] = _("Choose the module this exam closes.")
            elif self.course_id and self.module.get_parent().pk != self.course_id:
                errors["module"] = _("This module is not part of the quiz's course.")
        elif self.module_id:
            errors["module"] = _("Only a module's final exam is linked to a module.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The quiz must close after it opens.")
        if self.kind == QuizKind.COURSE_EXAM and self.course_id:
            others = Quiz.objects.filter(course_id=self.course_id, kind=QuizKind.COURSE_EXAM).exclude(pk=self.pk)
            if others.exists():
                errors["kind"] = _("This course already has a final exam.")
        if self.kind == QuizKind.MODULE_EXAM and self.module_id:
            others = Quiz.objects.filter(module_id=self.module_id, kind=QuizKind.MODULE_EXAM).exclude(pk=self.pk)
            if others.exists():
                errors["module"] = _("This module already has a final exam.")
        if errors:
            raise ValidationError(errors)


class QuizSlot(Orderable):
    """A fixed question, or a number of questions drawn at random from a
    category when an attempt starts."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        limit_choices_to={"scenario__isnull": True},
    )
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("random from category"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    draw_count = models.PositiveSmallIntegerField(_("number of random questions"), default=1, validators=[MinValueValidator(1)])
    include_subcategories = models.BooleanField(_("include sub-categories"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("question slot")
        verbose_name_plural = _("question slots")
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False) & Q(category__isnull=True)) | (Q(question__isnull=True) & Q(category__isnull=False)),
                name="quizzes_slot_question_xor_category",
            ),
        ]

    def clean(self):
        if bool(self.question_id) == bool(self.category_id):
            raise ValidationError(_("Choose either a question or a category to draw from, not both."))
        course_id = self.quiz.course_id if self.quiz_id or getattr(self, "quiz", None) else None
        source = self.question if self.question_id else self.category
        if course_id and source is not None and source.course_id != course_id:
            raise ValidationError(_("This question or category belongs to another course's bank."))
        if self.question_id and self.question.scenario_id:
            raise ValidationError({"question": _("A scenario's sub-question is asked with its scenario: choose the scenario.")})
