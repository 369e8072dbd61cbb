"""Django system checks of the office-wide settings, run by `manage.py check`, `pantau check` and every
command's start-up (`pantau serve`, `pantau worker`), so a bad value stops the office before anyone works.

settings.py already refuses what the environment gets wrong; these checks look at the settings Django
ends up with (a settings module of one's own, an override), and report what start-up can only warn
about. The deployment checks (`--deploy`) report production's rules in any environment, so an office
can test its settings before switching. Each app checks its own settings in its `checks.py`.
"""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core import checks

from pantau.lib.clock import INDONESIAN_ZONE_NAMES
from pantau.lib.env import ConfigError, env_list
from pantau.lib.links import site_url
from pantau.lib.production import allowed_hosts_problem, secret_key_problem

TAG = "pantau"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
RANDOM_KEY_HINT = 'Use a random value: python3 -c "import secrets; print(secrets.token_urlsafe(50))".'


def _production_problems() -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem:
        found.append(checks.Error(f"PANTAU_SECRET_KEY {problem}.", hint=RANDOM_KEY_HINT, id="pantau.E001"))
    problem = allowed_hosts_problem(settings.ALLOWED_HOSTS)
    if problem:
        found.append(
            checks.Error(
                f"PANTAU_ALLOWED_HOSTS {problem}.",
                hint="Name the server's host names, comma-separated.",
                id="pantau.E002",
            )
        )
    return found


@checks.register(TAG, checks.Tags.security)
def production_refusals(app_configs, **kwargs):
    """In production the secret key and the host names are checked at every start, not only with --deploy."""
    if settings.PANTAU_ENV != "production":
        return []
    found = _production_problems()
    if settings.DEBUG:
        found.append(checks.Error("PANTAU_DEBUG is on with PANTAU_ENV=production.", id="pantau.E003"))
    if not env_list("PANTAU_FIELD_KEYS"):
        # A key made on this machine is not shared with the other web and worker machines, and is lost with
        # PANTAU_HOME unless the backups carry it: identities encrypted with it can become unreadable.
        found.append(
            checks.Warning(
                "PANTAU_FIELD_KEYS is not set: reporters' identities are encrypted with a key generated in "
                f"{settings.PANTAU_HOME}.",
                hint="Set PANTAU_FIELD_KEYS (or PANTAU_FIELD_KEYS_FILE) to the key in that file, and keep a copy "
                "apart from the backups.",
                id="pantau.W002",
            )
        )
    return found


@checks.register(TAG, checks.Tags.security, deploy=True)
def production_rules(app_configs, **kwargs):
    """Production's refusals reported before switching; in production `production_refusals` reports them."""
    if settings.PANTAU_ENV == "production":
        return []
    return [
        *_production_problems(),
        checks.Warning(
            "PANTAU_ENV is not 'production': production's refusals and defaults (HSTS, secure cookies) are off.",
            id="pantau.W001",
        ),
    ]


@checks.register(TAG)
def office_zone(app_configs, **kwargs):
    try:
        ZoneInfo(settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return [
            checks.Error(
                f"TIME_ZONE (PANTAU_TIME_ZONE) {settings.TIME_ZONE!r} is not a time zone.",
                hint="Use an IANA name: " + ", ".join(f"{key} ({name})" for key, name in INDONESIAN_ZONE_NAMES.items()),
                id="pantau.E010",
            )
        ]
    return []


@checks.register(TAG)
def site_address(app_configs, **kwargs):
    """Every link in e-mail and notifications is built from SITE_URL (pantau/lib/links.py)."""
    try:
        site_url(settings.SITE_URL)
    except ConfigError as exc:
        return [
            checks.Error(str(exc), hint="Set PANTAU_SITE_URL to the address the office's users open.", id="pantau.E011")
        ]
    if urlsplit(settings.SITE_URL).hostname in LOOPBACK_HOSTS and settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        # Mail leaves the machine, but its links lead back to it: no one else can open them.
        return [
            checks.Warning(
                f"e-mail links lead to {settings.SITE_URL}, which opens only on this machine.",
                hint="Set PANTAU_SITE_URL to the address the office's users open.",
                id="pantau.W010",
            )
        ]
    return []
