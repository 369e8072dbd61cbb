"""What the dashboard shows: a period and filters by label, platform, kecamatan and group.

One `Selection` is read from the query string and handed to every post
panel, so all of them count the same posts; `posts_url()` opens the posts
list on exactly those posts with the same parameter names:
`from`, `to` (YYYY-MM-DD, local days, both included), `label` (a label key),
`platform` (a platform key), `kecamatan` and `group` (ids).
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import cast
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pantau.detection.taxonomy import LABELS, label_name
from pantau.inventory.models import Group, Platform
from pantau.regions.models import Level, Region

from . import periods
from .daily import NOT_VIOLATIONS
from .models import DailyCount, DailyGroupCount, DailyGroupTotal

DATE_FORMAT = "%Y-%m-%d"
VIOLATION_LABELS = [key for key in LABELS if key not in NOT_VIOLATIONS]
# The group filter offers the busiest groups of the selection; any other group id still works.
PICKED_GROUPS = 100


def label_choices():
    return [(key, label_name(key)) for key in VIOLATION_LABELS]


class SelectionForm(forms.Form):
    preset = forms.ChoiceField(label=_("Period"), required=False)
    from_ = forms.DateField(label=_("From"), required=False, input_formats=[DATE_FORMAT])
    to = forms.DateField(label=_("To"), required=False, input_formats=[DATE_FORMAT])
    label = forms.ChoiceField(label=_("Label"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), required=False, queryset=Region.objects.filter(level=Level.KECAMATAN).order_by("name")
    )
    # Validated against every group; the page offers the busiest ones (there may be thousands).
    group = forms.ModelChoiceField(label=_("Group"), required=False, queryset=Group.objects.all())

    def __init__(self, data=None):
        # "from" is a Python keyword: the field is from_, the parameter is "from".
        if data is not None:
            data = data.copy()
            if "from" in data:
                data["from_"] = data["from"]
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["preset"]).choices = [("", "")] + [
            (key, name) for key, name, _p in periods.presets()
        ]
        cast(forms.ChoiceField, self.fields["label"]).choices = [("", "")] + label_choices()
        cast(forms.ChoiceField, self.fields["platform"]).choices = [("", "")] + list(Platform.choices)
        self.fields["kecamatan"].error_messages["invalid_choice"] = _("There is no such kecamatan.")
        self.fields["group"].error_messages["invalid_choice"] = _("There is no such group.")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        first, last = data.get("from_"), data.get("to")
        if first and last and first > last:
            raise forms.ValidationError(_("The start of the period is after its end."))
        if first and last and (last - first).days + 1 > periods.MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most %(days)s days.") % {"days": periods.MAX_DAYS})
        return data


@dataclass(frozen=True)
class Selection:
    period: periods.Period
    label: str = ""
    platform: str = ""
    kecamatan: Region | None = None
    group: Group | None = None
    # Sums already made for this request: the group panel and the group filter's choices share one.
    _sums: dict = field(default_factory=dict, compare=False, repr=False)

    def params(self, **changes) -> dict:
        """The query parameters of this selection, with `changes` applied (None removes one)."""
        values = {
            "from": self.period.first.strftime(DATE_FORMAT),
            "to": self.period.last.strftime(DATE_FORMAT),
            "label": self.label,
            "platform": self.platform,
            "kecamatan": self.kecamatan.pk if self.kecamatan else "",
            "group": self.group.pk if self.group else "",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", None)}

    def posts_url(self, **changes) -> str:
        return f"{reverse('intake:list')}?{urlencode(self.params(**changes))}"

    def day_url(self, day: date) -> str:
        text = day.strftime(DATE_FORMAT)
        return self.posts_url(**{"from": text, "to": text})

    def dashboard_url(self, **changes) -> str:
        return f"{reverse('dashboards:dashboard')}?{urlencode(self.params(**changes))}"

    def with_period(self, period) -> "Selection":
        return replace(self, period=period, _sums={})

    @property
    def filtered(self) -> bool:
        return bool(self.label or self.platform or self.kecamatan or self.group)

    def counts(self, by_group=False):
        """The daily count rows of this selection: every post panel sums these."""
        table: type[DailyGroupCount] | type[DailyCount] = DailyGroupCount if by_group or self.group else DailyCount
        rows = table.objects.filter(day__gte=self.period.first, day__lte=self.period.last)
        if self.label:
            rows = rows.filter(labels__contains=f",{self.label},")
        if self.platform:
            rows = rows.filter(platform=self.platform)
        if self.kecamatan:
            rows = rows.filter(kecamatan_id=self.kecamatan.pk)
        if self.group:
            # With a group the table is DailyGroupCount; the plugin checks the lookup against DailyCount too.
            rows = rows.filter(group_id=self.group.pk)  # type: ignore[misc]
        return rows

    def _group_totals(self):
        """DailyGroupTotal's rows of this selection: it has no labels nor kecamatan to filter by."""
        rows = DailyGroupTotal.objects.filter(day__gte=self.period.first, day__lte=self.period.last)
        if self.platform:
            rows = rows.filter(platform=self.platform)
        if self.group:
            rows = rows.filter(group_id=self.group.pk)
        return rows

    def per_day(self) -> dict[date, tuple[int, int]]:
        """{day: (posts, posts with a violation label)}."""
        rows = (
            self.counts()
            .values_list("day")
            .annotate(n=Sum("posts"), flagged=Sum("posts", filter=~Q(labels="")))
            .values_list("day", "n", "flagged")
            .order_by()
        )
        return {day: (n, flagged or 0) for day, n, flagged in rows}

    def per_label_day(self) -> dict[str, dict[date, int]]:
        rows = self.counts().exclude(labels="").values_list("labels", "day").annotate(n=Sum("posts")).order_by()
        found: dict[str, dict[date, int]] = {}
        for labels, day, n in rows.values_list("labels", "day", "n"):
            for label in labels.strip(",").split(","):
                per_day = found.setdefault(label, {})
                per_day[day] = per_day.get(day, 0) + n
        return found

    def per(self, column: str) -> list[tuple[object, int]]:
        """(value of `column`, posts) for platform, kecamatan_id or group_id, the most first."""
        if column not in self._sums:
            if column == "group_id" and not (self.label or self.kecamatan):
                rows = self._group_totals()
            else:
                rows = self.counts(by_group=column == "group_id")
            rows = rows.values_list(column).annotate(n=Sum("posts"))
            self._sums[column] = list(rows.order_by("-n", column).values_list(column, "n"))
        return self._sums[column]


