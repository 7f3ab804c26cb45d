"""The trainee's quiz pages: the quiz's overview, starting or resuming an
attempt, answering page by page (every page change saves; a small script
also saves as the trainee types), the summary with the submit button, and
the review. Thin: permissions decide, services change, presenters show."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import user_is_staff_member
from cms.models import LessonPage
from learning.selectors import localized_pages

from ..answers import is_answered, positions_in, responses_from_form
from ..errors import AttemptClosed, AttemptTimeUp, QuizError
from ..models import Attempt, AttemptStatus, Quiz
from ..permissions import ensure, may_answer_attempt, may_take_quiz, may_view_attempt
from ..presenters import attempt_question_view, feedback_visible, question_view, score_visible
from ..selectors import attempt_get, attempts_of, quiz_result_get, seconds_left, time_left
from ..services import attempt_answers_save, attempt_close_if_overdue, attempt_start, attempt_submit

JSON_HEADER = "HTTP_X_QUIZ_AUTOSAVE"


def _lesson_from(request) -> LessonPage | None:
    raw = request.POST.get("lesson") or request.GET.get("lesson")
    if not raw or not str(raw).isdigit():
        return None
    lesson = LessonPage.objects.filter(pk=int(raw)).first()
    return lesson.canonical_page if lesson else None


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@login_required
def quiz_detail(request, quiz_id: int):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=quiz_id)
    lesson = _lesson_from(request)
    ensure(may_take_quiz(request.user, quiz, lesson, request=request))
    attempts = attempts_of(user=request.user, quiz=quiz)
    open_attempt = next((a for a in attempts if a.is_open), None)
    used = len(attempts)
    context = {
        "quiz": quiz,
        "lesson": lesson,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "result": quiz_result_get(user=request.user, quiz=quiz),
        "attempts_left": (quiz.attempts_allowed - used) if quiz.attempts_allowed else None,
        "can_start": open_attempt is None and (not quiz.attempts_allowed or used < quiz.attempts_allowed),
        "next_url": _safe_next(request) or "",
    }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
@login_required
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    lesson = _lesson_from(request)
    ensure(may_take_quiz(request.user, quiz, lesson, request=request))
    try:
        attempt = attempt_start(user=request.user, quiz=quiz, lesson=lesson)
    except QuizError as error:
        messages.error(request, error.message)
        url = reverse("quizzes:quiz", args=[quiz.pk])
        return redirect(f"{url}?lesson={lesson.pk}" if lesson else url)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


def _own_open_attempt(request, attempt_id: int) -> Attempt:
    attempt = attempt_get(attempt_id=attempt_id)
    ensure(may_answer_attempt(request.user, attempt))
    return attempt


def _page_number(raw, attempt: Attempt) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return attempt.current_page
    return min(max(1, number), attempt.page_count)


def _closed_redirect(request, attempt: Attempt, error: QuizError | None = None):
    if error is not None:
        messages.warning(request, error.message) if isinstance(error, AttemptTimeUp) else messages.error(request, error.message)
    return redirect("quizzes:review", attempt_id=attempt.pk)


def _attempt_context(request, attempt: Attempt, page: int, *, error: str = "", posted=None):
    questions = list(attempt.questions.all())
    shown = [q for q in questions if q.page == page]
    views = [attempt_question_view(aq, feedback=False) for aq in shown]
    if posted is not None:
        # The page came back with an error: show what was typed, not what was saved.
        for view, aq in zip(views, shown):
            if aq.position in posted and not aq.locked:
                fresh = question_view(aq.snapshot, posted[aq.position], number=aq.position, prefix=view.prefix, feedback=False)
                fresh.points = view.points
                views[views.index(view)] = fresh
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "page": page,
        "pages": [
            {"number": n, "answered": all(is_answered(q.response) for q in questions if q.page == n)}
            for n in range(1, attempt.page_count + 1)
        ],
        "questions": views,
        "answered_count": sum(1 for q in questions if is_answered(q.response)),
        "question_count": len(questions),
        **time_left(attempt),
        "check_allowed": attempt.feedback_timing == "immediately",
        "error": error,
    }


@login_required
def attempt_view(request, attempt_id: int):
    attempt = _own_open_attempt(request, attempt_id)
    if not attempt.is_open or attempt_close_if_overdue(attempt_id=attempt.pk):
        if request.method == "POST" and attempt.is_open:
            messages.warning(request, AttemptTimeUp.default_message)
        return redirect("quizzes:review", attempt_id=attempt.pk)
    page = _page_number(request.GET.get("page"), attempt)
    if request.method != "POST":
        return render(request, "quizzes/attempt.html", _attempt_context(request, attempt, page))

    page = _page_number(request.POST.get("page"), attempt)
    go = request.POST.get("go", "")
    target = {"next": page + 1, "previous": page - 1}.get(go, page)
    if go.startswith("page-"):
        target = _page_number(go[5:], attempt)
    target = _page_number(target, attempt)
    posted = None
    try:
        posted = responses_from_form(_questions_named(attempt, request.POST), request.POST)
        attempt_answers_save(attempt=attempt, user=request.user, responses=posted, check=go == "check", page=target)
    except AttemptClosed as error:
        return _closed_redirect(request, attempt, error)
    except QuizError as error:
        attempt.refresh_from_db()
        context = _attempt_context(request, attempt, page, error=str(error.message), posted=posted)
        return render(request, "quizzes/attempt.html", context, status=400)
    if go == "submit":  # the timer ran out (the script sends this)
        attempt = attempt_submit(attempt=attempt, user=request.user)
        messages.warning(request, _("The time is up: your attempt was submitted."))
        return redirect("quizzes:review", attempt_id=attempt.pk)
    if go in ("summary", "finish"):
        return redirect("quizzes:summary", attempt_id=attempt.pk)
    if go == "check":
        return redirect(f"{reverse('quizzes:attempt', args=[attempt.pk])}?page={page}")
    return redirect(f"{reverse('quizzes:attempt', args=[attempt.pk])}?page={target}")


def _questions_named(attempt: Attempt, data) -> dict:
    """The attempt's questions a form speaks about, by position (one query).
    A page sent from a stale tab may name another page's questions: they
    are saved too, since they belong to the attempt."""
    positions = positions_in(data)
    if not positions:
        return {}
    return {aq.position: aq for aq in attempt.questions.filter(position__in=positions)}


@require_POST
@login_required
def attempt_autosave(request, attempt_id: int):
    """The script's save: the same form as the page, answered in JSON."""
    attempt = _own_open_attempt(request, attempt_id)
    try:
        questions = _questions_named(attempt, request.POST)
        responses = responses_from_form(questions, request.POST)
        saved = attempt_answers_save(attempt=attempt, user=request.user, responses=responses)
    except AttemptClosed as error:
        return JsonResponse(
            {"ok": False, "closed": True, "message": str(error.message), "review_url": reverse("quizzes:review", args=[attempt.pk])},
            status=409,
        )
    except QuizError as error:
        return JsonResponse({"ok": False, "message": str(error.message)}, status=400)
    attempt.refresh_from_db(fields=["deadline"])
    return JsonResponse(
        {
            "ok": True,
            "saved": len(saved),
            "seconds_left": seconds_left(attempt),
            "message": _("Saved at %(time)s") % {"time": timezone.localtime().strftime("%H:%M:%S")},
        }
    )


