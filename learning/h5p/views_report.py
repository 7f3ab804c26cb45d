"""Trainers' report of H5P results, per cohort (scores reported by the
trainees' browsers, so labelled as such)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cms.models import LessonPage
from learning.models import Cohort
from learning.permissions import ensure, may_view_cohort, memberships_visible_to
from learning.selectors import localized_pages

from .models import H5PActivity
from .permissions import lesson_activity_ids
from .selectors import results_for


@require_GET
@login_required
def cohort_report(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    ensure(may_view_cohort(request.user, cohort))
    lessons = LessonPage.objects.live().descendant_of(cohort.course).filter(locale_id=cohort.course.locale_id).order_by("path")
    columns = []  # (lesson, activity) in course order
    activity_ids = {pk for lesson in lessons for pk in lesson_activity_ids(lesson)}
    activities = H5PActivity.objects.in_bulk(activity_ids)
    titles = localized_pages([lesson.pk for lesson in lessons])
    for lesson in lessons:
        for activity_id in lesson_activity_ids(lesson):
            if activity_id in activities:
                columns.append({"lesson": titles.get(lesson.pk, lesson), "lesson_id": lesson.pk, "activity": activities[activity_id]})
    trainees = [m.enrollment.user for m in memberships_visible_to(request.user, cohort).select_related("enrollment__user")]
    results = results_for(users=[t.pk for t in trainees], activity_ids=activity_ids)
    rows = [
        {
            "trainee": trainee,
            "cells": [results.get((trainee.pk, column["lesson_id"], column["activity"].pk)) for column in columns],
        }
        for trainee in trainees
    ]
    return render(
        request,
        "h5p/cohort_report.html",
        {"cohort": cohort, "columns": columns, "rows": rows},
    )
