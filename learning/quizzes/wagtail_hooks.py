"""Authoring the question bank and quizzes in the Wagtail admin: one menu
"Question bank" with categories, questions (every type, with options,
per-option feedback, an explanation and, for essays, a rubric) and quizzes
(fixed questions and random draws), and "Import questions" (Moodle XML,
GIFT). Texts are kept in Arabic and French on the same row (see
localized.py for why)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, QuestionCategory, Quiz
from .permissions import may_manage_bank
from .views.bank_admin import BankImportView


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["__str__", "course", "parent"]
    list_filter = ["course"]
    search_fields = ["name_ar", "name_fr"]
    panels = [
        FieldPanel("course"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
        FieldPanel("description_ar"),
        FieldPanel("description_fr"),
    ]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", Column("type", label=_("type"), accessor="get_type_display"), "category", "points", "updated_at"]
    list_filter = ["course", "type", "category"]
    search_fields = ["search_text", "name", "id_number"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("course"), FieldPanel("category")]),
                    FieldRowPanel([FieldPanel("type"), FieldPanel("points")]),
                    FieldRowPanel([FieldPanel("name"), FieldPanel("id_number")]),
                    FieldPanel("text_ar"),
                    FieldPanel("text_fr"),
                    MultiFieldPanel(
                        [FieldPanel("general_feedback_ar"), FieldPanel("general_feedback_fr")], heading=_("Explanation")
                    ),
                    FieldPanel("tags"),
                ],
                heading=_("Question"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "options", heading=_("Options and answers"), label=_("Option"),
                        help_text=_(
                            "Choices: text and credit (100 for right, 0 for wrong). Short answer: each accepted answer "
                            "(* matches any text). Numeric: the value and its tolerance. Matching: the prompt and its "
                            "matching answer (an answer without prompt is a distractor). Ordering: the items in the right order."
                        ),
                    ),
                    FieldRowPanel([FieldPanel("shuffle_options"), FieldPanel("multiple_scoring"), FieldPanel("accents_matter")]),
                ],
                heading=_("Answers"),
            ),
            ObjectList(
                [FieldRowPanel([FieldPanel("scenario"), FieldPanel("scenario_order")]), InlinePanel("rubric", heading=_("Rubric (essays)"), label=_("Criterion"))],
                heading=_("Scenario and rubric"),
            ),
        ]
    )


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = ["__str__", "course", Column("kind", label=_("kind"), accessor="get_kind_display"), "pass_mark_percent", "time_limit_minutes"]
    list_filter = ["course", "kind"]
    search_fields = ["title_ar", "title_fr"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("course"), FieldPanel("kind"), FieldPanel("module")]),
                    FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")]),
                    FieldPanel("intro_ar"),
                    FieldPanel("intro_fr"),
                    InlinePanel("slots", heading=_("Questions"), label=_("Question or random draw")),
                ],
                heading=_("Quiz"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("attempts_allowed"), FieldPanel("grading_method"), FieldPanel("pass_mark_percent")]),
                    FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options"), FieldPanel("questions_per_page")]),
                    FieldPanel("feedback_timing"),
                ],
                heading=_("Rules"),
            ),
        ]
    )


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"
    menu_order = 250

    def get_submenu_items(self):
        return [*super().get_submenu_items(), BankImportMenuItem(_("Import questions"), reverse_lazy("quizzes_bank_import"), icon_name="upload", order=len(self.items) + 1)]


class BankImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_bank(request.user)


register_snippet(QuestionBankGroup)


@hooks.register("register_admin_urls")
def quizzes_admin_urls():
    return [path("quizzes/import/", BankImportView.as_view(), name="quizzes_bank_import")]
