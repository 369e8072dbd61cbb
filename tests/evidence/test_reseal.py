"""Installations from before every field was sealed: `pantau evidence reseal` upgrades, never blesses tampering."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.evidence.chain import FORMAT, GENESIS, entry_hash
from pantau.evidence.models import ChainEntry, EvidenceItem
from pantau.evidence.services import add_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_chain(analyst):
    """Three items whose entries are in the first format, as an installation before the upgrade has them."""
    items = [add_evidence(io.BytesIO(b"old %d" % n), user=analyst, note=f"post {n}") for n in range(3)]
    prev = GENESIS
    for entry in ChainEntry.objects.select_related("item").order_by("seq"):
        item = entry.item
        entry.payload = {
            "sha256": item.sha256,
            "size": item.size,
            "action": "added",
            "captured_at": item.captured_at.isoformat(),
            "captured_by": analyst.username,
            "captured_from": item.captured_from,
            "recorded_at": entry.recorded_at.isoformat(),
        }
        entry.prev_hash, entry.entry_hash = prev, entry_hash(entry.seq, entry.payload, prev)
        prev = entry.entry_hash
        entry.save()
    return items


def test_it_asks_for_a_reseal_of_an_old_chain(old_chain, capsys):
    with pytest.raises(CommandError):
        call_command("evidence", "verify")
    assert "unsealed: entries 1..3 (3 entries are in the old format" in capsys.readouterr().err


def test_it_reseals_an_intact_old_chain_so_it_verifies(old_chain, capsys, django_capture_on_commit_callbacks):
    old_last = ChainEntry.objects.get(seq=3).entry_hash
    with django_capture_on_commit_callbacks(execute=True):
        call_command("evidence", "reseal")
    assert "resealed 3 entries" in capsys.readouterr().out
    assert set(ChainEntry.objects.values_list("payload__v", flat=True)) == {FORMAT}
    call_command("evidence", "verify")
    # A head printed on a letter before the upgrade still checks.
    call_command("evidence", "verify", "--head", f"3:{old_last[:16]}")
    # And the fields the old format left out are sealed now.
    EvidenceItem.objects.filter(pk=old_chain[1].pk).update(note="changed later")
    with pytest.raises(CommandError):
        call_command("evidence", "verify")
    assert "field note:" in capsys.readouterr().err


def test_it_refuses_to_reseal_a_tampered_old_chain(old_chain, capsys):
    item = old_chain[1]
    EvidenceItem.objects.filter(pk=item.pk).update(captured_at=item.captured_at - timedelta(days=1))
    with pytest.raises(CommandError, match="nothing was resealed"):
        call_command("evidence", "reseal")
    assert f"changed: {item.sha256[:12]}" in capsys.readouterr().err
    assert not ChainEntry.objects.filter(payload__v=FORMAT).exists()


def test_it_has_nothing_to_reseal_on_a_current_chain(capsys):
    add_evidence(io.BytesIO(b"new"))
    call_command("evidence", "reseal")
    assert "resealed 0 entries" in capsys.readouterr().out


def test_migrate_reseals_an_intact_old_chain(old_chain, capsys, django_capture_on_commit_callbacks):
    from pantau.evidence.reseal import reseal_after_migrate

    with django_capture_on_commit_callbacks(execute=True):
        reseal_after_migrate()
    assert "resealed 3 entries" in capsys.readouterr().out
    call_command("evidence", "verify")


def test_migrate_leaves_a_tampered_old_chain_alone_and_says_so(old_chain, capsys):
    from pantau.evidence.reseal import reseal_after_migrate

    EvidenceItem.objects.filter(pk=old_chain[0].pk).update(size=1)
    reseal_after_migrate()
    assert "evidence chain NOT resealed" in capsys.readouterr().out
    assert not ChainEntry.objects.filter(payload__v=FORMAT).exists()
