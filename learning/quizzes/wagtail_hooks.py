"""Authoring the question bank and quizzes in the Wagtail admin: one menu
"Question bank" with categories, questions (every type, with options,
per-option feedback, an explanation and, for essays, a rubric) and quizzes
(fixed questions and random draws), and "Import questions" (Moodle XML,
GIFT). Texts are kept in Arabic and French on the same row (see
localized.py for why).

Who sees what: trainers and officers hold the model permissions (migration
0002); ``BankPermissionPolicy`` and ``bank_scope`` (permissions.py) limit
every list, chooser, form choice, edit, copy, delete, history and usage page
to the courses the user may author — a trainer, the programmes they author."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import BankAdminForm
from .models import Question, QuestionCategory, Quiz
from .permissions import BankPermissionPolicy, bank_import_courses, bank_scope, may_manage_bank
from .views.bank_admin import BankImportView

for _model in (QuestionCategory, Question, Quiz):
    register_permission_policy(_model, BankPermissionPolicy(_model))


# One object's pages (edit, copy, delete, history, usage): refused outside
# the user's banks, whatever its URL.
class _InScope:
    scope_action = "change"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = policy_registry.get_by_type(type(obj))
        if not policy.user_has_permission_for_instance(self.request.user, self.scope_action, obj):
            raise PermissionDenied
        return obj


class EditView(_InScope, snippets.EditView):
    pass


class CopyView(_InScope, snippets.CopyView):
    pass


class DeleteView(_InScope, snippets.DeleteView):
    scope_action = "delete"


class HistoryView(_InScope, snippets.HistoryView):
    pass


class UsageView(_InScope, snippets.UsageView):
    pass


# The choosers (a quiz slot's question or category, a question's category
# or scenario) offer only the user's banks.
class _ChooserInScope:
    def get_object_list(self):
        return bank_scope(self.request.user, super().get_object_list())


class ChooseView(_ChooserInScope, chooser.ChooseView):
    pass


class ChooseResultsView(_ChooserInScope, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return bank_scope(self.request.user, self.model_class.objects.all()).get(pk=pk)


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return bank_scope(self.request.user, self.model_class.objects.filter(pk__in=pks))


class BankChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


def _user_courses(request):
    return bank_import_courses(request.user)


def _user_categories(request):
    return bank_scope(request.user, QuestionCategory.objects.all())


class CategoryFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=_user_courses, label=_("course"))

    class Meta:
        model = QuestionCategory
        fields = ["course"]


class QuestionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=_user_courses, label=_("course"))
    category = django_filters.ModelChoiceFilter(queryset=_user_categories, label=_("category"))

    class Meta:
        model = Question
        fields = ["course", "type", "category"]


class QuizFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=_user_courses, label=_("course"))

    class Meta:
        model = Quiz
        fields = ["course", "kind"]


class BankViewSet(SnippetViewSet):
    """The listing, the choosers and the single-object pages kept to the
    user's banks (see _InScope, BankChooserViewSet, BankAdminForm)."""

    edit_view_class = EditView
    copy_view_class = CopyView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    chooser_viewset_class = BankChooserViewSet

    def get_queryset(self, request):
        return bank_scope(request.user, self.model._default_manager.all())


class QuestionCategoryViewSet(BankViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["__str__", "course", "parent"]
    filterset_class = CategoryFilterSet
    search_fields = ["name_ar", "name_fr"]
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("parent"),
            FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
            FieldPanel("description_ar"),
            FieldPanel("description_fr"),
        ],
        base_form_class=BankAdminForm,
    )


class QuestionViewSet(BankViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", Column("type", label=_("type"), accessor="get_type_display"), "category", "points", "updated_at"]
    filterset_class = QuestionFilterSet
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
        ],
        base_form_class=BankAdminForm,
    )


class QuizViewSet(BankViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = ["__str__", "course", Column("kind", label=_("kind"), accessor="get_kind_display"), "pass_mark_percent", "time_limit_minutes"]
    filterset_class = QuizFilterSet
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
        ],
        base_form_class=BankAdminForm,
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
