"""Attempts: start (draw and freeze), save answers, submit, close on time."""

import random
import secrets
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ..answers import clean_response
from ..conf import grace_period
from ..errors import AnswerRejected, AttemptClosed, AttemptTimeUp, NoAttemptsLeft, QuizMisconfigured, QuizNotAvailable
from ..grading import grade_response, is_auto_graded, percent, points_for
from ..models import (
    Attempt,
    AttemptEvent,
    AttemptEventKind,
    AttemptQuestion,
    AttemptStatus,
    CloseReason,
    FeedbackTiming,
    Question,
    QuestionCategory,
    Quiz,
)
from ..snapshots import question_max_points, question_snapshot
from .results import attempt_graded_notify


def _descendants(category_id: int, children: dict[int, list[int]]) -> list[int]:
    found, stack = [], [category_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _draw(quiz: Quiz, rng: random.Random) -> list[int]:
    """The question ids of a new attempt, in the order they are asked.

    One query for the slots, one per random slot for its candidates' ids
    (ordered, so that the seed alone decides the draw), whatever the size of
    the bank."""
    slots = list(quiz.slots.order_by("sort_order", "pk"))
    chosen = [slot.question_id for slot in slots if slot.question_id]
    used = set(chosen)
    children: dict[int, list[int]] | None = None
    ordered: list[int] = []
    for slot in slots:
        if slot.question_id:
            ordered.append(slot.question_id)
            continue
        category_ids = [slot.category_id]
        if slot.include_subcategories:
            if children is None:
                children = {}
                for pk, parent_id in QuestionCategory.objects.filter(course_id=quiz.course_id).values_list("pk", "parent_id"):
                    children.setdefault(parent_id, []).append(pk)
            category_ids = _descendants(slot.category_id, children)
        candidates = (
            Question.objects.filter(category_id__in=category_ids, course_id=quiz.course_id, scenario__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        available = [pk for pk in candidates if pk not in used]
        if len(available) < slot.draw_count:
            raise QuizMisconfigured()
        picked = rng.sample(available, slot.draw_count)
        used.update(picked)
        ordered.extend(picked)
    if not ordered:
        raise QuizMisconfigured()
    if quiz.shuffle_questions:
        rng.shuffle(ordered)
    return ordered


def attempt_draw(*, quiz: Quiz, seed: int) -> list[int]:
    """The question ids an attempt with ``seed`` gets: the same seed on the
    same bank always gives the same questions in the same order."""
    return _draw(quiz, random.Random(seed))


def _questions_for_snapshot(ids: list[int]) -> dict[int, Question]:
    parts = Question.objects.prefetch_related("options").order_by("scenario_order", "pk")
    queryset = Question.objects.filter(pk__in=ids).prefetch_related("options", "rubric", Prefetch("parts", queryset=parts))
    return {question.pk: question for question in queryset}


def _deadline(quiz: Quiz, started_at):
    deadline = started_at + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    return deadline


def is_overdue(attempt: Attempt, now=None) -> bool:
    """Past the deadline and its grace period: nothing more is accepted."""
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace_period()


def _check_available(quiz: Quiz, now) -> None:
    if quiz.opens_at and now < quiz.opens_at:
        raise QuizNotAvailable(_("This quiz opens on %(date)s.") % {"date": timezone.localtime(quiz.opens_at).strftime("%Y-%m-%d %H:%M")})
    if quiz.closes_at and now >= quiz.closes_at:
        raise QuizNotAvailable(_("This quiz is closed."))


def attempt_start(*, user, quiz: Quiz, lesson=None, now=None) -> Attempt:
    """The trainee's open attempt at ``quiz``, or a new one: questions drawn
    and frozen, rules copied. Raises QuizError subclasses when it may not
    start (closed, no attempts left, not enough questions)."""
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(quiz=quiz, user=user, status=AttemptStatus.IN_PROGRESS).first()
    if open_attempt is not None:
        if not attempt_close_if_overdue(attempt_id=open_attempt.pk, now=now):
            return open_attempt
    _check_available(quiz, now)

    try:
        with transaction.atomic():
            previous = Attempt.objects.filter(quiz=quiz, user=user).aggregate(count=Max("number"))["count"] or 0
            if quiz.attempts_allowed and previous >= quiz.attempts_allowed:
                raise NoAttemptsLeft()
            seed = secrets.randbits(62)
            rng = random.Random(seed)
            ids = _draw(quiz, rng)
            questions = _questions_for_snapshot(ids)
            if len(questions) != len(set(ids)):
                raise QuizMisconfigured()
            snapshots = [question_snapshot(questions[pk], rng, shuffle_options=quiz.shuffle_options) for pk in ids]
            per_page = max(1, quiz.questions_per_page)
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=previous + 1,
                lesson=lesson,
                seed=seed,
                started_at=now,
                deadline=_deadline(quiz, now),
                page_count=(len(snapshots) - 1) // per_page + 1,
                pass_mark_percent=quiz.pass_mark_percent,
                time_limit_minutes=quiz.time_limit_minutes,
                grading_method=quiz.grading_method,
                feedback_timing=quiz.feedback_timing,
                closes_at=quiz.closes_at,
                max_score=sum((question_max_points(s) for s in snapshots), Decimal("0")),
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    position=index,
                    page=(index - 1) // per_page + 1,
                    question_id=snapshot["id"],
                    question_type=snapshot["type"],
                    snapshot=snapshot,
                    max_points=question_max_points(snapshot),
                )
                for index, snapshot in enumerate(snapshots, start=1)
            )
            AttemptEvent.objects.create(attempt=attempt, kind=AttemptEventKind.STARTED, actor=user, at=now)
    except IntegrityError:
        # A double click started the same attempt in another request.
        existing = Attempt.objects.filter(quiz=quiz, user=user, status=AttemptStatus.IN_PROGRESS).first()
        if existing is None:
            raise
        return existing
    return attempt


def _lock(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update(of=("self",)).select_related("user").get(pk=attempt.pk)


def attempt_answers_save(*, attempt: Attempt, user, responses: dict[int, object], now=None, check: bool = False, page: int | None = None) -> list[AttemptQuestion]:
    """Store the trainee's answers (position → raw answer from the form).

    All or nothing: one invalid answer rejects the whole request. With
    ``check`` (feedback shown immediately), answered questions are graded
    and locked. Past the deadline and its grace period the attempt is closed
    and graded with what was saved before, and AttemptTimeUp is raised."""
    now = now or timezone.now()
    timed_out = False
    with transaction.atomic():
        attempt = _lock(attempt)
        if not attempt.is_open:
            raise AttemptClosed()
        if is_overdue(attempt, now):
            _close(attempt, now=now, reason=CloseReason.TIME_UP, actor=None)
            timed_out = True
            saved = []
        else:
            saved = _save(attempt, responses, now=now, check=check)
            if page is not None and 1 <= page <= attempt.page_count and page != attempt.current_page:
                attempt.current_page = page
                attempt.save(update_fields=["current_page"])
    if timed_out:
        raise AttemptTimeUp()
    return saved


def _save(attempt: Attempt, responses: dict[int, object], *, now, check: bool) -> list[AttemptQuestion]:
    questions = {aq.position: aq for aq in attempt.questions.filter(position__in=list(responses))}
    unknown = sorted(set(responses) - set(questions))
    if unknown:
        raise AnswerRejected(_("Question %(number)s is not part of this attempt.") % {"number": unknown[0]})
    check = check and attempt.feedback_timing == FeedbackTiming.IMMEDIATELY
    changed = []
    for position in sorted(responses):
        aq = questions[position]
        cleaned = clean_response(aq.snapshot, responses[position], position)
        if aq.locked:
            if cleaned != aq.response:
                raise AnswerRejected(_("Question %(number)s was already checked: its answer can no longer change.") % {"number": position})
            continue
        dirty = cleaned != aq.response
        if dirty:
            aq.response = cleaned
            aq.saved_at = now
        if check and cleaned is not None and is_auto_graded(aq.snapshot):
            grade = grade_response(aq.snapshot, cleaned)
            aq.fraction, aq.detail, aq.points, aq.locked = grade.fraction, grade.detail, points_for(aq.max_points, grade.fraction), True
            dirty = True
        if dirty:
            changed.append(aq)
    if changed:
        AttemptQuestion.objects.bulk_update(changed, ["response", "saved_at", "fraction", "detail", "points", "locked"])
    return changed


def _close(attempt: Attempt, *, now, reason: str, actor) -> None:
    """Grade every automatically graded question with its saved answer and
    close the attempt; it waits for a trainer if it has essays."""
    questions = list(attempt.questions.all())
    for aq in questions:
        if is_auto_graded(aq.snapshot):
            grade = grade_response(aq.snapshot, aq.response)
            aq.fraction, aq.detail, aq.points = grade.fraction, grade.detail, points_for(aq.max_points, grade.fraction)
    AttemptQuestion.objects.bulk_update(questions, ["fraction", "detail", "points"])
    attempt.submitted_at = now
    attempt.close_reason = reason
    attempt.score = sum((aq.points or Decimal("0") for aq in questions), Decimal("0"))
    waiting = any(not is_auto_graded(aq.snapshot) and aq.graded_at is None for aq in questions)
    fields = ["status", "submitted_at", "close_reason", "score"]
    if waiting:
        attempt.status = AttemptStatus.NEEDS_GRADING
    else:
        _mark_graded(attempt, now)
        fields += ["graded_at", "score_percent", "passed"]
    attempt.save(update_fields=fields)
    kind = AttemptEventKind.TIMED_OUT if reason == CloseReason.TIME_UP else AttemptEventKind.SUBMITTED
    AttemptEvent.objects.create(attempt=attempt, kind=kind, actor=actor, at=now, data={"score": str(attempt.score)})
    if not waiting:
        attempt_graded_notify(attempt=attempt)


def _mark_graded(attempt: Attempt, now) -> None:
    attempt.status = AttemptStatus.GRADED
    attempt.graded_at = now
    attempt.score_percent = percent(attempt.score, attempt.max_score)
    attempt.passed = attempt.score_percent >= attempt.pass_mark_percent


def attempt_submit(*, attempt: Attempt, user, now=None) -> Attempt:
    """Close and grade the attempt. A second submit changes nothing. Past
    the deadline and grace period, it is closed as timed out instead."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _lock(attempt)
        if attempt.is_open:
            reason = CloseReason.TIME_UP if is_overdue(attempt, now) else CloseReason.SUBMITTED
            _close(attempt, now=now, reason=reason, actor=user if reason == CloseReason.SUBMITTED else None)
    return attempt


def attempt_close_if_overdue(*, attempt_id: int, now=None) -> bool:
    """Close an attempt whose time ran out, graded with what was saved.
    True if this call closed it (idempotent: False when already closed)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update(of=("self",)).select_related("user").filter(pk=attempt_id).first()
        if attempt is None or not attempt.is_open or not is_overdue(attempt, now):
            return False
        _close(attempt, now=now, reason=CloseReason.TIME_UP, actor=None)
    return True


def attempt_regrade_totals(attempt: Attempt, now) -> None:
    """After an essay is graded: the attempt's score, and its final grade
    once nothing waits for a trainer."""
    questions = list(attempt.questions.only("points", "question_type", "graded_at", "snapshot"))
    attempt.score = sum((aq.points or Decimal("0") for aq in questions), Decimal("0"))
    waiting = any(not is_auto_graded(aq.snapshot) and aq.graded_at is None for aq in questions)
    if waiting:
        attempt.save(update_fields=["score"])
        return
    _mark_graded(attempt, now)
    attempt.save(update_fields=["score", "status", "graded_at", "score_percent", "passed"])
    attempt_graded_notify(attempt=attempt)
