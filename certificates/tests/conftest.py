import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.factories import course_with_programme, rule_for
from learning.factories import CohortFactory
from learning.services import cohort_member_add


@pytest.fixture
def programme_and_course(home_page):
    return course_with_programme()


@pytest.fixture
def course(programme_and_course):
    return programme_and_course[1]


@pytest.fixture
def programme(programme_and_course):
    return programme_and_course[0]


@pytest.fixture
def rule(course):
    return rule_for(course, validity_months=36)


@pytest.fixture
def trainee(db):
    return UserFactory(
        roles=[Role.TRAINEE],
        email="salma@example.ma",
        full_name_ar="سلمى بنعلي",
        first_name="Salma",
        last_name="Benali",
        region="MSA",
    )


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.MINISTRY_OFFICER], email="officer@example.ma", full_name_ar="كريم التازي", first_name="Karim", last_name="Tazi")


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[Role.TRAINER], email="trainer@example.ma")


@pytest.fixture
def cohort(tree, trainer):
    """Three trainees in ``trainer``'s cohort of the requesting module's ``tree``."""
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    for n, name in enumerate(["أمينة", "يوسف", "سناء"]):
        user = UserFactory(roles=[Role.TRAINEE], full_name_ar=f"{name} العلوي", first_name=f"T{n}", last_name="Alaoui")
        cohort_member_add(cohort=cohort, user=user)
    return cohort


@pytest.fixture
def certificate(trainee, course, rule):
    from certificates.services import certificate_issue

    certificate, _created = certificate_issue(holder=trainee, course=course, rule=rule)
    return certificate


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database when it ends (a flush). For
    ours (``serialized_rollback=True``), put back what the migrations created
    (locales, role groups, …), so the transactional tests that run after them
    — other apps' browser tests — find the database as it was."""
    yield
    marker = item.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        return
    if nextitem is None:
        # The session ends: its teardown has just dropped the test database.
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
