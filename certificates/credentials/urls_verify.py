"""Credential URLs under /verify/ (included by certificates/urls_public.py,
namespace "verify")."""

from django.urls import path

from . import views

urlpatterns = [
    path("check/", views.credential_check, name="credential_check"),
]