def selection_from(query) -> tuple[Selection, SelectionForm]:
    """The selection a query string asks for; what is invalid falls back to the default (the form says why)."""
    form = SelectionForm(query if query else None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        data = {name: value for name, value in getattr(form, "cleaned_data", {}).items() if name not in form.errors}
        if form.non_field_errors():
            data.pop("from_", None), data.pop("to", None)
    period = periods.preset(data.get("preset") or "") or periods.default_period()
    if data.get("from_") or data.get("to"):
        first, last = data.get("from_") or period.first, data.get("to") or period.last
        if first > last:  # only one end given, on the far side of the default's other end
            first, last = (first, first) if data.get("from_") else (last, last)
        period = periods.Period(first, min(last, first + timedelta(days=periods.MAX_DAYS - 1)), "")
        period = _as_preset(period)
    selection = Selection(
        period,
        label=data.get("label") or "",
        platform=data.get("platform") or "",
        kecamatan=data.get("kecamatan"),
        group=data.get("group"),
    )
    return selection, form


def _as_preset(period):
    """A range typed by hand that equals a preset is that preset (so its button shows as chosen)."""
    for _key, _name, preset in periods.presets():
        if (preset.first, preset.last) == (period.first, period.last):
            return preset
    return period


def picker_context(user, selection: Selection) -> dict:
    """What the period picker and the filters offer: presets, labels, platforms, kecamatan, busiest groups."""
    from pantau.inventory.access import groups_for

    ungrouped = replace(selection, group=None, _sums={}) if selection.group else selection
    busiest = [pk for pk, _n in ungrouped.per("group_id")][:PICKED_GROUPS]
    groups = {g.pk: g for g in groups_for(user).filter(pk__in=busiest)}
    offered = [groups[pk] for pk in busiest if pk in groups]
    if selection.group and selection.group not in offered:
        offered.insert(0, selection.group)
    return {
        "selection": selection,
        "presets": [(key, name, p, selection.with_period(p).dashboard_url()) for key, name, p in periods.presets()],
        "labels": label_choices(),
        "platforms": Platform.choices,
        "kecamatan": Region.objects.filter(level=Level.KECAMATAN).order_by("name"),
        "groups": offered,
        "unfiltered_url": Selection(selection.period).dashboard_url(),
    }
