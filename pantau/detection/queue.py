"""The review queue cut into pages without sorting every flagged post on each request.

`services.review_queue()` orders flagged posts by severity, then by their
author's risk, then newest first. Sorting by a column of another table made
the database read and sort every flagged post of the top severity (a hundred
thousand at a million posts) for each page. `QueuePages` reads the same
queryset, and so the same order, in parts that partition it in that order: per
severity, the authors in bands of neighbouring risk scores (most risky first;
a band never splits a tie, so the newest-first order inside a risk score holds
across bands), then the posts without an author. Each part is found through
the authors' posts, so the first pages read a few hundred rows; a page far
down the queue counts the parts before it.
"""

from django.db.models import F, Q

from pantau.inventory.models import Account

from .models import Classification, Review
from .services import review_queue
from .taxonomy import SEVERITY_NAMES

# Authors in the first band, the database finding their posts through the (author, time) index; each
# next band twice as many, so the first page reads few posts and a page far down few parts.
FIRST_BAND = 40
# Deeper into the queue than this, one sort of the whole queue is cheaper than counting the parts before.
WALK_ROWS = 1000
# A larger band (or a tie: many authors with one score) is matched by the scores, not by a list of ids.
LARGEST_ID_LIST = 1000


class QueuePages:
    """A sequence the pager cuts (`count()` and slices) over `review_queue(label)`."""

    def __init__(self, label=None):
        self.label = label
        self.queue = review_queue(label)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = waiting_count(self.label)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("the queue is read in pages: slice it")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        return self._rows(start, stop - start)

    def _rows(self, skip: int, want: int) -> list:
        if skip >= WALK_ROWS:  # counting the parts before would cost more than one sort of the whole queue
            return self._fetch(self.queue, skip, want)
        found = []
        for part in self._parts():
            if want <= 0:
                break
            if skip:
                size = part.count()
                if size <= skip:
                    skip -= size
                    continue
            rows = self._fetch(part, skip, want)
            skip, want = 0, want - len(rows)
            found += rows
        return found

    def _fetch(self, rows, skip: int, want: int) -> list:
        # Ids first: sorting the whole rows (texts, scores) of every post in a band cost more than this lookup.
        ids = list(rows.values_list("pk", flat=True)[skip : skip + want])
        found = self.queue.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _parts(self):
        bands = _Lazy(_risk_bands())  # read as far as the page needs, once for every severity
        for severity in sorted((s for s in SEVERITY_NAMES if s > 0), reverse=True):
            # severity + 0: not a column an index can serve, so the database starts from the band's authors
            # instead of walking every post of this severity through the (severity, post) index.
            rows = self.queue.alias(severity_value=F("severity") + 0).filter(severity_value=severity)
            for band in bands:
                yield rows.filter(band)
            yield rows.filter(post__author__isnull=True)


class _Lazy:
    """An iterator's items, kept as they are read, so it can be walked again."""

    def __init__(self, items):
        self.items, self.seen = iter(items), []

    def __iter__(self):
        yield from self.seen
        for item in self.items:
            self.seen.append(item)
            yield item


def _risk_bands():
    """Filters that split the accounts by risk score, highest first, never splitting one score."""
    band: list[tuple[int, float]] = []
    band_risk, size = None, FIRST_BAND
    for pk, risk in Account.objects.order_by("-risk_score", "pk").values_list("pk", "risk_score").iterator(2000):
        if band and risk != band_risk and len(band) >= size:
            yield _band_filter(band)
            band, size = [], size * 2
        band.append((pk, risk))
        band_risk = risk
    if band:
        yield _band_filter(band)


def _band_filter(band) -> Q:
    if len(band) <= LARGEST_ID_LIST:
        return Q(post__author__in=[pk for pk, _risk in band])
    return Q(post__author__risk_score__lte=band[0][1], post__author__risk_score__gte=band[-1][1])


def waiting_count(label=None) -> int:
    """Flagged posts nobody has decided on: the same rows as `review_queue(label)`, counted
    without joining the posts and accounts that only its order needs."""
    rows = Classification.objects.filter(severity__gt=0)
    if label:
        from .services import flagged_with

        rows = rows.filter(flagged_with(label))
    return rows.exclude(post_id__in=Review.objects.values("post_id")).count()
