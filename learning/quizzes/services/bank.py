"""Importing and exporting question banks (Moodle XML, GIFT)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ..interchange import gift, moodle_xml
from ..interchange.parsed import ImportRejected, ParsedQuestion
from ..models import Question, QuestionCategory, QuestionOption

POINTS = Decimal("0.01")
CREDIT = Decimal("0.00001")
FORMATS = {"xml": moodle_xml.read, "gift": gift.read, "txt": gift.read}
BANK_FILE_MAX_BYTES = 2 * 1024 * 1024  # a bank of a few thousand questions; uploads above are refused


def bank_format_guess(filename: str, content: bytes) -> str:
    """« xml » or « gift », from the name, else from the first characters."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in FORMATS:
        return "xml" if suffix == "xml" else "gift"
    return "xml" if content.lstrip()[:1] == b"<" else "gift"


def bank_file_read(*, filename: str, content: bytes, file_format: str | None = None) -> list[ParsedQuestion]:
    """Parse and check every question of a file; raises ImportRejected
    naming the line or question that failed. Writes nothing."""
    file_format = file_format or bank_format_guess(filename, content)
    return FORMATS[file_format](content)


def _category(course, path: str, root: QuestionCategory, cache: dict) -> QuestionCategory:
    if not path:
        return root
    if path in cache:
        return cache[path]
    parent = root
    walked = []
    for name in path.split("/"):
        walked.append(name)
        key = "/".join(walked)
        if key not in cache:
            cache[key], _created = QuestionCategory.objects.get_or_create(course=course, parent=parent, name_ar=name)
        parent = cache[key]
    return parent


def question_bank_import(*, course, questions: list[ParsedQuestion], root_name: str, language: str = "ar") -> list[Question]:
    """Store parsed questions in ``course``'s bank, under a category named
    ``root_name`` (the file's categories become its sub-categories). All or
    nothing: one failure rolls the whole import back."""
    suffix = "fr" if language == "fr" else "ar"

    def texts(name: str, value: str) -> dict:
        # Arabic is required: a French bank fills both until it is translated.
        return {f"{name}_ar": value, f"{name}_fr": value} if suffix == "fr" else {f"{name}_ar": value}

    created = []
    with transaction.atomic():
        root, _created = QuestionCategory.objects.get_or_create(course=course, parent=None, name_ar=root_name)
        cache: dict = {}
        for parsed in questions:
            try:
                question = Question(
                    course=course, category=_category(course, parsed.category, root, cache), type=parsed.type,
                    name=parsed.name, id_number=parsed.id_number, points=parsed.points.quantize(POINTS),
                    shuffle_options=parsed.shuffle_options, multiple_scoring=parsed.multiple_scoring,
                    accents_matter=parsed.accents_matter,
                    **texts("text", parsed.text), **texts("general_feedback", parsed.general_feedback),
                )
                question.full_clean(exclude=["category", "course", "scenario"])
                question.save()
                QuestionOption.objects.bulk_create(
                    QuestionOption(
                        question=question, sort_order=rank, grade_percent=option.grade_percent.quantize(CREDIT),
                        numeric_value=option.numeric_value, tolerance=option.tolerance,
                        **texts("text", option.text), **texts("match_text", option.match_text[:500]), **texts("feedback", option.feedback),
                    )
                    for rank, option in enumerate(parsed.options)
                )
                if parsed.tags:
                    question.tags.add(*[tag[:100] for tag in parsed.tags])
            except ValidationError as error:  # name the question; the transaction rolls everything back
                raise ImportRejected(parsed.where, "; ".join(error.messages)) from None
            created.append(question)
    return created


def question_bank_export(*, course, category=None, language: str = "ar") -> tuple[bytes, int]:
    """Moodle XML of a course's bank (or one category); returns the file
    and how many scenarios were left out (Moodle has no such type)."""
    questions = (
        Question.objects.filter(course_id=course.pk if hasattr(course, "pk") else course)
        .select_related("category")
        .prefetch_related("options", "tags")
        .order_by("category__name_ar", "category_id", "pk")
    )
    if category is not None:
        questions = questions.filter(category=category)
    return moodle_xml.write(questions, category_path=_path_of(course), language=language)


def _path_of(course):
    names = {c.pk: (c.name_ar, c.parent_id) for c in QuestionCategory.objects.filter(course_id=course.pk if hasattr(course, "pk") else course)}

    def path(question) -> str:
        parts, current = [], question.category_id
        while current is not None:
            name, current = names[current]
            parts.append(name)
        return "/".join(reversed(parts))

    return path
