"""Pages of trainers, association coordinators and ministry officers:
cohorts (list, create, edit, grid, exports, invitation), nominations, the
association's follow-up and the national overview. Thin: permissions
decide, services change, ``learning.dashboards`` reads."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import dashboards
from ..errors import LearningError
from ..forms import CohortForm, GridFilterForm, NominationForm
from ..models import Cohort, CohortMembership, Nomination, NominationStatus
from ..permissions import (
    ensure,
    may_create_cohort,
    may_decide_nomination,
    may_follow_association,
    may_manage_cohort,
    may_nominate,
    may_view_cohort,
    may_view_cohort_list,
    may_view_overview,
)
from ..services import (
    cohort_create,
    cohort_invitation_renew,
    cohort_member_remove,
    cohort_update,
    nomination_accept,
    nomination_create,
    nomination_decline,
)
from .trainee import _safe_next

# Which form field a service refusal belongs to.
ERROR_FIELDS = {"name": "name_ar", "dates": "ends_on", "capacity": "capacity", "not_live": "course"}


def _cohort(cohort_id: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("course").prefetch_related("trainers"), pk=cohort_id)


def _filters(request) -> dict:
    form = GridFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        return {"form": form, "q": data["q"], "status": data["status"], "days": data["days"]}
    return {"form": GridFilterForm(), "q": "", "status": "", "days": None}


@require_GET
@login_required
def cohort_list(request):
    ensure(may_view_cohort_list(request.user))
    return render(
        request,
        "learning/staff/cohort_list.html",
        {
            "cohorts": dashboards.cohort_list(user=request.user),
            "may_create": may_create_cohort(request.user),
            "today": timezone.localdate(),
        },
    )


def _cohort_form_view(request, *, cohort: Cohort | None):
    form = CohortForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            if cohort is None:
                cohort = cohort_create(
                    created_by=request.user,
                    course=form.cleaned_data["course"],
                    trainers=form.cleaned_data["trainers"],
                    **form.service_fields(),
                )
                messages.success(request, _("The cohort “%(cohort)s” is created. Share its invitation code with the trainees.") % {"cohort": cohort.display_name()})
            else:
                cohort = cohort_update(cohort=cohort, trainers=form.cleaned_data["trainers"], **form.service_fields())
                messages.success(request, _("The cohort is updated."))
        except LearningError as error:
            form.add_error(ERROR_FIELDS.get(error.code), error.message)
        else:
            return redirect("learning:cohort_detail", cohort_id=cohort.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/staff/cohort_form.html", {"form": form, "cohort": cohort}, status=status)


@login_required
def cohort_create_view(request):
    ensure(may_create_cohort(request.user))
    return _cohort_form_view(request, cohort=None)


@login_required
def cohort_edit(request, cohort_id: int):
    cohort = _cohort(cohort_id)
    ensure(may_manage_cohort(request.user, cohort))
    return _cohort_form_view(request, cohort=cohort)


@require_GET
@login_required
def cohort_detail(request, cohort_id: int):
    cohort = _cohort(cohort_id)
    user = request.user
    ensure(may_view_cohort(user, cohort))
    filters = _filters(request)
    grid = dashboards.cohort_grid(user=user, cohort=cohort, q=filters["q"], status=filters["status"], days=filters["days"])
    manage = may_manage_cohort(user, cohort)
    context = {
        "cohort": cohort,
        "grid": grid,
        "filter_form": filters["form"],
        "query": request.GET.urlencode(),
        "manage": manage,
        "trainers": list(cohort.trainers.all()),
        "nominations": list(dashboards.pending_nominations(user=user, cohort=cohort)),
        "course_title": dashboards.localized_pages([cohort.course_id])[cohort.course_id].title,
    }
    if manage:
        context["invitation_link"] = request.build_absolute_uri(
            reverse("learning:cohort_join_link", args=[cohort.invitation_code_display])
        )
    if may_nominate(user, cohort):
        context["nomination_form"] = NominationForm(association_id=user.association_id)
    return render(request, "learning/staff/cohort_detail.html", context)


def _export(request, cohort_id: int, extension: str):
    """The cohort, its grid rows as this user may see them (filters from
    the query string) and the file name of the download."""
    cohort = _cohort(cohort_id)
    ensure(may_view_cohort(request.user, cohort))
    filters = _filters(request)
    rows = dashboards.grid_export_rows(
        user=request.user, cohort=cohort, q=filters["q"], status=filters["status"], days=filters["days"]
    )
    return rows, f"cohort-{cohort.pk}-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    def write(self, value):
        return value


@require_GET
@login_required
def cohort_export_csv(request, cohort_id: int):
    """The grid as CSV (UTF-8 with a BOM so spreadsheet programs read the
    Arabic), streamed: a cohort of thousands is never held in memory."""
    rows, filename = _export(request, cohort_id, "csv")
    writer = csv.writer(_Echo())
    language = get_language()

    def lines():
        # the response is read after the view returns: keep its language
        with translation.override(language):
            yield "\ufeff"
            for row in rows:
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def cohort_export_xlsx(request, cohort_id: int):
    from io import BytesIO

    from openpyxl import Workbook

    rows, filename = _export(request, cohort_id, "xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Progress")[:31])
    sheet.sheet_view.rightToLeft = get_language_bidi()
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@login_required
def cohort_invitation_renew_view(request, cohort_id: int):
    cohort = _cohort(cohort_id)
    ensure(may_manage_cohort(request.user, cohort))
    cohort = cohort_invitation_renew(cohort=cohort)
    messages.success(
        request,
        _("New invitation code: %(code)s. The old code no longer works.") % {"code": cohort.invitation_code_display},
    )
    return redirect("learning:cohort_detail", cohort_id=cohort.pk)


@require_POST
@login_required
def cohort_member_remove_view(request, cohort_id: int, membership_id: int):
    """Take a trainee out of the cohort (their enrolment and progress stay)."""
    cohort = _cohort(cohort_id)
    ensure(may_manage_cohort(request.user, cohort))
    membership = get_object_or_404(
        CohortMembership.objects.select_related("enrollment__user"), pk=membership_id, cohort=cohort
    )
    person = membership.enrollment.user
    cohort_member_remove(membership=membership)
    messages.success(
        request,
        _("%(name)s is no longer in the cohort. Their enrolment and progress are kept.")
        % {"name": person.display_name or person.email},
    )
    return redirect("learning:cohort_detail", cohort_id=cohort.pk)


@require_POST
@login_required
def nominate(request, cohort_id: int):
    cohort = _cohort(cohort_id)
    user = request.user
    ensure(may_nominate(user, cohort))
    form = NominationForm(request.POST, association_id=user.association_id)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        trainee = form.cleaned_data["trainee"]
        try:
            _nomination, created = nomination_create(
                cohort=cohort, trainee=trainee, nominated_by=user, note=form.cleaned_data["note"]
            )
        except LearningError as error:
            messages.error(request, error.message)
        else:
            name = trainee.display_name or trainee.email
            if created:
                messages.success(request, _("%(name)s is nominated. The trainer will accept or decline.") % {"name": name})
            else:
                messages.info(request, _("%(name)s is already nominated for this cohort.") % {"name": name})
    return redirect(_safe_next(request, reverse("learning:cohort_detail", args=[cohort.pk])))


@require_POST
@login_required
def nomination_decide(request, nomination_id: int, decision: str):
    nomination = get_object_or_404(Nomination.objects.select_related("cohort", "trainee"), pk=nomination_id)
    ensure(may_decide_nomination(request.user, nomination))
    name = nomination.trainee.display_name or nomination.trainee.email
    try:
        if decision == "accept":
            nomination_accept(nomination=nomination, decided_by=request.user)
            messages.success(request, _("%(name)s joined the cohort.") % {"name": name})
        else:
            nomination_decline(nomination=nomination, decided_by=request.user)
            messages.info(request, _("The nomination of %(name)s is declined.") % {"name": name})
    except LearningError as error:
        messages.error(request, error.message)
    return redirect("learning:cohort_detail", cohort_id=nomination.cohort_id)


@require_GET
@login_required
def association(request):
    user = request.user
    ensure(may_follow_association(user))
    members = dashboards.association_members(user=user)
    nominations = list(dashboards.association_nominations(user=user)[:100])
    enrollments = [enrollment for line in members for enrollment in line.enrollments]
    summary = {
        "members": len(members),
        "enrolled": len(enrollments),
        "completed": sum(1 for enrollment in enrollments if enrollment.completed_at),
        "pending": sum(1 for nomination in nominations if nomination.status == NominationStatus.PENDING),
    }
    return render(
        request,
        "learning/staff/association.html",
        {
            "association": user.association,
            "members": members,
            "summary": summary,
            "nominations": nominations,
            "open_cohorts": list(dashboards.cohorts_open_for_nomination()),
        },
    )


@require_GET
@login_required
def overview(request):
    ensure(may_view_overview(request.user))
    return render(request, "learning/staff/overview.html", {"overview": dashboards.national_overview()})


