"""Public views of the cms app (pages themselves are served by Wagtail)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from .search import search_pages

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_pages(query, language_code=get_language()) if query else None
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")) if results is not None else None
    return render(request, "cms/search.html", {"query": query, "page_obj": page_obj})
