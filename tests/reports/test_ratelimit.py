"""Public reports: limits that stop floods, not the citizens who share one address."""

import re

import pytest
from django.test import Client

from pantau.reports import challenge, stash
from pantau.reports.models import Report
from tests.evidence import files

from .conftest import form_data, upload

pytestmark = pytest.mark.django_db

WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}


def _send(client, kecamatan, **extra):
    return client.post("/lapor/", form_data(kecamatan, **extra))


def _question(response) -> tuple[str, int]:
    """The challenge token of a page and the right answer to its question, as a person reads it."""
    body = response.content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', body).group(1)
    label = re.search(r'<label for="id_answer">([^<]+)</label>', body).group(1)
    numbers = [WORDS[word] for word in re.findall(r"[a-z]+", label) if word in WORDS]
    assert len(numbers) == 2, label
    return token, sum(numbers)


def test_it_lets_fifty_people_behind_one_address_report(kecamatan):
    statuses = [_send(Client(), kecamatan).status_code for _ in range(50)]
    assert statuses == [302] * 50
    assert Report.objects.count() == 50


def test_it_asks_a_question_instead_of_refusing_a_browser_past_its_limit(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 10
    for _ in range(50):
        response = _send(client, kecamatan)
        if response.status_code == 429:
            assert "Akun Provokator" in response.content.decode()  # what was typed is kept
            token, answer = _question(response)
            response = _send(client, kecamatan, challenge=token, answer=str(answer))
        assert response.status_code == 302
    assert Report.objects.count() == 50


def test_it_stops_a_flood_from_one_browser_that_does_not_answer(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 10
    statuses = [_send(client, kecamatan).status_code for _ in range(30)]
    assert statuses == [302] * 10 + [429] * 20
    assert Report.objects.count() == 10


def test_it_stops_a_flood_that_changes_browser_at_the_address_limit(kecamatan, settings):
    settings.PANTAU_REPORT_ADDRESS_LIMIT = 5
    statuses = [_send(Client(), kecamatan).status_code for _ in range(8)]
    assert statuses == [302] * 5 + [429] * 3


def test_it_does_not_count_failed_attempts(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 2
    for _ in range(10):
        assert _send(client, kecamatan, consent="").status_code == 400
    assert _send(client, kecamatan).status_code == 302


def test_it_does_not_accept_a_wrong_answer(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 1
    _send(client, kecamatan)
    token, answer = _question(_send(client, kecamatan))
    response = _send(client, kecamatan, challenge=token, answer=str(answer + 1))
    assert response.status_code == 429
    assert "tidak benar" in response.content.decode() and "belum terkirim" in response.content.decode()
    assert Report.objects.count() == 1


def test_it_does_not_accept_an_answered_question_twice(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 1
    _send(client, kecamatan)
    token, answer = _question(_send(client, kecamatan))
    assert _send(client, kecamatan, challenge=token, answer=str(answer)).status_code == 302
    assert _send(client, kecamatan, challenge=token, answer=str(answer)).status_code == 429
    assert Report.objects.count() == 2


def test_a_question_expires(settings, db, monkeypatch):
    asked = challenge.new_challenge()
    answer = sum(
        challenge.NUMBER_WORDS.index(word) + 1
        for word in challenge.NUMBER_WORDS
        if re.search(rf"\b{word}\b", asked.question)
    )
    monkeypatch.setattr(challenge, "MAX_AGE_SECONDS", -1)
    assert not challenge.solved(asked.token, str(answer))


def test_a_forged_question_token_is_refused(db):
    assert not challenge.solved("forged:token", "3")
    assert not challenge.solved("", "")


def _file_names(report) -> list[str]:
    """The citizen's own file names, kept encrypted with the identity (never in the evidence row)."""
    from pantau.reports.services import attachment_origins

    return sorted(row["name"] for row in attachment_origins(report))


def test_it_keeps_the_evidence_while_the_reporter_answers_the_question(client, kecamatan, settings):
    settings.PANTAU_REPORT_BROWSER_LIMIT = 1
    _send(client, kecamatan)
    data = form_data(kecamatan)
    data["evidence"] = [upload("foto-bukti.jpg")]
    asked = client.post("/lapor/", data)
    body = asked.content.decode()
    assert asked.status_code == 429 and "<li>foto-bukti.jpg</li>" in body
    kept = re.search(r'name="stash" value="([^"]+)"', body).group(1)
    token, answer = _question(asked)
    assert _send(client, kecamatan, challenge=token, answer=str(answer), stash=kept).status_code == 302
    report = Report.objects.order_by("-pk").first()
    assert _file_names(report) == ["foto-bukti.jpg"]
    assert stash.kept_files(kept) == []  # sent: nothing left on the server


def test_it_keeps_the_evidence_after_a_mistake_in_the_form(client, kecamatan):
    data = form_data(kecamatan, consent="")
    data["evidence"] = [upload("foto-bukti.jpg")]
    body = client.post("/lapor/", data).content.decode()
    kept = re.search(r'name="stash" value="([^"]+)"', body).group(1)
    data = form_data(kecamatan, stash=kept)
    data["evidence"] = [upload("surat.pdf", files.normal_pdf(), "application/pdf")]
    assert client.post("/lapor/", data).status_code == 302
    assert _file_names(Report.objects.get()) == ["foto-bukti.jpg", "surat.pdf"]


def test_it_ignores_a_forged_stash_token(client, kecamatan):
    assert _send(client, kecamatan, stash="../../etc:forged").status_code == 302
    assert Report.objects.get().attachments.count() == 0


def test_it_removes_stale_stashes_only(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    token = stash.keep([upload("lama.jpg")])
    assert stash.purge_stale() == 0
    assert len(stash.kept_files(token)) == 1
    assert stash.purge_stale(now=9_999_999_999) == 1
    assert stash.kept_files(token) == []


def test_it_leaves_out_the_kept_files_when_the_reporter_says_so(client, kecamatan):
    data = form_data(kecamatan, consent="")
    data["evidence"] = [upload("salah-foto.jpg")]
    body = client.post("/lapor/", data).content.decode()
    kept = re.search(r'name="stash" value="([^"]+)"', body).group(1)
    assert _send(client, kecamatan, stash=kept, discard_kept="1").status_code == 302
    assert Report.objects.get().attachments.count() == 0


def test_it_keeps_the_evidence_when_completing_a_report_goes_wrong(client, make_report):
    from datetime import timedelta

    from django.utils import timezone

    report = make_report(kecamatan=None)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.post(
        "/lapor/status/lengkapi/", {"kode": report.code, "occurred_on": tomorrow, "evidence": [upload("tambahan.jpg")]}
    )
    body = refused.content.decode()
    assert refused.status_code == 400 and "<li>tambahan.jpg</li>" in body
    kept = re.search(r'name="stash" value="([^"]+)"', body).group(1)
    assert client.post("/lapor/status/lengkapi/", {"kode": report.code, "stash": kept}).status_code == 302
    assert _file_names(report) == ["tambahan.jpg"]


def test_it_forgets_the_counts_of_past_hours(client, kecamatan, settings, monkeypatch):
    from pantau.reports import ratelimit

    settings.PANTAU_REPORT_BROWSER_LIMIT = 1
    assert _send(client, kecamatan).status_code == 302
    assert _send(client, kecamatan).status_code == 429
    later = ratelimit.time.time() + ratelimit.WINDOW_SECONDS
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert ratelimit.purge_rate_counts() == 2  # the browser's count and the address's
    assert _send(client, kecamatan).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_it_counts_every_report_of_concurrent_web_processes():
    """The counts are in the database, added to in one statement: a browser's reports sent through
    several processes at once are all counted (here: several connections)."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        # The test database is SQLite's shared in-memory one, where a second writer fails at once
        # instead of waiting as on a file (busy_timeout); SQLite has one writer anyway.
        pytest.skip("concurrent writers are PostgreSQL's case")

    from pantau.reports import ratelimit
    from pantau.reports.models import RateCount

    def count():
        ratelimit._count(["report-browser:shared"], ratelimit.WINDOW_SECONDS)
        connection.close()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert RateCount.objects.get(key="report-browser:shared").count == 8
