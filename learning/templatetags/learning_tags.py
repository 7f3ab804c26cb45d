"""Template tags the content templates call to show learner state.

``{% lesson_learning_panel page %}`` (lesson template): the trainee's
progress in the course and module, what the lesson still requires, the
"mark complete" form (a POST that works without JavaScript) and the small
script that records the visit and completes the lesson once read to the end.

``{% course_learning_panel page %}`` (course template): enrol / continue,
progress, and each module's state (locked, with the reason).
"""

from django import template
from django.template.loader import render_to_string

from ..permissions import AccessReason, lesson_access
from ..presenters import course_panel_context, lesson_panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_learning_panel(context, page):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    access = lesson_access(request.user, page, request=request)
    if not access.allowed and access.reason != AccessReason.LOCKED:
        return ""
    return render_to_string(
        "learning/includes/lesson_panel.html", lesson_panel_context(request, page, access), request=request
    )


@register.simple_tag(takes_context=True)
def course_learning_panel(context, page):
    request = context.get("request")
    if request is None:
        return ""
    return render_to_string("learning/includes/course_panel.html", course_panel_context(request, page), request=request)


@register.inclusion_tag("learning/includes/progress_bar.html")
def progress_bar(percent, label=""):
    percent = max(0, min(100, int(percent or 0)))
    return {"percent": percent, "label": label}


@register.simple_tag(takes_context=True)
def learning_staff_links(context) -> list[tuple[str, str]]:
    """(url, label) of the staff pages the current user may open."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from ..permissions import may_follow_association, may_view_cohort_list, may_view_overview

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    if may_view_cohort_list(user):
        links.append((reverse("learning:cohort_list"), _("Cohorts")))
    if may_follow_association(user):
        links.append((reverse("learning:association"), _("My association's trainees")))
    if may_view_overview(user):
        links.append((reverse("learning:overview"), _("National overview")))
    return links
