"""The one risk scale of accounts and groups: 0-100, from their classified posts. Django-free.

Points: the severities (0-3) of an account's posts, or of the posts in a
group, plus 2 for each flag an analyst confirmed and minus 2 for each one
rejected. The first ten posts count in full; beyond ten the points are
divided by sqrt(posts / 10), so a busy group (hundreds of posts by many
people) is scored by how concentrated its flagged content is and not merely
by how much is posted in it, while volume still counts. The score is

    risk = 100 * (1 - exp(-points / 10))

one high-severity post 26, four 70; an account or group with 40 posts of
which 10 are high-severity: 30 points / 2 = 15, score 78. `HIGH_RISK` is the
cut every consumer reads (the pokja agenda, dashboards, inventory,
documents): 8 points or more, that is three high-severity posts or four of
medium severity among the first ten.
"""

import math

SCALE_MAX = 100.0
POINTS_PER_CONFIRMED = 2
POINTS_PER_REJECTED = 2
FULL_WEIGHT_POSTS = 10
SATURATION_POINTS = 10.0
HIGH_RISK = 55.0


def risk_score(severity_sum: float, posts: int, confirmed: int = 0, rejected: int = 0) -> float:
    """The 0-100 score (one decimal) of an account or group: `posts` classified posts, their severities summed."""
    raw = severity_sum + POINTS_PER_CONFIRMED * confirmed - POINTS_PER_REJECTED * rejected
    points = max(0.0, raw) / math.sqrt(max(1.0, posts / FULL_WEIGHT_POSTS))
    return round(SCALE_MAX * (1 - math.exp(-points / SATURATION_POINTS)), 1)


def is_high_risk(score: float) -> bool:
    return score >= HIGH_RISK
