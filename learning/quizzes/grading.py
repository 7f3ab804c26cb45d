"""Grading: pure functions from a frozen question (its snapshot, see
snapshots.py) and a validated answer to a fraction of the points.

Nothing here reads the database or trusts the browser: the answer was
validated by ``answers.clean_response`` against the same snapshot, and the
score is computed only from what the server stored.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.text import fold_digits, normalize_for_matching

from .models import QuestionType

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
FRACTION_PLACES = Decimal("0.00001")
POINTS_PLACES = Decimal("0.001")
PERCENT_PLACES = Decimal("0.01")


@dataclass
class Grade:
    fraction: Decimal
    # Which options' feedback applies, which prompts were right, per-part
    # results of a scenario: what the review page shows.
    detail: dict = field(default_factory=dict)


def clamp(value: Decimal, low: Decimal = ZERO, high: Decimal = ONE) -> Decimal:
    return max(low, min(high, value))


def quantize_fraction(value: Decimal) -> Decimal:
    return clamp(value).quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def points_for(max_points: Decimal, fraction: Decimal) -> Decimal:
    return (Decimal(max_points) * fraction).quantize(POINTS_PLACES, rounding=ROUND_HALF_UP)


def percent(score: Decimal, max_score: Decimal) -> Decimal:
    if not max_score:
        return ZERO.quantize(PERCENT_PLACES)
    return clamp(Decimal(score) / Decimal(max_score) * HUNDRED, ZERO, HUNDRED).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def parse_number(text: str) -> Decimal | None:
    """A number as people type it on Arabic or French phones: Arabic-Indic
    digits, « ٫ » or « , » as the decimal separator, spaces between groups."""
    if text is None:
        return None
    cleaned = fold_digits(str(text)).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace("−", "-")  # the typographic minus
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _credit(entry: dict) -> Decimal:
    return Decimal(entry.get("credit", "0")) / HUNDRED


def _grade_choice(snapshot: dict, response) -> Grade:
    options = {option["id"]: option for option in snapshot["options"]}
    if snapshot["type"] == QuestionType.MULTIPLE_RESPONSE:
        chosen = set(response or [])
        if snapshot.get("scoring") == "all_or_nothing":
            correct = {option_id for option_id, option in options.items() if _credit(option) > 0}
            fraction = ONE if chosen and chosen == correct else ZERO
        else:
            fraction = sum((_credit(options[option_id]) for option_id in chosen), ZERO)
        return Grade(quantize_fraction(fraction), {"chosen": sorted(chosen)})
    if response is None:
        return Grade(ZERO, {"chosen": []})
    return Grade(quantize_fraction(_credit(options[response])), {"chosen": [response]})


def _wildcard_pattern(normalized_answer: str) -> re.Pattern:
    # Moodle's convention: « * » in an accepted answer matches any text.
    return re.compile("^" + ".*".join(re.escape(part) for part in normalized_answer.split("*")) + "$", re.DOTALL)


def short_answer_matches(accepted: str, given: str, *, accents_matter: bool) -> bool:
    expected = normalize_for_matching(accepted, ignore_accents=not accents_matter)
    actual = normalize_for_matching(given, ignore_accents=not accents_matter)
    if not expected:
        return False
    if "*" in expected:
        return bool(_wildcard_pattern(expected).match(actual))
    return expected == actual


def _best(entries: list[dict], matches) -> Grade:
    best_fraction, best_id = ZERO, None
    for entry in entries:
        if matches(entry) and (best_id is None or _credit(entry) > best_fraction):
            best_fraction, best_id = _credit(entry), entry["id"]
    return Grade(quantize_fraction(best_fraction), {"chosen": [best_id] if best_id is not None else []})


def _grade_short_answer(snapshot: dict, response) -> Grade:
    if not response:
        return Grade(ZERO, {"chosen": []})
    accents = bool(snapshot.get("accents_matter"))
    return _best(
        snapshot["answers"],
        lambda entry: any(short_answer_matches(text, response, accents_matter=accents) for text in entry["texts"]),
    )


def _grade_numeric(snapshot: dict, response) -> Grade:
    value = parse_number(response) if response else None
    if value is None:
        return Grade(ZERO, {"chosen": []})
    return _best(
        snapshot["answers"],
        lambda entry: abs(value - Decimal(entry["value"])) <= Decimal(entry.get("tolerance") or "0"),
    )


def _grade_matching(snapshot: dict, response) -> Grade:
    response = response or {}
    key = snapshot["key"]
    right = [prompt_id for prompt_id, choice_id in key.items() if response.get(prompt_id) == choice_id]
    fraction = Decimal(len(right)) / Decimal(len(key)) if key else ZERO
    return Grade(quantize_fraction(fraction), {"right": sorted(right)})


def _grade_ordering(snapshot: dict, response) -> Grade:
    """Credit for each item followed by the item that should follow it
    (Moodle's “relative to the next item”): one misplaced item costs little."""
    key = snapshot["key"]
    if not response or len(key) < 2:
        return Grade(ONE if response and response == key else ZERO, {"right_pairs": 0})
    follows = {key[i]: key[i + 1] for i in range(len(key) - 1)}
    right_pairs = sum(1 for i in range(len(response) - 1) if follows.get(response[i]) == response[i + 1])
    return Grade(quantize_fraction(Decimal(right_pairs) / Decimal(len(key) - 1)), {"right_pairs": right_pairs})


def _grade_scenario(snapshot: dict, response) -> Grade:
    response = response or {}
    total = ZERO
    earned = ZERO
    parts = {}
    for part in snapshot["parts"]:
        part_grade = grade_response(part, response.get(str(part["id"])))
        weight = Decimal(part["points"])
        total += weight
        earned += weight * part_grade.fraction
        parts[str(part["id"])] = {"fraction": str(part_grade.fraction), "detail": part_grade.detail}
    fraction = earned / total if total else ZERO
    return Grade(quantize_fraction(fraction), {"parts": parts})


_GRADERS = {
    QuestionType.SINGLE_CHOICE: _grade_choice,
    QuestionType.TRUE_FALSE: _grade_choice,
    QuestionType.MULTIPLE_RESPONSE: _grade_choice,
    QuestionType.SHORT_ANSWER: _grade_short_answer,
    QuestionType.NUMERIC: _grade_numeric,
    QuestionType.MATCHING: _grade_matching,
    QuestionType.ORDERING: _grade_ordering,
    QuestionType.SCENARIO: _grade_scenario,
}


def is_auto_graded(snapshot: dict) -> bool:
    return snapshot["type"] in _GRADERS


def grade_response(snapshot: dict, response) -> Grade:
    """The grade of a validated ``response`` to an automatically graded
    question. Essays are graded by a trainer (``grade_rubric``)."""
    grader = _GRADERS.get(snapshot["type"])
    if grader is None:
        raise ValueError(f"{snapshot['type']} questions are graded by a trainer")
    return grader(snapshot, response)


def grade_rubric(snapshot: dict, scores: dict[str, Decimal]) -> Grade:
    """An essay's fraction from the trainer's points per rubric criterion;
    without a rubric, one overall score out of the question's points."""
    rubric = snapshot.get("rubric") or []
    if not rubric:
        points = Decimal(snapshot["points"])
        earned = Decimal(scores.get("overall", ZERO))
        return Grade(quantize_fraction(earned / points if points else ZERO), {"scores": {"overall": str(earned)}})
    maximum = sum((Decimal(criterion["max_points"]) for criterion in rubric), ZERO)
    earned = sum((Decimal(scores.get(str(criterion["id"]), ZERO)) for criterion in rubric), ZERO)
    return Grade(
        quantize_fraction(earned / maximum if maximum else ZERO),
        {"scores": {str(c["id"]): str(scores.get(str(c["id"]), ZERO)) for c in rubric}},
    )
