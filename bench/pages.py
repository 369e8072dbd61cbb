"""Every staff page and API list timed at the 50th and 95th percentile on N posts spread over the campaign.

    .venv/bin/python bench/pages.py --posts 1000000             # SQLite in a temporary PANTAU_HOME
    DATABASE_URL=postgresql://pantau:pantau@127.0.0.1:5432/pantau_bench \\
        .venv/bin/python bench/pages.py --posts 1000000         # PostgreSQL: an empty database
    PANTAU_HOME=/tmp/b .venv/bin/python bench/pages.py --reuse --only inventory   # time a loaded one again

The demo office is loaded first (regions with the kecamatan boundaries when
../shared/data/regions/ is there, the users, meetings, cases, reports, ...),
then N posts are written straight into the tables (bulk inserts, or COPY on
PostgreSQL: the import pipeline has its own benchmark) from 25 September to
27 November 2024 in WIB, each with a classification (about one in six with
violation labels), by 20,000 accounts in 500 groups over the ten
kecamatan. The risk scores are computed as after a classification run, the
accounts' and groups' post counts recounted, and
the dashboard's daily counts rebuilt once, as the nightly
routine does. Then every page of tests/core/role_matrix.py that a
coordinator opens with GET, and every API list, is requested --repeat times
(after one warm-up request) through Django's test client as that
coordinator, and the dashboard also over the whole campaign with each filter.
Prints one line per page: p50, p95 and the answer's size, and which pages
miss the target (p95 <= 300 ms; dashboards <= 1 s).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CAMPAIGN_START = datetime(2024, 9, 24, 17, 0, tzinfo=UTC)  # 25 Sep 00:00 WIB
CAMPAIGN_END = datetime(2024, 11, 27, 17, 0, tzinfo=UTC)  # 28 Nov 00:00 WIB
ACCOUNTS, GROUPS = 20_000, 500
LABEL_SETS = [["hasutan"], ["sara"], ["hoaks"], ["politik_uang"], ["penghinaan"], ["kasar"], ["hasutan", "sara"],
              ["netralitas"], ["luar_jadwal"], ["kekerasan"]]  # fmt: skip
TEXTS = [
    "Warga Bartim jangan mau diadu domba, pilih dengan hati nurani {n}",
    "Info serangan fajar di desa {n}, siapa yang dapat amplop?",
    "Paslon {n} programnya bagus untuk petani sawit",
    "Hoaks: kotak suara sudah dicoblos sebelum hari H nomor {n}",
    "Dasar penipu semua calon itu, jangan percaya {n}",
    "Kampanye akbar di lapangan Tamiang Layang hari ini {n}",
]
BATCH = 20_000
TARGET_PAGE, TARGET_DASHBOARD = 0.300, 1.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    parser.add_argument(
        "--reuse", action="store_true",
        help="time a database this benchmark loaded before (same PANTAU_HOME or DATABASE_URL) without loading again",
    )  # fmt: skip
    return parser.parse_args()


def setup():
    if not os.environ.get("PANTAU_HOME"):
        os.environ["PANTAU_HOME"] = tempfile.mkdtemp(prefix="pantau-bench-pages-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    import django

    django.setup()


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - start:8.1f} s", flush=True)
    return result


def migrate():
    """Migrated first in any case: a --reuse run times the new indexes and tables of the code it runs."""
    from django.core.management import call_command

    from pantau.intake.models import Post

    call_command("migrate", verbosity=0, interactive=False)
    return Post.objects.exists()


def load_office():
    from django.core.management import call_command

    boundaries = ROOT.parent / "shared" / "data" / "regions" / "barito-timur.geojson"
    options = {"no_serve": True, "posts": 1000}
    if boundaries.exists():
        options["regions"] = str(boundaries)
    call_command("demo", **options)


def make_inventory():
    from django.utils import timezone

    from pantau.inventory.models import Account, Group

    now = timezone.now()
    Account.objects.bulk_create(
        [Account(platform="facebook", platform_id=f"bench-{i}", name=f"Akun Bench {i}", created_at=now,
                 updated_at=now) for i in range(ACCOUNTS)],
        batch_size=5000,
    )  # fmt: skip
    Group.objects.bulk_create(
        [Group(platform="facebook", platform_id=f"bench-g{i}", name=f"Grup Bench {i}", created_at=now,
               updated_at=now) for i in range(GROUPS)],
        batch_size=5000,
    )  # fmt: skip
    accounts = list(Account.objects.filter(platform_id__startswith="bench-").values_list("pk", flat=True))
    groups = list(Group.objects.filter(platform_id__startswith="bench-g").values_list("pk", flat=True))
    return accounts, groups


def post_rows(count, accounts, groups, kecamatan):
    """Rows for intake_post and detection_classification, in the columns' order below."""
    from django.db import connection

    ops = connection.ops
    rng = random.Random(16)
    span = (CAMPAIGN_END - CAMPAIGN_START).total_seconds()
    captured = ops.adapt_datetimefield_value(datetime.now(UTC))
    for i in range(count):
        # More posts as voting day nears, as in a real campaign.
        when = CAMPAIGN_START + timedelta(seconds=span * rng.random() ** 0.7)
        text = TEXTS[i % len(TEXTS)].format(n=i)
        labels = rng.choice(LABEL_SETS) if rng.random() < 0.16 else []
        url = f"https://www.facebook.com/groups/bench/posts/{i}"
        post = (
            f"facebook:bench-{i}", "facebook", f"bench-{i}", url, rng.choice(accounts), rng.choice(groups), text,
            "[]", ops.adapt_datetimefield_value(when), captured, rng.choice(kecamatan), "bench", "{}", url, "",
            text.lower(),
        )  # fmt: skip
        severity = 3 if labels and labels[0] in ("hasutan", "sara", "politik_uang", "kekerasan") else len(labels)
        classification = (json.dumps({k: 0.9 for k in labels}), json.dumps(labels), severity, "{}", "bench", captured)
        yield post, classification


