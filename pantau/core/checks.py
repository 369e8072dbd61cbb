"""Django system checks for deployment (`pantau check --deploy`): the rules production enforces at
start-up, reported in any environment so an office can test its settings before switching."""

from django.conf import settings
from django.core import checks

from pantau.lib.production import allowed_hosts_problem, secret_key_problem


@checks.register(checks.Tags.security, deploy=True)
def production_rules(app_configs, **kwargs):
    found = []
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem:
        found.append(checks.Error(f"PANTAU_SECRET_KEY {problem}.", id="pantau.E001"))
    problem = allowed_hosts_problem(settings.ALLOWED_HOSTS)
    if problem:
        found.append(checks.Error(f"PANTAU_ALLOWED_HOSTS {problem}.", id="pantau.E002"))
    if settings.PANTAU_ENV != "production":
        found.append(
            checks.Warning(
                "PANTAU_ENV is not 'production': production's refusals and defaults (HSTS, secure cookies) are off.",
                id="pantau.W001",
            )
        )
    return found
