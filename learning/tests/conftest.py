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


@pytest.fixture
def association(db):
    from accounts.factories import AssociationFactory

    return AssociationFactory()


@pytest.fixture
def coordinator(association):
    return UserFactory(roles=[Role.ASSOCIATION_COORDINATOR], association=association)


@pytest.fixture
def login(client):
    """Log ``user`` in on the test client and return the client."""
    from accounts.factories import TEST_PASSWORD

    def _login(user):
        client.logout()
        assert client.login(email=user.email, password=TEST_PASSWORD)
        return client

    return _login
