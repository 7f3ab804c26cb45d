"""Trainers' and officers' quiz pages: the attempts of their cohorts (and a
CSV export), per-question statistics, grading essays with their rubric,
and exporting a course's bank to Moodle XML. Permissions decide in
permissions.py; services change."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.models import CoursePage

from ..errors import QuizError
from ..models import Quiz, QuestionType
from ..permissions import attempts_visible_to, ensure, may_follow_attempts, may_grade_attempt, may_manage_bank
from ..presenters import attempt_question_view
from ..selectors import attempt_get
from ..services import attempt_essay_grade
from ..services.bank import question_bank_export
from ..question_statistics import quiz_statistics


def _quiz_for(request, quiz_id: int) -> Quiz:
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    ensure(may_follow_attempts(request.user, quiz))
    return quiz


@login_required
def quiz_attempts(request, quiz_id: int):
    quiz = _quiz_for(request, quiz_id)
    attempts = attempts_visible_to(request.user, quiz).select_related("user").order_by("user__full_name_ar", "number")
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}-attempts.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read Arabic as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Trainee"), _("E-mail"), _("Attempt"), _("Status"), _("Started"), _("Submitted"), _("Score (%)"), _("Passed")])
        for attempt in attempts:
            writer.writerow([
                attempt.user.full_name_ar or attempt.user.get_full_name(), attempt.user.email, attempt.number,
                attempt.get_status_display(), attempt.started_at.isoformat(), attempt.submitted_at.isoformat() if attempt.submitted_at else "",
                attempt.score_percent if attempt.score_percent is not None else "", {True: _("yes"), False: _("no")}.get(attempt.passed, ""),
            ])
        return response
    return render(request, "quizzes/trainer/attempts.html", {"quiz": quiz, "attempts": attempts})


@login_required
def quiz_statistics_view(request, quiz_id: int):
    quiz = _quiz_for(request, quiz_id)
    rows = quiz_statistics(attempts_visible_to(request.user, quiz))
    return render(request, "quizzes/trainer/statistics.html", {"quiz": quiz, "rows": rows})


@login_required
def attempt_grade(request, attempt_id: int):
    attempt = attempt_get(attempt_id=attempt_id)
    ensure(may_grade_attempt(request.user, attempt))
    essays = list(attempt.questions.filter(question_type=QuestionType.ESSAY))
    error, failed_position = "", None
    if request.method == "POST":
        position = request.POST.get("position", "")
        essay = next((aq for aq in essays if str(aq.position) == position), None)
        if essay is None:
            error = _("Choose an essay of this attempt.")
        else:
            prefix = f"score-{essay.position}-"
            scores = {key[len(prefix):]: value for key, value in request.POST.items() if key.startswith(prefix)}
            try:
                attempt_essay_grade(attempt_question=essay, grader=request.user, scores=scores, comment=request.POST.get("comment", ""))
            except QuizError as failure:
                error, failed_position = str(failure.message), essay.position
            else:
                messages.success(request, _("Grade saved."))
                return redirect("quizzes:grade", attempt_id=attempt.pk)
    attempt = attempt_get(attempt_id=attempt_id)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "essays": [attempt_question_view(aq, feedback=True) for aq in attempt.questions.filter(question_type=QuestionType.ESSAY)],
        "error": error,
        "failed_position": failed_position,
    }
    return render(request, "quizzes/trainer/grade.html", context, status=400 if error else 200)


@login_required
def bank_export(request, course_id: int):
    ensure(may_manage_bank(request.user))
    course = get_object_or_404(CoursePage, pk=course_id)
    content, _skipped = question_bank_export(course=course, language=request.GET.get("language", "ar"))
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questions-{course.slug}.xml"'
    return response
