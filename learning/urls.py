"""Pages people read, under the language prefix (/learning/…, /fr/learning/…).
Every URL here is in the role × URL matrix of learning/tests/test_permissions_matrix.py."""

from django.urls import path

from .views import staff, trainee

app_name = "learning"

urlpatterns = [
    # Trainee
    path("", trainee.my_learning, name="my_learning"),
    path("courses/<int:course_id>/enrol/", trainee.enroll, name="enroll"),
    path("join/", trainee.cohort_join_view, name="cohort_join"),
    path("join/<str:code>/", trainee.cohort_join_view, name="cohort_join_link"),
    path("lessons/<int:lesson_id>/start/", trainee.lesson_action, {"action": "start"}, name="lesson_start"),
    path("lessons/<int:lesson_id>/complete/", trainee.lesson_action, {"action": "complete"}, name="lesson_complete"),
    path("lessons/<int:lesson_id>/time/", trainee.lesson_action, {"action": "time"}, name="lesson_time"),
    # Trainers, coordinators, officers
    path("cohorts/", staff.cohort_list, name="cohort_list"),
    path("cohorts/new/", staff.cohort_create_view, name="cohort_create"),
    path("cohorts/<int:cohort_id>/", staff.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:cohort_id>/edit/", staff.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:cohort_id>/export.csv", staff.cohort_export_csv, name="cohort_export_csv"),
    path("cohorts/<int:cohort_id>/export.xlsx", staff.cohort_export_xlsx, name="cohort_export_xlsx"),
    path("cohorts/<int:cohort_id>/invitation/renew/", staff.cohort_invitation_renew_view, name="cohort_invitation_renew"),
    path(
        "cohorts/<int:cohort_id>/members/<int:membership_id>/remove/",
        staff.cohort_member_remove_view,
        name="cohort_member_remove",
    ),
    path("cohorts/<int:cohort_id>/nominate/", staff.nominate, name="nominate"),
    path("nominations/<int:nomination_id>/accept/", staff.nomination_decide, {"decision": "accept"}, name="nomination_accept"),
    path("nominations/<int:nomination_id>/decline/", staff.nomination_decide, {"decision": "decline"}, name="nomination_decline"),
    path("association/", staff.association, name="association"),
    path("overview/", staff.overview, name="overview"),
]
