"""The one risk scale: its documented points, its cut, and the pokja agenda that reads it."""

import pytest

from pantau.inventory.risk import HIGH_RISK, is_high_risk, risk_score
from tests.pokja.conftest import meeting  # noqa: F401


@pytest.mark.parametrize(
    ("severities", "posts", "confirmed", "rejected", "score"),
    [
        (0, 0, 0, 0, 0.0),
        (3, 1, 0, 0, 25.9),  # one high-severity post
        (12, 4, 0, 0, 69.9),  # four
        (30, 40, 0, 0, 77.7),  # ten high-severity posts among forty
        (3, 1, 1, 0, 39.3),  # one confirmed by an analyst
        (3, 1, 0, 2, 0.0),  # rejected twice: never below zero
    ],
)
def test_it_scores_as_the_scale_documents(severities, posts, confirmed, rejected, score):
    assert risk_score(severities, posts, confirmed, rejected) == score


def test_it_puts_the_cut_at_three_high_or_four_medium_posts():
    assert is_high_risk(risk_score(9, 3)) and is_high_risk(risk_score(8, 4))
    assert not is_high_risk(risk_score(6, 2))


def test_it_scores_a_busy_group_by_how_concentrated_its_flagged_posts_are():
    marketplace = risk_score(severity_sum=9, posts=400)  # three flagged posts among 400
    discussion = risk_score(severity_sum=300, posts=400)  # a hundred
    assert marketplace < 20 < HIGH_RISK < discussion < 100


@pytest.mark.django_db
def test_it_proposes_to_the_pokja_only_accounts_at_or_above_the_cut(meeting):  # noqa: F811
    from pantau.inventory.models import Account, Group
    from pantau.inventory.plugin import high_risk_accounts

    for name, score in (("Akun Panas", 91.0), ("Akun Batas", HIGH_RISK), ("Akun Hangat", HIGH_RISK - 0.1)):
        Account.objects.create(platform="facebook", platform_id=name, name=name, risk_score=score)
    Account.objects.create(platform="facebook", platform_id="x", name="Akun Selesai", risk_score=99, status="selesai")
    Group.objects.create(platform="facebook", platform_id="g", name="Grup Tenang", risk_score=0.7)
    [proposal] = high_risk_accounts(meeting, None)
    assert "(2)" in proposal.title
    assert "Akun Panas" in proposal.detail and "Akun Batas" in proposal.detail
    assert "Akun Hangat" not in proposal.detail and "Grup Tenang" not in proposal.detail
    assert "Akun Selesai" not in proposal.detail
