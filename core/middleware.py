from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.translation import get_language_from_path

from .i18n import is_language_prefixed_path, path_in_language


class LanguagePreferenceMiddleware:
    """Make a language choice stick.

    The URL decides the language (Arabic unprefixed, French under /fr/). When
    someone who chose French (the language cookie, set by the switcher and at
    login from their account preference) opens an unprefixed page, send them
    to its French twin. Choosing Arabic goes through the switcher's POST,
    which resets the cookie, so this never loops.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect_for(request)
        if redirect is not None:
            return redirect
        return self.get_response(request)

    def _redirect_for(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        preferred = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        if preferred not in supported or preferred == settings.LANGUAGE_CODE:
            return None
        path = request.path_info
        if get_language_from_path(path) or not is_language_prefixed_path(path):
            return None
        target = path_in_language(path, preferred)
        query = request.META.get("QUERY_STRING")
        return HttpResponseRedirect(f"{target}?{query}" if query else target)
