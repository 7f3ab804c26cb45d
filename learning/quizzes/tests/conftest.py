from decimal import Decimal

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.quizzes.factories import QuestionCategoryFactory, QuestionFactory, QuizFactory, add_slots, choice_question, course_tree
from learning.quizzes.models import QuestionType


@pytest.fixture
def tree(db):
    return course_tree()


@pytest.fixture
def course(tree):
    return tree[0]


@pytest.fixture
def lesson(tree):
    return tree[2]


@pytest.fixture
def category(course):
    return QuestionCategoryFactory(course=course)


@pytest.fixture
def trainee(db):
    return UserFactory(roles=[Role.TRAINEE])


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[Role.TRAINER])


def every_type(category):
    """One question of each type, in a fixed order, with known answers."""
    single = choice_question(category, text_ar="ما دور الوسيط الأسري؟", shuffle_options=False, correct="مساعدة الطرفين", wrong=("الحكم", "الانحياز"))
    multiple = QuestionFactory(
        category=category, type=QuestionType.MULTIPLE_RESPONSE, shuffle_options=False,
        options=[
            {"text_ar": "الحياد", "grade_percent": 50},
            {"text_ar": "السرية", "grade_percent": 50},
            {"text_ar": "الانحياز", "grade_percent": -100},
        ],
    )
    true_false = QuestionFactory(
        category=category, type=QuestionType.TRUE_FALSE,
        options=[{"text_ar": "صحيح", "text_fr": "Vrai", "grade_percent": 100}, {"text_ar": "خطأ", "text_fr": "Faux", "grade_percent": 0, "feedback_ar": "الوساطة طوعية"}],
    )
    short = QuestionFactory(
        category=category, type=QuestionType.SHORT_ANSWER,
        options=[{"text_ar": "الإنصات", "text_fr": "écoute", "grade_percent": 100}],
    )
    numeric = QuestionFactory(
        category=category, type=QuestionType.NUMERIC, points=Decimal("2"),
        options=[{"numeric_value": Decimal("3"), "tolerance": Decimal("0"), "grade_percent": 100}],
    )
    matching = QuestionFactory(
        category=category, type=QuestionType.MATCHING,
        options=[
            {"text_ar": "الوسيط", "match_text_ar": "طرف ثالث محايد"},
            {"text_ar": "الطرفان", "match_text_ar": "أصحاب القرار"},
            {"match_text_ar": "القاضي"},  # a distractor
        ],
    )
    ordering = QuestionFactory(
        category=category, type=QuestionType.ORDERING,
        options=[{"text_ar": "الاستقبال"}, {"text_ar": "الاستماع"}, {"text_ar": "البحث عن حلول"}, {"text_ar": "الاتفاق"}],
    )
    scenario = QuestionFactory(category=category, type=QuestionType.SCENARIO, text_ar="حالة: زوجان يختلفان حول حضانة الطفل.")
    part_one = choice_question(category, scenario=scenario, scenario_order=1, points=Decimal("1"), shuffle_options=False)
    part_two = QuestionFactory(
        category=category, type=QuestionType.SHORT_ANSWER, scenario=scenario, scenario_order=2, points=Decimal("1"),
        options=[{"text_ar": "مصلحة الطفل", "grade_percent": 100}],
    )
    essay = QuestionFactory(
        category=category, type=QuestionType.ESSAY, points=Decimal("4"),
        rubric=[{"title_ar": "الفهم", "max_points": Decimal("2")}, {"title_ar": "التطبيق", "max_points": Decimal("2")}],
    )
    return {
        "single": single, "multiple": multiple, "true_false": true_false, "short": short, "numeric": numeric,
        "matching": matching, "ordering": ordering, "scenario": scenario, "scenario_parts": (part_one, part_two), "essay": essay,
    }


@pytest.fixture
def bank(category):
    return every_type(category)


@pytest.fixture
def auto_quiz(course, bank):
    """A quiz of the eight automatically graded types (10 points)."""
    quiz = QuizFactory(course=course, shuffle_options=False)
    keys = ["single", "multiple", "true_false", "short", "numeric", "matching", "ordering", "scenario"]
    return add_slots(quiz, *[bank[key] for key in keys])
