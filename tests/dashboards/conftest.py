from datetime import UTC, datetime

import pytest

from tests.pokja.conftest import action, flagged_account, meeting  # noqa: F401


@pytest.fixture
def posts(db, flagged_account):  # noqa: F811
    from pantau.intake.models import Post
    from pantau.inventory.models import Group
    from pantau.regions.models import Region

    region = Region.objects.create(
        code="62.13.01",
        name="Dusun Timur",
        level="kecamatan",
        boundary={"type": "Polygon", "coordinates": [[[115.0, -2.0], [115.2, -2.0], [115.2, -2.2], [115.0, -2.0]]]},
    )
    group = Group.objects.create(platform="facebook", platform_id="g1", name="Warga Bersuara")
    rows = [
        ("Ayo adu domba mereka", flagged_account, None, datetime(2024, 10, 1, 3, tzinfo=UTC)),
        ("Harga sawit turun", None, group, datetime(2024, 11, 25, 3, tzinfo=UTC)),
        ('=HYPERLINK("x")', None, None, datetime(2024, 11, 27, 3, tzinfo=UTC)),
    ]
    return [
        Post.objects.create(
            natural_key=f"t:{i}", platform="facebook", text=text, author=author, group=grp, posted_at=when,
            kecamatan=region, url=f"https://facebook.com/p/{i}",
        )
        for i, (text, author, grp, when) in enumerate(rows)
    ]  # fmt: skip
