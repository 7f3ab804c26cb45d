"""Public views of the cms app (pages themselves are served by Wagtail)."""

from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import get_language

from .models import GuidePage, GuidePdf
from .search import search_pages

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_pages(query, language_code=get_language()) if query else None
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")) if results is not None else None
    return render(request, "cms/search.html", {"query": query, "page_obj": page_obj})


def guide_pdf(request, guide_id: int):
    """The whole guide as a PDF download, for anyone who may read the guide."""
    record = (
        GuidePdf.objects.filter(guide_id=guide_id, guide__in=GuidePage.objects.live().public()).select_related("guide").first()
    )
    if record is None or not record.file.storage.exists(record.file.name):
        raise Http404
    response = FileResponse(record.file.open("rb"), as_attachment=True, filename=Path(record.file.name).name, content_type="application/pdf")
    response["Last-Modified"] = http_date(record.generated_at.timestamp())
    return response
