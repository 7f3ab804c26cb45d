"""The public registry of certified practitioners, and its CSV export."""

from django.core.paginator import Paginator
from django.http import HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.regions import Region

from ..forms import RegistrySearchForm
from ..models import Certificate, CertificateStatus
from ..permissions import can_export_registry
from ..selectors import REGISTRY_PAGE_SIZE, registry_queryset
from .csv import csv_response
from .public import ROBOTS


def _programme_choices(language: str) -> list[tuple[int, str]]:
    rows = (
        Certificate.objects.filter(is_public=True, status=CertificateStatus.ACTIVE)
        .values_list("programme_id", "programme_title_ar", "programme_title_fr")
        .order_by("programme_id")
        .distinct()
    )
    seen = {}
    for programme_id, title_ar, title_fr in rows:
        seen.setdefault(programme_id, title_ar if language == "ar" else title_fr)
    return sorted(seen.items(), key=lambda item: item[1])


def _search(request):
    form = RegistrySearchForm(request.GET or None, programmes=_programme_choices(get_language()))
    filters = {"query": "", "region": "", "programme_id": None}
    if form.is_bound and form.is_valid():
        filters = {
            "query": form.cleaned_data["q"],
            "region": form.cleaned_data["region"],
            "programme_id": form.cleaned_data["programme"],
        }
    return form, registry_queryset(**filters)


@require_GET
def registry(request):
    form, certificates = _search(request)
    page = Paginator(certificates, REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "ROBOTS": ROBOTS,
        "can_export": can_export_registry(request.user),
    }
    response = render(request, "certificates/registry.html", context)
    response["X-Robots-Tag"] = ROBOTS
    return response


@require_GET
def registry_export(request):
    """Officers export the registry (with the same filters) as CSV."""
    if not can_export_registry(request.user):
        return HttpResponseForbidden(_("Only ministry officers can export the registry."))
    _form, certificates = _search(request)
    # Labels are translated now: the rows are written after the view returns.
    regions = {code: str(label) for code, label in Region.choices}
    header = [
        _("Licence number"),
        _("Name (Arabic script)"),
        _("Name (Latin script)"),
        _("Region"),
        _("Programme (Arabic)"),
        _("Programme (French)"),
        _("Course (Arabic)"),
        _("Course (French)"),
        _("Issued on"),
        _("Valid until"),
        _("Verification link"),
    ]

    def rows():
        for certificate in certificates.iterator(chunk_size=2000):
            yield [
                certificate.licence_number,
                certificate.holder_name_ar,
                certificate.holder_name_latin,
                regions.get(certificate.holder.region, ""),
                certificate.programme_title_ar,
                certificate.programme_title_fr,
                certificate.course_title_ar,
                certificate.course_title_fr,
                timezone.localdate(certificate.issued_at).isoformat(),
                certificate.expires_on.isoformat() if certificate.expires_on else "",
                certificate.get_verification_url(),
            ]

    return csv_response(f"registry-{timezone.localdate().isoformat()}.csv", header, rows())
