"""Public verification at /verify/ (outside the language prefix: the QR
codes printed on certificates point here and must never change).

Every answer is rate-limited per client, marked noindex, never cached, and
the same for an unknown id and a wrong code (404, same body). The language
comes from the visitor's choice (cookie) or their browser."""

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..forms import VerifyForm
from ..ratelimit import rate_limit_check, verification_rate
from ..selectors import VerificationStatus, certificate_by_public_id, certificate_by_short_code, print_settings, verification_facts

ROBOTS = "noindex, nofollow, noarchive"


def wants_json(request) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def verification_view(view):
    """Language, rate limit, noindex and no caching, for every /verify/ answer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = ROBOTS
        response["Vary"] = "Accept, Accept-Language, Cookie"
        return response

    return require_GET(never_cache(wrapper))


def rate_limited_response(request, retry_after: int):
    if wants_json(request):
        response = JsonResponse({"status": "rate_limited", "retry_after": retry_after}, status=429)
    else:
        response = render(request, "certificates/verify/rate_limited.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _lookup(request, find, value):
    retry_after = rate_limit_check(request, scope="verify", rate=verification_rate())
    if retry_after is not None:
        return rate_limited_response(request, retry_after)
    certificate = find(value)
    facts = verification_facts(certificate, issuer=print_settings(request) if certificate else None)
    status = 404 if certificate is None else 200
    if wants_json(request):
        return JsonResponse(facts, status=status, json_dumps_params={"ensure_ascii": False})
    context = {
        "facts": facts,
        "certificate": certificate,
        "status": VerificationStatus(facts["status"]),
        "form": VerifyForm(),
        "ROBOTS": ROBOTS,
    }
    return render(request, "certificates/verify/result.html", context, status=status)


@verification_view
def verify_form(request):
    """The short-code form; with ``?code=`` it answers like the QR link."""
    if "code" not in request.GET:
        return render(request, "certificates/verify/form.html", {"form": VerifyForm(), "ROBOTS": ROBOTS})
    form = VerifyForm(request.GET)
    if not form.is_valid():
        status = 400
        if wants_json(request):
            return JsonResponse({"status": "invalid", "errors": form.errors.get_json_data()}, status=status)
        return render(request, "certificates/verify/form.html", {"form": form, "ROBOTS": ROBOTS}, status=status)
    return _lookup(request, certificate_by_short_code, form.cleaned_data["code"])


@verification_view
def verify_certificate(request, public_id: str):
    return _lookup(request, certificate_by_public_id, public_id)
