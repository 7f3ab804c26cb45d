"""Who may do what with certificates: the one place that decides.

Views call these before acting; services call the ``ensure_*`` forms so a
rule holds whatever the entry point (view, command, API).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, user_has_role


class CertificatePermissionDenied(PermissionDenied):
    pass


def is_certificate_officer(user) -> bool:
    """Ministry officers and administrators manage certificates: suspend,
    lift, revoke, re-issue, read and export the audit log and the registry."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user_has_role(user, Role.MINISTRY_OFFICER)


def can_manage_certificates(user) -> bool:
    return is_certificate_officer(user)


def can_read_audit_log(user) -> bool:
    return is_certificate_officer(user)


def can_export_registry(user) -> bool:
    return is_certificate_officer(user)


def can_edit_rules(user) -> bool:
    return is_certificate_officer(user)


def can_download_pdf(user, certificate) -> bool:
    """Only the holder and officers: the PDF carries the full printed record."""
    if not getattr(user, "is_authenticated", False):
        return False
    return certificate.holder_id == user.pk or is_certificate_officer(user)


def can_set_registry_choice(user, certificate) -> bool:
    """Appearing in the public registry is the holder's own choice."""
    return getattr(user, "is_authenticated", False) and certificate.holder_id == user.pk


def can_renew(user, certificate) -> bool:
    """The holder renews their own certificate under the course's rules;
    officers renew by re-issuing."""
    return getattr(user, "is_authenticated", False) and user.is_active and certificate.holder_id == user.pk


def ensure_certificate_officer(user) -> None:
    if not is_certificate_officer(user):
        raise CertificatePermissionDenied(_("Only ministry officers may do this."))


def can_sign_off(user, *, trainee, course) -> bool:
    """Officers, and the trainers of a cohort in which ``trainee`` follows
    ``course`` (canonical page or id)."""
    if is_certificate_officer(user):
        return True
    from learning.permissions import may_manage_cohort
    from learning.selectors import cohort_of

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cohort = cohort_of(user=trainee, course=course)
    return cohort is not None and may_manage_cohort(user, cohort)


def can_issue_for_cohorts(user) -> bool:
    """Who sees the cohort certificates screens at all (each cohort is then
    checked with learning's ``may_manage_cohort``)."""
    from learning.permissions import is_trainer

    return is_certificate_officer(user) or (getattr(user, "is_authenticated", False) and user.is_active and is_trainer(user))
