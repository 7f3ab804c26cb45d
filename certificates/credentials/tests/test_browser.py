"""In a real browser: the holder downloads the credential from "My learning",
uploads it at /verify/check/ and reads the report; a changed copy fails."""

import json

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.factories import certificate_make, course_with_programme, rule_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_then_upload_the_credential_and_read_the_report(page, live_server, client, signing_key, home_page, tmp_path):
    # given: a holder whose certificate was issued (its credential signed after commit)
    holder = UserFactory(roles=[Role.TRAINEE], full_name_ar="سلمى بنعلي", first_name="Salma", last_name="Benali")
    _programme, course = course_with_programme(hours=30)
    rule_for(course, validity_months=36)
    certificate = certificate_make(holder=holder, course=course)
    client.force_login(holder)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    # when: the holder downloads it from "My learning"
    page.goto("/learning/")
    with page.expect_download() as download_info:
        page.locator(".my-credential a.button").click()
    download = download_info.value
    assert download.suggested_filename == f"credential-{certificate.licence_number}.json"
    saved = tmp_path / "credential.json"
    download.save_as(saved)
    assert json.loads(saved.read_text())["credentialSubject"]["licenseNumber"] == certificate.licence_number

    # and anyone uploads it at /verify/check/ (no account)
    page.context.clear_cookies()
    page.goto("/verify/check/")
    page.locator("input[type=file]").set_input_files(str(saved))
    page.locator("form.credential-check-form button[type=submit]").click()

    # then: the report, in Arabic, says valid, with the holder and licence number
    with translation.override("ar"):
        valid_label = pgettext("credential", "Valid")
    report = page.locator(".credential-report")
    assert "credential-report--valid" in report.get_attribute("class")
    assert page.locator(".credential-report__banner").inner_text().strip() == valid_label
    assert "سلمى بنعلي" in report.inner_text()
    assert certificate.licence_number in report.inner_text()
    assert page.locator(".credential-check--passed").count() == 10
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # when: a copy with the licence number changed is uploaded
    document = json.loads(saved.read_text())
    document["credentialSubject"]["licenseNumber"] = "MF-2026-999999"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(document, ensure_ascii=False))
    page.locator("input[type=file]").set_input_files(str(forged))
    page.locator("form.credential-check-form button[type=submit]").click()

    # then: invalid, and the signature check failed
    assert "credential-report--invalid" in page.locator(".credential-report").get_attribute("class")
    assert page.locator(".credential-check--failed").count() >= 1
