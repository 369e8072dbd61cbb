"""One demo user per role, with passwords generated once and kept in PANTAU_HOME."""

import json
import secrets

from django.conf import settings

from .agencies import ensure_standing_agencies
from .models import Agency, Role, User
from .services import create_user

DEMO_USERS = [
    # username, role, agency, full name
    ("analis", Role.ANALYST, "bawaslu", "Rina Analis"),
    ("koordinator", Role.COORDINATOR, "bawaslu", "Ahmad Koordinator"),
    ("diskominfo", Role.POKJA, "diskominfo", "Budi Diskominfo"),
    ("polres", Role.POKJA, "polres", "Dedi Polres"),
    ("admin", Role.ADMIN, "bawaslu", "Admin TI"),
]


def demo_passwords() -> dict:
    path = settings.PANTAU_HOME / "demo-passwords.json"
    if path.exists():
        return json.loads(path.read_text())
    passwords = {username: f"pantau-{secrets.token_hex(4)}" for username, *_ in DEMO_USERS}
    path.write_text(json.dumps(passwords))
    path.chmod(0o600)
    return passwords


def load(out, options):
    ensure_standing_agencies(Agency)
    passwords = demo_passwords()
    for username, role, agency, name in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            first, _, last = name.partition(" ")
            create_user(
                username,
                passwords[username],
                role,
                agency,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                validate=False,
            )
        out.write(f"  user {username:<12} password {passwords[username]:<16} ({Role(role).label})")
