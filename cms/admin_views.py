"""Admin screens of the cms app (registered in wagtail_hooks.py)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import CoursePage
from .selectors import TranslationState, lesson_translation_status


def translation_status(request):
    """Per course (in the default language), which lessons are not yet
    translated — or translated but still a draft — in the other languages."""
    default = Locale.get_default()
    languages = [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default.language_code]
    codes = [code for code, _name in languages]
    courses = []
    for course in CoursePage.objects.filter(locale=default).order_by("path"):
        rows = lesson_translation_status(course, codes)
        pending = [
            (name, sum(1 for row in rows if row.states[code] != TranslationState.LIVE)) for code, name in languages
        ]
        cells = [(row, [(code, row.states[code]) for code in codes]) for row in rows]
        courses.append({"course": course, "rows": cells, "pending": pending})
    context = {
        "page_title": _("Lesson translations"),
        "header_title": _("Lesson translations"),
        "languages": languages,
        "courses": courses,
    }
    return render(request, "cms/admin/translation_status.html", context)
