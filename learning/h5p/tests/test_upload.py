"""Uploading: admin snippet, service and command. A rejected package leaves
nothing in storage or in the database; an accepted one is unpacked by the
Celery task (eager here) into the H5P storage."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from learning.h5p.models import ActivityStatus, H5PActivity, h5p_storage
from learning.h5p.services import activity_create, activity_extract
from learning.h5p.validation import PackageRejected

from .packages import as_upload, raw_zip, valid_entries, valid_package

pytestmark = pytest.mark.django_db


def stored_files(prefix: str = "h5p") -> list[str]:
    storage = h5p_storage()

    def walk(path):
        try:
            folders, files = storage.listdir(path)
        except FileNotFoundError:
            return []
        found = [f"{path}/{name}" for name in files]
        for folder in folders:
            found += walk(f"{path}/{folder}")
        return found

    return walk(prefix)


def test_service_stores_the_package_and_unpacks_it(django_capture_on_commit_callbacks, trainer):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_create(title="  الحياد  ", package=as_upload(valid_package()), uploaded_by=trainer)
    # then
    activity.refresh_from_db()
    assert activity.title == "الحياد"
    assert activity.status == ActivityStatus.READY
    assert activity.main_library == "H5P.JisrTrueFalse 1.0"
    assert activity.package_bytes == len(valid_package())
    assert activity.uploaded_by == trainer
    files = stored_files()
    assert activity.package in files
    prefix = activity.content_prefix
    assert f"{prefix}/h5p.json" in files
    assert f"{prefix}/content/content.json" in files
    assert f"{prefix}/H5P.JisrTrueFalse-1.0/truefalse.js" in files
    with h5p_storage().open(f"{prefix}/content/content.json") as handle:
        assert "الوسيط الأسري" in handle.read().decode()


def test_the_title_defaults_to_the_packages_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_create(title="", package=as_upload(valid_package("عنوان الحزمة")))
    assert activity.title == "عنوان الحزمة"


def test_a_rejected_package_leaves_nothing_behind(django_capture_on_commit_callbacks):
    bad = raw_zip([*valid_entries(), ("content/x.html", b"<script>")])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PackageRejected):
        activity_create(title="x", package=as_upload(bad))
    assert not H5PActivity.objects.exists()
    assert stored_files() == []


def test_extraction_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_create(title="x", package=as_upload(valid_package()))
    before = stored_files()
    again = activity_extract(activity_id=activity.pk)
    assert again.status == ActivityStatus.READY
    assert stored_files() == before


def test_a_damaged_package_fails_and_cleans_up(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        activity = activity_create(title="x", package=as_upload(valid_package()))
    # the stored package is damaged after it was accepted (a storage fault)
    storage = h5p_storage()
    data = bytearray(valid_package())
    index = data.find(b"truefalse.js") + 40  # inside a compressed body
    data[index] ^= 0xFF
    storage.delete(activity.package)
    storage.save(activity.package, as_upload(bytes(data)))
    # when
    result = activity_extract(activity_id=activity.pk)
    # then
    assert result.status == ActivityStatus.FAILED
    assert result.error
    assert result.content_prefix == ""
    assert stored_files() == [activity.package]


# --- Wagtail admin ------------------------------------------------------------


def test_trainer_uploads_in_the_admin(client, trainer, django_capture_on_commit_callbacks):
    client.force_login(trainer)
    url = reverse("wagtailsnippets_h5p_h5pactivity:add")
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"title": "الحياد", "package": as_upload(valid_package(), "neutral.h5p")})
    assert response.status_code == 302
    activity = H5PActivity.objects.get()
    assert activity.status == ActivityStatus.READY
    assert activity.uploaded_by == trainer
    listing = client.get(reverse("wagtailsnippets_h5p_h5pactivity:list")).content.decode()
    assert "الحياد" in listing and "H5P.JisrTrueFalse 1.0" in listing
    # the title can be edited; the package is not replaced from the edit form
    response = client.post(reverse("wagtailsnippets_h5p_h5pactivity:edit", args=[activity.pk]), {"title": "جديد"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "جديد" and activity.status == ActivityStatus.READY


def test_admin_shows_why_a_package_is_rejected_and_stores_nothing(client, trainer):
    client.force_login(trainer)
    bad = raw_zip([*valid_entries(), ("../../evil.json", b"{}")])
    response = client.post(reverse("wagtailsnippets_h5p_h5pactivity:add"), {"title": "x", "package": as_upload(bad)})
    assert response.status_code == 200
    # the admin speaks the trainer's language (Arabic here)
    assert "تحتوي الحزمة على مسار يخرج من مجلدها (”..“): ../../evil.json" in response.content.decode()
    assert not H5PActivity.objects.exists()
    assert stored_files() == []


def test_trainees_cannot_reach_the_admin_upload(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("wagtailsnippets_h5p_h5pactivity:add"))
    assert response.status_code in (302, 403)
    assert not H5PActivity.objects.exists()


# --- Command ------------------------------------------------------------------


def test_command_imports_a_package(tmp_path, django_capture_on_commit_callbacks, capsys):
    path = tmp_path / "neutral.h5p"
    path.write_bytes(valid_package())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("h5p_import", str(path), "--title", "الحياد")
    activity = H5PActivity.objects.get()
    assert activity.title == "الحياد"
    assert activity.status == ActivityStatus.READY
    assert "H5P.JisrTrueFalse 1.0" in capsys.readouterr().out


def test_command_rejects_with_one_line(tmp_path):
    path = tmp_path / "bomb.h5p"
    path.write_bytes(raw_zip([*valid_entries(), ("content/images/a.png", b"\0" * 5_000_000)]))
    with pytest.raises(CommandError) as caught:
        call_command("h5p_import", str(path), "--title", "x")
    assert str(caught.value) == "bomb.h5p: The package is compressed suspiciously well (content/images/a.png): it may be a zip bomb."
    assert not H5PActivity.objects.exists()
    assert stored_files() == []


def test_command_exits_non_zero(tmp_path):
    path = tmp_path / "page.h5p"
    path.write_bytes(b"<html></html>")
    result = subprocess.run(
        [sys.executable, "manage.py", "h5p_import", str(path), "--title", "x"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "LANGUAGE": "en"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        # commands speak the site's default language (Arabic)
        "CommandError: page.h5p: هذا الملف ليس حزمة H5P: إنه ليس أرشيف zip صالحًا."
    ]