POST_COLUMNS = ("natural_key", "platform", "platform_post_id", "url", "author_id", "group_id", "text", "links",
                "posted_at", "captured_at", "kecamatan_id", "source", "raw", "url_key", "fingerprint",
                "search_text")  # fmt: skip
CLASSIFICATION_COLUMNS = ("post_id", "scores", "flagged", "severity", "explanation", "model_version", "created_at")


def bulk_load(count, accounts, groups):
    from django.db import connection, transaction

    from pantau.regions.models import Level, Region

    kecamatan = list(Region.objects.filter(level=Level.KECAMATAN).values_list("pk", flat=True)) or [None]
    rows = post_rows(count, accounts, groups, kecamatan)
    insert_post = (
        f"INSERT INTO intake_post ({', '.join(POST_COLUMNS)}) VALUES ({', '.join(['%s'] * len(POST_COLUMNS))})"
    )
    insert_classification = (
        f"INSERT INTO detection_classification ({', '.join(CLASSIFICATION_COLUMNS)}) "
        f"SELECT id, %s, %s, %s, %s, %s, %s FROM intake_post WHERE natural_key = %s"
    )
    done = 0
    while done < count:
        batch = [next(rows) for _ in range(min(BATCH, count - done))]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _copy(cursor, "intake_post", POST_COLUMNS, [p for p, _c in batch])
                keys = [p[0] for p, _c in batch]
                cursor.execute("SELECT natural_key, id FROM intake_post WHERE natural_key = ANY(%s)", [keys])
                ids = dict(cursor.fetchall())
                _copy(cursor, "detection_classification", CLASSIFICATION_COLUMNS,
                      [(ids[p[0]], *c) for p, c in batch])  # fmt: skip
            else:
                cursor.executemany(insert_post, [p for p, _c in batch])
                cursor.executemany(insert_classification, [(*c, p[0]) for p, c in batch])
        done += len(batch)
        if done % 200_000 < BATCH:
            print(f"  {done:>9,} posts", flush=True)
    with connection.cursor() as cursor:
        # Fresh statistics, and on PostgreSQL the visibility map autovacuum keeps, as a long-running office has
        # (without it every index-only count reads the table too).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _copy(cursor, table, columns, rows):
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def targets():
    """(name, url, is_dashboard) for every GET page a coordinator opens, and every API list."""
    from django.urls import reverse

    from tests.core import role_matrix as matrix

    objects = object_ids()
    found, skipped = [], []
    for name, (obj, roles, method) in matrix.PAGES.items():
        if method != matrix.GET or matrix.COORDINATOR not in roles:
            continue
        if obj and obj not in objects:
            skipped.append(name)
            continue
        found.append(
            (name, reverse(name, kwargs={"pk": objects[obj]} if obj else None), name.startswith("dashboards:dashboard"))
        )
    for operation, (obj, roles) in matrix.API.items():
        method, path = operation.split(" ", 1)
        if method == "GET" and obj is None and matrix.COORDINATOR in roles:
            found.append((operation, path, False))
    dashboard = reverse("dashboards:dashboard")
    campaign = "from=2024-09-25&to=2024-11-27"
    for extra in ("label=hasutan", "platform=facebook", f"kecamatan={objects.get('kecamatan', '')}",
                  f"group={objects.get('group', '')}", "label=sara&platform=facebook"):  # fmt: skip
        found.append((f"dashboards:dashboard ?{extra}", f"{dashboard}?{campaign}&{extra}", True))
    return found, skipped


