"""Who authors which question bank in the Wagtail admin: a trainer who
authors a programme ("Programme authors: MF") sees, chooses, creates, edits
and deletes only the categories, questions and quizzes of that programme's
courses; an officer all of them; trainees and coordinators none."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import CoursePageFactory, ProgrammePageFactory
from cms.permissions import section_author_add
from learning.quizzes.factories import QuestionCategoryFactory, QuestionFactory, QuizFactory, add_slots
from learning.quizzes.models import Question

pytestmark = pytest.mark.django_db

MODELS = ["questioncategory", "question", "quiz"]


@pytest.fixture
def programme(course):
    return course.get_parent().specific


@pytest.fixture
def banks(course, programme):
    """The same bank (a category, a question, a quiz) in the MF course and in
    a course of another programme (EP)."""
    other_course = CoursePageFactory(parent=ProgrammePageFactory(parent=programme.get_parent(), code="EP"))
    banks = {}
    for key, target in (("own", course), ("other", other_course)):
        category = QuestionCategoryFactory(course=target)
        question = QuestionFactory(course=target, category=category, type="essay", text_ar=f"سؤال {key}")
        quiz = QuizFactory(course=target)
        add_slots(quiz, question)
        banks[key] = {"course": target, "questioncategory": category, "question": question, "quiz": quiz}
    return banks


def _login(client, role, programme):
    if role == "programme_author":
        user = UserFactory(roles=[Role.TRAINER])
        section_author_add(section=programme, user=user)
    elif role == "officer":
        user = UserFactory(roles=[Role.MINISTRY_OFFICER])
    elif role == "trainer":  # a trainer who authors no programme
        user = UserFactory(roles=[Role.TRAINER])
    elif role == "trainee":
        user = UserFactory(roles=[Role.TRAINEE])
    elif role == "coordinator":
        user = UserFactory(roles=[Role.ASSOCIATION_COORDINATOR])
    client.force_login(user)
    return user


def _url(model, view, obj=None):
    return reverse(f"wagtailsnippets_quizzes_{model}:{view}", args=[obj.pk] if obj is not None else [])


def _refused(response):
    """A 403 page, or sent back to the login page or the admin's dashboard."""
    if response.status_code == 302:
        return response["Location"].startswith(("/accounts/login/", "/admin/login/")) or response["Location"] == "/admin/"
    return response.status_code == 403


