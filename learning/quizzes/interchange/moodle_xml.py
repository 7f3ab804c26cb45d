"""Moodle XML: read every type the bank knows (multichoice, truefalse,
shortanswer, numerical, matching, ordering, essay), write them back.

Texts are kept as plain text: HTML from Moodle is reduced to its text
(paragraphs and line breaks become new lines). Parsing goes through
defusedxml: no entity expansion, no external resources.
"""

import html
import re
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from ..models import MultipleScoring, QuestionType
from .parsed import ImportRejected, ParsedOption, ParsedQuestion, check

_BREAKS = re.compile(r"<\s*(br|/p|/div|/li)\s*/?>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")

# Moodle qtype → ours (multichoice depends on <single>).
_TYPES = {
    "truefalse": QuestionType.TRUE_FALSE,
    "shortanswer": QuestionType.SHORT_ANSWER,
    "numerical": QuestionType.NUMERIC,
    "matching": QuestionType.MATCHING,
    "ordering": QuestionType.ORDERING,
    "essay": QuestionType.ESSAY,
}


def html_to_text(value: str, text_format: str = "html") -> str:
    if text_format in ("html", "moodle_auto_format"):
        value = _TAGS.sub("", _BREAKS.sub("\n", value))
        value = html.unescape(value)
    lines = [line.strip() for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _text(element, path: str) -> str:
    node = element.find(path) if path else element
    if node is None:
        return ""
    inner = node.find("text")
    raw = inner.text if inner is not None else node.text
    return html_to_text(raw or "", node.get("format", "html"))


def _decimal(raw, where, what) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, TypeError):
        raise ImportRejected(where, _("“%(value)s” is not a number (%(what)s).") % {"value": raw, "what": what}) from None
    if not value.is_finite():
        raise ImportRejected(where, _("“%(value)s” is not a number (%(what)s).") % {"value": raw, "what": what})
    return value


def _fraction(answer, where) -> Decimal:
    return _decimal(answer.get("fraction", "0"), where, "fraction")


def _question(element, index: int, category: str) -> ParsedQuestion:
    qtype = element.get("type", "")
    name = _text(element, "name")
    where = _("question %(number)s “%(name)s”") % {"number": index, "name": name} if name else _("question %(number)s") % {"number": index}
    if qtype == "multichoice":
        single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
        kind = QuestionType.SINGLE_CHOICE if single else QuestionType.MULTIPLE_RESPONSE
    elif qtype in _TYPES:
        kind = _TYPES[qtype]
    else:
        raise ImportRejected(where, _("the question type “%(type)s” is not supported.") % {"type": qtype})
    question = ParsedQuestion(
        where=where, type=kind, name=name[:255], category=category, text=_text(element, "questiontext"),
        general_feedback=_text(element, "generalfeedback"), id_number=(element.findtext("idnumber") or "").strip()[:100],
        tags=[tag for tag in (_text(tag, "") for tag in element.findall("tags/tag")) if tag],
    )
    if element.find("defaultgrade") is not None:
        question.points = _decimal(element.findtext("defaultgrade"), where, "defaultgrade")
    shuffle = element.findtext("shuffleanswers")
    if shuffle is not None:
        question.shuffle_options = shuffle.strip().lower() in ("1", "true")
    if kind == QuestionType.SHORT_ANSWER:
        question.accents_matter = (element.findtext("usecase") or "0").strip() == "1"
    if kind == QuestionType.MATCHING:
        for sub in element.findall("subquestion"):
            question.options.append(ParsedOption(text=_text(sub, ""), match_text=_text(sub, "answer")))
        return question
    for answer in element.findall("answer"):
        option = ParsedOption(text=_text(answer, ""), grade_percent=_fraction(answer, where), feedback=_text(answer, "feedback"))
        if kind == QuestionType.TRUE_FALSE:
            option.text = {"true": _("True"), "false": _("False")}.get(option.text.lower(), option.text)
        if kind == QuestionType.NUMERIC:
            option.numeric_value = _decimal(option.text, where, "answer")
            option.text = ""
            if answer.find("tolerance") is not None:
                option.tolerance = abs(_decimal(answer.findtext("tolerance"), where, "tolerance"))
        question.options.append(option)
    if kind == QuestionType.MULTIPLE_RESPONSE and element.findtext("answernumbering") is None:
        question.multiple_scoring = MultipleScoring.PARTIAL
    return question


