"""Public verification URLs, outside the language prefix: the QR codes
printed on certificates point here and must never change."""

from certificates.credentials.urls_verify import urlpatterns as credential_urlpatterns

app_name = "verify"

# Credential URLs first: "check/" must never be read as a public id.
urlpatterns: list = [*credential_urlpatterns]
