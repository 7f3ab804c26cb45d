"""Transactional tests flush the database; each must still start with what
the migrations created (conftest gives them a serialized rollback)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

@pytest.mark.django_db(transaction=True)
def test_first_transactional_test_sees_migration_data():
    assert Group.objects.filter(name="Trainer").exists()
    assert Locale.objects.filter(language_code="fr").exists()

@pytest.mark.django_db(transaction=True)
def test_next_transactional_test_still_sees_migration_data():
    assert Group.objects.filter(name="Trainer").exists()
    assert Locale.objects.filter(language_code="fr").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_after_the_browser_started_still_sees_migration_data(page):
    page.goto("/healthz")

    assert Group.objects.filter(name="Trainer").exists()
    assert Locale.objects.filter(language_code="ar").exists()


@pytest.mark.django_db(transaction=True)
def test_and_so_does_the_next_one(browser):
    assert Group.objects.filter(name="Trainer").exists()
    assert Locale.objects.filter(language_code="ar").exists()
