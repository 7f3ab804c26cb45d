"""Issuer identity (/.well-known/) and status lists (/status/)."""

from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path(".well-known/did.json", views.did_document, name="did"),
    path(".well-known/jwks.json", views.jwks_document, name="jwks"),
    path("status/<int:number>/<slug:purpose>", views.status_list, name="status_list"),
]
