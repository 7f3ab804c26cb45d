import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.factories import course_tree


@pytest.fixture
def tree(home_page):
    """A course of 3 modules × 3 lessons; module 2 and 3 require the previous one."""
    return course_tree(home_page)


@pytest.fixture
def trainee(db):
    return UserFactory(roles=[Role.TRAINEE])


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[Role.TRAINER])


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.MINISTRY_OFFICER])
