from datetime import UTC, datetime, timedelta

from pantau.intake.models import Post
from pantau.inventory.models import Account, Group

T0 = datetime(2024, 10, 1, 3, 0, tzinfo=UTC)
TEXT = "Jangan pilih paslon dua mereka mau mengusir suku kita dari kampung sendiri"
counter = {"n": 0}


def account(name):
    return Account.objects.get_or_create(platform="facebook", platform_id=name, defaults={"name": name.title()})[0]


def post(author, text=TEXT, seconds=0, links=None, group=None):
    counter["n"] += 1
    n = counter["n"]
    grp = (
        Group.objects.get_or_create(platform="facebook", platform_id=group, defaults={"name": group})[0]
        if group
        else None
    )
    return Post.objects.create(
        natural_key=f"test:{n}",
        platform="facebook",
        platform_post_id=f"fbp{n}",
        author=account(author),
        group=grp,
        text=text,
        links=links or [],
        posted_at=T0 + timedelta(seconds=seconds),
    )


def campaign(authors=("op1", "op2", "op3"), bursts=2, text=TEXT, start=0):
    made = []
    for burst in range(bursts):
        for k, author in enumerate(authors):
            made.append(post(author, text, start + burst * 86400 + k * 60))
    return made
