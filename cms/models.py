"""Content pages. What is taught lives here; who learned what lives in the
learning app, keyed to the pages of the default (Arabic) locale."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import RICH_TEXT_FEATURES, GuideActivitiesBlock, GuideHandoutsBlock, LessonStreamBlock

SEARCH_FIELDS = Page.search_fields + [index.SearchField("search_text")]


class JisrPage(Page):
    """Common behaviour of every page on the site."""

    # Fields whose text goes, normalised (cms.search.normalize), into the
    # search index as ``search_text`` besides the title.
    search_text_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def search_text(self) -> str:
        from .search import searchable_text

        return searchable_text(self, self.search_text_fields)

    @property
    def canonical_page(self):
        """The default-locale translation of this page: learner records are
        keyed to it so that progress is shared across languages."""
        default_locale = Locale.get_default()
        if self.locale_id == default_locale.pk:
            return self
        return self.get_translation_or_none(default_locale) or self


class HomePage(JisrPage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProgrammePage", "cms.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.child_of(self).live().public().specific()
        return context


class ProgrammeKind(models.TextChoices):
    MEDIATION = "mediation", _("Family mediation")
    PARENTING = "parenting", _("Positive parenting")


class ProgrammePage(JisrPage):
    """A national programme: family mediation or positive parenting."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    code = models.CharField(
        _("code"),
        max_length=8,
        help_text=_("Short uppercase code used in licence numbers, e.g. MF."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    override_translatable_fields = [SynchronizedField("code"), SynchronizedField("kind")]
    search_text_fields = ("summary", "body")
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]

    class Meta:
        verbose_name = _("programme")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().specific()
        return context


class CoursePage(JisrPage):
    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("learning objectives"), features=["ul", "ol", "bold", "italic"], blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    duration_hours = models.PositiveSmallIntegerField(_("duration (hours)"), default=0)
    enrollment_open = models.BooleanField(
        _("open enrolment"),
        default=True,
        help_text=_("Trainees may enrol themselves. Otherwise they join through a cohort."),
    )
    prerequisite = models.ForeignKey(
        "cms.CoursePage",
        verbose_name=_("prerequisite course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A course the trainee must complete before enrolling in this one."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [FieldPanel("duration_hours"), FieldPanel("enrollment_open"), FieldPanel("prerequisite")],
            heading=_("Enrolment"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("duration_hours"),
        SynchronizedField("enrollment_open"),
        SynchronizedField("prerequisite"),
    ]
    search_text_fields = ("summary", "objectives", "audience")
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("course")

    @property
    def programme(self):
        return ProgrammePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_contents

        context = super().get_context(request, *args, **kwargs)
        context["contents"] = course_contents(self, request)
        return context


class ModulePage(JisrPage):
    summary = models.TextField(_("summary"), blank=True)
    requires_previous = models.BooleanField(
        _("requires the previous module"),
        default=True,
        help_text=_("Locked until the trainee completes the module before it."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("requires_previous")]
    override_translatable_fields = [SynchronizedField("requires_previous")]
    search_text_fields = ("summary",)
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.CoursePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = LessonPage.objects.child_of(self).live().public().specific()
        return context


class LessonPage(JisrPage):
    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("learning objectives"), features=["ul", "ol", "bold", "italic"], blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=10)
    required_for_completion = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("The module is complete only when this lesson is."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required_for_completion")],
            heading=_("Completion"),
        ),
        FieldPanel("body"),
    ]
    override_translatable_fields = [
        SynchronizedField("estimated_minutes"),
        SynchronizedField("required_for_completion"),
    ]
    search_text_fields = ("summary", "objectives", "body")
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from .selectors import lesson_navigation

        context = super().get_context(request, *args, **kwargs)
        context["nav"] = lesson_navigation(self, request)
        return context


class GuidePage(JisrPage):
    """The animator's guide (دليل المنشط)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_text_fields = ("intro",)
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePartPage"]

    class Meta:
        verbose_name = _("animator's guide")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_pdf_for

        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        context["guide_pdf"] = guide_pdf_for(self)
        return context


class GuidePartPage(JisrPage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_text_fields = ("intro",)
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.GuidePage"]
    subpage_types = ["cms.GuideSessionPage"]

    class Meta:
        verbose_name = _("guide part")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_pdf_for

        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        context["guide_pdf"] = guide_pdf_for(self)
        return context


class TargetGroup(models.TextChoices):
    FATHERS = "fathers", _("Fathers")
    FEMALE_HEADS = "female_heads", _("Female heads of household")
    FUTURE_PARENTS = "future_parents", _("Future parents")
    EDUCATORS = "educators", _("Educators and caregivers")


class GuideSessionPageForm(WagtailAdminPageForm):
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class GuideSessionPage(JisrPage):
    """One session of the animator's guide, as a facilitator runs it."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    objectives = RichTextField(_("objectives"), features=["ul", "ol", "bold", "italic"], blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    materials = RichTextField(_("materials"), features=["ul", "ol", "bold", "italic"], blank=True)
    activities = StreamField(GuideActivitiesBlock(), verbose_name=_("activities"), blank=True)
    handouts = StreamField(GuideHandoutsBlock(), verbose_name=_("handouts"), blank=True)
    facilitator_tips = RichTextField(_("facilitator tips"), features=["ul", "ol", "bold", "italic", "link"], blank=True)

    base_form_class = GuideSessionPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("duration_minutes"), FieldPanel("target_groups")], heading=_("Session")),
        FieldPanel("objectives"),
        FieldPanel("materials"),
        FieldPanel("activities"),
        FieldPanel("handouts"),
        FieldPanel("facilitator_tips"),
    ]
    override_translatable_fields = [SynchronizedField("duration_minutes"), SynchronizedField("target_groups")]
    search_text_fields = ("intro", "objectives", "materials", "activities", "facilitator_tips")
    search_fields = SEARCH_FIELDS
    parent_page_types = ["cms.GuidePartPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guide session")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_pdf_for

        context = super().get_context(request, *args, **kwargs)
        context["guide_pdf"] = guide_pdf_for(self)
        return context

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[value]) for value in self.target_groups if value in labels]

    @property
    def activities_minutes(self) -> int:
        return sum(block.value["duration_minutes"] or 0 for block in self.activities)


class GuidePdf(models.Model):
    """The whole animator's guide (one language) as one PDF, rebuilt in the
    background when a page of the guide is published (cms.guide_pdf)."""

    guide = models.OneToOneField(GuidePage, on_delete=models.CASCADE, related_name="pdf", verbose_name=_("guide"))
    file = models.FileField(_("file"), upload_to="guide/")
    fingerprint = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    page_count = models.PositiveSmallIntegerField(_("pages"))
    generated_at = models.DateTimeField(_("generated at"))

    class Meta:
        verbose_name = _("guide PDF")


__all__ = [
    "HomePage",
    "ProgrammePage",
    "CoursePage",
    "ModulePage",
    "LessonPage",
    "GuidePage",
    "GuidePartPage",
    "GuideSessionPage",
    "GuidePdf",
]
