#!/usr/bin/env python3
"""The two commands of the README's quick start.

    python3 bootstrap.py        set up .venv/, load the demo office, serve it
    python3 bootstrap.py test   set up .venv/ with test tools, run ruff, mypy and the whole suite

Only the standard library is used here: this runs before anything is installed.
The test command runs the suite on SQLite and on PostgreSQL. When it runs as
root on Debian (CI), it installs and starts what the suite needs from Debian's
packages: a PostgreSQL server on loopback and Chromium for the browser tests.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
LOCK = ROOT / "requirements.lock"
SHARED_REGIONS = ROOT.parent / "shared" / "data" / "regions" / "barito-timur.geojson"
PG_URL = "postgresql://pantau:pantau@127.0.0.1:5432/pantau"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def ensure_venv(extras: str = "") -> None:
    if not PY.exists():
        say("creating .venv/")
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed{extras}"
    inputs = [ROOT / "pyproject.toml", LOCK]
    if stamp.exists() and all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs):
        return
    say("installing Pantau and its pinned dependencies into .venv/")
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", LOCK, "-e", f".{extras}", cwd=ROOT)
    stamp.touch()


def compile_translations() -> None:
    run(PY, "-m", "pantau.lib.translations", "compile", ROOT / "pantau")


def office() -> int:
    ensure_venv()
    compile_translations()
    args = [VENV / "bin" / "pantau", "demo"]
    if SHARED_REGIONS.exists():
        args += ["--regions", SHARED_REGIONS]
    os.execv(str(args[0]), [str(a) for a in args])


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(f"missing {', '.join(packages)}: install them (Debian: apt-get install {' '.join(packages)})")
    say(f"installing {', '.join(packages)} from Debian's packages")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=env, stdout=subprocess.DEVNULL)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env, stdout=subprocess.DEVNULL)


def ensure_chromium() -> None:
    if not shutil.which("chromium"):
        apt_install("chromium")


def ensure_postgres() -> str | None:
    """A PostgreSQL server on loopback with a `pantau` role; returns its URL."""
    if os.environ.get("PANTAU_TEST_POSTGRES_URL"):
        return os.environ["PANTAU_TEST_POSTGRES_URL"]
    if not shutil.which("pg_lsclusters"):
        apt_install("postgresql")
    clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout.split("\n")
    version, name, port, status = clusters[0].split()[:4]
    if port != "5432":
        raise SystemExit(f"PostgreSQL cluster {version}/{name} listens on {port}, expected 5432")
    if status != "online":
        say(f"starting PostgreSQL {version}/{name} on 127.0.0.1:5432")
        run("pg_ctlcluster", version, name, "start", "--", "-o", "-c listen_addresses=127.0.0.1")
    as_postgres = ["su", "postgres", "-c", "psql -q -tA -v ON_ERROR_STOP=1"]
    sql = (
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='pantau') THEN "
        "CREATE ROLE pantau LOGIN CREATEDB PASSWORD 'pantau'; END IF; END$$;\n"
        "SELECT count(*) FROM pg_database WHERE datname='pantau';\n"
    )
    found = subprocess.run(as_postgres, input=sql, capture_output=True, text=True, cwd="/", check=True).stdout
    if found.strip().splitlines()[-1] == "0":
        subprocess.run(as_postgres, input="CREATE DATABASE pantau OWNER pantau;\n", text=True, cwd="/", check=True)
    return PG_URL


def pytest_on(label: str, database_url: str | None, extra: list[str]) -> int:
    env = dict(os.environ, PANTAU_HOME=tempfile.mkdtemp(prefix=f"pantau-test-{label}-"), PANTAU_REQUIRE_BROWSER="1")
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    say(f"test suite on {label}")
    return subprocess.run([PY, "-m", "pytest", *extra], cwd=ROOT, env=env).returncode


def mypy() -> int:
    """The type checker over the modules pyproject.toml lists; its cache stays in .venv/ between runs."""
    # django-stubs' plugin loads the settings, which make PANTAU_HOME: a throw-away one, as for the tests.
    env = dict(os.environ, PANTAU_HOME=tempfile.mkdtemp(prefix="pantau-mypy-"))
    env.pop("DATABASE_URL", None)
    say("mypy")
    return subprocess.run([VENV / "bin" / "mypy", "--cache-dir", VENV / "mypy-cache"], cwd=ROOT, env=env).returncode


def test(extra: list[str]) -> int:
    ensure_venv("[test]")
    compile_translations()
    ensure_chromium()
    pg_url = ensure_postgres()
    say("ruff")
    lint = subprocess.run(
        [VENV / "bin" / "ruff", "check", "pantau", "tests", "bootstrap.py", "scripts"], cwd=ROOT
    ).returncode
    results = {
        "ruff": lint,
        "mypy": mypy(),
        "sqlite": pytest_on("sqlite", None, extra),
        "postgresql": pytest_on("postgresql", pg_url, extra),
    }
    failed = [name for name, code in results.items() if code != 0]
    say("all passed" if not failed else f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        sys.exit(office())
    if command == "test":
        sys.exit(test(sys.argv[2:]))
    raise SystemExit("usage: python3 bootstrap.py [run | test [pytest options]]")
