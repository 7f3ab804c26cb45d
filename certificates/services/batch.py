"""Issuing for a whole cohort: a request row, worked through in the
background, whose counters are the progress people watch."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from learning.permissions import may_manage_cohort
from learning.selectors import cohort_trainee_ids

from ..errors import CertificateError
from ..i18n import in_both_languages
from ..models import LIVE_STATUSES, BatchOutcome, BatchStatus, Certificate, CohortIssuance
from ..permissions import CertificatePermissionDenied
from .issuance import certificate_issue
from .rules import certification_check, rule_current

COUNTERS = {
    BatchOutcome.ISSUED: "issued",
    BatchOutcome.ALREADY: "already",
    BatchOutcome.NOT_ELIGIBLE: "not_eligible",
    BatchOutcome.FAILED: "failed",
}


def cohort_issuance_create(*, cohort, requested_by) -> tuple[CohortIssuance, bool]:
    """The request row, or the one still under way for this cohort. No
    permission check: for trusted callers (the command line, the service below)."""
    rule = rule_current(cohort.course_id)
    if rule is None or not rule.is_active:
        raise CertificateError(_("This course has no certification rules that issue certificates yet."))
    with transaction.atomic():
        running = CohortIssuance.objects.select_for_update().filter(cohort=cohort).exclude(status=BatchStatus.DONE).first()
        if running is not None:
            return running, False
        total = len(cohort_trainee_ids(cohort=cohort))
        return CohortIssuance.objects.create(cohort=cohort, requested_by=requested_by, total=total), True


def cohort_issuance_start(*, cohort, actor) -> CohortIssuance:
    """Ask for the certificates of every trainee of ``cohort`` who meets the
    course's current rules; the work happens in the background. Asking again
    while it runs returns the same request."""
    if not may_manage_cohort(actor, cohort):
        raise CertificatePermissionDenied(_("Only the cohort's trainers and ministry officers can issue its certificates."))
    with transaction.atomic():
        batch, created = cohort_issuance_create(cohort=cohort, requested_by=actor)
        if created:
            from ..tasks import cohort_issuance_run_task

            transaction.on_commit(lambda: cohort_issuance_run_task.delay(batch.pk))
    return batch


def _issue_one(*, user, rule, actor) -> dict:
    if Certificate.objects.filter(holder_id=user.pk, course_id=rule.course_id, status__in=LIVE_STATUSES).exists():
        return {"outcome": BatchOutcome.ALREADY}
    eligibility = certification_check(holder=user, rule=rule)
    if not eligibility.met:
        return {"outcome": BatchOutcome.NOT_ELIGIBLE, "missing": [s.text for s in eligibility.shortfalls]}
    try:
        _certificate, created = certificate_issue(holder=user, course=rule.course, rule=rule, issued_by=actor)
    except CertificateError as error:
        return {"outcome": BatchOutcome.FAILED, "error": in_both_languages(lambda: " ".join(error.messages))}
    return {"outcome": BatchOutcome.ISSUED if created else BatchOutcome.ALREADY}


def cohort_issuance_run(*, batch_id: int) -> CohortIssuance | None:
    """Work through the cohort, one trainee per transaction, saving the
    progress after each. A second run resumes where the first stopped and
    never handles a trainee twice."""
    from django.contrib.auth import get_user_model

    batch = CohortIssuance.objects.select_related("cohort", "requested_by").filter(pk=batch_id).first()
    if batch is None or batch.status == BatchStatus.DONE:
        return batch
    rule = rule_current(batch.cohort.course_id)
    done = {entry["user_id"] for entry in batch.results}
    user_ids = [pk for pk in cohort_trainee_ids(cohort=batch.cohort) if pk not in done]
    CohortIssuance.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, total=len(done) + len(user_ids))
    users = get_user_model().objects.in_bulk(user_ids)
    for user_id in user_ids:
        user = users.get(user_id)
        if user is None:
            continue
        if rule is None or not rule.is_active:
            entry = {"outcome": BatchOutcome.FAILED, "error": in_both_languages(lambda: _("The course's rules no longer issue certificates."))}
        else:
            entry = _issue_one(user=user, rule=rule, actor=batch.requested_by)
        entry["user_id"] = user_id
        entry["name"] = user.full_name_ar or user.full_name_latin or user.email
        with transaction.atomic():
            locked = CohortIssuance.objects.select_for_update().get(pk=batch.pk)
            locked.results = [*locked.results, entry]
            setattr(locked, COUNTERS[entry["outcome"]], F(COUNTERS[entry["outcome"]]) + 1)
            locked.save(update_fields=["results", COUNTERS[entry["outcome"]]])
    CohortIssuance.objects.filter(pk=batch.pk).update(status=BatchStatus.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch


def entry_details(entry: dict) -> list[str]:
    """What is said about one trainee of a cohort issuance (unmet
    requirements, or the error), in the active language."""
    language = "ar" if (get_language() or "ar").startswith("ar") else "fr"
    texts = entry.get("missing") or ([entry["error"]] if entry.get("error") else [])
    return [text.get(language, "") if isinstance(text, dict) else str(text) for text in texts]
