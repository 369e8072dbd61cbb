"""An attacker with the database file: every way of tampering must make `pantau evidence verify` fail.

Each test tampers one way and checks that verify exits non-zero naming the
item (hash prefix, path) and what differs (the field, or the chain's head).
"""

import io
import json
import os
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.evidence import anchors
from pantau.evidence.chain import GENESIS, current_head, entry_hash, v2_payload
from pantau.evidence.models import ChainEntry, EvidenceItem
from pantau.evidence.services import add_evidence
from pantau.evidence.storage import evidence_storage

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def items(analyst, django_capture_on_commit_callbacks):
    """Five items added the way the office adds them, with the heads written on commit."""
    made = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            made.append(
                add_evidence(
                    io.BytesIO(b"screenshot %d" % n),
                    original_name=f"shot{n}.txt",
                    user=analyst,
                    source_url=f"https://facebook.com/posts/{n}",
                    captured_from="web upload from 10.0.0.5",
                    note=f"post {n}",
                )
            )
    return made


def verify_fails(capsys, *args) -> str:
    with pytest.raises(CommandError, match="evidence verification failed"):
        call_command("evidence", "verify", *args)
    return capsys.readouterr().err


def where(item) -> str:
    return f"{item.sha256[:12]} {evidence_storage().describe(item.sha256)}"


def test_it_passes_an_untouched_chain_with_its_heads(items, capsys):
    call_command("evidence", "verify")
    assert "evidence verified" in capsys.readouterr().out
    assert anchors.read_head_file().count == 5


def test_it_names_changed_bytes(items, capsys):
    path = evidence_storage().path(items[2].sha256)
    os.chmod(path, 0o600)
    path.write_bytes(b"screenshot X")
    assert f"modified: {where(items[2])} field content:" in verify_fails(capsys)


def test_it_names_a_deleted_file(items, capsys):
    evidence_storage().path(items[1].sha256).unlink()
    assert f"missing: {where(items[1])} (file not found)" in verify_fails(capsys)


def test_it_names_a_changed_sha256(items, capsys):
    forged = "f" * 64
    EvidenceItem.objects.filter(pk=items[3].pk).update(sha256=forged)
    err = verify_fails(capsys)
    assert f"changed: {items[3].sha256[:12]} {evidence_storage().describe(forged)} field sha256:" in err
    assert f'entry 4 sealed "{items[3].sha256}"' in err


def test_it_names_swapped_entries(items, capsys):
    second, third = ChainEntry.objects.get(seq=2), ChainEntry.objects.get(seq=3)
    ChainEntry.objects.filter(pk=second.pk).update(seq=100)
    ChainEntry.objects.filter(pk=third.pk).update(seq=2)
    ChainEntry.objects.filter(pk=second.pk).update(seq=3)
    err = verify_fails(capsys)
    assert f"chain: {items[2].sha256[:12]} entry 2 (the entry was altered" in err
    assert f"chain: {items[1].sha256[:12]} entry 3" in err


def test_it_names_the_item_of_a_deleted_entry(items, capsys):
    ChainEntry.objects.filter(seq=3).delete()
    err = verify_fails(capsys)
    assert f"unpaired: {where(items[2])} (no chain entry records this item)" in err
    assert f"chain: {items[3].sha256[:12]} entry 4 (an entry before it is gone" in err


def test_it_names_a_re_pointed_entry(items, capsys):
    ChainEntry.objects.filter(seq=3).update(item=items[1])
    err = verify_fails(capsys)
    assert f"unpaired: {where(items[1])} (entries 2 and 3 both name it)" in err
    assert f"unpaired: {where(items[2])} (no chain entry records this item)" in err
    assert f"changed: {items[2].sha256[:12]} {evidence_storage().describe(items[1].sha256)} field sha256:" in err


@pytest.mark.parametrize(
    "field, value",
    [
        ("captured_at", "three hours later"),
        ("captured_by", "another user"),
        ("source_url", "https://example.org/elsewhere"),
        ("original_name", "innocent.txt"),
        ("size", 999),
        ("mime_type", "image/png"),
        ("note", "nothing to see"),
        ("captured_from", "public report BTM-0000-0000"),
    ],
)
def test_it_names_each_changed_field_of_an_item(items, capsys, other_pokja_member, field, value):
    shown = json.dumps(value)
    if field == "captured_at":
        value = items[2].captured_at + timedelta(hours=3)
        shown = json.dumps(value.isoformat())
    if field == "captured_by":
        value, shown = other_pokja_member, f"user {other_pokja_member.pk} (polres)"
    EvidenceItem.objects.filter(pk=items[2].pk).update(**{field: value})
    err = verify_fails(capsys)
    assert f"changed: {where(items[2])} field {field}: (the row says {shown}, entry 3 sealed " in err
    assert err.count("changed:") == 1


def test_it_notices_the_last_entry_deleted(items, capsys):
    ChainEntry.objects.filter(seq=5).delete()
    err = verify_fails(capsys)
    assert f"unpaired: {where(items[4])} (no chain entry records this item)" in err
    assert "truncated: entries 5..5 (the head file" in err


def test_it_notices_the_last_three_entries_deleted(items, capsys):
    ChainEntry.objects.filter(seq__gte=3).delete()
    err = verify_fails(capsys)
    for item in items[2:]:
        assert f"unpaired: {where(item)}" in err
    assert "truncated: entries 3..5 (the head file" in err
    assert "records 5 entries, the chain now has 2" in err


