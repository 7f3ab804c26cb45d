"""The admin's "Import questions" page: a Moodle XML or GIFT file uploaded
into a course's bank, all or nothing, with the failing line named; only
into courses the user may author."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import CoursePageFactory, ProgrammePageFactory
from cms.permissions import section_author_add
from learning.quizzes.models import Question, QuestionCategory
from learning.quizzes.services.bank import BANK_FILE_MAX_BYTES

from .test_import_export import GIFT, MOODLE_XML

pytestmark = pytest.mark.django_db

URL = "/admin/quizzes/import/"


@pytest.fixture
def programme(course):
    return course.get_parent().specific


@pytest.fixture
def other_course(programme):
    return CoursePageFactory(parent=ProgrammePageFactory(parent=programme.get_parent(), code="EP"))


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _upload(client, course, name, content, **fields):
    data = {"course": course.pk, "file": SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode()), "language": "ar", **fields}
    return client.post(URL, data, follow=True)


def _imported(count, category, course):
    """The success message, as the (Arabic) admin shows it."""
    with translation.override("ar"):
        message = translation.ngettext(
            "%(count)s question imported into “%(category)s” (%(course)s).",
            "%(count)s questions imported into “%(category)s” (%(course)s).",
            count,
        )
    return escape(message % {"count": count, "category": category, "course": course.title})


def _counts():
    return Question.objects.count(), QuestionCategory.objects.count()


def test_the_page_is_in_the_question_bank_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in html
    page = admin_client.get(URL)
    assert page.status_code == 200
    with translation.override("ar"):
        assert translation.gettext("Import questions") in page.content.decode()


def test_a_gift_file_is_imported_and_the_questions_listed(admin_client, course):
    # when a French GIFT file is uploaded without a category name
    response = _upload(admin_client, course, "mediation.gift", GIFT, language="fr")
    # then its eight questions are in the course's bank, under a category named after the file
    assert Question.objects.filter(course=course).count() == 8
    assert Question.objects.get(name="Rôle").text_fr == "Le médiateur familial…"
    assert QuestionCategory.objects.get(parent=None).name_ar == "mediation"
    # and the user lands on the course's questions, told how many were imported
    assert response.redirect_chain[-1][0] == f"{reverse('wagtailsnippets_quizzes_question:list')}?course={course.pk}"
    html = response.content.decode()
    assert "Rôle" in html and "Volontaire" in html  # the questions, listed by name
    assert _imported(8, "mediation", course) in html


def test_a_moodle_xml_file_is_imported_into_the_named_category(admin_client, course):
    response = _upload(admin_client, course, "export.xml", MOODLE_XML, category="Module 1", file_format="xml")
    assert Question.objects.filter(course=course, category__isnull=False).count() == 8
    leaf = Question.objects.get(id_number="MED-01").category
    assert leaf.parent.parent.name_ar == "Module 1"
    assert _imported(8, "Module 1", course) in response.content.decode()


def test_an_error_on_a_line_is_shown_in_the_users_language_and_nothing_is_imported(client, course):
    # given an officer who uses the admin in French, questions already in the bank,
    # and a GIFT file whose numeric answer on line 15 is a word
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(officer)
    _upload(client, course, "first.gift", GIFT)
    before = _counts()
    # when the broken file is uploaded
    response = _upload(client, course, "broken.gift", GIFT.replace("{#4:0}", "{#quatre}"))
    # then the form comes back naming the file and the line, and nothing was added
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("fr"):
        where = translation.gettext("line %(line)s") % {"line": 15}
    assert where != "line 15"  # the French catalogue is used
    assert "broken.gift" in html and where in html
    assert _counts() == before


def test_a_moodle_question_that_cannot_be_read_is_named(admin_client, course):
    response = _upload(admin_client, course, "bank.xml", MOODLE_XML.replace('type="ordering"', 'type="calculated"'))
    assert response.status_code == 400
    with translation.override("ar"):
        where = translation.gettext("question %(number)s “%(name)s”") % {"number": 8, "name": "ترتيب"}
    assert where in response.content.decode()  # the eighth question, by name
    assert _counts() == (0, 0)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bank.docx", GIFT, "Only .xml, .gift and .txt files can be imported."),
        ("bank.gift", b"", "The file is empty."),
        ("bank.gift", "   \n", "The file is empty."),
        ("bank.txt", GIFT.encode("cp1252", errors="replace"), "The file is not UTF-8 text: save it as UTF-8 (Unicode) and try again."),
        ("bank.gift", b"x" * (BANK_FILE_MAX_BYTES + 1), "The file is too large (%(size)s); the limit is %(limit)s."),
    ],
    ids=["wrong extension", "empty", "blank", "not utf-8", "too large"],
)
def test_bad_files_are_refused_with_a_clear_error(admin_client, course, name, content, message):
    response = _upload(admin_client, course, name, content)
    assert response.status_code == 400
    with translation.override("ar"):
        assert translation.gettext(message).split("%")[0].strip() in response.content.decode()
    assert _counts() == (0, 0)


def test_no_course_is_a_form_error(admin_client):
    response = admin_client.post(URL, {"file": SimpleUploadedFile("bank.gift", GIFT.encode()), "language": "ar"})
    assert response.status_code == 400
    with translation.override("ar"):
        assert translation.gettext("Choose the course whose bank receives the questions.") in response.content.decode()
    assert _counts() == (0, 0)


def _user(role, programme):
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role == "officer":
        return UserFactory(roles=[Role.MINISTRY_OFFICER])
    if role == "programme_author":
        user = UserFactory(roles=[Role.TRAINER])
        section_author_add(section=programme, user=user)
        return user
    if role == "trainer":
        return UserFactory(roles=[Role.TRAINER])
    if role == "trainee":
        return UserFactory(roles=[Role.TRAINEE])
    return None


@pytest.mark.parametrize(
    "role, own_course, other_course_",
    [
        ("anonymous", False, False),
        ("trainee", False, False),
        ("trainer", False, False),  # a trainer who authors no programme
        ("programme_author", True, False),
        ("officer", True, True),
        ("superuser", True, True),
    ],
)
def test_who_may_import_into_which_course(client, course, programme, other_course, role, own_course, other_course_):
    # given a user of this role
    user = _user(role, programme)
    if user is not None:
        client.force_login(user)
    # when they try to import into the author's course and into another programme's
    results = {}
    for target in (course, other_course):
        response = client.post(URL, {"course": target.pk, "file": SimpleUploadedFile("bank.gift", GIFT.encode()), "language": "ar"})
        results[target.pk] = Question.objects.filter(course=target).exists()
        if role in ("anonymous", "trainee"):
            assert response.status_code in (302, 403)
            assert "/login" in response.get("Location", "/login")
        elif not results[target.pk]:
            assert response.status_code in (400, 403)
    # then questions arrived only where they may author
    assert results == {course.pk: own_course, other_course.pk: other_course_}


def test_an_author_is_offered_only_the_courses_of_their_programme(client, course, programme, other_course):
    user = _user("programme_author", programme)
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert f'value="{course.pk}"' in html and f'value="{other_course.pk}"' not in html
