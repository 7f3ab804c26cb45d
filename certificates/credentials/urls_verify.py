"""Credential URLs under /verify/ (included by certificates/urls_public.py,
namespace "verify")."""

from django.urls import path

from certificates import converters  # noqa: F401  (registers <public_id:…>)

from . import views

urlpatterns = [
    path("check/", views.credential_check, name="credential_check"),
    path("<public_id:public_id>/credential.json", views.credential_download, {"form": "json"}, name="credential_json"),
    path("<public_id:public_id>/credential.jwt", views.credential_download, {"form": "jwt"}, name="credential_jwt"),
]
