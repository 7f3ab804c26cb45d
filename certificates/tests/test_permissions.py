"""Who reaches what: role × URL → status, in one table."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.models import CertificateEvent, EventAction
from learning.factories import CohortFactory
from learning.services import cohort_member_add

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "holder", "other_trainee", "trainer", "coordinator", "officer", "superuser"]
OFFICERS = {"officer", "superuser"}


def _user(role, holder):
    if role == "anonymous":
        return None
    if role == "holder":
        return holder
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    group = {
        "other_trainee": Role.TRAINEE,
        "trainer": Role.TRAINER,
        "coordinator": Role.ASSOCIATION_COORDINATOR,
        "officer": Role.MINISTRY_OFFICER,
    }[role]
    return UserFactory(roles=[group])


def expected(role, *, public=False, login=False, holder=False, officer=False, holder_or_officer=False, trainer_or_officer=False, success=200):
    if public:
        return 200
    if role == "anonymous" and login:
        return 302
    allowed = (
        (officer and role in OFFICERS)
        or (holder and role == "holder")
        or (holder_or_officer and (role == "holder" or role in OFFICERS))
        or (trainer_or_officer and (role == "trainer" or role in OFFICERS))
    )
    if not (officer or holder or holder_or_officer or trainer_or_officer):
        allowed = True  # any signed-in user
    return success if allowed else 403


# (method, url template, data, expectations)
MATRIX = [
    ("get", "/verify/", None, {"public": True}),
    ("get", "/verify/{public_id}/", None, {"public": True}),
    ("get", "/certificates/registry/", None, {"public": True}),
    ("get", "/fr/certificates/registry/", None, {"public": True}),
    ("get", "/certificates/registry/export.csv", None, {"officer": True}),
    ("get", "/certificates/mine/", None, {"login": True}),
    ("get", "/certificates/{public_id}/certificate.pdf", None, {"login": True, "holder_or_officer": True}),
    ("post", "/certificates/{public_id}/registry/", {"public": "1"}, {"login": True, "holder": True, "success": 302}),
    # The holder is sent back to their certificates (not yet in the window: told when it opens).
    ("post", "/certificates/{public_id}/renew/", None, {"login": True, "holder": True, "success": 302}),
    ("get", "/certificates/manage/", None, {"login": True, "officer": True}),
    ("get", "/certificates/manage/{public_id}/", None, {"login": True, "officer": True}),
    ("post", "/certificates/manage/{public_id}/suspend/", {"suspend-reason": "Enquête"}, {"login": True, "officer": True, "success": 302}),
    ("get", "/certificates/manage/audit/", None, {"login": True, "officer": True}),
    ("get", "/certificates/manage/audit/export.csv", None, {"login": True, "officer": True}),
    ("get", "/certificates/manage/rules/", None, {"login": True, "officer": True}),
    ("get", "/certificates/manage/rules/{course_id}/", None, {"login": True, "officer": True}),
    ("post", "/certificates/manage/rules/{course_id}/", {"requires_completion": "on", "renewal_window_days": "90"}, {"login": True, "officer": True, "success": 302}),
    ("get", "/certificates/cohorts/", None, {"login": True, "trainer_or_officer": True}),
    # The matrix's trainer does not run this cohort: only officers get in.
    ("get", "/certificates/cohorts/{cohort_id}/", None, {"login": True, "officer": True}),
    ("post", "/certificates/cohorts/{cohort_id}/issue/", None, {"login": True, "officer": True, "success": 302}),
    ("post", "/certificates/cohorts/{cohort_id}/sign-off/{holder_id}/", {"t{holder_id}-trainee": "{holder_id}"}, {"login": True, "officer": True, "success": 302}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, data, rules", MATRIX, ids=[f"{m} {u}" for m, u, _d, _r in MATRIX])
def test_role_url_matrix(client, certificate, role, method, url, data, rules):
    # given
    user = _user(role, certificate.holder)
    if user is not None:
        client.force_login(user)

    # when
    cohort = CohortFactory(course=certificate.course)
    cohort_member_add(cohort=cohort, user=certificate.holder)
    ids = {"public_id": certificate.public_id, "course_id": certificate.course_id, "cohort_id": cohort.pk, "holder_id": certificate.holder_id}
    data = {key.format(**ids): value.format(**ids) for key, value in (data or {}).items()}
    response = getattr(client, method)(url.format(**ids), data)

    # then
    assert response.status_code == expected(role, **rules)
    if response.status_code == 302 and role == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["holder", "other_trainee", "trainer", "officer"])
def test_only_officers_change_a_certificate_and_refusals_change_nothing(client, certificate, role):
    user = _user(role, certificate.holder)
    client.force_login(user)

    client.post(f"/certificates/manage/{certificate.public_id}/revoke/", {"revoke-reason": "Faute", "revoke-public_reason": "misconduct", "revoke-confirm": "on"})

    certificate.refresh_from_db()
    revoked = CertificateEvent.objects.filter(certificate=certificate, action=EventAction.REVOKED).exists()
    assert revoked == (role == "officer")
    assert (certificate.status == "revoked") == (role == "officer")


def test_officers_may_edit_the_print_settings_in_the_wagtail_admin(client):
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    trainer = UserFactory(roles=[Role.TRAINER])
    group = Group.objects.get(name=Role.MINISTRY_OFFICER.value)
    assert group.permissions.filter(codename="change_certificateprintsettings").exists()

    client.force_login(officer)
    page = client.get("/admin/settings/certificates/certificateprintsettings/", follow=True)
    assert page.status_code == 200 and 'name="signatory_name_ar"' in page.content.decode()
    client.force_login(trainer)
    page = client.get("/admin/settings/certificates/certificateprintsettings/", follow=True)
    assert 'name="signatory_name_ar"' not in page.content.decode()
