"""Per-language fields (``title_ar``/``title_fr``) and how they are read.

Questions and quizzes keep both languages on one row instead of one row per
translation (wagtail-localize): an option, an attempt's frozen question and
the per-question statistics must have ONE identity whatever the language the
trainee reads, so that a French and an Arabic trainee answer, and are graded
and compared on, exactly the same item. Arabic is required; French falls back
to Arabic where it is empty.
"""

from django.conf import settings
from django.utils.translation import get_language

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    language = (get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE


def pick(texts: dict | None, language: str | None = None) -> str:
    """The text for ``language`` (default: the active one) from a
    ``{"ar": …, "fr": …}`` mapping, falling back to Arabic."""
    if not texts:
        return ""
    language = language or current_language()
    return texts.get(language) or texts.get(DEFAULT_LANGUAGE) or next((t for t in texts.values() if t), "")


def texts_of(obj, name: str) -> dict[str, str]:
    """``{"ar": obj.name_ar, "fr": obj.name_fr}`` for a model instance."""
    return {code: getattr(obj, f"{name}_{code}", "") or "" for code in LANGUAGE_CODES}


class LocalizedFieldsMixin:
    """``obj.localized("title")`` reads ``title_<active language>``."""

    def localized(self, name: str, language: str | None = None) -> str:
        return pick(texts_of(self, name), language)
