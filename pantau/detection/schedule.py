"""The election's schedule (data/schedule.json): which stage a post's time falls in, and whether
campaigning is allowed then (campaign content outside the campaign is `luar_jadwal`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from pantau.lib.clock import parse_time

from .files import DATA_DIR

SCHEDULE_FILE = DATA_DIR / "schedule.json"
DEFAULT_STAGE_SCORE = 0.9


# (name, start, end (exclusive), outside the campaign, score of campaign content then)
Stage = tuple[str, datetime, datetime, bool, float]


def _stage_time(value: object, tz: timezone) -> datetime:
    """A stage's start or end: a schedule without one is broken, not open-ended."""
    when = parse_time(value, default_tz=tz)
    if when is None:
        raise ValueError(f"schedule: a stage has no time ({value!r})")
    return when


@dataclass
class Schedule:
    stages: list[Stage]

    @classmethod
    def load(cls, path: Path) -> Schedule:
        data = json.loads(path.read_text(encoding="utf-8"))
        # The schedule's own offset (the KPU's, UTC+7), not the office's zone: its times hold everywhere.
        tz = timezone(timedelta(hours=data.get("timezone_offset_hours", 7)))
        stages = [
            (
                s["name"],
                _stage_time(s["start"], tz),
                _stage_time(s["end"], tz),
                bool(s.get("outside_schedule")),
                float(s.get("score", DEFAULT_STAGE_SCORE)),
            )
            for s in data["stages"]
        ]
        return cls(stages)

    def stage_at(self, when: datetime | None) -> Stage | None:
        """The stage `when` (an aware time, as clock.parse_time gives) falls in, or None."""
        if when is None:
            return None
        for stage in self.stages:
            if stage[1] <= when < stage[2]:
                return stage
        return None


@lru_cache(maxsize=1)
def shipped_schedule() -> Schedule:
    return Schedule.load(SCHEDULE_FILE)
