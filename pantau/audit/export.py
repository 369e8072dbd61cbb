"""The audit log as CSV rows, for the streamed download and `pantau audit export`."""

import csv
import json

from django.utils import timezone

HEADER = ["seq", "at (local)", "actor", "action", "target_type", "target_id", "target", "details", "entry_hash"]


class _Echo:
    """A file-like object whose write returns the line: lets csv.writer feed a streamed response."""

    def write(self, value):
        return value


def rows(entries):
    yield HEADER
    for e in entries.order_by("seq").iterator(chunk_size=2000):
        yield [
            e.seq,
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            e.action,
            e.target_type,
            e.target_id,
            e.target_label,
            json.dumps(e.details, ensure_ascii=False, sort_keys=True),
            e.entry_hash,
        ]


def csv_lines(entries):
    writer = csv.writer(_Echo())
    for row in rows(entries):
        yield writer.writerow(row)
