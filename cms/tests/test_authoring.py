"""Authoring in Wagtail: a trainer writes pages only inside their own
programme and submits them; a ministry officer approves, and only then are
they live. Checked as a matrix of who × what, and through the admin forms."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import ProgrammePageFactory, translate_page
from cms.models import LessonPage
from cms.permissions import NotATrainer, may_edit_page, may_publish_page, section_author_add
from learning.factories import course_tree

from .conftest import login


@pytest.fixture
def programmes(home_page):
    mediation = course_tree(home_page, modules=1, lessons=1, programme=ProgrammePageFactory(parent=home_page, code="MF"))
    parenting = course_tree(
        home_page, modules=1, lessons=1, programme=ProgrammePageFactory(parent=home_page, code="PP", kind="parenting")
    )
    return {"MF": mediation, "PP": parenting}


@pytest.fixture
def people(programmes):
    mediation_trainer = UserFactory(roles=[Role.TRAINER])
    section_author_add(section=programmes["MF"].programme, user=mediation_trainer)
    return {
        "mediation trainer": mediation_trainer,
        "trainer without programme": UserFactory(roles=[Role.TRAINER]),
        "officer": UserFactory(roles=[Role.MINISTRY_OFFICER]),
        "trainee": UserFactory(roles=[Role.TRAINEE]),
    }


# who → (edit own programme MF, edit other programme PP, publish MF)
MATRIX = {
    "mediation trainer": (True, False, False),
    "trainer without programme": (False, False, False),
    "officer": (True, True, True),
    "trainee": (False, False, False),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", MATRIX)
@pytest.mark.parametrize("level", ["programme", "course", "module", "lesson"])
def test_permission_matrix(programmes, people, who, level):
    def page(code):
        tree = programmes[code]
        return {"programme": tree.programme, "course": tree.course, "module": tree.modules[0], "lesson": tree.all_lessons[0]}[level]

    user = people[who]
    edit_own, edit_other, publish_own = MATRIX[who]
    assert may_edit_page(user, page("MF")) is edit_own
    assert may_edit_page(user, page("PP")) is edit_other
    assert may_publish_page(user, page("MF")) is publish_own


@pytest.mark.django_db
@pytest.mark.parametrize("who, status", [("mediation trainer", 200), ("trainer without programme", 302), ("officer", 200), ("trainee", 302)])
def test_the_admin_edit_form_opens_only_for_allowed_people(client, programmes, people, who, status):
    login(client, people[who])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[programmes["MF"].all_lessons[0].pk]))
    assert response.status_code == status
    other = client.get(reverse("wagtailadmin_pages:edit", args=[programmes["PP"].all_lessons[0].pk]))
    assert other.status_code == (200 if who == "officer" else 302)


@pytest.mark.django_db
def test_the_trainer_also_edits_the_french_translation_of_their_programme(programmes, people):
    lesson = programmes["MF"].all_lessons[0]
    french = translate_page(lesson, "fr", title="Leçon")
    assert may_edit_page(people["mediation trainer"], french)
    assert not may_edit_page(people["mediation trainer"], translate_page(programmes["PP"].all_lessons[0], "fr", title="x"))


@pytest.mark.django_db
def test_only_trainers_become_programme_authors(programmes, people):
    with pytest.raises(NotATrainer):
        section_author_add(section=programmes["MF"].programme, user=people["trainee"])


def _listblock(items):
    data = {str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def _lesson_form(title, slug, media, *, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "ملخص الدرس",
            "objectives": rich_text("<ul><li>التعرف على مراحل الوساطة</li></ul>", features=["ul", "ol", "bold", "italic"]),
            "estimated_minutes": "12",
            "required_for_completion": "on",
            "body": streamfield(
                [
                    ("heading", {"text": "الإصغاء الفعال"}),
                    ("rich_text", rich_text("<p>يبدأ الوسيط بالإصغاء.</p>")),
                    ("image", {"image": media["image"].pk, "alt": "وسيطة تستمع", "caption": ""}),
                    ("video", {"title": "استقبال", "video": media["video"].pk, "captions": media["captions"].pk, "embed": "", "transcript": rich_text("<p>نص</p>")}),
                    ("audio", {"title": "شهادة", "audio": media["audio"].pk, "transcript": rich_text("")}),
                    ("document", {"document": media["document"].pk, "title": "", "description": ""}),
                    ("callout", {"kind": "tip", "title": "", "text": rich_text("<p>نصيحة</p>")}),
                    ("case_study", {"title": "حالة", "situation": rich_text("<p>وضعية</p>"), "questions": _listblock(["سؤال؟"])}),
                    ("reflection", {"prompt": "فكر", "hint": ""}),
                    ("key_takeaways", {"title": "", "items": _listblock(["خلاصة"])}),
                ]
            ),
            "go_live_at": "",
            "expire_at": "",
            "seo_title": "",
            "search_description": "",
            action: "1",
        }
    )


@pytest.mark.django_db
def test_a_trainer_writes_a_lesson_with_every_block_and_it_goes_live_only_after_ministry_approval(
    client, programmes, people, media
):
    assert Workflow.objects.get(name="Ministry review").active
    module = programmes["MF"].modules[0]
    # given the mediation trainer in the admin
    login(client, people["mediation trainer"])
    # when they create a lesson with every block and submit it for review
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", module.pk]),
        _lesson_form("درس الإصغاء", "listening", media, action="action-submit"),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    lesson = LessonPage.objects.get(slug="listening")
    # then it is waiting for review, not live
    assert not lesson.live
    state = lesson.current_workflow_state
    assert state is not None and state.current_task_state.task.name == "Ministry officer approval"
    revision_body = lesson.get_latest_revision_as_object().body
    assert [block.block_type for block in revision_body] == [
        "heading", "rich_text", "image", "video", "audio", "document", "callout", "case_study", "reflection", "key_takeaways",
    ]
    # and the trainer cannot approve it themselves
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", state.current_task_state.pk])
    client.post(approve_url)
    assert not LessonPage.objects.get(pk=lesson.pk).live
    # when a ministry officer approves
    login(client, people["officer"])
    response = client.post(approve_url)
    assert response.status_code in (200, 302)
    # then the lesson is live, with every block
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and len(lesson.body) == 10


@pytest.mark.django_db
def test_a_trainer_cannot_create_pages_in_another_programme(client, programmes, people, media):
    login(client, people["mediation trainer"])
    module = programmes["PP"].modules[0]
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", module.pk]),
        _lesson_form("درس", "intruder", media, action="action-submit"),
    )
    assert response.status_code == 302 and not Page.objects.filter(slug="intruder").exists()


@pytest.mark.django_db
def test_a_trainer_cannot_publish_directly(client, programmes, people, media):
    login(client, people["mediation trainer"])
    module = programmes["MF"].modules[0]
    client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", module.pk]),
        _lesson_form("درس", "direct", media, action="action-publish"),
    )
    lesson = LessonPage.objects.filter(slug="direct").first()
    assert lesson is None or not lesson.live


@pytest.mark.django_db
def test_an_officer_writes_a_guide_session_through_the_admin_form(client, home_page, media):
    from cms.factories import GuidePageFactory, GuidePartPageFactory
    from cms.models import GuideSessionPage

    part = GuidePartPageFactory(parent=GuidePageFactory(parent=home_page), title="الجزء الأول")
    login(client, UserFactory(roles=[Role.MINISTRY_OFFICER]))
    form = reverse("wagtailadmin_pages:add", args=["cms", "guidesessionpage", part.pk])
    # the form offers the four target groups as checkboxes
    html = client.get(form).content.decode()
    for value in ("fathers", "female_heads", "future_parents", "educators"):
        assert f'type="checkbox" name="target_groups" value="{value}"' in html
    data = nested_form_data(
        {
            "title": "الجلسة 1: التعارف",
            "slug": "seance-1",
            "intro": rich_text("<p>جلسة افتتاحية</p>"),
            "duration_minutes": "90",
            "objectives": rich_text("<ul><li>خلق جو من الثقة</li></ul>", features=["ul", "ol", "bold", "italic"]),
            "materials": rich_text("<ul><li>أوراق كبيرة</li></ul>", features=["ul", "ol", "bold", "italic"]),
            "activities": streamfield([("activity", {"title": "دائرة التعارف", "duration_minutes": "20", "steps": _listblock(["يجلس المشاركون في دائرة."])})]),
            "handouts": streamfield([("handout", {"document": media["document"].pk, "title": "بطاقة", "description": ""})]),
            "facilitator_tips": rich_text("<p>لا تجبر أحدا على الكلام.</p>", features=["ul", "ol", "bold", "italic", "link"]),
            "go_live_at": "",
            "expire_at": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "1",
        }
    )
    data["target_groups"] = ["fathers", "educators"]  # the client sends each value
    response = client.post(form, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    session = GuideSessionPage.objects.get(slug="seance-1")
    assert session.live and session.target_groups == ["fathers", "educators"]
    assert session.activities_minutes == 20 and session.handouts[0].value["document"] == media["document"]
    assert session.target_group_labels() == ["الآباء", "المربون ومقدمو الرعاية"]
