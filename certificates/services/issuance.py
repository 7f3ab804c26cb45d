import calendar
import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.models import CoursePage, ProgrammePage
from core.text import normalize_for_matching

from ..errors import CertificateError
from ..identifiers import licence_number_format
from ..models import LIVE_STATUSES, Certificate, CertificateStatus, CertificationRule, EventAction, LicenceSequence
from ..permissions import ensure_certificate_officer
from ..signals import StatusChange, send_issued_on_commit, send_status_changed_on_commit
from .audit import event_record


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(rule: CertificationRule, valid_from: datetime.date) -> datetime.date | None:
    """The last day of validity: the day before the anniversary."""
    if not rule.validity_months:
        return None
    return add_months(valid_from, rule.validity_months) - datetime.timedelta(days=1)


def licence_number_draw(*, programme: ProgrammePage, year: int) -> str:
    """The next number of the programme's sequence for ``year``. The row lock
    makes concurrent draws wait for each other, so no number is handed out twice."""
    code = (programme.code or "").strip().upper()
    if not code:
        raise CertificateError(_("The programme has no code for licence numbers; set one in the programme page."))
    with transaction.atomic():
        sequence, _created = LicenceSequence.objects.get_or_create(programme=programme, year=year)
        sequence = LicenceSequence.objects.select_for_update().get(pk=sequence.pk)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
    return licence_number_format(programme_code=code, year=year, number=sequence.last_number)


def _translation_title(page, locale: Locale | None) -> str:
    if locale is not None:
        translation = page.get_translation_or_none(locale)
        if translation is not None:
            return translation.title
    return page.title


def printed_facts(*, holder, course: CoursePage) -> dict:
    """What goes on the certificate, read now from the profile and the pages."""
    name_ar = (holder.full_name_ar or "").strip()
    name_latin = holder.full_name_latin.strip()
    if not (name_ar or name_latin):
        raise CertificateError(_("The trainee has no name in their profile: a certificate must bear one."))
    programme = ProgrammePage.objects.ancestor_of(course).first()
    if programme is None:
        raise CertificateError(_("This course is not inside a programme."))
    french = Locale.objects.filter(language_code="fr").first()
    return {
        "programme": programme,
        "holder_name_ar": name_ar,
        "holder_name_latin": name_latin,
        "course_title_ar": course.title,
        "course_title_fr": _translation_title(course, french),
        "programme_title_ar": programme.title,
        "programme_title_fr": _translation_title(programme, french),
        "hours": course.duration_hours,
        "search_text": f"{normalize_for_matching(name_ar)} {normalize_for_matching(name_latin)}".strip(),
    }


def _canonical_course(course) -> CoursePage:
    course = course.specific if hasattr(course, "specific") else course
    canonical = course.canonical_page
    return canonical.specific if not isinstance(canonical, CoursePage) else canonical


def _lock_holder(holder_id: int):
    # Serialises issuing for one holder (always taken before any certificate
    # row lock), so two concurrent calls agree on whether a live certificate
    # already exists.
    return get_user_model().objects.select_for_update().get(pk=holder_id)


def _after_issue(certificate: Certificate) -> None:
    from ..tasks import certificate_issued_email_send_task, certificate_pdf_build_task

    send_issued_on_commit(certificate)
    transaction.on_commit(lambda: certificate_pdf_build_task.delay(certificate.pk))
    transaction.on_commit(lambda: certificate_issued_email_send_task.delay(certificate.pk))


def certificate_issue(
    *,
    holder,
    course,
    rule: CertificationRule,
    issued_by=None,
    issued_at: datetime.datetime | None = None,
    reason: str = "",
) -> tuple[Certificate, bool]:
    """Issue ``holder`` a certificate for ``course`` judged by ``rule``.

    Idempotent: when the holder already has a live (active or suspended)
    certificate for the course, that one is returned with ``False``. The
    caller has established that the rules are met (services/rules.py).
    """
    course = _canonical_course(course)
    if rule.course_id != course.pk:
        raise CertificateError(_("These certification rules belong to another course."))
    issued_at = issued_at or timezone.now()
    with transaction.atomic():
        holder = _lock_holder(holder.pk)
        existing = Certificate.objects.filter(holder=holder, course=course, status__in=LIVE_STATUSES).first()
        if existing is not None:
            return existing, False
        facts = printed_facts(holder=holder, course=course)
        programme = facts.pop("programme")
        certificate = Certificate(
            holder=holder,
            course=course,
            programme=programme,
            rule=rule,
            issued_at=issued_at,
            issued_by=issued_by,
            expires_on=expiry_for(rule, timezone.localdate(issued_at)),
            licence_number=licence_number_draw(programme=programme, year=timezone.localdate(issued_at).year),
            **facts,
        )
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # Another transaction issued it first (databases without row locks).
            return Certificate.objects.get(holder=holder, course=course, status__in=LIVE_STATUSES), False
        event_record(
            certificate=certificate,
            action=EventAction.ISSUED,
            actor=issued_by,
            reason=reason,
            details={"rule_version": rule.version, "licence_number": certificate.licence_number},
        )
        _after_issue(certificate)
    return certificate, True


