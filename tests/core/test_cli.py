import json
import subprocess
import sys

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_prints_stats_as_one_json_object(capsys):
    call_command("stats", "--json")
    stats = json.loads(capsys.readouterr().out)
    assert {"posts", "accounts", "groups"} <= set(stats)


def test_it_loads_the_demo_without_serving_and_keeps_data_on_a_second_run(capsys):
    call_command("demo", "--no-serve", "--posts", "300")
    call_command("stats", "--json")
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    call_command("demo", "--no-serve", "--posts", "300")
    call_command("stats", "--json")
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first["posts"] == 300
    assert second == first


def test_it_creates_a_user_with_a_role_and_agency():
    from pantau.people.models import User

    call_command("demo", "--no-serve", "--posts", "0")
    call_command("createuser", "budi", "--role", "pokja", "--agency", "polres", "--password", "a-long-pass-phrase")
    user = User.objects.get(username="budi")
    assert (user.role, user.agency.code) == ("pokja", "polres")


def test_it_refuses_an_unknown_agency_with_a_clear_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown agency 'nowhere'"):
        call_command("createuser", "budi", "--role", "pokja", "--agency", "nowhere", "--password", "a-long-pass-phrase")


def test_it_lists_every_pantau_command_in_help():
    out = subprocess.run([sys.executable, "-m", "pantau", "--help"], capture_output=True, text=True, check=True).stdout
    for name in ("serve", "demo", "createuser", "check", "stats", "worker", "regions"):
        assert f"  {name} " in out


def test_it_prints_a_one_line_message_for_a_bad_setting():
    import os

    env = dict(os.environ, PANTAU_DEBUG="maybe")
    result = subprocess.run([sys.executable, "-m", "pantau", "stats"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "PANTAU_DEBUG='maybe' is not a yes/no value" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_to_run_in_production_with_debug_on():
    import os

    env = dict(os.environ, PANTAU_ENV="production", PANTAU_DEBUG="1", PANTAU_SECRET_KEY="x" * 60)
    result = subprocess.run([sys.executable, "-m", "pantau", "stats"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "PANTAU_DEBUG must be off" in result.stderr
