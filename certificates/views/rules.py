"""Officers write the certification rules of each course (a new version
each time; the earlier ones stay with the certificates judged by them)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from cms.models import CoursePage
from learning.quizzes.models import Quiz

from ..criteria import rule_requirements
from ..errors import CertificateError
from ..forms import RuleForm
from ..models import CertificationRule
from ..permissions import can_edit_rules
from ..services.rules import certification_rule_create
from .officer import officer_required


def _courses():
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("path")


@officer_required(can_edit_rules)
@require_http_methods(["GET"])
def rules_list(request):
    courses = list(_courses())
    current = {}
    for rule in CertificationRule.objects.filter(course__in=courses).order_by("course_id", "-version"):
        current.setdefault(rule.course_id, rule)
    rows = [{"course": course, "rule": current.get(course.pk)} for course in courses]
    return render(request, "certificates/officer/rules_list.html", {"rows": rows})


@officer_required(can_edit_rules)
@require_http_methods(["GET", "POST"])
def rules_edit(request, course_id: int):
    course = get_object_or_404(_courses(), pk=course_id)
    versions = list(CertificationRule.objects.filter(course=course).prefetch_related("required_quizzes__quiz").order_by("-version"))
    current = versions[0] if versions else None
    quizzes = list(Quiz.objects.filter(course=course).order_by("title_ar"))
    required = {item.quiz_id: item.min_score_percent for item in current.required_quizzes.all()} if current else {}
    form_kwargs = {"quizzes": quizzes, "required": required}
    if request.method == "POST":
        form = RuleForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                rule = certification_rule_create(course=course, actor=request.user, quizzes=form.required_quizzes(), **form.rule_values())
            except CertificateError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Version %(version)d of the rules is saved.") % {"version": rule.version})
                return redirect("certificates:rules_edit", course_id=course.pk)
        status = 400
    else:
        form = _initial_form(current, form_kwargs)
        status = 200
    history = [{"rule": rule, "requirements": rule_requirements(rule), "quizzes": list(rule.required_quizzes.all())} for rule in versions]
    context = {"course": course, "form": form, "current": current, "history": history}
    return render(request, "certificates/officer/rules_edit.html", context, status=status)


def _initial_form(current, form_kwargs) -> RuleForm:
    if current is None:
        return RuleForm(**form_kwargs)
    return RuleForm(initial={name: getattr(current, name) for name in RuleForm._meta.fields}, **form_kwargs)
