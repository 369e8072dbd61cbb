"""Dashboard panels, one registry entry each; other apps add theirs.

`@panel(key, title, roles, order)` registers `fn(user) -> html | None`
(None hides the panel). The cases app adds "open cases with deadlines"; the
detection app adds per-label series to the trend with `@per_day_series`:
`fn(first, last) -> {label: {date: count}}`.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Count, DateField, F, Func, Max, Min, Value
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.lib import clock
from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES, has_role

from . import svg

# Pilkada 2024 (PKPU 2/2024): the stages marked on every trend.
STAGES = [
    (date(2024, 9, 25), date(2024, 11, 23), gettext_lazy("Campaign"), "band-campaign"),
    (date(2024, 11, 24), date(2024, 11, 26), gettext_lazy("Quiet period"), "band-quiet"),
    (date(2024, 11, 27), date(2024, 11, 27), gettext_lazy("Voting day"), "band-vote"),
]


@dataclass
class Panel:
    key: str
    title: object
    roles: frozenset
    order: int
    render: object
    wide: bool = False


PANELS: dict[str, Panel] = {}
PER_DAY_SERIES: list = []


def panel(key, title, roles, order=100, wide=False):
    def register(fn):
        PANELS[key] = Panel(key, title, frozenset(roles), order, fn, wide)
        return fn

    return register


def per_day_series(fn):
    PER_DAY_SERIES.append(fn)
    return fn


def panels_for(user):
    shown = []
    for item in sorted(PANELS.values(), key=lambda p: p.order):
        if not has_role(user, item.roles):
            continue
        html = item.render(user)
        if html:
            shown.append({"key": item.key, "title": item.title, "html": mark_safe(html), "wide": item.wide})
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
        hours = timezone.now().astimezone(tz).utcoffset().total_seconds() / 3600
        return _SqliteLocalDate(F(field), Value(f"{hours:+g} hours"))
    return TruncDate(field, tzinfo=tz)


def _stage_of(day: date) -> str:
    for start, end, label, _cls in STAGES:
        if start <= day <= end:
            return str(label)
    return _("Before the campaign") if day < STAGES[0][0] else _("After voting")


@panel("trend", gettext_lazy("Posts per day and campaign stage"), ANALYSIS_ROLES, order=10, wide=True)
def trend(user):
    from pantau.intake.models import Post

    from .models import PositiveMessage

    span = Post.objects.aggregate(first=Min("posted_at"), last=Max("posted_at"))
    if not span["first"]:
        return render_to_string("dashboards/panels/empty.html", {"text": _("No posts yet.")})
    tz = _tz()
    days = svg.day_range(timezone.localtime(span["first"], tz).date(), timezone.localtime(span["last"], tz).date())
    start = datetime.combine(days[0], time.min, tzinfo=tz)
    totals = dict(
        Post.objects.filter(posted_at__gte=start)
        .annotate(day=local_day("posted_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    series = {}
    for fn in PER_DAY_SERIES:
        series.update(fn(days[0], days[-1]))
    if not series:
        series = {_("All posts"): totals}
    markers = [
        (timezone.localtime(m.spread_at, tz).date(), m.title)
        for m in PositiveMessage.objects.filter(spread_at__isnull=False)[:200]
    ]
    stages = {}
    for day in days:
        stages[_stage_of(day)] = stages.get(_stage_of(day), 0) + totals.get(day, 0)
    chart = svg.timeline(days, series, _("Posts per day"), bands=STAGES, markers=markers)
    return render_to_string(
        "dashboards/panels/trend.html", {"chart": mark_safe(chart), "stages": stages.items(), "has_markers": markers}
    )


@panel("platform", gettext_lazy("Posts per platform"), ANALYSIS_ROLES, order=20)
def per_platform(user):
    from pantau.intake.models import Post
    from pantau.inventory.models import Platform

    labels = dict(Platform.choices)
    rows = Post.objects.values_list("platform").annotate(n=Count("pk")).order_by("-n")
    items = [(labels.get(p, p), n) for p, n in rows.values_list("platform", "n")]
    return svg.bars(items, _("Posts per platform")) if items else None


@panel("kecamatan", gettext_lazy("Posts per kecamatan"), ANALYSIS_ROLES, order=30)
def per_kecamatan(user):
    from pantau.intake.models import Post
    from pantau.regions.models import Level, Region

    counts = dict(
        Post.objects.filter(kecamatan__isnull=False)
        .values_list("kecamatan")
        .annotate(n=Count("pk"))
        .values_list("kecamatan", "n")
    )
    regions = list(Region.objects.filter(level=Level.KECAMATAN).order_by("name"))
    mapped = [(r.name, r.boundary, counts.get(r.pk, 0)) for r in regions if r.boundary]
    if mapped:
        chart = svg.choropleth(mapped, _("Posts per kecamatan"))
        return render_to_string("dashboards/panels/map.html", {"chart": mark_safe(chart)})
    items = sorted(((r.name, counts.get(r.pk, 0)) for r in regions if counts.get(r.pk)), key=lambda x: -x[1])
    return svg.bars(items, _("Posts per kecamatan")) if items else None


@panel("risky", gettext_lazy("Riskiest accounts and groups"), ANALYSIS_ROLES, order=40)
def riskiest(user):
    from pantau.inventory.models import Account, Group

    return render_to_string(
        "dashboards/panels/risky.html",
        {"accounts": Account.objects.order_by("-risk_score")[:10], "groups": Group.objects.order_by("-risk_score")[:5]},
    )


@panel("actions", gettext_lazy("Action items by status"), MEMBER_ROLES, order=50)
def actions_by_status(user):
    from pantau.pokja.access import actions_for
    from pantau.pokja.models import ActionItem

    rows = actions_for(user)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    overdue = rows.exclude(status=ActionItem.Status.DONE).filter(due_date__lt=timezone.localdate()).count()
    items = [(label, counts.get(value, 0)) for value, label in ActionItem.Status.choices]
    return render_to_string(
        "dashboards/panels/actions.html", {"chart": mark_safe(svg.bars(items, _("Action items"))), "overdue": overdue}
    )


@panel("positive", gettext_lazy("Positive information"), ANALYSIS_ROLES, order=15)
def positive(user):
    from .models import PositiveMessage

    messages = list(PositiveMessage.objects.all()[:6])
    total_reach = sum(m.reach or 0 for m in PositiveMessage.objects.only("reach"))
    return render_to_string("dashboards/panels/positive.html", {"messages": messages, "reach": total_reach})
