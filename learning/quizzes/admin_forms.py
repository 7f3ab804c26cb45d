"""The question bank's admin forms (wagtail_hooks.py): every choice of a
course, category, scenario or quiz slot question is limited to the banks the
user may author (``bank_scope`` in permissions.py), so a trainer can neither
pick nor post another programme's course or questions."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import CoursePage

from .models import Question, QuestionCategory
from .permissions import bank_import_courses, bank_scope

SCOPED_MODELS = (QuestionCategory, Question)


def _scope_fields(fields, user) -> None:
    for name, field in fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if name == "course" and queryset.model is CoursePage:
            # A plain list of the courses they may author, not the page chooser.
            field.widget = forms.Select()
            field.queryset = bank_import_courses(user)
        elif queryset.model in SCOPED_MODELS:
            field.queryset = bank_scope(user, queryset)


class BankAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        _scope_fields(self.fields, self.for_user)
        for formset in self.formsets.values():  # quiz slots: their question or category
            for form in formset.forms:
                _scope_fields(form.fields, self.for_user)