def read(content: bytes | str) -> list[ParsedQuestion]:
    """Every question of a Moodle XML file, checked; raises ImportRejected."""
    try:
        root = SafeET.fromstring(content)
    except SafeET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else "?"
        raise ImportRejected(_("line %(line)s") % {"line": line}, _("the file is not valid XML.")) from None
    except DefusedXmlException:
        raise ImportRejected(_("line %(line)s") % {"line": 1}, _("the file uses XML entities, which are not allowed.")) from None
    if root.tag != "quiz":
        raise ImportRejected(_("line %(line)s") % {"line": 1}, _("this is not a Moodle XML question file (<quiz> expected)."))
    questions, category = [], ""
    for index, element in enumerate(root.findall("question"), start=1):
        if element.get("type") == "category":
            category = _category_path(_text(element, "category"))
            continue
        question = _question(element, index, category)
        check(question)
        questions.append(question)
    if not questions:
        raise ImportRejected(_("line %(line)s") % {"line": 1}, _("the file has no questions."))
    return questions


def _category_path(raw: str) -> str:
    parts = [part.strip() for part in raw.split("/") if part.strip()]
    # Moodle prefixes the context ($course$, $system$…) and often "top".
    while parts and (parts[0].startswith("$") or parts[0].lower() == "top"):
        parts.pop(0)
    return "/".join(parts)


# --- Export ------------------------------------------------------------------


def _add_text(parent, tag: str, value: str, attrs=None) -> Element:
    node = SubElement(parent, tag, {"format": "plain_text", **(attrs or {})} if tag != "name" else (attrs or {}))
    SubElement(node, "text").text = value or ""
    return node


def _plain(parent, tag: str, value) -> None:
    SubElement(parent, tag).text = str(value)


def _number(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def write(questions, *, category_path=lambda question: question.category.name_ar, language: str = "ar") -> tuple[bytes, int]:
    """Moodle XML for ``questions`` (with options, tags and category).
    Scenarios have no Moodle equivalent: they are left out and counted.
    Returns (content, number of questions left out)."""
    root = Element("quiz")
    current, skipped = None, 0

    def text(obj, name):
        return getattr(obj, f"{name}_{language}", "") or getattr(obj, f"{name}_ar", "")

    for question in questions:
        if question.type == QuestionType.SCENARIO or question.scenario_id:
            skipped += 1
            continue
        path = category_path(question)
        if path != current:
            category = SubElement(root, "question", {"type": "category"})
            _add_text(category, "category", f"$course$/top/{path}")
            current = path
        qtype = {v: k for k, v in _TYPES.items()}.get(question.type, "multichoice")
        node = SubElement(root, "question", {"type": qtype})
        _add_text(node, "name", question.name or text(question, "text")[:80])
        _add_text(node, "questiontext", text(question, "text"))
        _add_text(node, "generalfeedback", text(question, "general_feedback"))
        _plain(node, "defaultgrade", _number(question.points))
        if question.id_number:
            _plain(node, "idnumber", question.id_number)
        _plain(node, "shuffleanswers", "1" if question.shuffle_options else "0")
        options = sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk))
        if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            _plain(node, "single", "true" if question.type == QuestionType.SINGLE_CHOICE else "false")
        if question.type == QuestionType.SHORT_ANSWER:
            _plain(node, "usecase", "1" if question.accents_matter else "0")
        for rank, option in enumerate(options):
            if question.type == QuestionType.MATCHING:
                sub = _add_text(node, "subquestion", text(option, "text"))
                _add_text(sub, "answer", text(option, "match_text"))
                continue
            value = _number(option.numeric_value) if question.type == QuestionType.NUMERIC and option.numeric_value is not None else text(option, "text")
            if question.type == QuestionType.TRUE_FALSE:
                value = "true" if rank == 0 else "false"  # the bank keeps « true » first
            answer = _add_text(node, "answer", value, {"fraction": _number(option.grade_percent)})
            if question.type == QuestionType.NUMERIC:
                _plain(answer, "tolerance", _number(option.tolerance))
            _add_text(answer, "feedback", text(option, "feedback"))
        tags = [tag.name for tag in question.tags.all()]
        if tags:
            holder = SubElement(node, "tags")
            for tag in tags:
                _add_text(holder, "tag", tag)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8", xml_declaration=False), skipped
