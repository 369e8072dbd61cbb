import pytest


@pytest.fixture
def make_post(db):
    from pantau.intake.models import Post
    from pantau.inventory.models import Account

    counter = {"n": 0}

    def make(text, author=None, posted_at=None):
        counter["n"] += 1
        if author is None:
            author, _ = Account.objects.get_or_create(platform="facebook", platform_id="acc-1", defaults={"name": "A"})
        return Post.objects.create(
            natural_key=f"test:{counter['n']}", platform="facebook", text=text, author=author, posted_at=posted_at
        )

    return make
