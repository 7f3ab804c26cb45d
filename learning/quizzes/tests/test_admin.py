"""Authoring in the Wagtail admin: the question bank's menu, lists and
forms (every type's options, rubric, quiz slots) open for authors."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["question", "quiz", "questioncategory"])
def test_lists_and_add_forms_open(author, bank, auto_quiz, model):
    listing = author.get(reverse(f"wagtailsnippets_quizzes_{model}:list"))
    assert listing.status_code == 200
    form = author.get(reverse(f"wagtailsnippets_quizzes_{model}:add"))
    assert form.status_code == 200


def test_question_form_has_both_languages_options_and_rubric(author, bank):
    html = author.get(reverse("wagtailsnippets_quizzes_question:edit", args=[bank["essay"].pk])).content.decode()
    for field in ("text_ar", "text_fr", "general_feedback_ar", "general_feedback_fr", "options-TOTAL_FORMS", "rubric-TOTAL_FORMS"):
        assert f'name="{field}"' in html
    assert "الفهم" in html  # the essay's rubric criterion


def test_quiz_form_lists_its_slots(author, auto_quiz):
    html = author.get(reverse("wagtailsnippets_quizzes_quiz:edit", args=[auto_quiz.pk])).content.decode()
    assert 'name="slots-TOTAL_FORMS"' in html and 'value="8"' in html
