import pytest

from accounts.factories import UserFactory
from accounts.roles import Role


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[Role.TRAINER])


@pytest.fixture
def trainee(db):
    return UserFactory(roles=[Role.TRAINEE])


@pytest.fixture(autouse=True)
def _english_messages(request):
    """Messages are compared in English unless a test switches language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def activity(db, django_capture_on_commit_callbacks):
    from learning.h5p.services import activity_create

    from .packages import as_upload, valid_package

    with django_capture_on_commit_callbacks(execute=True):
        created = activity_create(title="الحياد", package=as_upload(valid_package()))
    created.refresh_from_db()
    return created


def place(lesson, activity, *, required=True, pass_percent=0):
    lesson.body = [("h5p_activity", {"activity": activity, "required": required, "pass_percent": pass_percent})]
    lesson.save()
    return lesson


@pytest.fixture
def tree(home_page):
    from learning.factories import course_tree

    return course_tree(home_page, modules=1, lessons=2)


@pytest.fixture
def lesson(tree, activity):
    return place(tree.lessons[0][0], activity)


@pytest.fixture
def enrolled(trainee, tree):
    from learning.factories import EnrollmentFactory

    EnrollmentFactory(user=trainee, course=tree.course)
    return trainee
