"""The chain's head printed on every document proves what evidence existed when it was made."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.documents.services import generate
from pantau.evidence import anchors
from pantau.evidence.chain import current_head
from pantau.evidence.models import ChainEntry, EvidenceItem
from pantau.evidence.services import add_evidence
from tests.documents.test_documents import pdf_text

pytestmark = pytest.mark.django_db

PRINTED = re.compile(r"Rantai bukti: (\d+) entri, kepala ([0-9a-f]{16})…")


@pytest.fixture
def items(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return [add_evidence(io.BytesIO(b"item %d" % n)) for n in range(4)]


def docx_footer(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).sections[0].footer.paragraphs)


def test_it_prints_the_chain_head_on_every_document(items):
    head = current_head()
    _, docx = generate("inventory", "docx")
    _, pdf = generate("inventory", "pdf")
    assert PRINTED.search(docx_footer(docx)).groups() == ("4", head.hash[:16])
    assert f"Rantai bukti: 4 entri, kepala {head.hash[:16]}..." in pdf_text(pdf)


def test_it_detects_a_chain_cut_by_one_entry_through_a_printed_head(items, capsys):
    _, docx = generate("inventory", "docx")
    count, prefix = PRINTED.search(docx_footer(docx)).groups()
    printed = f"{count}:{prefix}…"
    call_command("evidence", "verify", "--head", printed)
    # The attacker also removes the head file: the letter on paper still tells.
    anchors.head_file_path().unlink()
    ChainEntry.objects.filter(seq=4).delete()
    EvidenceItem.objects.filter(pk=items[3].pk).delete()
    with pytest.raises(CommandError):
        call_command("evidence", "verify", "--head", printed)
    assert f"truncated: entries 4..4 (the head {printed} given on the command line records 4 entries" in (
        capsys.readouterr().err
    )


def test_it_detects_a_chain_cut_by_one_entry_through_the_head_file(items, capsys):
    ChainEntry.objects.filter(seq=4).delete()
    EvidenceItem.objects.filter(pk=items[3].pk).delete()
    with pytest.raises(CommandError):
        call_command("evidence", "verify")
    assert "records 4 entries, the chain now has 3" in capsys.readouterr().err


def test_it_prints_an_empty_chain_as_such():
    _, docx = generate("inventory", "docx")
    assert "Rantai bukti: 0 entri" in docx_footer(docx)
