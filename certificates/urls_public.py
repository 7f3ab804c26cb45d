"""Public verification URLs, outside the language prefix: the QR codes
printed on certificates point here and must never change.

    /verify/                    the short-code form (?code= answers directly)
    /verify/<public_id>/        HTML, or JSON with Accept: application/json

The credentials app's URLs come first, and the converter only matches
well-formed public ids, so /verify/check/ and
/verify/<public_id>/credential.json are never read as a public id.
"""

from django.urls import path

from certificates.credentials.urls_verify import urlpatterns as credential_urlpatterns

from . import converters  # noqa: F401  (registers <public_id:…>)
from .views import public

app_name = "verify"

urlpatterns: list = [
    *credential_urlpatterns,
    path("", public.verify_form, name="form"),
    path("<public_id:public_id>/", public.verify_certificate, name="certificate"),
]