def object_ids():
    from django.apps import apps

    from pantau.intake.models import Post

    models = {
        "job": "jobs.Job", "evidence": "evidence.EvidenceItem", "account": "inventory.Account",
        "confirmed_account": "inventory.Account", "group": "inventory.Group", "cluster": "coordination.Cluster",
        "report": "reports.Report", "case": "cases.Case", "meeting": "pokja.Meeting", "person": "outreach.Person",
        "kecamatan": "regions.Region",
    }  # fmt: skip
    found = {}
    for key, label in models.items():
        rows = apps.get_model(label).objects.order_by("pk")
        if key == "confirmed_account":
            rows = rows.exclude(status="dipantau")
        if key == "kecamatan":
            rows = rows.filter(level="kecamatan")
        if key == "job":
            rows = rows.filter(status="done")
        pk = rows.values_list("pk", flat=True).first()
        if pk is not None:
            found[key] = pk
    middle = Post.objects.order_by("pk").values_list("pk", flat=True)
    found["post"] = middle[Post.objects.count() // 2]
    return found


def measure(client, url, repeat):
    times, size, status = [], 0, None
    for i in range(repeat + 1):
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if i:
            times.append(time.perf_counter() - start)
        size, status = len(body), response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, size, status


def main():
    args = parse_args()
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from pantau.dashboards import daily
    from pantau.detection.services import recompute_risk_scores
    from pantau.inventory.counts import recount_posts
    from pantau.people.models import User

    print(f"database: {connection.vendor}; posts: {args.posts:,}; PANTAU_HOME={os.environ['PANTAU_HOME']}")
    loaded = timed("migrate", migrate)
    if loaded and not args.reuse:
        sys.exit("This database already holds posts: give the benchmark an empty one, or pass --reuse.")
    if not loaded:
        timed("demo office (demo data)", load_office)
        accounts, groups = timed(f"{ACCOUNTS:,} accounts and {GROUPS:,} groups", make_inventory)
        timed(f"{args.posts:,} posts with classifications (bulk)", lambda: bulk_load(args.posts, accounts, groups))
        timed("risk scores of every account and group", recompute_risk_scores)
        timed("post counts of every account and group (the nightly routine)", recount_posts)
        rows = timed("daily counts rebuilt (the nightly routine)", daily.rebuild)
        print(f"  {rows:,} daily count rows")

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="koordinator"))
    found, skipped = targets()
    print(f"\n{'page':<58} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>7}  status")
    missed = []
    for name, url, is_dashboard in found:
        if args.only and args.only not in name:
            continue
        p50, p95, size, status = measure(client, url, args.repeat)
        target = TARGET_DASHBOARD if is_dashboard else TARGET_PAGE
        flag = "" if p95 <= target else "  over target"
        if flag:
            missed.append(name)
        print(f"{name:<58} {p50 * 1000:8.0f} {p95 * 1000:8.0f} {size / 1024:7.0f}  {status}{flag}", flush=True)
    if skipped:
        print(f"\nnot timed (no such object in the data): {', '.join(skipped)}")
    print(f"\nover target: {', '.join(missed) if missed else 'none'}")


if __name__ == "__main__":
    main()
