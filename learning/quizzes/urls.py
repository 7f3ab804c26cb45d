"""Quiz pages, under the language prefix (/quizzes/…, /fr/quizzes/…).
Every URL here is in the role × URL matrix of tests/test_permissions_matrix.py."""

from django.urls import path

from .views import trainee, trainer

app_name = "quizzes"

urlpatterns = [
    # Trainee
    path("<int:quiz_id>/", trainee.quiz_detail, name="quiz"),
    path("<int:quiz_id>/start/", trainee.quiz_start, name="start"),
    path("attempts/<int:attempt_id>/", trainee.attempt_view, name="attempt"),
    path("attempts/<int:attempt_id>/save/", trainee.attempt_autosave, name="autosave"),
    path("attempts/<int:attempt_id>/summary/", trainee.attempt_summary, name="summary"),
    path("attempts/<int:attempt_id>/review/", trainee.attempt_review, name="review"),
    # Trainers and officers
    path("<int:quiz_id>/attempts/", trainer.quiz_attempts, name="attempts"),
    path("<int:quiz_id>/statistics/", trainer.quiz_statistics_view, name="statistics"),
    path("attempts/<int:attempt_id>/grade/", trainer.attempt_grade, name="grade"),
    path("bank/<int:course_id>/export.xml", trainer.bank_export, name="bank_export"),
]
