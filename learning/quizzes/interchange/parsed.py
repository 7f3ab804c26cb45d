"""Questions as read from an interchange file (Moodle XML, GIFT), before
they are stored: the parsers produce these, ``services.bank_import`` writes
them in one transaction, after every one was checked."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import QuestionType


class ImportRejected(Exception):
    """The file cannot be imported; ``where`` names the line or question."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


@dataclass
class ParsedOption:
    text: str = ""
    grade_percent: Decimal = Decimal("0")
    feedback: str = ""
    match_text: str = ""
    numeric_value: Decimal | None = None
    tolerance: Decimal = Decimal("0")


@dataclass
class ParsedQuestion:
    where: str  # "line 12" or "question 3 “Name”": for error messages
    type: str
    text: str
    name: str = ""
    category: str = ""  # path below the course's bank, "/"-separated
    general_feedback: str = ""
    points: Decimal = Decimal("1")
    id_number: str = ""
    shuffle_options: bool = True
    multiple_scoring: str = "partial"
    accents_matter: bool = False
    tags: list[str] = field(default_factory=list)
    options: list[ParsedOption] = field(default_factory=list)


def check(question: ParsedQuestion) -> None:
    """Reject a question that could not be asked or graded as read."""
    reject = lambda message: ImportRejected(question.where, message)  # noqa: E731
    if not question.text.strip():
        raise reject(_("the question has no text."))
    if question.points < 0:
        raise reject(_("the points cannot be negative."))
    kind, options = question.type, question.options
    for option in options:
        if not Decimal("-100") <= option.grade_percent <= Decimal("100"):
            raise reject(_("an answer's credit must be between -100% and 100%."))
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE):
        if len(options) < 2:
            raise reject(_("a choice question needs at least two options."))
        if not any(option.grade_percent == 100 for option in options):
            raise reject(_("no option is marked right (100%)."))
    elif kind == QuestionType.MULTIPLE_RESPONSE:
        if len(options) < 2 or not any(option.grade_percent > 0 for option in options):
            raise reject(_("a multiple-response question needs options and at least one right one."))
    elif kind == QuestionType.SHORT_ANSWER:
        if not any(option.text.strip() and option.grade_percent > 0 for option in options):
            raise reject(_("a short-answer question needs at least one accepted answer."))
    elif kind == QuestionType.NUMERIC:
        if not any(option.numeric_value is not None and option.grade_percent > 0 for option in options):
            raise reject(_("a numeric question needs at least one right value."))
    elif kind == QuestionType.MATCHING:
        if sum(1 for option in options if option.text and option.match_text) < 2:
            raise reject(_("a matching question needs at least two pairs."))
    elif kind == QuestionType.ORDERING:
        if len(options) < 2:
            raise reject(_("an ordering question needs at least two items."))
