"""Pages people read, under the language prefix (/learning/…, /fr/learning/…).
Every URL here is in the role × URL matrix of learning/tests/test_permissions_matrix.py."""

from django.urls import path

from .views import trainee

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
]
