"""Fact-check lookup at scale: the measured set's claims among 100,000 others (prints figures; not a test).

    .venv/bin/python bench/factcheck_bench.py --claims 100000 --posts 2000

Builds the matcher over the 24 claims of tests/data/factcheck_pairs.json plus
generated claims in a fact-checker's words (distinct combinations of
election words, places, numbers and actors, so that many share words with
the real ones), then times matching posts: the measured set's posts, and
ordinary posts to make up --posts. Prints the build time, the lookup time
per post and per 1,000 posts, and precision/recall on the measured set at
that scale, next to the machine's load.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.detection.engine import build_normalizer  # noqa: E402
from pantau.detection.factchecks import FactCheckMatcher  # noqa: E402

MEASURED_SET = ROOT / "tests" / "data" / "factcheck_pairs.json"
ACTORS = "KPU Bawaslu bupati camat kades ASN polisi TNI paslon timses relawan saksi KPPS PPK guru warga".split()
ACTS = (
    "membagikan menyembunyikan mencoblos membakar membuang mengubah menahan memotong menjual membeli "
    "memalsukan merusak menghapus menambah mengangkut mencuri menukar mendata mengancam menyuap"
).split()
THINGS = (
    "surat suara kotak suara uang sembako beras formulir C1 DPT KTP undangan tinta logistik bansos "
    "sertifikat ijazah data pemilih rekap server segel"
).split()
PLACES = (
    "Tamiang Layang Ampah Dayu Bentot Jaar Pasar Panas Haringen Ampari Magantis Sarapat Harara Karang "
    "Langit Balawa Netampin Pulau Padang Janah Jari Bambulung Matabu Telang Siong Tampa Sumber Garunggung"
).split()
ORDINARY = "harga sawit naik lagi minggu ini, petani karet di desa {n} senang dan pasar ramai"


def generated_claims(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        n = rng.randint(2, 400)
        claim = (
            f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(THINGS)} di {rng.choice(PLACES)} "
            f"{rng.choice(PLACES)} TPS {n} {rng.choice(['sebelum', 'sesudah', 'saat'])} "
            f"{rng.choice(['pencoblosan', 'rekapitulasi', 'kampanye', 'masa tenang', 'debat'])} "
            f"paslon {rng.randint(1, 4)}"
        )
        seen.add(claim)
    return sorted(seen)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()
    data = json.loads(MEASURED_SET.read_text(encoding="utf-8"))
    normalizer = build_normalizer()
    print(f"cpus: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    claims = data["claims"] + generated_claims(args.claims)
    start = time.perf_counter()
    entries = [{"id": i, "claim": c, "url": "", "normalised": normalizer.normalize(c)} for i, c in enumerate(claims)]
    normalised = time.perf_counter() - start
    start = time.perf_counter()
    matcher = FactCheckMatcher(entries)
    built = time.perf_counter() - start
    posts = [p["text"] for p in data["posts"]]
    posts += [ORDINARY.format(n=i) for i in range(max(0, args.posts - len(posts)))]
    texts = [normalizer.normalize(t) for t in posts]
    start = time.perf_counter()
    matches = matcher.match(texts)
    looked_up = time.perf_counter() - start
    measured = matches[: len(data["posts"])]
    tp = sum(1 for p, m in zip(data["posts"], measured, strict=True) if m and m["id"] == p["claim"])
    fp = sum(1 for p, m in zip(data["posts"], measured, strict=True) if m and m["id"] != p["claim"])
    positives = sum(1 for p in data["posts"] if p["claim"] is not None)
    print(
        json.dumps(
            {
                "claims": len(claims),
                "normalise_claims_s": round(normalised, 1),
                "build_matcher_s": round(built, 1),
                "posts": len(texts),
                "lookup_s": round(looked_up, 2),
                "lookup_ms_per_post": round(looked_up / len(texts) * 1000, 3),
                "measured_set_precision": round(tp / max(tp + fp, 1), 3),
                "measured_set_recall": round(tp / positives, 3),
                "ordinary_posts_matched": sum(1 for m in matches[len(data["posts"]) :] if m),
            }
        )
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
