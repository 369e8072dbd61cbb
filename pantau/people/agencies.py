"""The pokja's standing agencies, created on first migration; offices add more in the admin."""

STANDING_AGENCIES = [
    # code, short name, full name, is the supervisor
    ("bawaslu", "Bawaslu", "Badan Pengawas Pemilihan Umum Kabupaten Barito Timur", True),
    ("diskominfo", "Diskominfo", "Dinas Komunikasi, Informatika, Persandian dan Statistik", False),
    ("kesbangpol", "Kesbangpol", "Badan Kesatuan Bangsa dan Politik", False),
    ("kejaksaan", "Kejaksaan Negeri", "Kejaksaan Negeri Barito Timur", False),
    ("polres", "Polres", "Kepolisian Resor Barito Timur", False),
    ("kpu", "KPU", "Komisi Pemilihan Umum Kabupaten Barito Timur", False),
]


def ensure_standing_agencies(agency_model):
    for code, short_name, name, is_supervisor in STANDING_AGENCIES:
        agency_model.objects.get_or_create(
            code=code, defaults={"short_name": short_name, "name": name, "is_supervisor": is_supervisor}
        )
