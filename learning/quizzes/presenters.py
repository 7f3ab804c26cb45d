"""What the attempt and review pages show: a frozen question (its snapshot),
the trainee's saved answer and, when the review setting allows, the right
answers and feedback — in the reader's language, ready for templates.

Nothing here reads the database: the pages load the attempt's questions in
one query and pass them through these functions.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from .answers import field_name
from .grading import grade_response, is_auto_graded
from .localized import pick
from .models import Attempt, AttemptStatus, FeedbackTiming, QuestionType


def feedback_visible(attempt: Attempt, *, now=None, staff: bool = False) -> bool:
    """May the right answers and feedback of a closed attempt be shown?"""
    if staff:
        return True
    if attempt.is_open:
        return False
    timing = attempt.feedback_timing
    if timing in (FeedbackTiming.IMMEDIATELY, FeedbackTiming.AFTER_SUBMISSION):
        return True
    if timing == FeedbackTiming.AFTER_CLOSE:
        return attempt.closes_at is not None and (now or timezone.now()) >= attempt.closes_at
    return False


def score_visible(attempt: Attempt) -> bool:
    return attempt.status == AttemptStatus.GRADED


@dataclass
class Choice:
    id: int
    text: str
    checked: bool = False
    correct: bool = False
    feedback: str = ""


@dataclass
class QuestionView:
    number: str
    prefix: str
    type: str
    text: str
    points: Decimal
    answered: bool
    feedback: bool  # show right answers and feedback
    explanation: str = ""
    value: str = ""  # short answer, numeric, essay
    choices: list = field(default_factory=list)  # choices, matching choices
    prompts: list = field(default_factory=list)  # matching: (prompt, selected id, right id, right text)
    items: list = field(default_factory=list)  # ordering: (item, rank)
    positions: list = field(default_factory=list)  # ordering: 1..n
    parts: list = field(default_factory=list)  # scenario
    rubric: list = field(default_factory=list)  # essay: (title, description, max points, given)
    accepted: list = field(default_factory=list)  # short answer / numeric right answers
    answer_feedback: str = ""
    correct_order: list = field(default_factory=list)
    fraction: Decimal | None = None
    earned: Decimal | None = None
    locked: bool = False
    grader_comment: str = ""
    needs_grading: bool = False

    @property
    def input_name(self) -> str:
        return self.prefix

    @property
    def verdict(self) -> str:
        if self.fraction is None:
            return ""
        if self.fraction >= 1:
            return "right"
        return "partial" if self.fraction > 0 else "wrong"


def _credit(entry) -> Decimal:
    return Decimal(entry.get("credit", "0"))


def _feedback_of(entries, chosen_ids) -> str:
    texts = [pick(entry.get("feedback")) for entry in entries if entry["id"] in chosen_ids]
    return " ".join(text for text in texts if text)


def question_view(snapshot: dict, response, *, number, prefix: str, feedback: bool, grade=None) -> QuestionView:
    """``grade``: (fraction, detail) stored for the answer, or None to work
    it out here (scenario parts, immediate feedback)."""
    kind = snapshot["type"]
    answered = response not in (None, "", [], {})
    view = QuestionView(
        number=str(number), prefix=prefix, type=kind, text=pick(snapshot.get("text")),
        points=Decimal(snapshot.get("points") or "0"), answered=answered, feedback=feedback,
    )
    if feedback:
        view.explanation = pick(snapshot.get("explanation"))
        if grade is None and is_auto_graded(snapshot):
            computed = grade_response(snapshot, response)
            grade = (computed.fraction, computed.detail)
        if grade is not None:
            view.fraction = grade[0]
    detail = grade[1] if grade else {}

    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.MULTIPLE_RESPONSE):
        chosen = set(response if isinstance(response, list) else ([response] if response is not None else []))
        view.choices = [
            Choice(o["id"], pick(o["text"]), o["id"] in chosen, _credit(o) > 0, pick(o.get("feedback")) if feedback and o["id"] in chosen else "")
            for o in snapshot["options"]
        ]
    elif kind in (QuestionType.SHORT_ANSWER, QuestionType.NUMERIC, QuestionType.ESSAY):
        view.value = response or ""
        if feedback and kind == QuestionType.SHORT_ANSWER:
            view.accepted = [entry["texts"][0] for entry in snapshot["answers"] if _credit(entry) >= 100 and entry["texts"]]
        elif feedback and kind == QuestionType.NUMERIC:
            view.accepted = [
                entry["value"] + (f" ± {entry['tolerance']}" if Decimal(entry["tolerance"]) else "")
                for entry in snapshot["answers"] if _credit(entry) >= 100
            ]
        if feedback and kind != QuestionType.ESSAY:
            view.answer_feedback = _feedback_of(snapshot["answers"], set(detail.get("chosen", [])))
        if kind == QuestionType.ESSAY:
            view.rubric = [
                {"id": c["id"], "title": pick(c["title"]), "description": pick(c.get("description")), "max_points": c["max_points"]}
                for c in snapshot.get("rubric") or []
            ]
    elif kind == QuestionType.MATCHING:
        response = response or {}
        choice_text = {c["id"]: pick(c["text"]) for c in snapshot["choices"]}
        view.choices = [Choice(c["id"], choice_text[c["id"]]) for c in snapshot["choices"]]
        view.prompts = [
            {
                "id": p["id"], "text": pick(p["text"]), "name": field_name(prefix, "m" + str(p["id"])),
                "selected": response.get(str(p["id"])),
                "right": snapshot["key"][str(p["id"])] == response.get(str(p["id"])),
                "right_text": choice_text[snapshot["key"][str(p["id"])]],
            }
            for p in snapshot["prompts"]
        ]
    elif kind == QuestionType.ORDERING:
        rank_of = {item_id: rank for rank, item_id in enumerate(response or [], start=1)}
        view.positions = list(range(1, len(snapshot["items"]) + 1))
        view.items = [
            {"id": i["id"], "text": pick(i["text"]), "name": field_name(prefix, "o" + str(i["id"])), "rank": rank_of.get(i["id"])}
            for i in snapshot["items"]
        ]
        texts = {i["id"]: pick(i["text"]) for i in snapshot["items"]}
        view.correct_order = [texts[item_id] for item_id in snapshot["key"]] if feedback else []
    elif kind == QuestionType.SCENARIO:
        response = response or {}
        part_details = detail.get("parts", {})
        view.points = sum((Decimal(part["points"]) for part in snapshot["parts"]), Decimal("0"))
        for index, part in enumerate(snapshot["parts"], start=1):
            stored = part_details.get(str(part["id"]))
            part_grade = (Decimal(stored["fraction"]), stored["detail"]) if stored else None
            view.parts.append(
                question_view(
                    part, response.get(str(part["id"])), number=f"{number}.{index}",
                    prefix=field_name(prefix, "p" + str(part["id"])), feedback=feedback, grade=part_grade,
                )
            )
    return view


def attempt_question_view(aq, *, feedback: bool) -> QuestionView:
    """A question of an attempt as stored: answer, points and, once graded
    or checked, its grade."""
    shown = feedback or aq.locked
    grade = (aq.fraction, aq.detail) if aq.fraction is not None else None
    view = question_view(aq.snapshot, aq.response, number=aq.position, prefix="q" + str(aq.position), feedback=shown, grade=grade)
    view.points = aq.max_points
    view.locked = aq.locked
    if shown:
        view.earned = aq.points
    if aq.question_type == QuestionType.ESSAY:
        view.needs_grading = aq.graded_at is None
        view.grader_comment = aq.grader_comment if shown else ""
        scores = aq.rubric_scores or {}
        for criterion in view.rubric:
            criterion["given"] = scores.get(str(criterion["id"]))
        view.fraction = aq.fraction if shown and aq.graded_at else None
    return view


def quiz_block_context(value, parent_context) -> dict:
    """The quiz block in a lesson: the quiz's rules and, for the reader, the
    open attempt, the attempts used and the result (three small queries)."""
    from django.urls import reverse

    from .selectors import attempts_of, quiz_result_get

    quiz = value.get("quiz")
    request = parent_context.get("request")
    page = parent_context.get("page")
    context = {"quiz": quiz, "required": value.get("required")}
    if quiz is None:
        return context
    lesson = getattr(page, "canonical_page", None)
    url = reverse("quizzes:quiz", args=[quiz.pk])
    context["quiz_url"] = f"{url}?lesson={lesson.pk}" if lesson is not None else url
    context["lesson"] = lesson
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    attempts = attempts_of(user=user, quiz=quiz)
    context.update(
        attempts=attempts,
        open_attempt=next((a for a in attempts if a.is_open), None),
        result=quiz_result_get(user=user, quiz=quiz),
        attempts_left=(quiz.attempts_allowed - len(attempts)) if quiz.attempts_allowed else None,
    )
    return context
