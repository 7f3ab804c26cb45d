"""Issuer identity, status lists and the credential check page."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .forms import CredentialCheckForm
from .i18n import in_reader_language
from .issuer import jwks
from .models import StatusList
from .ratelimit import check_allowed
from .selectors import issuer_did_document, signing_keys_trusted, status_list_published
from .verification import credential_verify

VC_MEDIA_TYPE = "application/vc"
PUBLIC_MAX_AGE = 300


def _public_json(document: dict, content_type: str) -> JsonResponse:
    response = JsonResponse(document, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 2})
    # Machine documents: wallets and browser-based verifiers fetch them cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def did_document(request):
    return _public_json(issuer_did_document(), "application/did+ld+json")


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def jwks_document(request):
    return _public_json(jwks(signing_keys_trusted()), "application/jwk-set+json")


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def status_list(request, number: int, purpose: str):
    if purpose not in StatusList.Purpose.values:
        raise Http404
    document = status_list_published(number, purpose)
    if document is None:
        raise Http404
    return _public_json(document, VC_MEDIA_TYPE)


@never_cache
@require_http_methods(["GET", "POST"])
@in_reader_language
def credential_check(request):
    report = None
    status = 200
    if request.method == "POST":
        form = CredentialCheckForm(request.POST, request.FILES)
        allowed, retry_after = check_allowed(request)
        if not allowed:
            form.add_error(None, _("Too many checks from your connection: try again in a minute."))
            response = render(request, "credentials/check.html", {"form": form}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        if form.is_valid():
            report = credential_verify(form.cleaned_data["raw"])
        else:
            status = 400
    else:
        form = CredentialCheckForm()
    return render(request, "credentials/check.html", {"form": form, "report": report}, status=status)
