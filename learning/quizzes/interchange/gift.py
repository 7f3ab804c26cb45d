"""GIFT (Moodle's text format): questions separated by blank lines, the
answers between braces.

    $CATEGORY: $course$/top/Médiation
    // a comment
    ::Rôle du médiateur:: Le médiateur… {=aide les parties ~tranche le litige#Non : il ne juge pas.}
    ::Vrai ou faux:: La médiation est volontaire. {T}
    Qui décide ? {=les parties =les deux parties}          (short answer)
    Combien d'étapes ? {#4:0}                                (numeric, value:tolerance)
    Associez. {=médiateur -> tiers neutre =parties -> décident}
    Décrivez… {}                                             (essay)
    {~%50%A ~%50%B ~%-100%C ####explanation}                 (multiple response)

Errors name the line the question starts on.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..models import QuestionType
from .parsed import ImportRejected, ParsedOption, ParsedQuestion, check

_ESCAPES = {"\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n", "\\\\": "\\"}
_PLACEHOLDER = "\u0000{}\u0000"
_TRUE = {"T", "TRUE"}
_FALSE = {"F", "FALSE"}


def _protect(text: str) -> tuple[str, list[str]]:
    """Replace escaped characters by placeholders so that splitting on the
    special characters ignores them."""
    kept: list[str] = []

    def keep(match):
        kept.append(_ESCAPES[match.group(0)])
        return _PLACEHOLDER.format(len(kept) - 1)

    return re.sub(r"\\[~=#{}:n\\]", keep, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub("\u0000(\\d+)\u0000", lambda m: kept[int(m.group(1))], text).strip()


def _blocks(content: str):
    """(first line number, text) of each question, comments removed."""
    block, start = [], None
    for number, line in enumerate(content.splitlines(), start=1):
        if line.lstrip().startswith("//"):
            continue
        if not line.strip():
            if block:
                yield start, "\n".join(block)
            block, start = [], None
            continue
        if line.lstrip().startswith("$CATEGORY:"):
            if block:
                yield start, "\n".join(block)
            yield number, line
            block, start = [], None
            continue
        if start is None:
            start = number
        block.append(line)
    if block:
        yield start, "\n".join(block)


def _split_answers(body: str) -> list[tuple[str, str]]:
    """[(marker, text)] for each « =… » / « ~… » of the braces."""
    parts = re.split(r"([=~])", body)
    answers = []
    for index in range(1, len(parts), 2):
        answers.append((parts[index], parts[index + 1]))
    return answers


def _weight(text: str, where: str) -> tuple[Decimal | None, str]:
    match = re.match(r"\s*%(-?\d+(?:\.\d+)?)%(.*)$", text, re.DOTALL)
    if not match:
        return None, text
    return Decimal(match.group(1)), match.group(2)


def _feedback(text: str) -> tuple[str, str]:
    if "#" in text:
        answer, feedback = text.split("#", 1)
        return answer, feedback
    return text, ""


def _number(raw: str, where: str) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise ImportRejected(where, _("“%(value)s” is not a number.") % {"value": raw.strip()}) from None
    if not value.is_finite():
        raise ImportRejected(where, _("“%(value)s” is not a number.") % {"value": raw.strip()})
    return value


def _numeric_option(text: str, weight: Decimal, kept, where) -> ParsedOption:
    answer, feedback = _feedback(text)
    answer = _restore(answer, kept)
    if ".." in answer:  # a range: min..max
        low, high = (_number(part, where) for part in answer.split("..", 1))
        value, tolerance = (low + high) / 2, abs(high - low) / 2
    elif ":" in answer:
        raw_value, raw_tolerance = answer.split(":", 1)
        value, tolerance = _number(raw_value, where), abs(_number(raw_tolerance, where))
    else:
        value, tolerance = _number(answer, where), Decimal("0")
    return ParsedOption(grade_percent=weight, numeric_value=value, tolerance=tolerance, feedback=_restore(feedback, kept))


def _parse_block(start: int, block: str, category: str) -> tuple[ParsedQuestion | None, str]:
    where = _("line %(line)s") % {"line": start}
    protected, kept = _protect(block)
    category_match = re.match(r"\s*\$CATEGORY:\s*(.+)$", protected, re.DOTALL)
    if category_match:
        parts = [p.strip() for p in _restore(category_match.group(1), kept).split("/") if p.strip()]
        while parts and (parts[0].startswith("$") or parts[0].lower() == "top"):
            parts.pop(0)
        return None, "/".join(parts)
    name = ""
    title = re.match(r"\s*::(.*?)::(.*)$", protected, re.DOTALL)
    if title:
        name, protected = _restore(title.group(1), kept), title.group(2)
    protected = re.sub(r"^\s*\[(html|plain|markdown|moodle)\]", "", protected)
    if protected.count("{") != 1 or protected.count("}") != 1 or protected.index("{") > protected.index("}"):
        raise ImportRejected(where, _("each question needs exactly one pair of braces { } with its answers."))
    before, rest = protected.split("{", 1)
    body, after = rest.split("}", 1)
    text = _restore(before, kept) + (" _____ " + _restore(after, kept) if after.strip() else "")
    question = ParsedQuestion(where=where, type="", text=text.strip(), name=name[:255], category=category)
    general = ""
    if "####" in body:
        body, general = body.split("####", 1)
        question.general_feedback = _restore(general, kept)
    stripped = body.strip()

    if not stripped:
        question.type = QuestionType.ESSAY
    elif stripped.split("#")[0].strip().upper() in _TRUE | _FALSE:
        statement_true = stripped.split("#")[0].strip().upper() in _TRUE
        feedbacks = [_restore(part, kept) for part in stripped.split("#")[1:]]
        wrong_feedback = feedbacks[0] if feedbacks else ""
        right_feedback = feedbacks[1] if len(feedbacks) > 1 else ""
        question.type = QuestionType.TRUE_FALSE
        question.options = [
            ParsedOption(text=_("True"), grade_percent=Decimal(100 if statement_true else 0), feedback=right_feedback if statement_true else wrong_feedback),
            ParsedOption(text=_("False"), grade_percent=Decimal(0 if statement_true else 100), feedback=wrong_feedback if statement_true else right_feedback),
        ]
    elif stripped.startswith("#"):
        question.type = QuestionType.NUMERIC
        inner = stripped[1:]
        answers = _split_answers(inner) if "=" in inner else [("=", inner)]
        for _marker, answer in answers:
            weight, answer = _weight(answer, where)
            question.options.append(_numeric_option(answer, Decimal(100) if weight is None else weight, kept, where))
    else:
        answers = _split_answers(stripped)
        if not answers or re.sub(r"[\s]", "", re.split(r"[=~]", stripped)[0]):
            raise ImportRejected(where, _("the answers must start with = (right) or ~ (wrong)."))
        if all(marker == "=" and "->" in text for marker, text in answers):
            question.type = QuestionType.MATCHING
            for _marker, answer in answers:
                prompt, matched = answer.split("->", 1)
                question.options.append(ParsedOption(text=_restore(prompt, kept), match_text=_restore(matched, kept)))
        elif all(marker == "=" for marker, _text in answers):
            question.type = QuestionType.SHORT_ANSWER
            for _marker, answer in answers:
                weight, answer = _weight(answer, where)
                answer, feedback = _feedback(answer)
                question.options.append(ParsedOption(text=_restore(answer, kept), grade_percent=Decimal(100) if weight is None else weight, feedback=_restore(feedback, kept)))
        else:
            weighted = 0
            for marker, answer in answers:
                weight, answer = _weight(answer, where)
                answer, feedback = _feedback(answer)
                if weight is not None and weight > 0:
                    weighted += 1
                grade = weight if weight is not None else Decimal(100 if marker == "=" else 0)
                question.options.append(ParsedOption(text=_restore(answer, kept), grade_percent=grade, feedback=_restore(feedback, kept)))
            question.type = QuestionType.MULTIPLE_RESPONSE if weighted > 1 else QuestionType.SINGLE_CHOICE
    return question, category


def read(content: bytes | str) -> list[ParsedQuestion]:
    """Every question of a GIFT file, checked; raises ImportRejected."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected(_("line %(line)s") % {"line": 1}, _("the file is not UTF-8 text.")) from None
    questions, category = [], ""
    for start, block in _blocks(content):
        try:
            question, category = _parse_block(start, block, category)
        except ImportRejected:
            raise
        except (ValueError, InvalidOperation):
            raise ImportRejected(_("line %(line)s") % {"line": start}, _("this question could not be read.")) from None
        if question is not None:
            check(question)
            questions.append(question)
    if not questions:
        raise ImportRejected(_("line %(line)s") % {"line": 1}, _("the file has no questions."))
    return questions