@login_required
def attempt_summary(request, attempt_id: int):
    attempt = _own_open_attempt(request, attempt_id)
    if not attempt.is_open or attempt_close_if_overdue(attempt_id=attempt.pk):
        return redirect("quizzes:review", attempt_id=attempt.pk)
    if request.method == "POST":
        attempt = attempt_submit(attempt=attempt, user=request.user)
        if attempt.status == AttemptStatus.NEEDS_GRADING:
            messages.info(request, _("Your attempt was submitted. A trainer will grade your written answers."))
        else:
            messages.success(request, _("Your attempt was submitted and graded."))
        return redirect("quizzes:review", attempt_id=attempt.pk)
    questions = list(attempt.questions.all())
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "rows": [{"position": q.position, "page": q.page, "answered": is_answered(q.response)} for q in questions],
        "unanswered": sum(1 for q in questions if not is_answered(q.response)),
        **time_left(attempt),
    }
    return render(request, "quizzes/attempt_summary.html", context)


@login_required
def attempt_review(request, attempt_id: int):
    attempt = attempt_get(attempt_id=attempt_id)
    ensure(may_view_attempt(request.user, attempt))
    if attempt.is_open and attempt.user_id == request.user.pk:
        if not attempt_close_if_overdue(attempt_id=attempt.pk):
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        attempt = attempt_get(attempt_id=attempt_id)
    staff = attempt.user_id != request.user.pk and user_is_staff_member(request.user)
    feedback = feedback_visible(attempt, staff=staff)
    questions = list(attempt.questions.all()) if not attempt.is_open else []
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "feedback": feedback,
        "show_score": score_visible(attempt),
        "questions": [attempt_question_view(aq, feedback=feedback) for aq in questions],
        "lesson_url": _lesson_url(attempt, request),
    }
    return render(request, "quizzes/attempt_review.html", context)


def _lesson_url(attempt: Attempt, request) -> str:
    if not attempt.lesson_id:
        return ""
    page = localized_pages([attempt.lesson_id]).get(attempt.lesson_id)
    return page.get_url(request) if page else ""
