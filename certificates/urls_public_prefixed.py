"""/fr/verify/… → /verify/…: verification lives outside the language prefix,
but the language switcher (and people) may add one. The prefix's language
is remembered in the language cookie, which the verification views read."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import re_path
from django.utils.translation import get_language


def to_unprefixed(request, rest: str):
    query = request.META.get("QUERY_STRING")
    response = HttpResponseRedirect(f"/verify/{rest}" + (f"?{query}" if query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        get_language(),
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


app_name = "verify_prefixed"

urlpatterns = [re_path(r"^(?P<rest>.*)$", to_unprefixed, name="redirect")]
