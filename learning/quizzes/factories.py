"""Factories for the quiz app's tests (and the benchmarks)."""

from decimal import Decimal

import factory

from cms.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory, site_with_home

from .models import (
    Question,
    QuestionCategory,
    QuestionOption,
    QuestionType,
    Quiz,
    QuizKind,
    QuizSlot,
    RubricCriterion,
)


def course_tree():
    """An Arabic course with one module and one lesson: (course, module, lesson)."""
    home = site_with_home()
    programme = ProgrammePageFactory(parent=home)
    course = CoursePageFactory(parent=programme)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(parent=module)
    return course, module, lesson


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory

    name_ar = factory.Sequence(lambda n: f"فئة {n}")
    name_fr = factory.Sequence(lambda n: f"Catégorie {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question; ``options=[{"text_ar": …, "grade_percent": 100}, …]``
    creates its options in order (and ``rubric=[…]`` its criteria)."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    course = factory.SelfAttribute("category.course")
    category = factory.SubFactory(QuestionCategoryFactory)
    type = QuestionType.SINGLE_CHOICE
    text_ar = factory.Sequence(lambda n: f"سؤال رقم {n}")
    text_fr = factory.Sequence(lambda n: f"Question n°{n}")
    points = Decimal("1")

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create and extracted:
            QuestionOption.objects.bulk_create(
                QuestionOption(question=self, sort_order=index, **values) for index, values in enumerate(extracted)
            )

    @factory.post_generation
    def rubric(self, create, extracted, **kwargs):
        if create and extracted:
            RubricCriterion.objects.bulk_create(
                RubricCriterion(question=self, sort_order=index, **values) for index, values in enumerate(extracted)
            )


def choice_question(category, *, correct="نعم", wrong=("لا", "ربما"), **kwargs):
    return QuestionFactory(
        category=category,
        options=[{"text_ar": correct, "text_fr": "Oui", "grade_percent": 100, "feedback_ar": "أحسنت"}]
        + [{"text_ar": text, "grade_percent": 0, "feedback_ar": "راجع الدرس"} for text in wrong],
        **kwargs,
    )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    kind = QuizKind.LESSON
    title_ar = factory.Sequence(lambda n: f"اختبار {n}")
    title_fr = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark_percent = Decimal("50")
    questions_per_page = 5


def add_slots(quiz, *questions, category=None, draw=0, include_subcategories=False):
    """Fixed slots for ``questions``, then a random slot drawing ``draw``
    from ``category``."""
    start = quiz.slots.count()
    slots = [QuizSlot(quiz=quiz, question=question, sort_order=start + index) for index, question in enumerate(questions)]
    if category is not None:
        slots.append(
            QuizSlot(quiz=quiz, category=category, draw_count=draw, include_subcategories=include_subcategories, sort_order=start + len(slots))
        )
    QuizSlot.objects.bulk_create(slots)
    return quiz


def bulk_choice_questions(category, count: int, options: int = 4) -> list[Question]:
    """``count`` single-choice questions in two queries (benchmarks, query-count tests)."""
    questions = Question.objects.bulk_create(
        Question(course_id=category.course_id, category=category, type=QuestionType.SINGLE_CHOICE, text_ar=f"سؤال {index}", text_fr=f"Question {index}")
        for index in range(count)
    )
    QuestionOption.objects.bulk_create(
        QuestionOption(question=question, sort_order=rank, text_ar=f"خيار {rank}", grade_percent=100 if rank == 0 else 0)
        for question in questions
        for rank in range(options)
    )
    return questions