class ReissueKind:
    CORRECTION = "correction"  # same validity, facts read again (e.g. a corrected name)
    RENEWAL = "renewal"  # a new period of validity under the course's current rules


def renewal_expiry(*, previous: Certificate, rule: CertificationRule, today: datetime.date) -> datetime.date | None:
    """A renewal continues the previous period when it had not yet ended, so
    renewing early loses no time; after expiry it starts today."""
    start = today
    if previous.expires_on is not None and previous.expires_on >= today:
        start = previous.expires_on + datetime.timedelta(days=1)
    return expiry_for(rule, start)


def certificate_reissue(
    *,
    certificate: Certificate,
    actor,
    reason: str,
    kind: str = ReissueKind.CORRECTION,
    rule: CertificationRule | None = None,
) -> Certificate:
    """An officer replaces ``certificate`` with a new one (new public id and
    short code, same licence number). The old one then shows as superseded
    with a link to the new one; a revoked certificate stays revoked."""
    ensure_certificate_officer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Say why the certificate is re-issued."))
    return certificate_replace(certificate=certificate, actor=actor, issued_by=actor, reason=reason, kind=kind, rule=rule)


def certificate_replace(
    *,
    certificate: Certificate,
    actor,
    issued_by,
    reason: str,
    kind: str,
    rule: CertificationRule | None = None,
) -> Certificate:
    """Replace ``certificate`` (callers decide who may): an officer's
    re-issue, or a holder's renewal under the course's renewal rules.
    ``actor`` is who the audit log names; ``issued_by`` is empty unless an
    officer issued it."""
    if kind not in (ReissueKind.CORRECTION, ReissueKind.RENEWAL):
        raise CertificateError(_("Unknown kind of re-issue."))
    with transaction.atomic():
        _lock_holder(certificate.holder_id)
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status == CertificateStatus.SUPERSEDED:
            raise CertificateError(_("This certificate was already replaced; re-issue the newest one."))
        if old.status == CertificateStatus.SUSPENDED:
            raise CertificateError(_("Lift the suspension before re-issuing this certificate."))
        course = old.course.specific
        if kind == ReissueKind.RENEWAL:
            rule = rule or CertificationRule.objects.filter(course=course).order_by("-version").first() or old.rule
            expires_on = renewal_expiry(previous=old, rule=rule, today=timezone.localdate())
        else:
            rule = old.rule
            expires_on = old.expires_on
        facts = printed_facts(holder=old.holder, course=course)
        programme = facts.pop("programme")
        was_revoked = old.status == CertificateStatus.REVOKED
        if not was_revoked:
            # Leave the live slot (one live certificate per holder and course,
            # one live holder per licence number) before the new one takes it.
            old.status = CertificateStatus.SUPERSEDED
            old.status_changed_at = timezone.now()
            old.save(update_fields=["status", "status_changed_at"])
        new = Certificate.objects.create(
            holder=old.holder,
            course=course,
            programme=programme,
            rule=rule,
            issued_by=issued_by,
            expires_on=expires_on,
            licence_number=old.licence_number,
            is_public=old.is_public,
            **facts,
        )
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        details = {"kind": kind, "replaces": old.public_id, "rule_version": rule.version}
        event_record(certificate=new, action=EventAction.ISSUED, actor=actor, reason=reason, details=details)
        if not was_revoked:
            event_record(
                certificate=old,
                action=EventAction.SUPERSEDED,
                actor=actor,
                reason=reason,
                details={"kind": kind, "replaced_by": new.public_id},
            )
            send_status_changed_on_commit(old, StatusChange.SUPERSEDED)
        _after_issue(new)
    return new
