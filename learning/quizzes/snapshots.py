"""Freezing a question for an attempt: its texts, options in the order this
trainee sees them, credits and feedback, copied into the attempt so that
later edits of the bank never change what was asked or how it is graded.

The question must come with ``options``, ``rubric`` and ``parts`` (with
their options) prefetched: see ``selectors.questions_for_snapshot``.
"""

import random
from decimal import Decimal

from core.text import normalize_for_matching

from .localized import texts_of
from .models import Question, QuestionType

SNAPSHOT_VERSION = 1


def _decimal(value) -> str:
    return format(Decimal(value).normalize(), "f") if value is not None else "0"


def _options(question: Question) -> list:
    # Sorted here rather than trusting the prefetch order.
    return sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk))


def _shuffled(items: list, rng: random.Random, shuffle: bool) -> list:
    items = list(items)
    if shuffle:
        rng.shuffle(items)
    return items


def question_max_points(snapshot: dict) -> Decimal:
    if snapshot["type"] == QuestionType.SCENARIO:
        return sum((Decimal(part["points"]) for part in snapshot["parts"]), Decimal("0"))
    return Decimal(snapshot["points"])


def question_snapshot(question: Question, rng: random.Random, *, shuffle_options: bool = True) -> dict:
    kind = question.type
    snapshot = {
        "v": SNAPSHOT_VERSION,
        "id": question.pk,
        "type": kind,
        "name": question.name,
        "text": texts_of(question, "text"),
        "explanation": texts_of(question, "general_feedback"),
        "points": _decimal(question.points),
    }
    options = _options(question)
    shuffle = shuffle_options and question.shuffle_options

    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.TRUE_FALSE):
        snapshot["options"] = [
            {"id": o.pk, "text": texts_of(o, "text"), "credit": _decimal(o.grade_percent), "feedback": texts_of(o, "feedback")}
            for o in _shuffled(options, rng, shuffle and kind != QuestionType.TRUE_FALSE)
        ]
        if kind == QuestionType.MULTIPLE_RESPONSE:
            snapshot["scoring"] = question.multiple_scoring

    elif kind == QuestionType.SHORT_ANSWER:
        snapshot["accents_matter"] = question.accents_matter
        snapshot["answers"] = [
            {
                "id": o.pk,
                "texts": [text for text in texts_of(o, "text").values() if text],
                "credit": _decimal(o.grade_percent),
                "feedback": texts_of(o, "feedback"),
            }
            for o in options
        ]

    elif kind == QuestionType.NUMERIC:
        snapshot["answers"] = [
            {
                "id": o.pk,
                "value": _decimal(o.numeric_value),
                "tolerance": _decimal(o.tolerance),
                "credit": _decimal(o.grade_percent),
                "feedback": texts_of(o, "feedback"),
            }
            for o in options
            if o.numeric_value is not None
        ]

    elif kind == QuestionType.MATCHING:
        # Answers that read the same are one choice (two prompts may share
        # « Yes »); an answer without a prompt is a distractor.
        choices, choice_of_text, key = [], {}, {}
        for o in options:
            folded = normalize_for_matching(o.match_text_ar or o.match_text_fr)
            if not folded:
                continue
            if folded not in choice_of_text:
                choice_of_text[folded] = o.pk
                choices.append({"id": o.pk, "text": texts_of(o, "match_text")})
            if o.text_ar or o.text_fr:
                key[str(o.pk)] = choice_of_text[folded]
        prompts = [{"id": o.pk, "text": texts_of(o, "text")} for o in options if str(o.pk) in key]
        snapshot["prompts"] = _shuffled(prompts, rng, shuffle)
        snapshot["choices"] = _shuffled(choices, rng, True)
        snapshot["key"] = key

    elif kind == QuestionType.ORDERING:
        items = [{"id": o.pk, "text": texts_of(o, "text")} for o in options]
        shown = _shuffled(items, rng, True)
        if len(items) > 1 and shown == items:
            shown = shown[1:] + shown[:1]  # never show the answer as the starting order
        snapshot["items"] = shown
        snapshot["key"] = [item["id"] for item in items]

    elif kind == QuestionType.ESSAY:
        snapshot["rubric"] = [
            {
                "id": c.pk,
                "title": texts_of(c, "title"),
                "description": texts_of(c, "description"),
                "max_points": _decimal(c.max_points),
            }
            for c in sorted(question.rubric.all(), key=lambda c: (c.sort_order or 0, c.pk))
        ]

    elif kind == QuestionType.SCENARIO:
        parts = sorted(question.parts.all(), key=lambda part: (part.scenario_order, part.pk))
        snapshot["parts"] = [question_snapshot(part, rng, shuffle_options=shuffle_options) for part in parts]

    return snapshot
