"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Tests read translated strings: make sure the .mo files are current.

    Catalogues may already have been loaded (lazy strings evaluated while
    collecting tests) from stale or missing .mo files, so drop Django's
    translation caches after compiling.
    """
    from asgiref.local import Local
    from django.utils.translation import trans_real

    call_command("compile_catalogues", verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Every test writes uploads and generated files under its own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private-media"), "base_url": None},
        },
    }
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language in the test's thread and Django never
    resets it: every test starts in Arabic (the default language), so
    ``reverse`` gives unprefixed URLs and messages read in Arabic, whatever an
    earlier test in the same process left active."""
    from django.utils import translation

    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from cms.factories import site_with_home

    return site_with_home()


@pytest.fixture
def french_home_page(home_page):
    from cms.factories import translate_page

    return translate_page(home_page, "fr", title="Académie Jisr")


# --- Browser tests ---------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; `make test` installs it with apt")
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls made by the test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # From here on this thread sees new Django connection objects.
        _keep_serialized_contents()
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page with a phone-sized screen (360 px wide)."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, base_url=live_server.url)
    browser_page = context.new_page()
    browser_page.set_default_timeout(15_000)
    yield browser_page
    _close_quietly(context, browser_page)


def _close_quietly(context, browser_page):
    """Leave the page and close the context, then wait for the requests the
    page sent as it went (time spent, activity state) to end: the test's
    database is emptied next, and a request still writing would make that
    fail ("database table is locked" on SQLite in memory)."""
    from tests.in_flight import wait_until_idle

    try:
        browser_page.goto("about:blank")
    finally:
        context.close()
        wait_until_idle()


def pytest_collection_modifyitems(items):
    """Transactional tests (browser tests, the Celery worker test) end with a
    flush that also empties what migrations created (locales, role groups and
    their permissions). Give each one a serialized rollback so it starts from
    the migrated database, whatever ran before it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback"):
            continue
        item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), append=False)


_serialized_contents: dict[str, str] = {}


def _keep_serialized_contents():
    """Keep the serialized test database reachable for serialized rollbacks.

    Once Playwright's sync API runs (browser tests), code in this thread sees
    other Django connection objects (asgiref's context-local storage), which
    lack the ``_test_serialized_contents`` Django attached at set-up; without
    it a transactional test would silently start from an empty database (and
    its flush would not know it must leave the content types to the rollback).
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            _serialized_contents[alias] = contents
        elif alias in _serialized_contents:
            connection._test_serialized_contents = _serialized_contents[alias]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _keep_serialized_contents()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _keep_serialized_contents()
