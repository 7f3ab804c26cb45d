"""The question bank: categories, questions and their options, per course."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable

from core.text import normalize_for_matching

from ..localized import LocalizedFieldsMixin


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_RESPONSE = "multiple_response", _("Multiple response")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_ANSWER = "short_answer", _("Short answer")
    NUMERIC = "numeric", _("Numeric")
    MATCHING = "matching", _("Matching")
    ORDERING = "ordering", _("Ordering")
    SCENARIO = "scenario", _("Scenario (case with sub-questions)")
    ESSAY = "essay", _("Essay or reflection")


# Types a trainer grades by hand; every other type is graded on submission.
MANUALLY_GRADED_TYPES = frozenset({QuestionType.ESSAY})
CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.TRUE_FALSE})


class MultipleScoring(models.TextChoices):
    PARTIAL = "partial", _("Partial credit (sum of the chosen options' credit)")
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing (exactly the correct options)")


class QuestionCategory(LocalizedFieldsMixin, models.Model):
    """A folder of a course's question bank; random draws pick from one."""

    course = models.ForeignKey(
        "cms.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+",
        help_text=_("The course's Arabic page: each course has its own question bank."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent category"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["course_id", "name_ar"]
        indexes = [models.Index(fields=["course", "parent"])]

    def __str__(self):
        return self.localized("name")

    def clean(self):
        if self.parent_id and self.parent.course_id != self.course_id:
            raise ValidationError({"parent": _("The parent category belongs to another course.")})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            ancestor = ancestor.parent


class TaggedQuestion(TaggedItemBase):
    content_object = ParentalKey("quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(LocalizedFieldsMixin, ClusterableModel):
    course = models.ForeignKey(
        "cms.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+",
        help_text=_("The course's Arabic page: each course has its own question bank."),
    )
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="questions"
    )
    type = models.CharField(_("type"), max_length=32, choices=QuestionType.choices)
    name = models.CharField(
        _("name"), max_length=255, blank=True,
        help_text=_("A short name to find the question in the bank; trainees do not see it."),
    )
    id_number = models.CharField(_("ID number"), max_length=100, blank=True, help_text=_("Optional reference, kept on import and export."))
    text_ar = models.TextField(_("question text (Arabic)"))
    text_fr = models.TextField(_("question text (French)"), blank=True)
    general_feedback_ar = models.TextField(
        _("explanation (Arabic)"), blank=True, help_text=_("Shown with the answers, whatever the trainee answered.")
    )
    general_feedback_fr = models.TextField(_("explanation (French)"), blank=True)
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Ignored for scenarios: their sub-questions carry the points."),
    )
    shuffle_options = models.BooleanField(_("shuffle the options"), default=True)
    multiple_scoring = models.CharField(
        _("scoring of multiple responses"), max_length=20, choices=MultipleScoring.choices, default=MultipleScoring.PARTIAL
    )
    accents_matter = models.BooleanField(
        _("French accents must match"), default=False,
        help_text=_("Short answers: by default « mediation » matches « médiation »."),
    )
    scenario = models.ForeignKey(
        "self", verbose_name=_("scenario"), null=True, blank=True, on_delete=models.CASCADE, related_name="parts",
        limit_choices_to={"type": QuestionType.SCENARIO},
        help_text=_("Makes this question a sub-question of a scenario: it is then only asked inside that scenario."),
    )
    scenario_order = models.PositiveSmallIntegerField(_("order in the scenario"), default=0)
    tags = ClusterTaggableManager(through=TaggedQuestion, blank=True, verbose_name=_("tags"))
    # Diacritic- and variant-folded texts, so that Arabic search in the
    # admin finds « المصالحة » when the trainee typed « المُصالَحة ».
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["course_id", "category_id", "pk"]
        indexes = [
            # Random draws list a category's ids (top-level questions only).
            models.Index(fields=["category", "scenario", "id"], name="quizzes_question_draw_idx"),
            models.Index(fields=["course", "type"]),
            models.Index(fields=["scenario", "scenario_order"]),
        ]

    def __str__(self):
        return self.name or self.localized("text")[:80]

    def save(self, *args, **kwargs):
        self.search_text = normalize_for_matching(" ".join(filter(None, [self.name, self.text_ar, self.text_fr, self.id_number])))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "text_ar", "text_fr", "id_number"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.category_id and self.course_id and self.category.course_id != self.course_id:
            errors["category"] = _("This category belongs to another course's bank.")
        if self.scenario_id:
            if self.type in {QuestionType.SCENARIO, QuestionType.ESSAY}:
                errors["scenario"] = _("A scenario's sub-questions are graded automatically: no essay or nested scenario.")
            elif self.scenario.course_id != self.course_id:
                errors["scenario"] = _("This scenario belongs to another course's bank.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_manually_graded(self) -> bool:
        return self.type in MANUALLY_GRADED_TYPES


class QuestionOption(LocalizedFieldsMixin, Orderable):
    """One row per option, whatever the type: a choice (single, multiple,
    true/false), an accepted short answer (any of its texts matches), a
    numeric answer with its tolerance, a matching pair (prompt → answer; an
    answer without prompt is a distractor) or an ordering item (the order of
    the rows is the correct order)."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    match_text_ar = models.CharField(_("matching answer (Arabic)"), max_length=500, blank=True)
    match_text_fr = models.CharField(_("matching answer (French)"), max_length=500, blank=True)
    grade_percent = models.DecimalField(
        _("credit (%)"), max_digits=8, decimal_places=5, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("100"))],
        help_text=_("100 for a correct option, 0 for a wrong one; negative values penalise in multiple response."),
    )
    numeric_value = models.DecimalField(_("numeric answer"), max_digits=20, decimal_places=6, null=True, blank=True)
    tolerance = models.DecimalField(
        _("tolerance (±)"), max_digits=20, decimal_places=6, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))]
    )
    feedback_ar = models.TextField(_("feedback (Arabic)"), blank=True)
    feedback_fr = models.TextField(_("feedback (French)"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.localized("text") or self.localized("match_text") or str(self.numeric_value or "")


class RubricCriterion(LocalizedFieldsMixin, Orderable):
    """A criterion an essay is graded on, with its maximum points."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="rubric")
    title_ar = models.CharField(_("criterion (Arabic)"), max_length=255)
    title_fr = models.CharField(_("criterion (French)"), max_length=255, blank=True)
    description_ar = models.TextField(_("what earns the points (Arabic)"), blank=True)
    description_fr = models.TextField(_("what earns the points (French)"), blank=True)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self):
        return self.localized("title")
