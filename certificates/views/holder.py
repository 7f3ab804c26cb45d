"""The holder's own certificates: list, PDF download, registry choice, renewal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..errors import CertificateError
from ..forms import RegistryChoiceForm
from ..models import Certificate, private_storage
from ..permissions import can_download_pdf, can_renew, can_set_registry_choice, is_certificate_officer
from ..panels import certificate_rows
from ..selectors import certificates_of_holder
from ..services import certificate_registry_set, certificate_renew
from ..services.pdf import pdf_is_current
from ..tasks import certificate_pdf_build_task


@login_required
@require_GET
def my_certificates(request):
    rows = certificate_rows(certificates_of_holder(request.user))
    return render(request, "certificates/mine.html", {"rows": rows})


@login_required
@require_GET
def certificate_pdf(request, public_id: str):
    """The PDF, to the holder and officers only. A PDF not yet built (or
    out of date) is built now by the task and the page asks to come back."""
    certificate = get_object_or_404(Certificate.objects.select_related("holder"), public_id=public_id)
    if not can_download_pdf(request.user, certificate):
        return HttpResponseForbidden(_("Only the holder and ministry officers can download this certificate."))
    if not certificate.is_live and not is_certificate_officer(request.user):
        raise Http404(_("This certificate was replaced or revoked; download the current one."))
    if not pdf_is_current(certificate):
        certificate_pdf_build_task.delay(certificate.pk)
        certificate.refresh_from_db(fields=["pdf", "pdf_fingerprint"])
        if not pdf_is_current(certificate):
            response = render(request, "certificates/pdf_pending.html", {"certificate": certificate}, status=202)
            response["Refresh"] = "5"
            return response
    handle = private_storage().open(certificate.pdf.name, "rb")
    filename = f"certificate-{certificate.licence_number}.pdf"
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def registry_choice(request, public_id: str):
    certificate = get_object_or_404(Certificate, public_id=public_id)
    if not can_set_registry_choice(request.user, certificate):
        return HttpResponseForbidden(_("Only the holder chooses whether a certificate is public."))
    form = RegistryChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to appear in the registry."))
        return redirect("certificates:mine")
    public = form.cleaned_data["public"]
    certificate_registry_set(certificate=certificate, user=request.user, public=public)
    if public:
        messages.success(request, _("Your certificate now appears in the public registry."))
    else:
        messages.success(request, _("Your certificate no longer appears in the public registry."))
    return redirect(request.POST.get("next") if _is_local(request.POST.get("next")) else "certificates:mine")


@login_required
@require_POST
def renew(request, public_id: str):
    certificate = get_object_or_404(Certificate, public_id=public_id)
    if not can_renew(request.user, certificate):
        return HttpResponseForbidden(_("Only the holder can renew this certificate."))
    try:
        new = certificate_renew(certificate=certificate, user=request.user)
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if new.expires_on:
            messages.success(
                request,
                _("Your certificate was renewed. The new one is valid until %(date)s; download it below.")
                % {"date": date_format(new.expires_on, "DATE_FORMAT")},
            )
        else:
            messages.success(request, _("Your certificate was renewed; download the new one below."))
    return redirect(request.POST.get("next") if _is_local(request.POST.get("next")) else "certificates:mine")


def _is_local(url: str | None) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
