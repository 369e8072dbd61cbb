"""Register numbers of reports and findings: the regulation's form, per year and office, no gaps, no duplicates."""

import os
import subprocess
import sys
import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from pantau.cases import domain, registers, services
from pantau.cases.models import Case

WIB = ZoneInfo("Asia/Jakarta")
NOV_2024 = datetime(2024, 11, 4, 9, 0, tzinfo=WIB)


def _register(case, user, when):
    services.move(case, domain.INITIAL_REVIEW, user, now=when)
    return services.move(case, domain.REGISTERED, user, now=when)


@pytest.mark.django_db
class TestNumbers:
    def test_it_numbers_a_report_and_its_registration_in_the_regulations_form(self, make_report, analyst):
        case = services.open_case(user=analyst, title="Laporan", report=make_report(), now=NOV_2024)
        assert case.number == "001/LP/PB/Kab/21.13/XI/2024" and case.register_number is None
        _register(case, analyst, NOV_2024)
        case.refresh_from_db()
        assert case.register_number == "001/Reg/LP/PB/Kab/21.13/XI/2024" and case.reference == case.register_number

    def test_it_numbers_findings_in_their_own_register(self, make_report, analyst):
        services.open_case(user=analyst, title="Laporan", report=make_report(), now=NOV_2024)
        finding = services.open_case(user=analyst, title="Temuan", now=NOV_2024)
        assert finding.number == "001/TM/PB/Kab/21.13/XI/2024"
        _register(finding, analyst, NOV_2024)
        assert finding.register_number == "001/Reg/TM/PB/Kab/21.13/XI/2024"

    def test_it_starts_each_year_at_one(self, analyst):
        services.open_case(user=analyst, title="A", now=NOV_2024)
        services.open_case(user=analyst, title="B", now=NOV_2024)
        january = services.open_case(user=analyst, title="C", now=datetime(2025, 1, 2, 9, 0, tzinfo=WIB))
        assert january.number == "001/TM/PB/Kab/21.13/I/2025"

    def test_it_gives_no_register_number_to_a_case_not_registered(self, analyst):
        case = services.open_case(user=analyst, title="A", now=NOV_2024)
        services.move(case, domain.INITIAL_REVIEW, analyst)
        services.move(case, domain.NOT_REGISTERED, analyst)
        assert Case.objects.get(pk=case.pk).register_number is None

    def test_it_takes_the_office_code_and_scope_from_the_settings(self, analyst, settings):
        settings.PANTAU_OFFICE_CODE, settings.PANTAU_REGISTER_SCOPE = "14.02", "PW/Kota"
        case = services.open_case(user=analyst, title="A", now=NOV_2024)
        assert case.number == "001/TM/PW/Kota/14.02/XI/2024"

    def test_it_gives_back_the_number_of_a_case_that_was_not_saved(self, analyst):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.open_case(user=analyst, title="A", now=NOV_2024)
            raise RuntimeError("the clerk's browser crashed")
        assert services.open_case(user=analyst, title="B", now=NOV_2024).number.startswith("001/")


def test_it_refuses_a_register_format_without_the_sequence(tmp_path):
    path = tmp_path / "procedure.toml"
    body = "".join(f'[registers.{key}]\nformat = "LP/{{office}}/{{year}}"\n' for key in registers.REGISTERS)
    path.write_text(body)
    with pytest.raises(registers.ProcedureDataError, match="must contain"):
        registers.load_registers(path)


THREADS = """
import sys, threading, time
import django
django.setup()
from datetime import date
from django.db import connection, transaction
from pantau.cases import registers

numbers, lock = [], threading.Lock()

def clerk():
    try:
        for _ in range(15):
            with transaction.atomic():
                number = registers.allocate("report", date(2024, 11, 4))
                time.sleep(0.002)  # hold the transaction open, so the other clerk has to wait
            with lock:
                numbers.append(number)
    finally:
        connection.close()

clerks = [threading.Thread(target=clerk) for _ in range(2)]
for t in clerks:
    t.start()
for t in clerks:
    t.join()
print("\\n".join(numbers))
"""


def _assert_gapless(numbers):
    seqs = sorted(int(n.split("/", 1)[0]) for n in numbers)
    assert len(numbers) == 30 and len(set(numbers)) == 30 and seqs == list(range(1, 31))


def test_it_gives_two_threads_no_duplicates_and_no_gaps_on_sqlite(tmp_path):
    env = {**os.environ, "PANTAU_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "pantau.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True, timeout=300)
    result = subprocess.run(
        [sys.executable, "-c", THREADS], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    _assert_gapless(result.stdout.split())


@pytest.mark.django_db(transaction=True)
def test_it_gives_two_threads_no_duplicates_and_no_gaps_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is in memory; the test above runs the threads on a file")
    numbers, lock = [], threading.Lock()

    def clerk():
        try:
            for _ in range(15):
                with transaction.atomic():
                    number = registers.allocate("report", date(2024, 11, 4))
                with lock:
                    numbers.append(number)
        finally:
            connection.close()

    clerks = [threading.Thread(target=clerk) for _ in range(2)]
    for thread in clerks:
        thread.start()
    for thread in clerks:
        thread.join()
    _assert_gapless(numbers)
