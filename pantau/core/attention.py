"""What waits for the person who just logged in: the overview's "needs attention" list.

Each app that owns a kind of waiting work contributes to the `attention`
seam (pantau.core.seams) a function `fn(user)` that returns `Attention`
items for what that user may open (through the app's own access helpers);
the overview shows those with a count.
"""

from dataclasses import dataclass

from .seams import seams


@dataclass(frozen=True)
class Attention:
    title: str
    count: int
    url: str
    urgent: bool = False  # overdue: shown in red


def attention_for(user) -> list[Attention]:
    items = []
    for contribution in seams.attention:
        items += [item for item in contribution.value(user) if item.count]
    return sorted(items, key=lambda item: not item.urgent)