def test_it_notices_the_last_item_deleted_with_its_entry(items, capsys):
    ChainEntry.objects.filter(seq=5).delete()
    EvidenceItem.objects.filter(pk=items[4].pk).delete()
    err = verify_fails(capsys)
    assert "truncated: entries 5..5 (the head file" in err
    # What is left of the removed item is named: its file in the store.
    assert f"orphan: {where(items[4])}" in err


def forge_at(position: int, fake: EvidenceItem) -> None:
    """Insert an entry for `fake` at `position` and re-hash everything after it, as an attacker can."""
    for entry in ChainEntry.objects.filter(seq__gte=position).order_by("-seq"):
        ChainEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 1)
    before = ChainEntry.objects.get(seq=position - 1)
    payload = v2_payload(fake, "added", fake.captured_at)
    ChainEntry.objects.create(
        seq=position,
        item=fake,
        recorded_at=fake.captured_at,
        payload=payload,
        prev_hash=before.entry_hash,
        entry_hash=entry_hash(position, payload, before.entry_hash),
    )
    prev = before.entry_hash
    for entry in ChainEntry.objects.filter(seq__gte=position).order_by("seq"):
        entry.prev_hash = prev
        entry.entry_hash = prev = entry_hash(entry.seq, entry.payload, prev)
        ChainEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, entry_hash=entry.entry_hash)


def test_it_notices_a_forged_entry_with_the_chain_re_hashed_after_it(items, capsys, analyst):
    sha, size = evidence_storage().put(iter([b"planted screenshot"]))
    fake = EvidenceItem.objects.create(
        sha256=sha, size=size, mime_type="text/plain", captured_at=items[1].captured_at, captured_by=analyst
    )
    forge_at(3, fake)
    err = verify_fails(capsys)
    # Every entry and item is consistent now; only the head kept outside the database differs.
    assert not re.search(r"^(changed|chain|unpaired|missing|modified):", err, re.M)
    assert f"rewritten: {items[3].sha256[:12]} entry 5 (the head file" in err


def test_it_notices_a_truncated_chain_through_the_anchor_log(items, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PANTAU_EVIDENCE_ANCHOR", str(tmp_path))
    anchors.record(current_head())
    anchors.head_file_path().unlink()
    ChainEntry.objects.filter(seq=5).delete()
    EvidenceItem.objects.filter(pk=items[4].pk).delete()
    err = verify_fails(capsys)
    assert f"truncated: entries 5..5 (the anchor {tmp_path / anchors.ANCHOR_LOG} line 1 records 5 entries" in err


def test_it_appends_every_addition_to_the_anchor_log(tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    anchor = tmp_path / "copy" / "heads.txt"
    monkeypatch.setenv("PANTAU_EVIDENCE_ANCHOR", str(anchor))
    with django_capture_on_commit_callbacks(execute=True):
        add_evidence(io.BytesIO(b"one"))
        add_evidence(io.BytesIO(b"two"))
    lines = anchor.read_text().splitlines()
    assert [line.split(":")[0] for line in lines] == ["1", "2"]
    assert lines[1].split()[0] == f"2:{current_head().hash}"


def test_it_never_moves_the_head_file_backwards(items):
    anchors.record(anchors.Head(2, "ab" * 32))
    assert anchors.read_head_file().count == 5


def test_it_does_not_move_the_heads_for_a_rolled_back_addition(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            add_evidence(io.BytesIO(b"never kept"))
            raise RuntimeError("the report was refused")
    assert anchors.read_head_file() is None
    call_command("evidence", "verify")


def test_it_checks_a_head_given_on_the_command_line(items, capsys):
    head = current_head()
    call_command("evidence", "verify", "--head", f"{head.count}:{head.hash[:16]}…")
    anchors.head_file_path().unlink()
    ChainEntry.objects.filter(seq=5).delete()
    EvidenceItem.objects.filter(pk=items[4].pk).delete()
    err = verify_fails(capsys, "--head", f"5:{head.hash[:16]}")
    assert "truncated: entries 5..5 (the head 5:" in err


def test_it_refuses_an_unreadable_head_with_a_clear_message(items):
    with pytest.raises(CommandError, match="is not a chain head: write COUNT:HASH"):
        call_command("evidence", "verify", "--head", "five")
    with pytest.raises(CommandError, match="at least 8 hex digits"):
        call_command("evidence", "verify", "--head", "5:ab")


def test_it_names_a_damaged_head_file(items, capsys):
    anchors.head_file_path().write_text("{not json")
    err = verify_fails(capsys)
    assert f"the head file {anchors.head_file_path()} cannot be read" in err


def test_it_prints_the_head(items, capsys):
    call_command("evidence", "head")
    assert capsys.readouterr().out.strip() == f"5:{ChainEntry.objects.get(seq=5).entry_hash}"


def test_an_empty_chain_verifies_against_no_head(capsys):
    call_command("evidence", "verify")
    assert current_head().hash == GENESIS


def test_it_keeps_the_evidence_when_the_anchor_cannot_be_written(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    monkeypatch.setenv("PANTAU_EVIDENCE_ANCHOR", str(blocked / "heads.log"))
    with django_capture_on_commit_callbacks(execute=True):
        item = add_evidence(io.BytesIO(b"kept all the same"))
    assert EvidenceItem.objects.filter(pk=item.pk).exists()
    assert anchors.read_head_file().count == 1

    from pantau.evidence.selfcheck import _anchor

    ok, detail = _anchor()
    assert ok is False and "cannot be written" in detail
