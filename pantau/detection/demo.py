"""Demo: a fact-check and the classification of the demo posts (synchronously, so the queue is full)."""

from .factchecks import fact_key
from .models import FactCheck
from .services import classify_new_posts

DEMO_FACTCHECKS = [
    {
        "claim": "KPU Bartim sudah atur hasil, kotak suara sudah dicoblos duluan",
        "rating": "Salah",
        "url": "https://example.org/cek-fakta/kotak-suara-dicoblos-duluan",
        "publisher": "Contoh Cek Fakta (demo)",
    }
]


def load(out, options):
    added = 0
    for item in DEMO_FACTCHECKS:
        _, created = FactCheck.objects.get_or_create(
            key=fact_key(item["claim"], item["url"]), defaults=dict(item, source="demo", is_false=True)
        )
        added += created
    result = classify_new_posts()
    out.write(
        f"  {added} demo fact-check(s) added; {result['classified']} post(s) classified, {result['flagged']} flagged"
    )
