"""Office-wide counts, as shown by `pantau stats --json` and the home page.

Declared as data: each domain that owns a countable thing adds its model.
"""

from django.apps import apps

COUNTED = {
    "posts": "intake.Post",
    "accounts": "inventory.Account",
    "groups": "inventory.Group",
    "evidence_items": "evidence.EvidenceItem",
    "reports": "reports.Report",
    "cases": "cases.Case",
}


def office_stats() -> dict[str, int]:
    return {name: apps.get_model(label).objects.count() for name, label in COUNTED.items()}


def labelled_stats() -> list[tuple[str, int]]:
    """The same counts named for people, in the active language (the models' plural names)."""
    counts = office_stats()
    return [
        (str(apps.get_model(label)._meta.verbose_name_plural).capitalize(), counts[name])
        for name, label in COUNTED.items()
    ]
