from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from core.i18n import path_in_language

register = template.Library()


def _page_urls_by_language(page, request) -> dict[str, str]:
    """URL of each translation of a Wagtail page, keyed by language code."""
    urls = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        url = translation.get_url(request)
        if url:
            urls[translation.locale.language_code] = url
    return urls


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    if request is None:
        return {"languages": []}
    page = context.get("page")
    page_urls = _page_urls_by_language(page, request) if hasattr(page, "get_translations") else {}
    full_path = request.get_full_path()
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "current": code == current,
                "next": page_urls.get(code) or path_in_language(full_path, code),
            }
        )
    return {"languages": languages, "request": request}
