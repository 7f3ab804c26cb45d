"""Role × URL → status for every URL of learning/urls.py (one place decides,
learning/permissions.py; this table checks it). Every state change is a POST
protected by CSRF; a GET on it changes nothing (405)."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import TEST_PASSWORD, AssociationFactory, UserFactory
from accounts.roles import Role
from learning import urls as learning_urls
from learning.factories import CohortFactory
from learning.models import Cohort, CohortMembership, Nomination, NominationStatus
from learning.services import cohort_join, nomination_create

ROLES = (
    "anonymous", "trainee", "other_trainee", "trainer_own", "trainer_other",
    "coordinator_own", "coordinator_other", "officer", "admin",
)


@dataclass
class World:
    users: dict
    course: object
    lesson: object
    cohort: Cohort
    nomination: Nomination
    member: object  # an association member the own coordinator may nominate
    membership: object  # the trainee's place in the cohort


@pytest.fixture
def world(tree):
    own_association, other_association = AssociationFactory(), AssociationFactory()
    users = {
        "trainee": UserFactory(roles=[Role.TRAINEE], association=own_association),
        "other_trainee": UserFactory(roles=[Role.TRAINEE]),
        "trainer_own": UserFactory(roles=[Role.TRAINER]),
        "trainer_other": UserFactory(roles=[Role.TRAINER]),
        "coordinator_own": UserFactory(roles=[Role.ASSOCIATION_COORDINATOR], association=own_association),
        "coordinator_other": UserFactory(roles=[Role.ASSOCIATION_COORDINATOR], association=other_association),
        "officer": UserFactory(roles=[Role.MINISTRY_OFFICER]),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    cohort = CohortFactory(course=tree.course, trainers=[users["trainer_own"]])
    CohortFactory(course=tree.course, trainers=[users["trainer_other"]])
    membership, _ = cohort_join(user=users["trainee"], code=cohort.invitation_code)
    member = UserFactory(association=own_association)
    nomination, _ = nomination_create(cohort=cohort, trainee=member, nominated_by=users["coordinator_own"])
    return World(users=users, course=tree.course, lesson=tree.lessons[0][0], cohort=cohort, nomination=nomination, member=member, membership=membership)


#            anon trainee other  tr_own tr_oth co_own co_oth officer admin
EVERYONE = (302, 200, 200, 200, 200, 200, 200, 200, 200)
REDIRECT = (302, 302, 302, 302, 302, 302, 302, 302, 302)
COHORT_LIST = (302, 403, 403, 200, 200, 200, 200, 200, 200)
CREATORS = (302, 403, 403, 200, 200, 403, 403, 200, 200)
VIEWERS = (302, 403, 403, 200, 403, 200, 200, 200, 200)
MANAGERS = (302, 403, 403, 200, 403, 403, 403, 200, 200)
MANAGE_POST = (302, 403, 403, 302, 403, 403, 403, 302, 302)
INVALID_FORM = 400
ENROLLED_ONLY = (302, 200, 403, 403, 403, 403, 403, 403, 403)
STAFF_PREVIEW = (302, 200, 403, 200, 200, 403, 403, 200, 200)  # staff open lessons without a trace
COORDINATORS = (302, 403, 403, 403, 403, 302, 302, 403, 403)
ASSOCIATION = (302, 403, 403, 403, 403, 200, 200, 403, 403)
OFFICERS = (302, 403, 403, 403, 403, 403, 403, 200, 200)
NOT_ALLOWED = (405,) * 9


def _replace(expected, old, new):
    return tuple(new if status == old else status for status in expected)


# (url name, method, args from the world, POST data, headers, expected per role)
FRAGMENT = {"HTTP_X_LEARNING_FRAGMENT": "1"}
CASES = [
    ("my_learning", "get", lambda w: [], None, {}, EVERYONE),
    ("enroll", "post", lambda w: [w.course.pk], {}, {}, REDIRECT),
    ("enroll", "get", lambda w: [w.course.pk], None, {}, NOT_ALLOWED),
    ("cohort_join", "get", lambda w: [], None, {}, EVERYONE),
    ("cohort_join", "post", lambda w: [], lambda w: {"code": w.cohort.invitation_code}, {}, REDIRECT),
    ("cohort_join_link", "get", lambda w: [w.cohort.invitation_code_display], None, {}, EVERYONE),
    ("lesson_start", "post", lambda w: [w.lesson.pk], {}, FRAGMENT, STAFF_PREVIEW),
    ("lesson_start", "get", lambda w: [w.lesson.pk], None, {}, NOT_ALLOWED),
    ("lesson_complete", "post", lambda w: [w.lesson.pk], {}, FRAGMENT, ENROLLED_ONLY),
    ("lesson_complete", "get", lambda w: [w.lesson.pk], None, {}, NOT_ALLOWED),
    ("lesson_time", "post", lambda w: [w.lesson.pk], {}, FRAGMENT, ENROLLED_ONLY),
    ("lesson_time", "get", lambda w: [w.lesson.pk], None, {}, NOT_ALLOWED),
    ("cohort_list", "get", lambda w: [], None, {}, COHORT_LIST),
    ("cohort_create", "get", lambda w: [], None, {}, CREATORS),
    ("cohort_create", "post", lambda w: [], {}, {}, _replace(CREATORS, 200, INVALID_FORM)),
    ("cohort_detail", "get", lambda w: [w.cohort.pk], None, {}, VIEWERS),
    ("cohort_edit", "get", lambda w: [w.cohort.pk], None, {}, MANAGERS),
    ("cohort_edit", "post", lambda w: [w.cohort.pk], {}, {}, _replace(MANAGERS, 200, INVALID_FORM)),
    ("cohort_export_csv", "get", lambda w: [w.cohort.pk], None, {}, VIEWERS),
    ("cohort_export_xlsx", "get", lambda w: [w.cohort.pk], None, {}, VIEWERS),
    ("cohort_invitation_renew", "post", lambda w: [w.cohort.pk], {}, {}, MANAGE_POST),
    ("cohort_invitation_renew", "get", lambda w: [w.cohort.pk], None, {}, NOT_ALLOWED),
    ("cohort_member_remove", "post", lambda w: [w.cohort.pk, w.membership.pk], {}, {}, MANAGE_POST),
    ("cohort_member_remove", "get", lambda w: [w.cohort.pk, w.membership.pk], None, {}, NOT_ALLOWED),
    ("nominate", "post", lambda w: [w.cohort.pk], lambda w: {"trainee": w.member.pk}, {}, COORDINATORS),
    ("nominate", "get", lambda w: [w.cohort.pk], None, {}, NOT_ALLOWED),
    ("nomination_accept", "post", lambda w: [w.nomination.pk], {}, {}, MANAGE_POST),
    ("nomination_accept", "get", lambda w: [w.nomination.pk], None, {}, NOT_ALLOWED),
    ("nomination_decline", "post", lambda w: [w.nomination.pk], {}, {}, MANAGE_POST),
    ("nomination_decline", "get", lambda w: [w.nomination.pk], None, {}, NOT_ALLOWED),
    ("association", "get", lambda w: [], None, {}, ASSOCIATION),
    ("overview", "get", lambda w: [], None, {}, OFFICERS),
]


def test_every_learning_url_is_in_the_matrix():
    names = {pattern.name for pattern in learning_urls.urlpatterns}
    assert names == {case[0] for case in CASES}


def _client_for(world, role, **kwargs) -> Client:
    client = Client(**kwargs)
    if role != "anonymous":
        assert client.login(email=world.users[role].email, password=TEST_PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method", "args", "data", "headers", "expected"),
    CASES,
    ids=[f"{case[1].upper()} {case[0]}" for case in CASES],
)
def test_role_by_url(world, name, method, args, data, headers, expected):
    url = reverse(f"learning:{name}", args=args(world))
    got = {}
    for role in ROLES:
        # a fresh pending nomination for each role (a decision closes it)
        if name.startswith("nomination_"):
            Nomination.objects.filter(pk=world.nomination.pk).update(status=NominationStatus.PENDING, decided_at=None, decided_by=None)
        if name == "cohort_member_remove" and not CohortMembership.objects.filter(pk=world.membership.pk).exists():
            world.membership.save()  # put the trainee back (same id) for the next role
        client = _client_for(world, role)
        payload = data(world) if callable(data) else data
        response = getattr(client, method)(url, payload, **headers) if payload is not None else getattr(client, method)(url, **headers)
        got[role] = response.status_code
        if role == "anonymous" and response.status_code == 302:
            assert "/accounts/login/" in response["Location"], response["Location"]
    assert got == dict(zip(ROLES, expected, strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args", "data", "headers", "role"),
    [
        (name, args, data, headers, next(role for role, status in zip(ROLES, expected, strict=True) if status in (200, 302, 400) and role != "anonymous"))
        for name, method, args, data, headers, expected in CASES
        if method == "post"
    ],
    ids=[case[0] for case in CASES if case[1] == "post"],
)
def test_every_post_needs_the_csrf_token(world, name, args, data, headers, role):
    client = _client_for(world, role, enforce_csrf_checks=True)
    payload = data(world) if callable(data) else data
    response = client.post(reverse(f"learning:{name}", args=args(world)), payload, **headers)
    assert response.status_code == 403
