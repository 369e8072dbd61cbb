"""The issue's Must show on the demo data: the follow-up's letters name each admin and their group,
carry a register number and none of the internal agenda, and put the signature before the annex."""

import io

import pytest
from django.core.management import call_command

from tests.documents.test_documents import docx_in_order, pdf_text


@pytest.fixture
def demo(db):
    from pantau.core.seams import seams

    for demo in seams.demo_data:
        if demo.value.__module__.split(".")[1] in ("coordination", "reports", "cases", "dashboards"):
            continue
        demo.value(io.StringIO(), {"posts": 600})
    from pantau.pokja.demo import FOLLOW_UP_TITLE
    from pantau.pokja.models import Meeting

    return Meeting.objects.get(title=FOLLOW_UP_TITLE)


def internal_phrases(meeting) -> list[str]:
    """Every title and listed line of the internal agenda, with the numbers and names they carry."""
    phrases = []
    for item in meeting.agenda.all():
        phrases.append(item.title)
        phrases += [line.strip("- ").strip() for line in item.detail.splitlines() if line.strip("- ").strip()]
    return phrases


def test_it_writes_the_follow_up_letters_of_the_demo_as_the_issue_asks(demo, tmp_path):
    from pantau.documents.models import IssuedNumber
    from pantau.outreach.models import OutsideInvitation

    invitations = list(OutsideInvitation.objects.filter(meeting=demo).select_related("person", "group"))
    assert len(invitations) >= 2 and demo.agenda.exists()
    out = tmp_path / "undangan.docx"
    call_command("document", "invitation", meeting=demo.pk, format="docx", out=str(out), stdout=io.StringIO())
    lines = docx_in_order(out.read_bytes())
    letters = "\n".join(lines).split("Kepada Yth.")[1:]
    assert len(letters) == len(invitations)
    phrases = internal_phrases(demo)
    for invitation, letter in zip(invitations, letters, strict=True):
        assert invitation.person.name in letter and invitation.group.name in letter
        number = IssuedNumber.objects.get(key=f"invitation:outside:{invitation.pk}").number
        assert number in letter
        assert letter.index("Ahmad Koordinator") < letter.index("Tembusan") < letter.index("SUSUNAN ACARA")
        leaked = [phrase for phrase in phrases if phrase in letter]
        assert leaked == []
        others = [inv.group.name for inv in invitations if inv.group != invitation.group]
        assert [name for name in others if name in letter] == []
    pdf = tmp_path / "undangan.pdf"
    call_command("document", "invitation", meeting=demo.pk, format="pdf", out=str(pdf), stdout=io.StringIO())
    text = pdf_text(pdf.read_bytes())
    assert all(inv.person.name in text for inv in invitations)
    assert [phrase for phrase in phrases if phrase in text] == []
    assert text.index("Tembusan") < text.index("SUSUNAN ACARA")


def test_it_loads_the_meeting_held_with_attendance_and_commitments(demo):
    from pantau.documents.services import generate
    from tests.documents.test_documents import docx_text

    statuses = set(demo.outside_invitations.values_list("status", flat=True))
    assert {"attended", "represented", "absent"} <= statuses
    assert demo.status == "held" and demo.commitments.filter(status="kept").exclude(evidence_url="").exists()
    text = docx_text(generate("minutes", "docx", {"meeting": demo.pk})[1])
    attended = demo.outside_invitations.get(status="attended")
    assert attended.person.name in text and "Komitmen pihak luar" in text and "diwakili" in text.lower()
