"""The `pantau` command: Pantau's management commands under one name.

`pantau COMMAND` runs the Django management command of that name, so every
domain adds operator commands by adding a file to its management/commands
folder, and the web and the shell share the same domain functions.
"""

import os
import sys

# Pantau names that differ from the management command behind them
# (`check` is taken by Django's system checks, which `pantau check` also runs).
ALIASES = {"check": "selfcheck"}
# Commands that apply the migrations themselves, on PostgreSQL too (the operator asked to start the
# office), and `restore`, which writes the whole database from a backup into an empty home.
MIGRATE_THEMSELVES = {"serve", "demo", "restore"}


def pantau_commands() -> dict[str, str]:
    """name -> one-line help of every command that Pantau's own apps provide."""
    from django.conf import settings
    from django.core.management import get_commands, load_command_class

    apps = set(settings.PANTAU_APPS)
    names = {name: app for name, app in get_commands().items() if app in apps}
    reverse_aliases = {target: alias for alias, target in ALIASES.items()}
    listing = {}
    for name, app in sorted(names.items(), key=lambda item: reverse_aliases.get(item[0], item[0])):
        command = load_command_class(app, name)
        listing[reverse_aliases.get(name, name)] = (command.help or "").strip().splitlines()[0] if command.help else ""
    return listing


def print_help() -> None:
    print("usage: pantau COMMAND [options]   (pantau COMMAND --help for a command's options)\n")
    print("Pantau's commands:")
    for name, text in pantau_commands().items():
        print(f"  {name:<14} {text}")
    print("\nEvery Django management command (migrate, shell, dbshell, ...) works too.")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("pantau: interrupted / dihentikan", file=sys.stderr)
        return 130
    except Exception as exc:
        line, code = known_error(exc)
        if line is None:
            raise
        print(f"pantau: {line}", file=sys.stderr)
        return code


def _run(argv: list[str]) -> int:
    if argv[1:2] == ["detect"]:
        # Needs neither the database nor the other apps: skip the second of setup.
        from pantau.detection.management.commands.detect import Command

        Command().run_from_argv(["pantau", *argv[1:]])
        return 0
    import django

    django.setup()
    if len(argv) < 2 or argv[1] in ("-h", "--help", "help"):
        print_help()
        return 0
    argv[0] = "pantau"
    argv[1] = ALIASES.get(argv[1], argv[1])
    command = _pantau_command(argv[1])
    if command is not None:
        # Bad arguments (usage, exit code 2) and --help are answered before the database is touched.
        command._called_from_command_line = True
        command.create_parser("pantau", argv[1]).parse_args(argv[2:])
        if argv[1] not in MIGRATE_THEMSELVES:
            prepare_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


def _pantau_command(name: str):
    """The command class of one of Pantau's own commands, None for Django's and unknown names."""
    from django.conf import settings
    from django.core.management import get_commands, load_command_class

    app = get_commands().get(name)
    return load_command_class(app, name) if app in set(settings.PANTAU_APPS) else None


class DatabaseNotReady(Exception):
    """The database has migrations to apply and Pantau may not apply them on its own."""


def prepare_database() -> None:
    """Apply pending migrations to SQLite (an office's own file); elsewhere say what to run.

    A fresh PANTAU_HOME then works with any command. A PostgreSQL database is
    shared by many machines and versions: migrating it is its operator's
    decision, so Pantau only says that it is needed.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if connection.vendor != "sqlite":
        raise DatabaseNotReady(
            "basis data belum disiapkan, jalankan `pantau migrate` / "
            "the database has migrations to apply: run `pantau migrate`"
        )
    print(
        f"pantau: menyiapkan basis data / preparing the database ({connection.settings_dict['NAME']})",
        file=sys.stderr,
    )
    call_command("migrate", interactive=False, verbosity=0)


def known_error(exc: BaseException) -> tuple[str | None, int]:
    """(one line for the operator, exit code) for an ordinary failure; (None, 0) for a bug to show in full."""
    from django.core.management.base import CommandError
    from django.db import OperationalError, ProgrammingError

    from pantau.lib.env import ConfigError

    if isinstance(exc, ConfigError):
        return f"configuration error: {exc}", 2
    if isinstance(exc, DatabaseNotReady):
        return str(exc), 2
    if isinstance(exc, CommandError):
        return str(exc), exc.returncode
    if isinstance(exc, (OperationalError, ProgrammingError)):
        return _database_line(exc), 2
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}", 1
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not text in the expected encoding / berkas bukan teks yang dikenali ({exc.reason})", 1
    return None, 0


def _database_line(exc) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "no such table" in first or first.startswith("relation"):
        hint = "jalankan / run `pantau migrate`"
    else:
        hint = "periksa / check DATABASE_URL and that the database server is running"
    return f"database error / galat basis data: {first} ({hint})"


if __name__ == "__main__":
    sys.exit(main())
