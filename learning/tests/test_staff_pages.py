"""What trainers, coordinators and officers see and do: cohorts (create,
edit, invitation), nominations, the trainee × module grid with its filters
and exports, the association's follow-up and the national overview."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.factories import AssociationFactory, UserFactory
from accounts.regions import Region
from accounts.roles import Role
from learning.factories import CohortFactory
from learning.models import Cohort, CohortMembership, Enrollment, Nomination, NominationStatus
from learning.services import cohort_member_add, lesson_complete, nomination_create


@pytest.fixture
def cohort(tree, trainer):
    return CohortFactory(course=tree.course, trainers=[trainer], capacity=300)


def _add(cohort, count, **user_fields):
    users = [UserFactory(**user_fields) for _ in range(count)]
    for user in users:
        cohort_member_add(cohort=cohort, user=user)
    return users


# --- Creating and editing cohorts ---------------------------------------------------


@pytest.mark.django_db
def test_a_trainer_creates_a_cohort_and_sees_its_code_and_link(login, tree, trainer):
    # given
    client = login(trainer)
    other_trainer = UserFactory(roles=[Role.TRAINER])
    today = timezone.localdate()

    # when
    response = client.post(
        reverse("learning:cohort_create"),
        {
            "course": tree.course.pk, "name_ar": "فوج مراكش 2026", "name_fr": "Cohorte Marrakech 2026",
            "region": Region.MARRAKECH_SAFI, "trainers": [other_trainer.pk],
            "starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=90)).isoformat(), "capacity": 25,
        },
        follow=True,
    )

    # then
    cohort = Cohort.objects.get()
    assert set(cohort.trainers.all()) == {trainer, other_trainer}
    assert cohort.capacity == 25 and cohort.created_by == trainer
    html = response.content.decode()
    assert "فوج مراكش 2026" in html
    assert cohort.invitation_code_display in html
    assert reverse("learning:cohort_join_link", args=[cohort.invitation_code_display]) in html


@pytest.mark.django_db
def test_a_cohort_ending_before_it_starts_is_refused_with_the_reason(login, tree, trainer):
    today = timezone.localdate()
    response = login(trainer).post(
        reverse("learning:cohort_create"),
        {"course": tree.course.pk, "name_ar": "فوج", "region": Region.ORIENTAL, "capacity": 10,
         "starts_on": today.isoformat(), "ends_on": (today - dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "لا يمكن أن ينتهي الفوج قبل أن يبدأ" in response.content.decode()
    assert not Cohort.objects.exists()


@pytest.mark.django_db
def test_capacity_below_the_members_is_refused_on_edit(login, cohort, trainer):
    _add(cohort, 3)
    response = login(trainer).post(
        reverse("learning:cohort_edit", args=[cohort.pk]),
        {"name_ar": cohort.name_ar, "region": cohort.region, "capacity": 2, "trainers": [trainer.pk],
         "starts_on": cohort.starts_on.isoformat(), "ends_on": cohort.ends_on.isoformat()},
    )
    assert response.status_code == 400
    cohort.refresh_from_db()
    assert cohort.capacity == 300
    assert "يضم الفوج حاليًا 3 متدربًا" in response.content.decode()


@pytest.mark.django_db
def test_renewing_the_code_needs_a_post_and_replaces_it(login, cohort, trainer):
    client = login(trainer)
    old = cohort.invitation_code
    assert client.get(reverse("learning:cohort_invitation_renew", args=[cohort.pk])).status_code == 405
    cohort.refresh_from_db()
    assert cohort.invitation_code == old
    response = client.post(reverse("learning:cohort_invitation_renew", args=[cohort.pk]), follow=True)
    cohort.refresh_from_db()
    assert cohort.invitation_code != old
    assert cohort.invitation_code_display in response.content.decode()


# --- Nominations --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_coordinator_nominates_and_the_trainer_accepts_or_declines(login, cohort, trainer, coordinator, association):
    # given two members of the coordinator's association
    first, second = UserFactory(association=association), UserFactory(association=association)

    # when the coordinator nominates both from the cohort page
    client = login(coordinator)
    page = client.get(reverse("learning:cohort_detail", args=[cohort.pk])).content.decode()
    assert reverse("learning:nominate", args=[cohort.pk]) in page
    for member in (first, second):
        client.post(reverse("learning:nominate", args=[cohort.pk]), {"trainee": member.pk, "note": "متحمسة"})
    assert Nomination.objects.filter(status=NominationStatus.PENDING).count() == 2

    # then the trainer sees them and accepts one, declines the other
    client = login(trainer)
    page = client.get(reverse("learning:cohort_detail", args=[cohort.pk])).content.decode()
    assert first.display_name in page and "متحمسة" in page
    accept = Nomination.objects.get(trainee=first)
    decline = Nomination.objects.get(trainee=second)
    client.post(reverse("learning:nomination_accept", args=[accept.pk]))
    response = client.post(reverse("learning:nomination_decline", args=[decline.pk]), follow=True)

    assert CohortMembership.objects.filter(cohort=cohort, enrollment__user=first).exists()
    assert not Enrollment.objects.filter(user=second).exists()
    decline.refresh_from_db()
    assert decline.status == NominationStatus.DECLINED
    grid = response.content.decode().split('class="grid-table"')[1]
    assert first.display_name in grid and second.display_name not in grid


@pytest.mark.django_db
def test_a_coordinator_cannot_nominate_someone_outside_the_association(login, cohort, coordinator):
    stranger = UserFactory(association=AssociationFactory())
    response = login(coordinator).post(reverse("learning:nominate", args=[cohort.pk]), {"trainee": stranger.pk}, follow=True)
    assert not Nomination.objects.exists()
    assert 'class="message message--error"' in response.content.decode()


# --- The grid -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_grid_shows_each_trainee_by_module_with_inactivity(login, cohort, tree, trainer):
    # given one trainee who completed module 1, one who never started (enrolled 30 days ago)
    busy, quiet = _add(cohort, 2)
    for lesson in tree.lessons[0]:
        lesson_complete(user=busy, lesson=lesson)
    Enrollment.objects.filter(user=quiet).update(enrolled_at=timezone.now() - dt.timedelta(days=30))

    # when
    html = login(trainer).get(reverse("learning:cohort_detail", args=[cohort.pk])).content.decode()

    # then
    grid = html.split('class="grid-table"')[1]
    busy_row = grid.split(busy.display_name)[1].split("</tr>")[0]
    quiet_row = grid.split(quiet.display_name)[1].split("</tr>")[0]
    assert busy_row.count("cell--complete") == 1 and "33%" in busy_row
    assert "cell--inactive" in quiet_row and "30" in quiet_row
    assert "cell--inactive" not in busy_row


@pytest.mark.django_db
def test_the_grid_filters_by_status_inactivity_and_name(login, cohort, tree, trainer):
    done, busy, quiet = _add(cohort, 3)
    for lesson in tree.all_lessons:
        lesson_complete(user=done, lesson=lesson)
    lesson_complete(user=busy, lesson=tree.lessons[0][0])
    Enrollment.objects.filter(user=quiet).update(enrolled_at=timezone.now() - dt.timedelta(days=8))
    client = login(trainer)
    url = reverse("learning:cohort_detail", args=[cohort.pk])

    def shown(**params):
        grid = client.get(url, params).content.decode().split("</thead>")[-1]
        return {user for user in (done, busy, quiet) if user.email in grid or user.display_name in grid}

    assert shown(status="completed") == {done}
    assert shown(status="in_progress") == {busy}
    assert shown(status="not_started") == {quiet}
    assert shown(status="inactive", days=7) == {quiet}
    assert shown(status="inactive", days=10) == set()
    assert shown(q=busy.email[:8]) == {busy}
    assert shown(days="abc") == {done, busy, quiet}  # a bad filter is ignored, not an error


@pytest.mark.django_db
def test_the_grid_costs_the_same_queries_for_10_or_100_trainees(login, home_page, trainer):
    from learning.factories import course_tree

    tree = course_tree(home_page, modules=12, lessons=1)
    cohort = CohortFactory(course=tree.course, trainers=[trainer], capacity=300)
    client = login(trainer)
    url = reverse("learning:cohort_detail", args=[cohort.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    _add(cohort, 10)
    client.get(url)  # warm the site-root cache
    few, _ = count()
    _add(cohort, 90)
    many, response = count()
    assert many == few, f"{few} queries for 10 trainees, {many} for 100"
    assert response.content.decode().split("</thead>")[1].count("<tr>") == 100


@pytest.mark.django_db
def test_the_grid_of_200_trainees_by_12_modules_stays_within_a_query_budget(login, home_page, trainer, django_assert_max_num_queries):
    from learning.factories import course_tree
    from learning.models import MembershipSource, ModuleProgress

    # given 200 trainees with a row for each of the 12 modules
    tree = course_tree(home_page, modules=12, lessons=1)
    cohort = CohortFactory(course=tree.course, trainers=[trainer], capacity=300)
    users = UserFactory.create_batch(200, verified=False)
    enrollments = Enrollment.objects.bulk_create(Enrollment(user=user, course=tree.course, source="trainer") for user in users)
    CohortMembership.objects.bulk_create(
        CohortMembership(cohort=cohort, enrollment=enrollment, source=MembershipSource.TRAINER) for enrollment in enrollments
    )
    ModuleProgress.objects.bulk_create(
        ModuleProgress(enrollment=enrollment, module=module, lessons_required=1, lessons_completed=index % 2, progress=index % 2)
        for index, enrollment in enumerate(enrollments)
        for module in tree.modules
    )
    client = login(trainer)
    url = reverse("learning:cohort_detail", args=[cohort.pk])
    client.get(url)  # warm the site-root cache

    # when / then
    with django_assert_max_num_queries(25):
        response = client.get(url)
    body = response.content.decode().split("</thead>")[1]
    assert body.count("<tr>") == 200 and body.count("cell--none") == 100 * 12


@pytest.mark.django_db
def test_a_trainer_removes_a_trainee_who_keeps_their_progress(login, cohort, tree, trainer):
    (person,) = _add(cohort, 1)
    lesson_complete(user=person, lesson=tree.lessons[0][0])
    membership = CohortMembership.objects.get(enrollment__user=person)

    response = login(trainer).post(reverse("learning:cohort_member_remove", args=[cohort.pk, membership.pk]), follow=True)

    assert not CohortMembership.objects.filter(pk=membership.pk).exists()
    enrollment = Enrollment.objects.get(user=person)
    assert enrollment.lessons_completed == 1
    assert person.display_name not in response.content.decode().split('id="grid-title"')[1]


@pytest.mark.django_db
def test_a_coordinator_sees_only_the_associations_trainees(login, cohort, coordinator, association):
    ours = _add(cohort, 2, association=association)
    theirs = _add(cohort, 2, association=AssociationFactory())
    client = login(coordinator)
    html = client.get(reverse("learning:cohort_detail", args=[cohort.pk])).content.decode()
    grid = html.split('class="grid-table"')[1]
    assert all(user.display_name in grid for user in ours)
    assert not any(user.display_name in grid for user in theirs)
    exported = b"".join(client.get(reverse("learning:cohort_export_csv", args=[cohort.pk])).streaming_content).decode()
    assert all(user.email in exported for user in ours) and not any(user.email in exported for user in theirs)
    assert "invitation-code" not in html  # managing is for the trainers


# --- Exports --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_streams_the_grid(login, cohort, tree, trainer):
    done, idle = _add(cohort, 2)
    for lesson in tree.lessons[0]:
        lesson_complete(user=done, lesson=lesson)

    response = login(trainer).get(reverse("learning:cohort_export_csv", args=[cohort.pk]))

    assert response.streaming and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["الاسم (بالعربية)", "الاسم (بالحروف اللاتينية)", "البريد الإلكتروني"]
    assert rows[0][-3:] == ["1. وحدة 1", "2. وحدة 2", "3. وحدة 3"]
    by_email = {row[2]: row for row in rows[1:]}
    assert by_email[done.email][-3:] == ["100", "0", "0"] and by_email[done.email][7] == "33"
    assert by_email[idle.email][-3:] == ["0", "0", "0"]


@pytest.mark.django_db
def test_csv_export_of_1000_trainees_reads_in_batches(cohort, trainer, django_assert_max_num_queries):
    from learning.dashboards import grid_export_rows
    from learning.models import MembershipSource

    users = UserFactory.create_batch(1000, verified=False)
    enrollments = Enrollment.objects.bulk_create(Enrollment(user=user, course=cohort.course, source="trainer") for user in users)
    CohortMembership.objects.bulk_create(
        CohortMembership(cohort=cohort, enrollment=enrollment, source=MembershipSource.TRAINER) for enrollment in enrollments
    )
    with django_assert_max_num_queries(20):
        rows = grid_export_rows(user=trainer, cohort=cohort)
        header = next(rows)
        count = sum(1 for _ in rows)
    assert count == 1000 and len(header) == 12


@pytest.mark.django_db
def test_xlsx_export_opens_in_a_spreadsheet(login, cohort, tree, trainer):
    (done,) = _add(cohort, 1)
    lesson_complete(user=done, lesson=tree.lessons[0][0])
    response = login(trainer).get(reverse("learning:cohort_export_xlsx", args=[cohort.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "البريد الإلكتروني" and rows[1][2] == done.email and rows[1][-3] == 33
    assert sheet.sheet_view.rightToLeft


# --- Association and national overview --------------------------------------------------------


@pytest.mark.django_db
def test_the_association_page_lists_only_its_members(login, cohort, coordinator, association):
    (ours,) = _add(cohort, 1, association=association)
    (theirs,) = _add(cohort, 1, association=AssociationFactory())
    html = login(coordinator).get(reverse("learning:association")).content.decode()
    assert ours.display_name in html and theirs.display_name not in html
    assert "الأعضاء<strong>1</strong>" in html
    assert "التسجيلات<strong>1</strong>" in html
    assert cohort.display_name() in html


@pytest.mark.django_db
def test_the_overview_hides_counts_below_five(login, home_page, officer):
    from learning.factories import course_tree

    tree = course_tree(home_page, modules=1, lessons=1)
    big = CohortFactory(course=tree.course, region=Region.ORIENTAL, capacity=50)
    small = CohortFactory(course=tree.course, region=Region.SOUSS_MASSA, capacity=50)
    users = _add(big, 12, region=Region.ORIENTAL) + _add(small, 3, region=Region.SOUSS_MASSA)
    for user in users[:6]:
        lesson_complete(user=user, lesson=tree.lessons[0][0])

    response = login(officer).get(reverse("learning:overview"))
    html = response.content.decode()

    regions = html.split('data-section="region"')[1].split("</table>")[0]
    oriental = regions.split("الشرق")[1].split("</tr>")[0]
    souss = regions.split("سوس ماسة")[1].split("</tr>")[0]
    assert "<td>12</td>" in oriental and "<td>6</td>" in oriental
    assert "<td>3</td>" not in souss and "<td>أقل من 5</td>" in souss
    assert 'bar--enrolled" style="inline-size: 100%"' in oriental
    assert 'bar--enrolled" style="inline-size: 0%"' in souss
    assert "<strong>15</strong>" in html
    programmes = html.split('data-section="programme"')[1].split("</table>")[0]
    assert tree.programme.title in programmes and "<td>15</td>" in programmes
    cohorts = html.split('data-section="cohort"')[1].split("</table>")[0]
    assert big.display_name() in cohorts and small.display_name() in cohorts
    assert "<td>أقل من 5</td>" in cohorts.split(small.display_name())[1].split("</tr>")[0]


@pytest.mark.django_db
def test_names_that_look_like_formulas_stay_text_in_exports(login, cohort, trainer):
    _add(cohort, 1, full_name_ar="=HYPERLINK(\"http://evil.example\";\"x\")", first_name="+cmd", last_name="")
    client = login(trainer)
    text = b"".join(client.get(reverse("learning:cohort_export_csv", args=[cohort.pk])).streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0].startswith("'=") and row[1].startswith("'+")
    sheet = load_workbook(io.BytesIO(client.get(reverse("learning:cohort_export_xlsx", args=[cohort.pk])).content)).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.mark.django_db
def test_a_trainer_lists_only_their_own_cohorts(login, tree, trainer):
    own = CohortFactory(course=tree.course, trainers=[trainer])
    other = CohortFactory(course=tree.course, trainers=[UserFactory(roles=[Role.TRAINER])])
    html = login(trainer).get(reverse("learning:cohort_list")).content.decode()
    assert own.display_name() in html and other.display_name() not in html
    assert reverse("learning:cohort_detail", args=[other.pk]) not in html


@pytest.mark.django_db
def test_lists_and_overview_cost_the_same_queries_for_more_cohorts(login, home_page, officer, coordinator, association):
    from learning.factories import course_tree

    def counts():
        result = {}
        for user, name in ((officer, "cohort_list"), (officer, "overview"), (coordinator, "association")):
            client = login(user)
            client.get(reverse(f"learning:{name}"))  # warm the site-root cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(f"learning:{name}")).status_code == 200
            result[name] = len(queries)
        return result

    def grow(times):
        for _ in range(times):
            tree = course_tree(home_page, modules=1, lessons=1)
            cohort = CohortFactory(course=tree.course, capacity=50)
            _add(cohort, 3, association=association)

    grow(1)
    few = counts()
    grow(3)
    many = counts()
    assert many == few, f"{few} with one programme and cohort, {many} with four"


@pytest.mark.django_db
def test_the_trainers_pages_read_in_french(login, cohort, trainer, french_home_page):
    _add(cohort, 1)
    client = login(trainer)
    page_url = f"/fr{reverse('learning:cohort_detail', args=[cohort.pk])}"
    export_url = f"/fr{reverse('learning:cohort_export_csv', args=[cohort.pk])}"
    html = client.get(page_url).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert cohort.name_fr in html
    for text in ("Invitation", "Renouveler le code", "Exporter (CSV)", "Filtrer", "1 stagiaire affiché"):
        assert text in html, text
    text = b"".join(client.get(export_url).streaming_content).decode("utf-8-sig")
    assert text.startswith("Nom (arabe),Nom (caractères latins),Courriel")
