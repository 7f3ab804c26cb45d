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
