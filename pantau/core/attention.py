"""What waits for the person who just logged in: the overview's "needs attention" list.

Each app that owns a kind of waiting work has an `attention.py` whose
`attention(user)` returns `Attention` items for what that user may open
(through the app's own access helpers); the overview shows those with a count.
"""

from dataclasses import dataclass

from .discovery import app_modules


@dataclass(frozen=True)
class Attention:
    title: str
    count: int
    url: str
    urgent: bool = False  # overdue: shown in red


def attention_for(user) -> list[Attention]:
    items = []
    for module in app_modules("attention", exclude=("pantau.core",)):
        items += [item for item in module.attention(user) if item.count]
    return sorted(items, key=lambda item: not item.urgent)
