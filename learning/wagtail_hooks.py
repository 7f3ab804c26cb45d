"""Lesson access, enforced where Wagtail serves pages.

Every LessonPage request passes through ``learning.permissions.lesson_access``:
anonymous visitors go to the login page, people not enrolled go to the
course page (where they can enrol) with a message, and a lesson in a locked
module answers 403 with the reason and the module to finish first. Staff
(trainers, officers, administrators) may always preview.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page

from cms.models import CoursePage, LessonPage

from .permissions import AccessReason, lesson_access, localized_title
from .selectors import page_in_language


@hooks.register("before_serve_page")
def lesson_access_enforce(page, request, serve_args, serve_kwargs):
    if not isinstance(page, LessonPage):
        return None
    access = lesson_access(request.user, page, request=request)
    if access.allowed:
        return None
    if access.reason == AccessReason.ANONYMOUS:
        return redirect_to_login(request.get_full_path())
    if access.reason == AccessReason.NOT_ENROLLED:
        messages.info(request, access.message)
        course = CoursePage.objects.ancestor_of(page).first()
        return redirect(course.get_url(request) if course else "/")
    module = access.locked_by
    context = {
        "page": page,
        "access": access,
        "blocking_module_title": localized_title(module.id),
        "blocking_module_url": _localized_url(module.id, request),
    }
    return TemplateResponse(request, "learning/lesson_locked.html", context, status=403)


def _localized_url(page_id: int, request) -> str:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return "/"
    return page_in_language(page, get_language()).get_url(request) or "/"
