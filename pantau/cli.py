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
    if argv[1:2] == ["detect"]:
        # Needs neither the database nor the other apps: skip the second of setup.
        from pantau.detection.management.commands.detect import Command

        Command().run_from_argv(["pantau", *argv[1:]])
        return 0
    from pantau.lib.env import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as exc:
        print(f"pantau: configuration error: {exc}", file=sys.stderr)
        return 2
    if len(argv) < 2 or argv[1] in ("-h", "--help", "help"):
        print_help()
        return 0
    argv[0] = "pantau"
    argv[1] = ALIASES.get(argv[1], argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
