"""One way to cut a list into pages, for every page of the site that lists something that grows.

Views call `paginate(request, rows)` and templates `{% include "core/_pager.html" %}`;
the pager's links keep every other query parameter (the list's filters and sort)
and change only `page`. A page number out of range shows the last page, a
number that is not one shows the first: a link copied from an older list never fails.

A list is counted no further than COUNT_AHEAD rows past the page asked for
(a COUNT over a LIMIT subquery): counting a million posts on every request
is what made the posts list slow, and nobody reads "page 20,000". The page
then says "more than 10,000" and has no "Last" link; paging on counts
further, so every row can still be reached with "Next".
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 50
COUNT_AHEAD = 10_000


class CappedPaginator(Paginator):
    """A Paginator whose count stops `ahead` rows past the first row of the page asked for."""

    def __init__(self, rows, per_page: int, asked_page, ahead: int):
        super().__init__(rows, per_page)
        try:
            number = max(1, int(asked_page))
        except (TypeError, ValueError):
            number = 1
        # Beyond what any count could reach, so an absurd page number does not ask for an absurd LIMIT.
        number = min(number, 1_000_000_000 // per_page)
        self.counted_to = (number - 1) * per_page + ahead

    @cached_property
    def count(self) -> int:
        # One row more than counted_to, to know whether there are more; order does not change how many.
        rows: QuerySet = self.object_list  # type: ignore[assignment]  # paginate() gives this class querysets only
        return rows.order_by()[: self.counted_to + 1].count()

    @property
    def capped(self) -> bool:
        """True when the list holds more rows than were counted: show "more than counted_to"."""
        return self.count > self.counted_to

    @property
    def pages_counted(self) -> int:
        """The whole pages within counted_to: "page 3 of more than 200"."""
        return self.counted_to // self.per_page


def paginate(request, rows, per_page: int = PAGE_SIZE) -> Page:
    asked = request.GET.get("page")
    if not isinstance(rows, QuerySet):
        return Paginator(rows, per_page).get_page(asked)
    return CappedPaginator(rows, per_page, asked, COUNT_AHEAD).get_page(asked)
