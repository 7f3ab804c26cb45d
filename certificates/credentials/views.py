"""Issuer identity, status lists and the credential check page."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .forms import CredentialCheckForm
from .i18n import in_reader_language
from .issuer import jwks
from .models import StatusList
from .permissions import can_download_credential
from .ratelimit import check_allowed
from .selectors import credential_of_certificate, issuer_did_document, signing_keys_trusted, status_list_published
from .verification import credential_verify

VC_MEDIA_TYPE = "application/vc"
VC_JWT_MEDIA_TYPE = "application/vc+jwt"
ROBOTS = "noindex, nofollow, noarchive"
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


@require_GET
def credential_download(request, public_id: str, form: str):
    """/verify/<public_id>/credential.json (embedded proof) and
    …/credential.jwt (VC-JOSE): to the holder and officers, and to anyone
    once the holder made the certificate public."""
    allowed, retry_after = check_allowed(request, scope="credential-download")
    if not allowed:
        response = HttpResponse(_("Too many requests from your connection: try again in a minute."), status=429)
        response["Retry-After"] = str(retry_after)
        return response
    credential = credential_of_certificate(public_id)
    if credential is None or not can_download_credential(request.user, credential.certificate):
        raise Http404
    certificate = credential.certificate
    if form == "jwt":
        response = HttpResponse(credential.jwt, content_type=VC_JWT_MEDIA_TYPE)
        filename = f"credential-{certificate.licence_number}.jwt"
    else:
        response = JsonResponse(
            credential.document, content_type=VC_MEDIA_TYPE, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        filename = f"credential-{certificate.licence_number}.json"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Robots-Tag"] = ROBOTS
    if certificate.is_public:
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=60)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response


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
