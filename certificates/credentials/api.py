"""POST /api/v1/credentials/verify — the check page's report, as JSON."""

from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from .i18n import request_language
from .ratelimit import check_allowed
from .verification import credential_verify

router = Router(tags=["credentials"])


class VerifyIn(Schema):
    credential: dict[str, Any] | str

    model_config = {
        "json_schema_extra": {
            "description": "The credential: a JSON object with an embedded proof, or a VC-JOSE JWT (string).",
        }
    }


class CheckOut(Schema):
    check: str
    label: str
    outcome: str
    message: str


class CredentialOut(Schema):
    id: str
    name: str
    achievement: str
    holder: list[str]
    licence_number: str
    valid_from: str
    valid_until: str


class IssuerOut(Schema):
    id: str
    name: str


class ReportOut(Schema):
    valid: bool
    status: str
    status_label: str
    format: str
    credential: CredentialOut
    issuer: IssuerOut
    verification_method: str
    key_state: str
    checks: list[CheckOut]
    undefined_terms: list[str]
    schema_errors: list[str]


class ErrorOut(Schema):
    detail: str


@router.post(
    "/verify",
    response={200: ReportOut, 429: ErrorOut},
    summary="Verify a credential",
    description=(
        "Checks an Open Badges 3.0 / W3C VC 2.0 credential: signature (eddsa-rdfc-2022 or VC-JOSE EdDSA), "
        "issuer key in the issuer's assertionMethod, revocation and suspension (Bitstring Status List), "
        "validity period, Open Badges 3.0 schema and JSON-LD terms. `valid` is true only when every check "
        "passes; `status` is one of valid, revoked, suspended, expired, not_yet_valid, untrusted, invalid, "
        "error. Messages follow Accept-Language (ar, fr)."
    ),
)
def credential_verify_endpoint(request, payload: VerifyIn, response: HttpResponse):
    language = request_language(request)
    response["Content-Language"] = language
    with translation.override(language):
        allowed, retry_after = check_allowed(request, scope="credential-api")
        if not allowed:
            response["Retry-After"] = str(retry_after)
            return Status(429, {"detail": _("Too many checks from your connection: try again in a minute.")})
        return Status(200, credential_verify(payload.credential).as_dict())
