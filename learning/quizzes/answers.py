"""Answers as they arrive from a form (page submit without JavaScript, or
the same form sent by the autosave script): decoded per question, then
validated by type against the attempt's frozen question. Anything that does
not fit (an option that is not an option, a question not in the attempt, a
word where a number is expected) is rejected with a message naming it."""

import re

from django.utils.translation import gettext as _

from .errors import AnswerRejected
from .grading import parse_number
from .models import QuestionType

MAX_SHORT_ANSWER = 500
MAX_NUMBER_TEXT = 50
MAX_ESSAY = 20_000
_POSITION_FIELD = re.compile(r"^q(\d+)(?:-|$)")


def field_name(prefix: str, *parts) -> str:
    return "-".join([prefix, *map(str, parts)])


def positions_in(data) -> set[int]:
    """The question numbers a form speaks about: those it says it showed and
    those it carries answers for."""
    positions = set()
    for value in data.getlist("shown"):
        if not str(value).isdigit():
            raise AnswerRejected(_("The form is not valid: reload the page."))
        positions.add(int(value))
    for key in data:
        match = _POSITION_FIELD.match(key)
        if match:
            positions.add(int(match.group(1)))
    return positions


def decode(snapshot: dict, prefix: str, data):
    """The raw answer (strings) for one question from form data."""
    kind = snapshot["type"]
    if kind == QuestionType.MULTIPLE_RESPONSE:
        return data.getlist(prefix)
    if kind == QuestionType.MATCHING:
        return {str(p["id"]): data.get(field_name(prefix, "m" + str(p["id"])), "") for p in snapshot["prompts"]}
    if kind == QuestionType.ORDERING:
        return {str(i["id"]): data.get(field_name(prefix, "o" + str(i["id"])), "") for i in snapshot["items"]}
    if kind == QuestionType.SCENARIO:
        return {str(part["id"]): decode(part, field_name(prefix, "p" + str(part["id"])), data) for part in snapshot["parts"]}
    return data.get(prefix, "")


def _as_id(value, valid_ids, message):
    if isinstance(value, bool):
        raise AnswerRejected(message)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise AnswerRejected(message) from None
    if value not in valid_ids:
        raise AnswerRejected(message)
    return value


def _text(raw, limit: int, message) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise AnswerRejected(message)
    text = raw.strip()
    if len(text) > limit:
        raise AnswerRejected(message)
    return text or None


def clean_response(snapshot: dict, raw, number):
    """The validated answer, in the form stored and graded; ``None`` for no
    answer. Raises AnswerRejected with a message naming question ``number``."""
    kind = snapshot["type"]
    not_an_option = _("Question %(number)s: this is not one of the question's options.") % {"number": number}

    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE):
        if raw in (None, ""):
            return None
        return _as_id(raw, {o["id"] for o in snapshot["options"]}, not_an_option)

    if kind == QuestionType.MULTIPLE_RESPONSE:
        if raw in (None, ""):
            return None
        if not isinstance(raw, list):
            raise AnswerRejected(not_an_option)
        valid = {o["id"] for o in snapshot["options"]}
        chosen = {_as_id(value, valid, not_an_option) for value in raw if value != ""}
        return sorted(chosen) or None

    if kind == QuestionType.SHORT_ANSWER:
        return _text(raw, MAX_SHORT_ANSWER, _("Question %(number)s: the answer is too long.") % {"number": number})

    if kind == QuestionType.NUMERIC:
        not_a_number = _("Question %(number)s: enter a number, for example 12 or 3.5.") % {"number": number}
        text = _text(raw, MAX_NUMBER_TEXT, not_a_number)
        if text is not None and parse_number(text) is None:
            raise AnswerRejected(not_a_number)
        return text

    if kind == QuestionType.ESSAY:
        return _text(raw, MAX_ESSAY, _("Question %(number)s: the answer is too long.") % {"number": number})

    if kind == QuestionType.MATCHING:
        if raw in (None, ""):
            return None
        if not isinstance(raw, dict):
            raise AnswerRejected(not_an_option)
        prompts = {str(p["id"]) for p in snapshot["prompts"]}
        choices = {c["id"] for c in snapshot["choices"]}
        cleaned = {}
        for prompt_id, choice_id in raw.items():
            if str(prompt_id) not in prompts:
                raise AnswerRejected(not_an_option)
            if choice_id in (None, ""):
                continue
            cleaned[str(prompt_id)] = _as_id(choice_id, choices, not_an_option)
        return cleaned or None

    if kind == QuestionType.ORDERING:
        if raw in (None, ""):
            return None
        items = [i["id"] for i in snapshot["items"]]
        if isinstance(raw, dict):
            # From the form: item → its position (1..n), each position once.
            bad_positions = _("Question %(number)s: give each item a different position.") % {"number": number}
            if set(map(str, items)) != set(map(str, raw)):
                raise AnswerRejected(not_an_option)
            if all(value in (None, "") for value in raw.values()):
                return None
            ranks = {}
            for item_id, rank in raw.items():
                rank = _as_id(rank, set(range(1, len(items) + 1)), bad_positions)
                ranks[int(item_id)] = rank
            if len(set(ranks.values())) != len(items):
                raise AnswerRejected(bad_positions)
            return [item_id for item_id, _rank in sorted(ranks.items(), key=lambda pair: pair[1])]
        if not isinstance(raw, list) or sorted(map(str, raw)) != sorted(map(str, items)):
            raise AnswerRejected(not_an_option)
        return [int(value) for value in raw]

    if kind == QuestionType.SCENARIO:
        if raw in (None, ""):
            return None
        if not isinstance(raw, dict):
            raise AnswerRejected(not_an_option)
        parts = {str(part["id"]): part for part in snapshot["parts"]}
        cleaned = {}
        for part_id, part_raw in raw.items():
            if part_id not in parts:
                raise AnswerRejected(not_an_option)
            label = f"{number}.{list(parts).index(part_id) + 1}"
            value = clean_response(parts[part_id], part_raw, label)
            if value is not None:
                cleaned[part_id] = value
        return cleaned or None

    raise AnswerRejected(not_an_option)


def is_answered(response) -> bool:
    return response not in (None, "", [], {})


def responses_from_form(questions: dict[int, object], data) -> dict[int, object]:
    """position → raw answer for every question a submitted page speaks
    about (``questions``: the attempt's questions by position). A question
    the form names that is not in the attempt rejects the whole form."""
    responses = {}
    for position in sorted(positions_in(data)):
        aq = questions.get(position)
        if aq is None:
            raise AnswerRejected(_("Question %(number)s is not part of this attempt.") % {"number": position})
        responses[position] = decode(aq.snapshot, field_name("q" + str(position)), data)
    return responses
