"""The inventory's bulk upsert, which importers call for each batch."""

from datetime import UTC, datetime

import pytest

from pantau.inventory.bulk import add_post_counts, upsert_accounts, upsert_groups
from pantau.inventory.models import Account, Group

pytestmark = pytest.mark.django_db

EARLY = datetime(2024, 10, 1, 8, tzinfo=UTC)
LATE = datetime(2024, 10, 9, 8, tzinfo=UTC)


def test_it_creates_accounts_once_and_widens_when_they_were_seen():
    ids = upsert_accounts([("facebook", "budi", "", "", "person", LATE), ("facebook", "budi", "Budi", "", "", EARLY)])
    again = upsert_accounts([("facebook", "budi", "Budi Lain", "", "person", LATE)])
    account = Account.objects.get()
    assert ids == again == {("facebook", "budi"): account.pk}
    assert (account.name, account.first_seen, account.last_seen) == ("Budi", EARLY, LATE)


def test_it_fills_a_group_name_it_did_not_have_and_keeps_one_it_had():
    upsert_groups([("whatsapp", "wa-1", "", "", EARLY)])
    upsert_groups([("whatsapp", "wa-1", "Relawan", "", EARLY)])
    upsert_groups([("whatsapp", "wa-1", "Nama Lain", "", EARLY)])
    assert list(Group.objects.values_list("name", flat=True)) == ["Relawan"]


def test_it_ignores_rows_without_an_id():
    assert upsert_accounts([("x", "", "nobody", "", "person", EARLY)]) == {}
    assert not Account.objects.exists()


def test_it_adds_the_callers_new_posts_to_the_stored_counts():
    upsert_accounts([("facebook", "budi", "Budi", "", "person", EARLY)])
    upsert_groups([("facebook", "g1", "Grup", "", EARLY)])
    add_post_counts(Account, {("facebook", "budi"): 3})
    add_post_counts(Account, {("facebook", "budi"): 2, ("facebook", "nobody-stored"): 7})
    upsert_accounts([("facebook", "budi", "Budi", "", "person", LATE)])  # a batch that only updated its posts
    add_post_counts(Group, {("facebook", "g1"): 4})
    assert Account.objects.get().post_count == 5
    assert Group.objects.get().post_count == 4
