from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.services import user_language_set

from .health import health_report


@never_cache
@require_GET
def healthz(request):
    report, healthy = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@require_POST
def language_set(request):
    """Switch language: remember it (cookie, and the account when logged in)
    and go to the page's twin in that language.

    The switcher already sends the target URL in ``next`` (for Wagtail pages
    it is the translated page, whose slug may differ), so unlike Django's
    set_language we do not re-translate it.
    """
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("Unknown language.")
    next_url = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        referer = request.META.get("HTTP_REFERER", "")
        next_url = translate_url(referer, language) if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    return response
