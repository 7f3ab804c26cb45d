"""The trainee's pages and actions: My learning, enrolment, joining a
cohort, and the lesson actions (start, complete, time). Thin: permissions
decide, services change, presenters assemble."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import CoursePage, LessonPage

from ..errors import LearningError
from ..forms import JoinCohortForm
from ..models import Cohort, invitation_code_normalize
from ..panels import render_my_learning_panels
from ..permissions import lesson_access, lesson_access_forget
from ..presenters import lesson_panel_context, my_learning_context
from ..selectors import page_in_language
from ..services import cohort_join, enrollment_create, lesson_complete, lesson_start, lesson_time_record

# Lesson actions answer the script on the lesson page with the refreshed
# panel (it sends this header); a plain form post is redirected back.
FRAGMENT_HEADER = "HTTP_X_LEARNING_FRAGMENT"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
def my_learning(request):
    context = my_learning_context(request)
    context["join_form"] = JoinCohortForm()
    context["panels"] = render_my_learning_panels(request)
    return render(request, "learning/my_learning.html", context)


@require_POST
@login_required
def enroll(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    shown = page_in_language(course, request.LANGUAGE_CODE)
    try:
        enrollment, created = enrollment_create(user=request.user, course=course)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(_safe_next(request, shown.get_url(request) or "learning:my_learning"))
    if created:
        messages.success(request, _("You are enrolled in “%(course)s”. Welcome!") % {"course": shown.title})
    else:
        messages.info(request, _("You were already enrolled in “%(course)s”.") % {"course": shown.title})
    return redirect(_safe_next(request, shown.get_url(request) or "learning:my_learning"))


@login_required
def cohort_join_view(request, code: str = ""):
    """GET shows the form (pre-filled from an invitation link); POST joins.
    Opening the link never joins by itself: GET has no side effects."""
    if request.method == "POST":
        form = JoinCohortForm(request.POST)
        if form.is_valid():
            try:
                membership, created = cohort_join(user=request.user, code=form.cleaned_data["code"])
            except LearningError as error:
                form.add_error("code", error.message)
            else:
                name = membership.cohort.display_name()
                if created:
                    messages.success(request, _("You joined the cohort “%(cohort)s”.") % {"cohort": name})
                else:
                    messages.info(request, _("You are already in the cohort “%(cohort)s”.") % {"cohort": name})
                return redirect("learning:my_learning")
        status = 400
    else:
        form = JoinCohortForm(initial={"code": code} if code else None)
        status = 200
    cohort = Cohort.objects.select_related("course").filter(invitation_code=invitation_code_normalize(code)).first() if code else None
    return render(request, "learning/cohort_join.html", {"form": form, "cohort": cohort}, status=status)


LESSON_ACTIONS = {
    "start": lambda request, lesson: lesson_start(user=request.user, lesson=lesson),
    "time": lambda request, lesson: lesson_time_record(user=request.user, lesson=lesson),
    "complete": lambda request, lesson: lesson_complete(
        user=request.user, lesson=lesson, via=request.POST.get("via", "")
    ),
}


@require_POST
@login_required
def lesson_action(request, lesson_id: int, action: str):
    """Record a visit ("start"), time on the page ("time") or the end of the
    lesson ("complete"). The script gets the refreshed panel (or 204); a
    plain form post is redirected back to the lesson with a message."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    fragment = FRAGMENT_HEADER in request.META
    try:
        result = LESSON_ACTIONS[action](request, lesson)
    except LearningError as error:
        if fragment:
            return JsonResponse({"error": str(error.message)}, status=403)
        messages.error(request, error.message)
        return redirect(_safe_next(request, "learning:my_learning"))
    if fragment:
        lesson_access_forget(request)
        access = lesson_access(request.user, lesson, request=request)
        context = lesson_panel_context(request, lesson, access)
        return HttpResponse(render_to_string("learning/includes/lesson_panel.html", context, request=request))
    if action != "complete":
        return HttpResponse(status=204)
    if result.course_newly_completed:
        messages.success(request, _("Congratulations: you completed the course!"))
    elif result.newly_completed:
        messages.success(request, _("Lesson complete."))
    elif result.unmet:
        messages.info(request, _("Almost there: finish the activities of this lesson to complete it."))
    shown = page_in_language(lesson, request.LANGUAGE_CODE)
    return HttpResponseRedirect(_safe_next(request, shown.get_url(request) or "/"))
