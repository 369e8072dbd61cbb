"""How fast the readers turn a chat export into records, without a database: CPU seconds and messages per second.

    python bench/formats_bench.py [--messages 200000]

Writes a WhatsApp chat (Android id lines and iPhone lines with 12-hour clocks, notices, media
markers, multi-line messages) and a Telegram result.json of that many
messages to a temporary folder, reads each with `read_records` three times and
prints the best CPU time. The figures compare code on one machine; under load,
read CPU-s, not wall time.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")

LRM, NNBSP = "\u200e", "\u202f"


def whatsapp_lines(count: int):
    for i in range(count):
        day, minute = 1 + (i // 1440) % 28, i % 1440
        hour, mi = divmod(minute, 60)
        kind = i % 10
        if kind < 5:
            yield f"{day:02d}/10/24 {hour:02d}.{mi:02d} - Warga {i % 97}: pesan ke-{i} soal TPS {i % 300} https://contoh.example/{i}"
        elif kind == 5:
            yield f"{day:02d}/10/24 {hour:02d}.{mi:02d} - Warga {i % 97}: <Media tidak disertakan>"
        elif kind == 6:
            yield f"{day:02d}/10/24 {hour:02d}.{mi:02d} - Warga {i % 97} telah menambahkan Warga {i % 89}"
        elif kind == 7:
            half = "PM" if hour >= 12 else "AM"
            clock = f"{(hour % 12) or 12}:{mi:02d}:00{NNBSP}{half}"
            yield f"{LRM}[{day:02d}/10/24, {clock}] Relawan {i % 31}: {LRM}image omitted"
        else:
            yield f"{day:02d}/10/24 {hour:02d}.{mi:02d} - Warga {i % 97}: baris pertama {i}\nbaris kedua\nbaris ketiga"


def telegram_document(count: int) -> dict:
    messages = []
    for i in range(1, count + 1):
        if i % 20 == 0:
            messages.append({"id": i, "type": "service", "date_unixtime": str(1728000000 + i), "action": "pin_message"})
            continue
        text = ["Baca ", {"type": "link", "text": f"https://contoh.example/{i}"}, f" pesan {i}"]
        messages.append(
            {
                "id": i,
                "type": "message",
                "date": "2024-10-14T20:00:00",
                "date_unixtime": str(1728000000 + i),
                "from": f"Anggota {i % 50}",
                "from_id": f"user{1000 + i % 50}",
                "text": text,
                "text_entities": [{"type": "link", "text": f"https://contoh.example/{i}"}],
                **({"reply_to_message_id": i - 1} if i % 7 == 0 else {}),
            }
        )
    return {"name": "Grup Contoh", "type": "private_supergroup", "id": 1987654321, "messages": messages}


def best_cpu(path: Path, repeats: int = 3) -> tuple[float, int]:
    from pantau.intake.formats import Record, Source, read_records

    best, count = float("inf"), 0
    for _ in range(repeats):
        source = Source(path, max_line=1 << 20, max_document=1 << 30)
        start = time.process_time()
        _, items = read_records(source, None)
        count = sum(1 for item in items if isinstance(item, Record))
        best = min(best, time.process_time() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    args = parser.parse_args()
    import django

    django.setup()
    with tempfile.TemporaryDirectory() as folder:
        chat = Path(folder) / "WhatsApp Chat with Contoh.txt"
        chat.write_text("\n".join(whatsapp_lines(args.messages)) + "\n", encoding="utf-8")
        result = Path(folder) / "result.json"
        result.write_text(json.dumps(telegram_document(args.messages), ensure_ascii=False), encoding="utf-8")
        for label, path in (("whatsapp", chat), ("telegram", result)):
            cpu, records = best_cpu(path)
            size = path.stat().st_size / 1e6
            print(
                f"{label}: {args.messages} messages ({size:.1f} MB), {records} records, "
                f"{cpu:.2f} CPU-s (best of 3), {args.messages / cpu:,.0f} messages/s"
            )
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
