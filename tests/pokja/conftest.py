from datetime import UTC, date, datetime

import pytest


@pytest.fixture
def meeting(db, coordinator, pokja_member):
    """A planned meeting to which Diskominfo (pokja_member's agency) is invited; Polres is not."""
    from pantau.pokja.models import Invitation, Meeting

    meeting = Meeting.objects.create(
        title="Rapat Pokja",
        starts_at=datetime(2024, 10, 31, 2, 0, tzinfo=UTC),
        mode=Meeting.Mode.ONLINE,
        link="https://zoom.us/j/1",
        chair=coordinator,
    )
    Invitation.objects.create(meeting=meeting, agency=coordinator.agency, person=coordinator, name="Koordinator")
    Invitation.objects.create(meeting=meeting, agency=pokja_member.agency, person=pokja_member, name="Budi")
    return meeting


@pytest.fixture
def action(meeting, pokja_member):
    from pantau.pokja.models import ActionItem

    return ActionItem.objects.create(
        meeting=meeting,
        title="Undang admin grup Facebook",
        owner_agency=pokja_member.agency,
        due_date=date(2024, 11, 1),
    )


@pytest.fixture
def flagged_account(db):
    from pantau.inventory.models import Account

    return Account.objects.create(
        platform="facebook", platform_id="provokator", name="Akun Provokator", status="ditandai", risk_score=90.0
    )
