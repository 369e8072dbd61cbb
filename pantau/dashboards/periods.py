"""The dashboard's period: the election's stages from detection's schedule data, presets and any range.

The default period is the active election's campaign, quiet period and
voting day, read from `pantau/detection/data/schedule.json` (the same file
detection uses for off-schedule campaigning), so a post captured today does
not move what the default view shows. Django-free apart from the lazy
translations of the stage names.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.utils.translation import gettext_lazy as _

# Names and chart bands of the schedule's stage keys; a stage the table does not know shows its key.
STAGE_NAMES = {
    "pra_kampanye": (_("Before the campaign"), "band-before"),
    "kampanye": (_("Campaign"), "band-campaign"),
    "masa_tenang": (_("Quiet period"), "band-quiet"),
    "pemungutan_suara": (_("Voting day"), "band-vote"),
}
# A range longer than this is refused: a day per column stops being readable long before.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Stage:
    key: str
    first: date
    last: date  # inclusive
    outside_schedule: bool = False

    @property
    def name(self):
        return STAGE_NAMES.get(self.key, (self.key, ""))[0]

    @property
    def css(self):
        return STAGE_NAMES.get(self.key, ("", "band-other"))[1]


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    preset: str = ""  # "election", a stage key, or "" for a range given by hand

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


@cache
def all_stages() -> tuple[Stage, ...]:
    """Every stage of the schedule, as local calendar days (the schedule's ends are exclusive)."""
    from pantau.detection.schedule import shipped_schedule

    schedule = shipped_schedule()
    return tuple(
        Stage(name, start.date(), (end - timedelta(microseconds=1)).date(), outside)
        for name, start, end, outside, _score in schedule.stages
    )


def election_stages() -> tuple[Stage, ...]:
    """The campaign (the first stage on the schedule) and every stage after it."""
    stages = all_stages()
    campaign = next(i for i, s in enumerate(stages) if not s.outside_schedule)
    return stages[campaign:]


def default_period() -> Period:
    stages = election_stages()
    return Period(stages[0].first, stages[-1].last, "election")


def presets() -> list[tuple[str, object, Period]]:
    """(key, name, period) for the whole election and for each of its stages."""
    rows: list[tuple[str, object, Period]] = [("election", _("Campaign to voting day"), default_period())]
    rows += [(s.key, s.name, Period(s.first, s.last, s.key)) for s in election_stages()]
    return rows


def preset(key: str) -> Period | None:
    return next((period for k, _name, period in presets() if k == key), None)


def stage_of(day: date) -> Stage | None:
    return next((s for s in all_stages() if s.first <= day <= s.last), None)
