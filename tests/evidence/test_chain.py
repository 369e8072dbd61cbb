import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.evidence.models import ChainEntry
from pantau.evidence.services import add_evidence
from pantau.evidence.storage import evidence_storage

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_it_keeps_the_same_bytes_once_with_one_chain_entry(analyst):
    first = add_evidence(io.BytesIO(b"screenshot one"), original_name="a.txt", user=analyst)
    again = add_evidence(io.BytesIO(b"screenshot one"), original_name="b.txt", user=analyst)
    assert first.pk == again.pk
    assert ChainEntry.objects.count() == 1


def test_it_records_the_type_from_the_content_not_the_name():
    item = add_evidence(io.BytesIO(PNG), original_name="notes.txt")
    assert item.mime_type == "image/png"


def test_it_verifies_an_untouched_store(capsys):
    add_evidence(io.BytesIO(b"one"))
    add_evidence(io.BytesIO(b"two"))
    call_command("evidence", "verify")
    assert "evidence verified" in capsys.readouterr().out


def test_it_names_a_modified_file_by_hash_prefix_and_path(capsys):
    add_evidence(io.BytesIO(b"untouched"))
    item = add_evidence(io.BytesIO(b"will be changed"))
    path = evidence_storage().path(item.sha256)
    os.chmod(path, 0o640)
    path.write_bytes(b"will be chAnged")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("evidence", "verify")
    err = capsys.readouterr().err
    assert f"modified: {item.sha256[:12]} {path}" in err


def test_it_notices_a_missing_file():
    item = add_evidence(io.BytesIO(b"gone soon"))
    path = evidence_storage().path(item.sha256)
    path.unlink()
    with pytest.raises(CommandError):
        call_command("evidence", "verify")


def test_it_notices_a_removed_chain_entry():
    for text in (b"a", b"b", b"c"):
        add_evidence(io.BytesIO(text))
    ChainEntry.objects.filter(seq=2).delete()
    with pytest.raises(CommandError):
        call_command("evidence", "verify")


def test_it_notices_an_altered_chain_entry():
    add_evidence(io.BytesIO(b"a"))
    entry = ChainEntry.objects.get()
    entry.payload["captured_by"] = "someone else"
    entry.save()
    with pytest.raises(CommandError):
        call_command("evidence", "verify")
