"""The labels Pantau gives posts, their legal basis and weight (DESIGN.md's taxonomy)."""

from django.utils.translation import gettext_lazy as _

# label: (name shown, legal basis, severity weight 0-3)
LABELS = {
    "sara": (_("SARA hatred"), "UU 10/2016 Pasal 69 huruf b; UU ITE Pasal 28 ayat (2)", 3),
    "penghinaan": (_("Insult"), "UU 10/2016 Pasal 69 huruf b; UU ITE Pasal 27A", 2),
    "hasutan": (_("Incitement"), "UU 10/2016 Pasal 69 huruf c", 3),
    "kekerasan": (_("Violence"), "UU 10/2016 Pasal 69 huruf d-f", 3),
    "hoaks": (_("Hoax"), "UU ITE Pasal 28 ayat (3)", 2),
    "politik_uang": (_("Vote buying"), "UU 10/2016 Pasal 73, 187A", 3),
    "netralitas": (_("Neutrality breach"), "UU 10/2016 Pasal 70, 71", 2),
    "luar_jadwal": (_("Off-schedule campaigning"), "UU 10/2016 Pasal 187 ayat (1)", 2),
    "ujaran_kebencian": (_("Hate speech (general)"), "UU ITE Pasal 28 ayat (2)", 2),
    "kasar": (_("Abusive language"), "", 1),
    "positif": (_("Positive content"), "", 0),
}
SEVERITY_NAMES = {0: _("none"), 1: _("low"), 2: _("medium"), 3: _("high")}


def label_name(label: str) -> str:
    return str(LABELS[label][0]) if label in LABELS else label


def legal_basis(label: str) -> str:
    return LABELS[label][1] if label in LABELS else ""