# role → (may open the bank, sees its own programme's bank, sees another programme's bank)
MATRIX = {
    "programme_author": (True, True, False),
    "trainer": (True, False, False),
    "officer": (True, True, True),
    "trainee": (False, False, False),
    "coordinator": (False, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_the_menu_and_the_lists_show_only_the_banks_the_user_authors(client, programme, banks, role):
    may_open, sees_own, sees_other = MATRIX[role]
    _login(client, role, programme)
    dashboard = client.get("/admin/")
    assert (dashboard.status_code == 200 and _url("question", "list") in dashboard.content.decode()) == may_open
    for model in MODELS:
        listing = client.get(_url(model, "list"))
        if not may_open:
            assert listing.status_code in (302, 403)
            continue
        html = listing.content.decode()
        assert listing.status_code == 200
        assert (_url(model, "edit", banks["own"][model]) in html) == sees_own
        assert (_url(model, "edit", banks["other"][model]) in html) == sees_other


@pytest.mark.parametrize("role", MATRIX)
def test_editing_copying_and_deleting_only_within_the_banks_the_user_authors(client, programme, banks, role):
    _may_open, may_own, may_other = MATRIX[role]
    _login(client, role, programme)
    for key, allowed in (("own", may_own), ("other", may_other)):
        for model in MODELS:
            obj = banks[key][model]
            for view in ("edit", "copy", "delete", "history", "usage"):
                response = client.get(_url(model, view, obj))
                assert (response.status_code == 200) == allowed, (key, model, view, response.status_code)
                if not allowed:
                    assert _refused(response), (key, model, view, response.status_code)
    # a refused delete leaves the object where it was
    response = client.post(_url("question", "delete", banks["other"]["question"]))
    assert Question.objects.filter(pk=banks["other"]["question"].pk).exists() == (not may_other)
    if not may_other:
        assert _refused(response)


def _question_form(course, category, text):
    data = {
        "course": course.pk, "category": category.pk, "type": "essay", "points": "1", "name": "", "id_number": "",
        "text_ar": text, "text_fr": "", "general_feedback_ar": "", "general_feedback_fr": "", "tags": "",
        "shuffle_options": "on", "multiple_scoring": "partial", "scenario": "", "scenario_order": "0",
    }
    for formset in ("options", "rubric"):
        data |= {f"{formset}-TOTAL_FORMS": "0", f"{formset}-INITIAL_FORMS": "0", f"{formset}-MIN_NUM_FORMS": "0", f"{formset}-MAX_NUM_FORMS": "1000"}
    return data


def test_an_author_creates_questions_only_in_their_programmes_courses(client, programme, banks):
    _login(client, "programme_author", programme)
    own, other = banks["own"], banks["other"]
    form = client.get(_url("question", "add")).content.decode()
    assert f'value="{own["course"].pk}"' in form and f'value="{other["course"].pk}"' not in form

    created = client.post(_url("question", "add"), _question_form(own["course"], own["questioncategory"], "سؤال جديد"))
    assert created.status_code == 302
    assert Question.objects.filter(course=own["course"], text_ar="سؤال جديد").exists()

    for course, category in ((other["course"], other["questioncategory"]), (own["course"], other["questioncategory"])):
        refused = client.post(_url("question", "add"), _question_form(course, category, "سؤال دخيل"))
        assert refused.status_code == 200 and "error-message" in refused.content.decode()
    assert not Question.objects.filter(text_ar="سؤال دخيل").exists()


def test_an_author_cannot_move_a_category_or_put_another_programmes_question_in_a_quiz(client, programme, banks):
    _login(client, "programme_author", programme)
    own, other = banks["own"], banks["other"]
    category = own["questioncategory"]
    category_form = {"parent": "", "name_ar": "منقولة", "name_fr": "", "description_ar": "", "description_fr": ""}
    assert client.post(_url("questioncategory", "edit", category), category_form | {"course": other["course"].pk}).status_code == 200
    category.refresh_from_db()
    assert category.course_id == own["course"].pk and category.name_ar != "منقولة"
    assert client.post(_url("questioncategory", "edit", category), category_form | {"course": own["course"].pk}).status_code == 302
    category.refresh_from_db()
    assert category.name_ar == "منقولة"

    quiz = QuizFactory(course=own["course"])
    data = _quiz_form(quiz)
    data |= {"slots-TOTAL_FORMS": "1", "slots-INITIAL_FORMS": "0", "slots-MIN_NUM_FORMS": "0", "slots-MAX_NUM_FORMS": "1000", "slots-0-id": "", "slots-0-ORDER": "1", "slots-0-category": "", "slots-0-draw_count": "1"}
    assert client.post(_url("quiz", "edit", quiz), data | {"slots-0-question": other["question"].pk}).status_code == 200
    assert not quiz.slots.exists()
    assert client.post(_url("quiz", "edit", quiz), data | {"slots-0-question": own["question"].pk}).status_code == 302
    assert list(quiz.slots.values_list("question_id", flat=True)) == [own["question"].pk]


def _quiz_form(quiz):
    """The quiz's edit form as posted unchanged (without slots)."""
    data = {}
    for name, value in model_to_dict(quiz, exclude=["id"]).items():
        if value is True:
            data[name] = "on"
        elif value is not False and value is not None:
            data[name] = value
    return data


def test_the_choosers_offer_only_the_authors_banks(client, programme, banks):
    _login(client, "programme_author", programme)
    for model in ("question", "questioncategory"):
        html = client.get(reverse(f"wagtailsnippetchoosers_quizzes_{model}:choose")).json()["html"]
        assert str(banks["own"][model]) in html
        assert str(banks["other"][model]) not in html
        chosen = client.get(reverse(f"wagtailsnippetchoosers_quizzes_{model}:chosen", args=[banks["other"][model].pk]))
        assert chosen.status_code in (403, 404)
