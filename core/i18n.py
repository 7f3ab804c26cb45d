"""Helpers for the language prefix in URLs.

Arabic (the default) is served without a prefix; French lives under /fr/.
Public verification, health and API URLs are outside the language patterns
so that printed QR codes never change.
"""

from django.conf import settings
from django.urls import get_resolver
from django.urls.resolvers import LocalePrefixPattern, URLResolver
from django.utils.translation import get_language_from_path


def is_language_prefixed_path(path: str) -> bool:
    """True when ``path`` (with no language prefix) is served by the
    i18n_patterns part of the URLconf, i.e. it has a /fr/ twin."""
    if get_language_from_path(path):
        return False
    for pattern in get_resolver().url_patterns:
        try:
            match = pattern.resolve(path.lstrip("/"))
        except Exception:  # Resolver404 and friends: keep looking
            match = None
        if match is not None:
            return isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern)
    return False


def path_in_language(path: str, language: str) -> str:
    """Rewrite a path that may carry a language prefix into ``language``."""
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"
