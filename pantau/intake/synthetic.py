"""A synthetic, deterministic stream of election-campaign posts for the demo and tests.

No real person's data: names, groups and texts are invented. Some posts are
provocative on purpose (that is what the office looks for), and a few
accounts paste the same text into several groups within minutes, as the
copy-paste campaigns the pokja watches for do.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# The demo office, Barito Timur (Kalimantan Tengah), lives on Asia/Jakarta time: its demo data are written in it.
DEMO_ZONE = ZoneInfo("Asia/Jakarta")
CAMPAIGN_START = datetime(2024, 9, 25, 6, 0, tzinfo=DEMO_ZONE)
DAYS = 63  # through masa tenang and voting day

KECAMATAN = [
    "Dusun Timur",
    "Benua Lima",
    "Patangkep Tutui",
    "Awang",
    "Dusun Tengah",
    "Pematang Karau",
    "Paju Epat",
    "Raren Batuah",
    "Paku",
    "Karusen Janang",
]
GROUPS = [
    ("fb-grp-1001", "Info Seputar Tamiang Layang"),
    ("fb-grp-1002", "Warga Bartim Bersuara"),
    ("fb-grp-1003", "Pasar Online Barito Timur"),
    ("fb-grp-1004", "Forum Warga Dusun Timur"),
    ("fb-grp-1005", "Kabar Ampah Hari Ini"),
    ("fb-grp-1006", "Diskusi Pilkada Bartim 2024"),
    ("fb-grp-1007", "Suara Paju Epat"),
    ("fb-grp-1008", "Relawan Bartim Maju"),
]
# Where provocative and copy-paste posts go: the political discussion groups far more than the
# marketplace or the news group, so the demo's groups differ in risk as real ones do. As many
# entries as GROUPS, so choosing from it draws the same random numbers and the stream stays the same.
HOT_SPOTS = [GROUPS[i] for i in (5, 5, 5, 1, 1, 7, 3, 6)]
assert len(HOT_SPOTS) == len(GROUPS)
FIRST = [
    "Agus",
    "Rina",
    "Dodi",
    "Sari",
    "Yanto",
    "Lina",
    "Heru",
    "Tika",
    "Bayu",
    "Nurul",
    "Eko",
    "Wati",
    "Rudi",
    "Maya",
]
LAST = ["Saputra", "Lestari", "Pratama", "Wulandari", "Hidayat", "Kusuma", "Santoso", "Rahayu", "Nugroho", "Anjani"]

ORDINARY = [
    "Debat paslon tadi malam cukup menarik, program pertanian paling konkret menurut saya",
    "Jangan lupa cek nama di DPT ya warga {kec}, hari pencoblosan 27 November",
    "Jalan poros {kec} masih rusak, semoga bupati terpilih serius memperbaiki",
    "Kampanye dialogis paslon nomor {n} di {kec} sore ini, warga ramai datang",
    "Program beasiswa paslon {n} realistis tidak ya? anggarannya dari mana",
    "Data BPS menunjukkan angka kemiskinan naik, petahana perlu menjelaskan",
    "Ayo jaga pilkada damai di Barito Timur, beda pilihan tetap saudara",
    "Mohon info jadwal kampanye terbuka di lapangan {kec}",
    "Harga sawit turun lagi, siapapun bupatinya tolong perhatikan petani",
    "Rekam jejak paslon {n} soal proyek jalan perlu dibuka ke publik",
]
PROVOCATIVE = [
    ("Usir saja pendatang dari {kec}, jangan biarkan mereka pilih paslon {n}", "hasutan"),
    ("Dasar kafir semua pendukung paslon {n}, jangan mau dipimpin mereka", "sara"),
    ("Paslon {n} itu bodoh dan goblok, tidak pantas jadi bupati", "penghinaan"),
    ("Siap-siap serbu posko paslon {n} malam ini, bawa parang", "kekerasan"),
    ("Besok pagi ada amplop 100 ribu per kepala dari tim paslon {n}, datang ke rumah kades", "politik_uang"),
    ("Kepala desa {kec} wajib menangkan paslon {n}, ASN yang tidak ikut akan dimutasi", "netralitas"),
    ("BREAKING: KPU Bartim sudah atur hasil, kotak suara paslon {n} sudah dicoblos duluan", "hoaks"),
]
CAMPAIGN_TEXTS = [
    "Warga {kec} waspada! Paslon {n} didukung antek asing yang mau menjual tanah adat kita, sebarkan sebelum dihapus",
    "Jangan pilih paslon {n}, mereka mau mengusir suku kita dari kampung sendiri. Bagikan ke semua grup!",
    "Info A1: tim paslon {n} bagi sembako dan uang di {kec}, yang tidak terima berarti bukan warga kita",
]


def generate(count: int, seed: int = 7, campaigns: int = 6):
    """Yield `count` post dicts: id, platform, author_id, author_name, group_id, group_name, text,
    created_at (aware datetime), url, links, kecamatan."""
    rng = random.Random(seed)
    accounts = [(f"fb-user-{i:05d}", f"{rng.choice(FIRST)} {rng.choice(LAST)}") for i in range(max(20, count // 10))]
    operators = [accounts[i] for i in rng.sample(range(len(accounts)), min(len(accounts), campaigns * 4))]
    planted = []
    for c in range(campaigns):
        text = CAMPAIGN_TEXTS[c % len(CAMPAIGN_TEXTS)].format(kec=rng.choice(KECAMATAN), n=rng.randint(1, 3))
        for burst in range(3):
            when = CAMPAIGN_START + timedelta(days=rng.uniform(0, DAYS - 4), hours=burst * 20)
            for op in operators[c * 4 : (c + 1) * 4]:
                planted.append((when + timedelta(seconds=rng.randint(0, 600)), op, text + f" #{burst + 1}"))
    organic = max(0, count - len(planted))
    for i in range(count):
        if i >= organic:
            when, (author_id, author_name), text = planted[i - organic]
            ordinary = False
        else:
            author_id, author_name = rng.choice(accounts)
            when = CAMPAIGN_START + timedelta(days=rng.uniform(0, DAYS), minutes=rng.randint(0, 900))
            ordinary = rng.random() > 0.12
            text = rng.choice(ORDINARY if ordinary else [t for t, _ in PROVOCATIVE])
        kecamatan = rng.choice(KECAMATAN)
        group_id, group_name = rng.choice(GROUPS if ordinary else HOT_SPOTS)
        text = text.format(kec=kecamatan, n=rng.randint(1, 3))
        post_id = f"{group_id.split('-')[-1]}_{i + 1:07d}"
        yield {
            "id": post_id,
            "platform": "facebook",
            "author_id": author_id,
            "author_name": author_name,
            "group_id": group_id,
            "group_name": group_name,
            "text": text,
            "created_at": when,
            "url": f"https://www.facebook.com/groups/{group_id.split('-')[-1]}/posts/{i + 1}",
            "links": [],
            "kecamatan": kecamatan,
        }
