"""Each importer on a realistic sample (invented people), and detection from the content."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pantau.intake.formats import FileRejected, Record, RowProblem, Source, read_records

SAMPLES = Path(__file__).parent / "samples"


def records_of(name, fmt=None, tmp=None):
    source = Source(SAMPLES / name if tmp is None else tmp, max_line=1024 * 1024, max_document=10 * 1024 * 1024)
    detected, items = read_records(source, fmt)
    items = list(items)
    return detected, [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, RowProblem)]


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [
        ("generic.csv", "csv", 3),
        ("generic.jsonl", "jsonl", 2),
        ("gen_posts.jsonl", "jsonl", 3),
        ("meta_content_library.csv", "meta-content-library", 2),
        ("crowdtangle.csv", "crowdtangle", 2),
        ("zeeschuimer.ndjson", "zeeschuimer", 4),
        ("x_api_v2.json", "x-api-v2", 2),
        ("telegram_result.json", "telegram", 2),
        ("Chat WhatsApp dengan Warga Contoh RT 05.txt", "whatsapp", 4),
        ("WhatsApp Chat with Relawan Contoh.txt", "whatsapp", 3),
        ("wa_ios_id.txt", "whatsapp", 2),
    ],
)
def test_it_detects_and_reads_each_sample(name, fmt, count):
    detected, records, problems = records_of(name)
    assert detected == fmt
    assert problems == []
    assert len(records) == count


def test_it_keeps_multi_line_csv_text():
    _, records, _ = records_of("generic.csv")
    assert records[1].text == "Debat tadi malam menarik,\nprogram pertanian paling jelas"
    assert records[1].posted_at == datetime(2024, 10, 3, 2, 0, tzinfo=UTC)
    assert records[0].kecamatan == "Awang"


def test_it_maps_meta_content_library_owner_and_group():
    _, records, _ = records_of("meta_content_library.csv")
    assert (records[0].author_name, records[0].group_name) == ("Rina Rekaan", "Forum Warga Contoh")
    assert records[1].author_kind == "page" and records[1].group_id == ""
    assert records[1].links == ["https://contoh.example/jadwal"]


def test_it_reads_crowdtangle_times_with_zone_abbreviations():
    _, records, _ = records_of("crowdtangle.csv")
    assert records[0].posted_at == datetime(2024, 10, 12, 13, 15, tzinfo=UTC)
    assert records[0].post_id == "123456789012345_987654321"
    assert records[0].author_name == "Kabar Contoh Bartim"


def test_it_maps_each_zeeschuimer_platform():
    _, records, _ = records_of("zeeschuimer.ndjson")
    by_platform = {r.platform: r for r in records}
    assert by_platform["instagram"].url == "https://www.instagram.com/p/CxAbCdEf/"
    assert by_platform["tiktok"].author_id == "rekaan_tt"
    assert by_platform["x"].links == ["https://contoh.example/amplop"]
    assert by_platform["facebook"].group_name == "Grup Contoh Warga"
    assert by_platform["facebook"].text == "Usir pendatang dari kampung kita"


def test_it_joins_x_api_users_to_tweets():
    _, records, _ = records_of("x_api_v2.json")
    assert records[0].author_id == "contoh_satu"
    assert records[0].url == "https://x.com/contoh_satu/status/1840000000000000010"


def test_it_reads_telegram_text_entities_and_skips_service_messages():
    _, records, _ = records_of("telegram_result.json")
    assert records[0].text == "Baca: https://contoh.example/hoaks paslon 2 curang!"
    assert records[0].posted_at == datetime(2024, 10, 15, 12, 0, tzinfo=UTC)
    assert records[1].text == "[media]"


def test_it_reads_indonesian_whatsapp_with_multi_line_messages_and_media():
    _, records, _ = records_of("Chat WhatsApp dengan Warga Contoh RT 05.txt")
    assert records[1].text == "Besok ada amplop dari tim paslon 2\nambil di rumah pak RT"
    assert records[1].author_kind == "phone" and records[1].author_id == "+6281200001111"
    assert records[2].text == "" and records[2].raw["media_omitted"]
    assert records[2].posted_at == datetime(2024, 10, 13, 14, 15, tzinfo=UTC)  # 21.15 WIB, day first
    assert records[0].group_name == "Warga Contoh RT 05"


def test_it_reads_english_whatsapp_with_12_hour_times():
    _, records, _ = records_of("WhatsApp Chat with Relawan Contoh.txt")
    assert records[0].posted_at == datetime(2024, 10, 14, 14, 5, tzinfo=UTC)  # 9:05 PM WIB, month first
    assert records[1].text == ""
    assert records[2].posted_at.astimezone(UTC).hour == 16


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"x" * 50, "GZ"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        (b"abc\x00\x01\x02", "binary"),
        (b'{"messages": [ {"id": 1, "type": "mess', "truncated"),
        (b"a,b,c\n1,2,3\n", "columns not recognised"),
        (b'{"messages": ' + b"[" * 100000 + b"]" * 100000 + b"}", "nested too deeply"),
    ],
)
def test_it_rejects_a_file_that_is_not_an_export_with_one_line(tmp_path, content, message):
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as info:
        records_of(None, tmp=path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_it_reports_a_bad_csv_row_by_line_and_imports_the_rest(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        "platform,post_id,text,posted_at\nfacebook,1,ok,2024-10-01T10:00:00\n"
        "facebook,2,bad time,kemarin sore\nfacebook,3,ok too,2024-10-01T11:00:00\n"
    )
    _, records, problems = records_of(None, tmp=path)
    assert [r.post_id for r in records] == ["1", "3"]
    assert [(p.line, p.reason) for p in problems] == [(3, "not a time: 'kemarin sore'")]


def test_it_skips_an_over_long_jsonl_line_as_a_rejected_row(tmp_path):
    path = tmp_path / "posts.jsonl"
    ok = b'{"platform": "x", "id": "1", "text": "ok"}\n'
    path.write_bytes(ok + b'{"text": "' + b"a" * 3000 + b'"}\n' + ok.replace(b'"1"', b'"2"'))
    source = Source(path, max_line=1024, max_document=10_000)
    _, items = read_records(source)
    items = list(items)
    assert [getattr(i, "post_id", None) for i in items] == ["1", None, "2"]
    assert items[1].line == 2 and "longer than 1024" in items[1].reason
