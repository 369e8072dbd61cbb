"""Demo posts, accounts and groups from the synthetic generator (skipped when posts exist)."""

from django.db import transaction

from pantau.inventory.models import Account, Group
from pantau.regions.loader import kecamatan_of

from .models import Post
from .synthetic import generate


@transaction.atomic
def load(out, options):
    if Post.objects.exists():
        out.write(f"  posts already there ({Post.objects.count()}), none added")
        return
    posts = list(generate(options.get("posts", 3000)))
    accounts, groups = {}, {}
    for row in posts:
        accounts.setdefault(row["author_id"], row["author_name"])
        groups.setdefault(row["group_id"], row["group_name"])
    Account.objects.bulk_create(
        [
            Account(platform="facebook", platform_id=key, name=name, url=f"https://www.facebook.com/{key}")
            for key, name in accounts.items()
        ],
        ignore_conflicts=True,
    )
    Group.objects.bulk_create(
        [
            Group(
                platform="facebook",
                platform_id=key,
                name=name,
                url=f"https://www.facebook.com/groups/{key.split('-')[-1]}",
            )
            for key, name in groups.items()
        ],
        ignore_conflicts=True,
    )
    account_ids = dict(Account.objects.filter(platform="facebook").values_list("platform_id", "pk"))
    group_ids = dict(Group.objects.filter(platform="facebook").values_list("platform_id", "pk"))
    regions = {name: kecamatan_of(name) for name in {row["kecamatan"] for row in posts}}
    Post.objects.bulk_create(
        [
            Post(
                natural_key=f"facebook:{row['id']}",
                platform="facebook",
                platform_post_id=row["id"],
                url=row["url"],
                author_id=account_ids[row["author_id"]],
                group_id=group_ids[row["group_id"]],
                text=row["text"],
                posted_at=row["created_at"],
                kecamatan=regions[row["kecamatan"]],
                source="demo",
            )
            for row in posts
        ],
        batch_size=1000,
    )
    out.write(f"  {len(posts)} posts, {len(accounts)} accounts, {len(groups)} groups")
