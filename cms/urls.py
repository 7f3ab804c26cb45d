from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("guide/<int:guide_id>/pdf/", views.guide_pdf, name="guide_pdf"),
]
