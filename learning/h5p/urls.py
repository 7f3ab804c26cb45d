"""H5P player frames and content files (outside the language prefix)."""

from django.urls import path

from . import views, views_report

app_name = "h5p"

urlpatterns = [
    path("play/<str:ticket>/", views.frame, name="frame"),
    path("c/<str:ticket>/<path:path>", views.content, name="content"),
    path("activities/<int:activity_id>/state/", views.state, name="state"),
    path("activities/<int:activity_id>/xapi/", views.xapi, name="xapi"),
    path("report/cohort/<int:cohort_id>/", views_report.cohort_report, name="cohort_report"),
]
