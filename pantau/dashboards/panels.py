"""Dashboard panels: the framework, and the posts' own panels (registered in plugin.py).

A panel comes through the `panels` seam (pantau.core.seams) with its key,
title, roles and order: `fn(user) -> html | None` (None hides the panel).
The apps add theirs (open cases with deadlines, riskiest accounts, action
items). A panel registered with `filtered=True` is called
`fn(user, selection)` and counts only the posts of the dashboard's period
and filters (`filters.Selection`, which reads the daily counts of `daily.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import DateField, F, Func, Value
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pantau.core.seams import seams
from pantau.lib import clock
from pantau.people.roles import has_role

from . import periods, svg

LISTED_GROUPS = 12


@dataclass
class Panel:
    key: str
    title: object
    roles: frozenset
    order: int
    render: Callable[..., str]
    wide: bool = False
    filtered: bool = False


def registered_panels() -> dict[str, Panel]:
    """Every panel the apps contribute, by key."""
    return {
        c.key: Panel(c.key, c.title, frozenset(c.roles), c.order, c.value, c.wide, c.filtered) for c in seams.panels
    }


def panels_for(user, selection=None):
    from .filters import selection_from

    selection = selection or selection_from({})[0]
    shown = []
    for item in sorted(registered_panels().values(), key=lambda p: p.order):
        if not has_role(user, item.roles):
            continue
        html = item.render(user, selection) if item.filtered else item.render(user)
        if html:
            shown.append(
                {"key": item.key, "title": item.title, "html": mark_safe(html), "wide": item.wide,
                 "filtered": item.filtered}
            )  # fmt: skip
    return shown


def _tz():
    return clock.office_tz()


class _SqliteLocalDate(Func):
    function = "date"
    output_field = DateField()


def local_day(field: str):
    """The local calendar day of a timestamp, computed in SQL.

    Django's TruncDate with a time zone runs a Python function per row on
    SQLite (seconds at a million posts); SQLite's own date() with the zone's
    offset does the same in C. Indonesian zones have no daylight saving, so
    one offset holds for every date.
    """
    tz = _tz()
    if connection.vendor == "sqlite":
        offset = timezone.now().astimezone(tz).utcoffset()
        assert offset is not None, "an aware time has an offset"
        hours = offset.total_seconds() / 3600
        return _SqliteLocalDate(F(field), Value(f"{hours:+g} hours"))
    return TruncDate(field, tzinfo=tz)


def stage_name(day) -> str:
    stage = periods.stage_of(day)
    if stage:
        return str(stage.name)
    return _("Before the campaign") if day < periods.all_stages()[0].first else _("After voting")


def _day_text(day):
    return dateformat.format(day, "j M")


def _bands(period):
    return [(s.first, s.last, s.name, s.css) for s in periods.all_stages() if s.last >= period.first]


def _empty():
    return render_to_string("dashboards/panels/empty.html", {"text": _("No posts in this period.")})


def trend(user, selection):
    from .models import PositiveMessage

    period = selection.period
    per_day = selection.per_day()
    if not per_day:
        return _empty()
    flagged_name, other_name = _("With a violation label"), _("Without a violation label")
    series = {
        flagged_name: {day: flagged for day, (_n, flagged) in per_day.items()},
        other_name: {day: n - flagged for day, (n, flagged) in per_day.items()},
    }
    tz = _tz()
    start = datetime.combine(period.first, time.min, tzinfo=tz)
    end = datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=tz)
    markers = [
        (timezone.localtime(m.spread_at, tz).date(), m.title)
        for m in PositiveMessage.objects.filter(spread_at__gte=start, spread_at__lt=end)[:200]
    ]
    stages: dict[str, int] = {}
    for day in period.days:
        name = stage_name(day)
        stages[name] = stages.get(name, 0) + per_day.get(day, (0, 0))[0]
    chart = svg.timeline(
        period.days, series, _("Posts per day"), bands=_bands(period), markers=markers, day_text=_day_text,
        day_links=selection.day_url,
    )  # fmt: skip
    total = sum(n for n, _f in per_day.values())
    return render_to_string(
        "dashboards/panels/trend.html",
        {"chart": mark_safe(chart), "stages": stages.items(), "has_markers": markers, "total": total,
         "selection": selection},
    )  # fmt: skip


def per_label(user, selection):
    from .filters import VIOLATION_LABELS, label_name

    found = selection.per_label_day()
    if not found:
        return render_to_string("dashboards/panels/empty.html", {"text": _("No labelled posts in this period.")})
    period, bands = selection.period, _bands(selection.period)
    rows = []
    for key in sorted((k for k in found if k in VIOLATION_LABELS), key=lambda k: -sum(found[k].values())):
        name = label_name(key)
        chart = svg.timeline(
            period.days, {name: found[key]}, name, bands=bands, width=300, height=110, day_text=_day_text,
            legend=False, ticks=3, band_labels=False,
        )  # fmt: skip
        rows.append({"key": key, "name": name, "total": sum(found[key].values()), "chart": mark_safe(chart),
                     "url": selection.posts_url(label=key)})  # fmt: skip
    return render_to_string("dashboards/panels/labels.html", {"rows": rows})


def per_platform(user, selection):
    from pantau.inventory.models import Platform

    labels = dict(Platform.choices)
    items = [(labels.get(p, p), n, selection.posts_url(platform=p)) for p, n in selection.per("platform")]
    return svg.bars(items, _("Posts per platform")) if items else _empty()


def per_kecamatan(user, selection):
    from pantau.regions.models import Level, Region

    counts = dict(selection.per("kecamatan_id"))
    regions = list(Region.objects.filter(level=Level.KECAMATAN).order_by("name"))
    mapped = [
        (r.name, r.boundary, counts.get(r.pk, 0), selection.posts_url(kecamatan=r.pk)) for r in regions if r.boundary
    ]
    if mapped:
        chart = svg.choropleth(mapped, _("Posts per kecamatan"))
        return render_to_string("dashboards/panels/map.html", {"chart": mark_safe(chart)})
    items = sorted(
        ((r.name, counts[r.pk], selection.posts_url(kecamatan=r.pk)) for r in regions if counts.get(r.pk)),
        key=lambda x: -x[1],
    )
    return svg.bars(items, _("Posts per kecamatan")) if items else _empty()


def per_group(user, selection):
    from pantau.inventory.access import groups_for

    counts = selection.per("group_id")
    names = dict(groups_for(user).filter(pk__in=[pk for pk, _n in counts[:LISTED_GROUPS]]).values_list("pk", "name"))
    items = [(names[pk], n, selection.posts_url(group=pk)) for pk, n in counts[:LISTED_GROUPS] if pk in names]
    if not items:
        return _empty()
    more = len(counts) - len(items)
    return render_to_string(
        "dashboards/panels/groups.html", {"chart": mark_safe(svg.bars(items, _("Posts per group"))), "more": more}
    )


def positive(user):
    from .models import PositiveMessage

    messages = list(PositiveMessage.objects.all()[:6])
    total_reach = sum(m.reach or 0 for m in PositiveMessage.objects.only("reach"))
    return render_to_string("dashboards/panels/positive.html", {"messages": messages, "reach": total_reach})
