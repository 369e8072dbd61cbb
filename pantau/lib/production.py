"""What production refuses to start with: the rules behind PANTAU_ENV=production.

Django-free so that the settings module can apply them before Django is set
up, and the `pantau check --deploy` system check can report the same rules in
any environment (one owner for each rule).
"""

from .env import ConfigError

MIN_SECRET_KEY_LENGTH = 50
# Placeholders people copy from examples and tutorials; compared without case or punctuation.
WEAK_SECRET_WORDS = frozenset(
    {
        "changeme",
        "changethis",
        "secret",
        "secretkey",
        "password",
        "passw0rd",
        "default",
        "insecure",
        "example",
        "test",
        "pantau",
        "django",
        "admin",
        "qwerty",
        "letmein",
        "123456",
        "1234567890",
        "abcdef",
        "xxxxxx",
        "notsecret",
        "development",
    }
)
# A key made of a short block repeated ("abcabcabc...") has the strength of the block.
SHORTEST_HONEST_PERIOD = 16
MIN_DISTINCT_CHARACTERS = 10


def _smallest_period(text: str) -> int:
    for period in range(1, len(text) // 2 + 1):
        if len(text) % period == 0 and text[:period] * (len(text) // period) == text:
            return period
    return len(text)


def secret_key_problem(key: str) -> str | None:
    """Why `key` is unfit to sign sessions and tokens in production, or None when it is fit."""
    folded = "".join(ch for ch in key.lower() if ch.isalnum())
    if key.startswith("django-insecure"):
        return "is one of Django's generated development keys (django-insecure-...)"
    if folded in WEAK_SECRET_WORDS or any(_is_word_repeated(folded, word) for word in WEAK_SECRET_WORDS):
        return "is a well-known placeholder"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return f"has fewer than {MIN_DISTINCT_CHARACTERS} different characters"
    if _smallest_period(key) < SHORTEST_HONEST_PERIOD:
        return "is a short pattern repeated"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    return None


def _is_word_repeated(folded: str, word: str) -> bool:
    return bool(folded) and folded.replace(word, "") == ""


def allowed_hosts_problem(hosts: list[str]) -> str | None:
    if "*" in hosts:
        return "contains '*', which lets any Host header through (password-reset links, cache poisoning)"
    return None


def check_production(secret_key: str | None, allowed_hosts: list[str]) -> None:
    """Raise ConfigError naming the variable when production would start unsafely."""
    if not secret_key:
        raise ConfigError("PANTAU_ENV=production needs PANTAU_SECRET_KEY (or PANTAU_SECRET_KEY_FILE)")
    problem = secret_key_problem(secret_key)
    if problem:
        raise ConfigError(
            f"PANTAU_SECRET_KEY {problem}; with PANTAU_ENV=production use a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters, e.g. "
            '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"`'
        )
    problem = allowed_hosts_problem(allowed_hosts)
    if problem:
        raise ConfigError(f"PANTAU_ALLOWED_HOSTS {problem}; name the server's host names with PANTAU_ENV=production")
