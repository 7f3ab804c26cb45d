"""Issuer identity (/.well-known/) and status lists (/status/)."""

app_name = "credentials"

urlpatterns: list = []
