"""Officers' screens: find a certificate, act on it, read the audit log."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ..errors import CertificateError
from ..forms import LiftForm, ReissueForm, RevokeForm, SuspendForm
from ..models import Certificate, CertificateStatus, EventAction
from ..permissions import can_manage_certificates, can_read_audit_log
from ..selectors import audit_events, officer_certificates, verification_status
from .csv import csv_response
from ..services import certificate_reissue, certificate_revoke, certificate_suspend, certificate_suspension_lift

PAGE_SIZE = 25


def officer_required(check):
    def decorator(view):
        @login_required
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                return HttpResponseForbidden(_("Only ministry officers can open this page."))
            return view(request, *args, **kwargs)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorator


@officer_required(can_manage_certificates)
@require_GET
def certificate_list(request):
    query = request.GET.get("q", "")[:100]
    status = request.GET.get("status", "")
    page = Paginator(officer_certificates(query=query, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"certificate": c, "status": verification_status(c)} for c in page]
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "rows": rows,
        "query": query,
        "status": status,
        "statuses": CertificateStatus.choices,
        "query_string": params.urlencode(),
    }
    return render(request, "certificates/officer/list.html", context)


ACTIONS = {
    "suspend": (SuspendForm, lambda c, user, data: certificate_suspend(certificate=c, actor=user, reason=data["reason"]), gettext_lazy("The certificate is suspended.")),
    "lift": (LiftForm, lambda c, user, data: certificate_suspension_lift(certificate=c, actor=user, reason=data["reason"]), gettext_lazy("The suspension is lifted.")),
    "revoke": (
        RevokeForm,
        lambda c, user, data: certificate_revoke(certificate=c, actor=user, reason=data["reason"], public_reason=data["public_reason"]),
        gettext_lazy("The certificate is revoked."),
    ),
    "reissue": (
        ReissueForm,
        lambda c, user, data: certificate_reissue(certificate=c, actor=user, reason=data["reason"], kind=data["kind"]),
        gettext_lazy("A new certificate was issued; the old one now points to it."),
    ),
}


def _available_actions(certificate: Certificate) -> list[str]:
    if certificate.status == CertificateStatus.ACTIVE:
        return ["suspend", "revoke", "reissue"]
    if certificate.status == CertificateStatus.SUSPENDED:
        return ["lift", "revoke"]
    if certificate.status == CertificateStatus.REVOKED and certificate.superseded_by_id is None:
        return ["reissue"]
    return []


def _detail(request, certificate, forms=None, status=200):
    forms = forms or {}
    # A refused action keeps its form on the page, with the reason it was refused.
    available = _available_actions(certificate) + [name for name in forms if name not in _available_actions(certificate)]
    context = {
        "certificate": certificate,
        "status": verification_status(certificate),
        "forms": {name: forms.get(name) or ACTIONS[name][0](prefix=name) for name in available},
        "events": audit_events(certificate=certificate)[:200],
    }
    return render(request, "certificates/officer/detail.html", context, status=status)


@officer_required(can_manage_certificates)
@require_GET
def certificate_detail(request, public_id: str):
    certificate = get_object_or_404(Certificate.objects.select_related("holder", "superseded_by", "rule"), public_id=public_id)
    return _detail(request, certificate)


@officer_required(can_manage_certificates)
@require_POST
def certificate_action(request, public_id: str, action: str):
    certificate = get_object_or_404(Certificate.objects.select_related("holder", "superseded_by", "rule"), public_id=public_id)
    form_class, perform, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            result = perform(certificate, request.user, form.cleaned_data)
        except CertificateError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("certificates:officer_detail", public_id=result.public_id)
    return _detail(request, certificate, forms={action: form}, status=400)


@officer_required(can_read_audit_log)
@require_GET
def audit_log(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(audit_events(query=query), PAGE_SIZE * 2).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "certificates/officer/audit.html", {"page": page, "query": query, "query_string": params.urlencode()})


@officer_required(can_read_audit_log)
@require_GET
def audit_log_export(request):
    events = audit_events(query=request.GET.get("q", "")[:100])
    # Labels are translated now: the rows are written after the view returns.
    actions = {code: str(label) for code, label in EventAction.choices}
    platform = _("the platform")
    header = [_("When"), _("Action"), _("Licence number"), _("Certificate"), _("Holder"), _("Who"), _("Why"), _("Details")]

    def rows():
        for event in events.iterator(chunk_size=2000):
            certificate = event.certificate
            yield [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                actions.get(event.action, event.action),
                certificate.licence_number,
                certificate.public_id,
                certificate.holder_name_latin or certificate.holder_name_ar,
                event.actor_label or platform,
                event.reason,
                json.dumps(event.details, ensure_ascii=False, sort_keys=True),
            ]

    return csv_response(f"certificate-audit-{timezone.localdate().isoformat()}.csv", header, rows())
