"""The admin's "Import questions" page (Question bank menu): the form, then
services.bank reads and stores the file, all or nothing. Who may import
where is decided in permissions.py (``may_manage_bank``, ``bank_import_courses``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..forms import BankImportForm
from ..interchange.parsed import ImportRejected
from ..permissions import ensure, may_manage_bank
from ..services.bank import bank_file_read, question_bank_import


class BankImportView(WagtailAdminTemplateMixin, FormView):
    form_class = BankImportForm
    template_name = "quizzes/admin/bank_import.html"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        ensure(may_manage_bank(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("quizzes_bank_import"),
            "submit_button_label": _("Import"),
            "submit_button_active_label": _("Importing…"),
        }

    def form_valid(self, form):
        upload, course = form.cleaned_data["file"], form.cleaned_data["course"]
        category = form.category_name()
        try:
            questions = bank_file_read(filename=upload.name, content=form.content, file_format=form.cleaned_data["file_format"] or None)
            created = question_bank_import(course=course, questions=questions, root_name=category, language=form.cleaned_data["language"])
        except ImportRejected as error:
            form.add_error("file", _("%(file)s, %(where)s: %(message)s Nothing was imported.") % {"file": upload.name, "where": error.where, "message": error.message})
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)s question imported into “%(category)s” (%(course)s).",
                "%(count)s questions imported into “%(category)s” (%(course)s).",
                len(created),
            ) % {"count": len(created), "category": category, "course": course.title},
        )
        return redirect(self.success_url_for(course))

    def success_url_for(self, course) -> str:
        """The course's questions, for those who may list them; else a fresh form."""
        if self.request.user.has_perm("quizzes.change_question") or self.request.user.has_perm("quizzes.view_question"):
            return f"{reverse('wagtailsnippets_quizzes_question:list')}?course={course.pk}"
        return reverse("quizzes_bank_import")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
