"""What a public report's link is matched by is looked up through an index, not a scan of every row."""

import pytest
from django.db import connection
from django.db.models.functions import Lower

from pantau.intake.models import Post
from pantau.inventory.models import Account


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the plans below are SQLite's; PostgreSQL may scan a table this small")


@pytest.mark.django_db
def test_it_finds_an_account_by_its_handle_in_any_case_through_an_index(sqlite_only):
    Account.objects.create(platform="facebook", platform_id="Siti.Contoh")
    handles = Account.objects.alias(handle=Lower("platform_id")).filter(handle="siti.contoh")
    assert handles.get().platform_id == "Siti.Contoh"
    assert "account_handle_lower" in handles.explain()


@pytest.mark.django_db
def test_it_finds_a_post_by_its_normalised_link_through_an_index(sqlite_only):
    assert "USING INDEX" in Post.objects.filter(url_key="facebook.com/x/posts/1").explain()
