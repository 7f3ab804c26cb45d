from collections.abc import Callable

from django.utils import translation

# Certificates speak both languages at once (the PDF, the JSON answer, the
# signed credential), whatever language the reader chose.
PRINT_LANGUAGES = ("ar", "fr")


def in_both_languages(render: Callable[[], object]) -> dict[str, str]:
    """``{"ar": …, "fr": …}``: ``render()`` evaluated under each language."""
    result = {}
    for language in PRINT_LANGUAGES:
        with translation.override(language):
            result[language] = str(render())
    return result
