"""Renewal by the holder, under the course's renewal rules.

The current version of the course's rules says when renewal opens (a number
of days before expiry) and whether it needs a new trainer's sign-off given
since then. A holder whose certificate meets them renews it themselves: a
new certificate (same licence number) continues the validity, and the old
one shows as replaced. Officers can always renew by re-issuing.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..errors import CertificateError
from ..models import Certificate, CertificateStatus, CertificationRule, SignOff
from ..permissions import CertificatePermissionDenied, can_renew
from .issuance import ReissueKind, _lock_holder, certificate_replace, renewal_expiry


class RenewalState:
    NOT_RENEWABLE = "not_renewable"  # no expiry, not active, or the course no longer certifies
    NOT_YET = "not_yet"  # the renewal window has not opened
    NEEDS_SIGN_OFF = "needs_sign_off"  # the rules ask for a trainer's sign-off since the window opened
    READY = "ready"


@dataclass(frozen=True)
class RenewalOffer:
    """Where a certificate stands for renewal, on a given day."""

    state: str
    rule: CertificationRule | None = None
    opens_on: datetime.date | None = None
    new_expiry: datetime.date | None = None

    @property
    def ready(self) -> bool:
        return self.state == RenewalState.READY

    @property
    def message(self) -> str:
        """What the holder reads, in the active language."""
        if self.state == RenewalState.NOT_YET:
            return gettext("You can renew this certificate from %(date)s.") % {"date": date_format(self.opens_on, "DATE_FORMAT")}
        if self.state == RenewalState.NEEDS_SIGN_OFF:
            return gettext(
                "To renew it, ask a trainer to sign off your practical assessment again (a sign-off given since %(date)s)."
            ) % {"date": date_format(self.opens_on, "DATE_FORMAT")}
        if self.state == RenewalState.READY:
            if self.new_expiry is None:
                return gettext("You can renew this certificate now.")
            return gettext("You can renew this certificate now; the new one will be valid until %(date)s.") % {
                "date": date_format(self.new_expiry, "DATE_FORMAT")
            }
        return ""


def _current_rules(course_ids: Iterable[int]) -> dict[int, CertificationRule]:
    """{course id: newest rule version}, in one query."""
    current = {}
    rows = CertificationRule.objects.filter(course_id__in=set(course_ids)).order_by("course_id", "-version")
    for rule in rows:
        current.setdefault(rule.course_id, rule)
    return current


def _latest_sign_off_dates(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], datetime.datetime]:
    """{(trainee id, course id): latest sign-off time}, in one query."""
    pairs = set(pairs)
    if not pairs:
        return {}
    trainees = {trainee for trainee, _course in pairs}
    courses = {course for _trainee, course in pairs}
    latest = {}
    rows = SignOff.objects.filter(trainee_id__in=trainees, course_id__in=courses).values_list("trainee_id", "course_id", "signed_at")
    for trainee_id, course_id, signed_at in rows:
        key = (trainee_id, course_id)
        if key in pairs and (key not in latest or signed_at > latest[key]):
            latest[key] = signed_at
    return latest


def _offer(certificate: Certificate, rule: CertificationRule | None, signed_at, today: datetime.date) -> RenewalOffer:
    if certificate.status != CertificateStatus.ACTIVE or certificate.expires_on is None:
        return RenewalOffer(RenewalState.NOT_RENEWABLE)
    if rule is None or not rule.is_active or not rule.validity_months:
        # The course no longer issues certificates, or no longer limits them in time.
        return RenewalOffer(RenewalState.NOT_RENEWABLE, rule=rule)
    opens_on = certificate.expires_on - datetime.timedelta(days=rule.renewal_window_days)
    if today < opens_on:
        return RenewalOffer(RenewalState.NOT_YET, rule=rule, opens_on=opens_on)
    if rule.renewal_requires_sign_off and (signed_at is None or timezone.localdate(signed_at) < opens_on):
        return RenewalOffer(RenewalState.NEEDS_SIGN_OFF, rule=rule, opens_on=opens_on)
    new_expiry = renewal_expiry(previous=certificate, rule=rule, today=today)
    return RenewalOffer(RenewalState.READY, rule=rule, opens_on=opens_on, new_expiry=new_expiry)


def renewal_offers(certificates: Iterable[Certificate], today: datetime.date | None = None) -> dict[int, RenewalOffer]:
    """{certificate id: RenewalOffer} for many certificates: two queries
    however many there are (none when none can be renewed)."""
    today = today or timezone.localdate()
    certificates = list(certificates)
    candidates = [c for c in certificates if c.status == CertificateStatus.ACTIVE and c.expires_on is not None]
    rules = _current_rules(c.course_id for c in candidates) if candidates else {}
    needs_sign_off = [c for c in candidates if rules.get(c.course_id) and rules[c.course_id].renewal_requires_sign_off]
    signed = _latest_sign_off_dates((c.holder_id, c.course_id) for c in needs_sign_off)
    return {
        c.pk: _offer(c, rules.get(c.course_id), signed.get((c.holder_id, c.course_id)), today) for c in certificates
    }


def renewal_offer(certificate: Certificate, today: datetime.date | None = None) -> RenewalOffer:
    return renewal_offers([certificate], today)[certificate.pk]


def certificate_renew(*, certificate: Certificate, user) -> Certificate:
    """The holder renews their certificate under the course's current rules.
    Checked again under the holder's lock, so a double click renews once."""
    if not can_renew(user, certificate):
        raise CertificatePermissionDenied(_("Only the holder can renew this certificate."))
    with transaction.atomic():
        _lock_holder(certificate.holder_id)
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if current.status == CertificateStatus.SUPERSEDED:
            raise CertificateError(_("This certificate was already renewed or replaced."))
        offer = renewal_offer(current)
        if not offer.ready:
            raise CertificateError(offer.message or gettext("This certificate cannot be renewed."))
        reason = gettext("Renewed by the holder under the course's rules (version %(version)d).") % {"version": offer.rule.version}
        return certificate_replace(
            certificate=current,
            actor=user,
            issued_by=None,
            reason=reason,
            kind=ReissueKind.RENEWAL,
            rule=offer.rule,
        )
