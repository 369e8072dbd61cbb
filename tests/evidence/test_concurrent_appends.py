"""Evidence added by several web threads at once (citizens' photos) is all kept, in one unbroken chain."""

import io
import threading

import pytest
from django.db import connection

from pantau.evidence import chain
from pantau.evidence.models import ChainEntry, EvidenceItem
from pantau.evidence.services import add_evidence

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 6


def test_it_keeps_every_item_added_at_the_same_moment_in_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; this is about PostgreSQL's concurrent transactions")
    start = threading.Barrier(AT_ONCE)
    failures: list[Exception] = []

    def add(number: int) -> None:
        try:
            start.wait(timeout=30)
            for round_ in range(3):
                add_evidence(io.BytesIO(f"photo {number}-{round_}".encode()), original_name="bukti.txt")
        except Exception as exc:  # reported below, with what the others did
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert EvidenceItem.objects.count() == AT_ONCE * 3
    assert sorted(ChainEntry.objects.values_list("seq", flat=True)) == list(range(1, AT_ONCE * 3 + 1))
    assert chain.verify() == []
