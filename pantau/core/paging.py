"""One way to cut a list into pages, for every page of the site that lists something that grows.

Views call `paginate(request, rows)` and templates `{% include "core/_pager.html" %}`;
the pager's links keep every other query parameter (the list's filters and sort)
and change only `page`. A page number out of range shows the last page, a
number that is not one shows the first: a link copied from an older list never fails.
"""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def paginate(request, rows, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
