"""Trainers (and officers) see where each trainee of a cohort stands against
the certification rules, sign off practical assessments, and issue the
whole cohort's certificates in the background, watching the progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from learning.permissions import cohorts_visible_to, may_manage_cohort
from learning.selectors import cohort_get

from ..errors import CertificateError
from ..forms import SignOffForm
from ..models import LIVE_STATUSES, BatchStatus, Certificate, CohortIssuance
from ..permissions import CertificatePermissionDenied, can_issue_for_cohorts
from ..selectors import verification_status
from ..services.batch import cohort_issuance_start, entry_details
from ..services.renewal import RenewalState, renewal_offers
from ..services.rules import certification_checks, latest_sign_offs, rule_current, sign_off_record


@login_required
@require_GET
def cohort_list(request):
    if not can_issue_for_cohorts(request.user):
        return HttpResponseForbidden(_("Only trainers and ministry officers can open this page."))
    cohorts = cohorts_visible_to(request.user).select_related("course").order_by("-starts_on", "name_ar")
    return render(request, "certificates/cohorts/list.html", {"cohorts": cohorts})


def _managed_cohort(request, cohort_id: int):
    cohort = cohort_get(cohort_id=cohort_id)
    if cohort is None:
        raise Http404(_("No such cohort."))
    if not may_manage_cohort(request.user, cohort):
        raise CertificatePermissionDenied(_("Only the cohort's trainers and ministry officers can open this page."))
    return cohort


@login_required
@require_GET
def cohort_detail(request, cohort_id: int):
    cohort = _managed_cohort(request, cohort_id)
    rule = rule_current(cohort.course_id)
    trainees = cohort.trainees
    ids = [trainee.pk for trainee in trainees]
    checks = certification_checks(holders=ids, rule=rule) if rule else {}
    signs_off = rule is not None and (rule.requires_sign_off or rule.renewal_requires_sign_off)
    sign_offs = latest_sign_offs(trainee_ids=ids, course_id=cohort.course_id) if signs_off else {}
    certificates = {
        certificate.holder_id: certificate
        for certificate in Certificate.objects.filter(course_id=cohort.course_id, holder_id__in=ids, status__in=LIVE_STATUSES)
    }
    renewals = renewal_offers(certificates.values())
    rows = []
    for trainee in trainees:
        certificate = certificates.get(trainee.pk)
        renewal = renewals.get(certificate.pk) if certificate else None
        rows.append(
            {
                "trainee": trainee,
                "certificate": certificate,
                "status": verification_status(certificate) if certificate else None,
                "eligibility": checks.get(trainee.pk),
                "sign_off": sign_offs.get(trainee.pk),
                # A certified trainee is signed off again when renewal needs it.
                "can_sign_off": (certificate is None and rule is not None and rule.requires_sign_off)
                or (renewal is not None and renewal.state == RenewalState.NEEDS_SIGN_OFF),
                "renewal_needs_sign_off": renewal is not None and renewal.state == RenewalState.NEEDS_SIGN_OFF,
                "sign_off_form": SignOffForm(initial={"trainee": trainee.pk}, prefix=f"t{trainee.pk}"),
            }
        )
    batch = CohortIssuance.objects.filter(cohort=cohort).order_by("-requested_at", "-pk").first()
    context = {
        "cohort": cohort,
        "rule": rule,
        "rows": rows,
        "signs_off": signs_off,
        "batch": batch,
        "batch_entries": [{**entry, "details": entry_details(entry)} for entry in batch.results] if batch else [],
        "running": batch is not None and batch.status != BatchStatus.DONE,
    }
    response = render(request, "certificates/cohorts/detail.html", context)
    if context["running"]:
        response["Refresh"] = "3"  # the progress moves on its own, without JavaScript
    return response


@login_required
@require_POST
def cohort_issue(request, cohort_id: int):
    cohort = _managed_cohort(request, cohort_id)
    try:
        cohort_issuance_start(cohort=cohort, actor=request.user)
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The certificates are being issued; this page shows the progress."))
    return redirect("certificates:cohort_detail", cohort_id=cohort.pk)


@login_required
@require_POST
def cohort_sign_off(request, cohort_id: int, trainee_id: int):
    cohort = _managed_cohort(request, cohort_id)
    trainee = next((user for user in cohort.trainees if user.pk == trainee_id), None)
    if trainee is None:
        raise Http404(_("This trainee is not in the cohort."))
    form = SignOffForm(request.POST, prefix=f"t{trainee_id}")
    if not form.is_valid() or form.cleaned_data["trainee"] != trainee_id:
        messages.error(request, _("The note is too long (2,000 characters at most)."))
        return redirect("certificates:cohort_detail", cohort_id=cohort.pk)
    try:
        sign_off_record(trainee=trainee, course=cohort.course, trainer=request.user, note=form.cleaned_data["note"])
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sign-off recorded for %(name)s.") % {"name": trainee.display_name})
    return redirect("certificates:cohort_detail", cohort_id=cohort.pk)
