"""Language for pages outside the language prefix (/verify/…, /api/…).

Django's LocaleMiddleware serves every unprefixed URL in the default
language (Arabic). These URLs are printed or called by machines, so they
cannot carry /fr/: the reader's choice comes from ``?lang=``, the language
cookie (set by the switcher), or Accept-Language, in that order.
"""

from functools import wraps

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def request_language(request) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    return translation.get_language_from_request(request, check_path=False)


def in_reader_language(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapper
