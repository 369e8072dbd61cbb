from datetime import UTC, datetime

import pytest

from tests.pokja.conftest import meeting  # noqa: F401

PHONE = "0812-7777-1234"


@pytest.fixture
def flagged_group(db):
    from pantau.inventory.models import Group

    return Group.objects.create(
        platform="facebook", platform_id="info-ampah", name="Info Ampah Terkini", status="ditandai", risk_score=80
    )


@pytest.fixture
def admin_role(flagged_group, analyst):
    from pantau.inventory.models import Account, GroupRole

    account = Account.objects.create(platform="facebook", platform_id="rudi.admin", name="Rudi Admin")
    return GroupRole.objects.create(
        group=flagged_group, account=account, role="admin", seen_at=datetime(2024, 10, 20, tzinfo=UTC),
        source="Halaman anggota grup",
    )  # fmt: skip


@pytest.fixture
def person(analyst, flagged_group):
    from pantau.outreach import services

    person = services.create_person(analyst, name="Rudi Admin", phone=PHONE, email="rudi@example.net")
    services.add_tie(person, analyst, "admin", group=flagged_group, source="Halaman grup")
    return person


@pytest.fixture
def invited(meeting, person, flagged_group, analyst):  # noqa: F811
    from pantau.outreach import services

    return services.invite(meeting, person, analyst, group=flagged_group)
