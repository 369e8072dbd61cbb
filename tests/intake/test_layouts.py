"""The layouts the real tools write (samples in samples/layouts, written by the project), read without a database."""

import json
import shutil
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pantau.intake.formats import FileRejected, Record, RowProblem, Skipped, Source, read_records

LAYOUTS = Path(__file__).parent / "samples" / "layouts"
WIB = timezone(timedelta(hours=7))
NNBSP, LRM, RLM = "\u202f", "\u200e", "\u200f"


def read(path, fmt=None, **kwargs):
    source = Source(path, max_line=1024 * 1024, max_document=64 * 1024 * 1024, **kwargs)
    detected, items = read_records(source, fmt)
    items = list(items)
    records = [i for i in items if isinstance(i, Record)]
    return detected, records, items, source


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [
        ("wa_iphone_id_notices.txt", "whatsapp", 5),
        ("wa_iphone_en_us.txt", "whatsapp", 4),
        ("wa_android_ambiguous.txt", "whatsapp", 7),
        ("wa_android_announcement.txt", "whatsapp", 3),
        ("wa_android_id_2019.txt", "whatsapp", 6),
        ("wa_iphone_ms.txt", "whatsapp", 4),
        ("x_twarc2_search.jsonl", "x-api-v2", 3),
        ("x_responses_concatenated.json", "x-api-v2", 3),
        ("x_twarc2_flat.jsonl", "x-api-v2", 2),
        ("x_twarc2_csv.csv", "twarc-csv", 3),
        ("x_twarc1.jsonl", "x-api-v1", 3),
        ("academictwitteR_tidy.csv", "academictwitter-csv", 2),
        ("academictwitteR/data_1840000000000000503.json", "x-api-v2", 3),
        ("x_archive/data/tweets.js", "x-archive", 2),
        ("telegram_messages.html", "telegram-html", 4),
        ("telegram_all_chats_result.json", "telegram", 5),
        ("telegram_messages2.html", "telegram-html", 1),
        ("facebook_dyi_group_posts.json", "facebook-dyi", 2),
        ("facebook_dyi_your_posts_1.json", "facebook-dyi", 1),
        ("facebook_dyi_comments.json", "facebook-dyi", 1),
        ("instagram_posts_1.json", "instagram-export", 2),
        ("instagram_reels_comments.json", "instagram-export", 1),
        ("tiktok_user_data.json", "tiktok-export", 2),
        ("youtube_comments.jsonl", "youtube", 2),
        ("youtube_comment_threads.json", "youtube", 2),
        ("youtube_downloader/Kp7Contoh01.json", "youtube", 2),
        ("youtube_downloader/pretty/Kp7Contoh01.json", "youtube", 2),
        ("apify_facebook.json", "scraper-json", 2),
        ("apify_instagram.json", "scraper-json", 1),
        ("apify_tiktok.csv", "scraper-csv", 1),
        ("apify_facebook_comments.json", "scraper-json", 3),
        ("apify_instagram_comments.json", "scraper-json", 2),
        ("apify_tiktok_comments.csv", "scraper-csv", 2),
        ("zeeschuimer_comments.ndjson", "zeeschuimer", 4),
        ("4cat_tiktok.csv", "4cat-csv", 1),
        ("4cat_telegram.csv", "4cat-csv", 2),
        ("4cat_telegram_v1.csv", "4cat-csv", 2),
        ("4cat_telegram.ndjson", "4cat-telegram", 2),
        ("crowdtangle_instagram.csv", "crowdtangle", 1),
        ("meta_content_library_v1.csv", "meta-content-library", 1),
    ],
)
def test_it_detects_and_reads_each_layout(name, fmt, count):
    detected, records, _, _ = read(LAYOUTS / name)
    assert detected == fmt
    assert len(records) == count


# ---------------------------------------------------------------- WhatsApp


def test_it_skips_iphone_system_notices_and_names_the_chat_from_the_export():
    _, records, items, source = read(LAYOUTS / "wa_iphone_id_notices.txt")
    assert [i.line for i in items if isinstance(i, Skipped)] == [1, 2, 3, 9, 10]
    assert {r.group_name for r in records} == {"Warga Contoh RT 07"}
    assert "Pesan ini dihapus" not in " ".join(r.text for r in records)
    assert records[0].text == "Selamat pagi warga, info rapat nanti malam\njam 19.30 di balai desa"
    assert records[1].author_name == "Sari Contoh"  # "~ Sari Contoh": a name not in the phone's contacts
    assert records[2].raw["media_omitted"] and records[2].text == ""
    assert records[3].attachments == ["00000012-PHOTO-2024-10-13-21-17-45.jpg"]
    assert records[4].author_kind == "phone" and records[4].author_id == "+6281200002222"
    assert "5 system notice(s) skipped" in source.notes


def test_it_reads_iphone_english_times_with_narrow_spaces_and_drops_the_edit_marker():
    _, records, _, _ = read(LAYOUTS / "wa_iphone_en_us.txt")
    assert records[0].posted_at == datetime(2024, 10, 14, 21, 6, tzinfo=WIB)
    assert records[0].group_name == "Relawan Contoh"  # the name iPhone writes before the first notice
    assert records[1].text == "" and records[1].raw["media_omitted"]
    assert records[2].attachments == ["00000031-PHOTO-2024-10-14-21-08-00.jpg"]
    assert records[3].posted_at == datetime(2024, 10, 15, 0, 30, tzinfo=WIB)  # 12:30 AM
    assert records[3].text == "Sudah sampai" and records[3].raw["edited"]


def test_it_decides_an_ambiguous_day_month_order_from_the_whole_chat():
    _, records, _, source = read(LAYOUTS / "wa_android_ambiguous.txt")
    assert [r.posted_at.date().isoformat() for r in records[:4]] == [
        "2024-10-01",
        "2024-10-02",
        "2024-10-03",
        "2024-10-05",
    ]
    assert any("day/month from the order of the dates" in note for note in source.notes)
    assert records[0].group_name == "Ronda Contoh RT 03"  # the last subject change
    assert [r.text for r in records[4:]] == ["", "", ""]  # media, view-once ("null") and empty messages kept


def test_it_reads_a_chat_that_stays_ambiguous_in_the_offices_order_and_says_so(tmp_path, monkeypatch):
    path = write(tmp_path, "chat.txt", "05/06/24 10.00 - Rina: halo\n05/06/24 10.05 - Budi: ya\n")
    _, records, _, source = read(path)
    assert records[0].posted_at.date().isoformat() == "2024-06-05"
    assert any("PANTAU_CHAT_DATE_ORDER" in note for note in source.notes)
    monkeypatch.setenv("PANTAU_CHAT_DATE_ORDER", "mdy")
    _, records, _, _ = read(path)
    assert records[0].posted_at.date().isoformat() == "2024-05-06"


def test_it_recognises_a_chat_that_opens_with_a_long_announcement():
    _, records, _, _ = read(LAYOUTS / "wa_android_announcement.txt")
    assert records[0].text.count("\n") == 60
    assert [r.author_name for r in records[1:]] == ["Warga Satu", "Warga Dua"]


def test_it_skips_the_older_indonesian_android_notices_and_keeps_attachments_without_echoes():
    _, records, items, _ = read(LAYOUTS / "wa_android_id_2019.txt")
    assert [i.line for i in items if isinstance(i, Skipped)] == [1, 2, 3, 10]
    assert {r.group_name for r in records} == {"Saksi TPS Contoh"}
    document, audio, live, location, photo = records[1:]
    assert (document.text, document.attachments) == ("", ["Laporan_TPS_07.pdf"])
    assert (audio.text, audio.attachments) == ("", ["AUD-20190720-WA0003."])
    assert (live.text, live.raw["media_omitted"], live.author_kind) == ("", True, "phone")
    assert location.links == ["https://maps.google.com/?q=-6.200000,106.816666"]
    assert (photo.text, photo.attachments) == ("Foto baliho di depan TPS 07", ["IMG-20190721-WA0001.jpg"])
    assert photo.posted_at == datetime(2019, 7, 21, 8, 10, tzinfo=WIB)


def test_it_reads_a_malay_iphone_chat_with_its_notices_and_media_markers():
    _, records, items, source = read(LAYOUTS / "wa_iphone_ms.txt")
    assert [i.line for i in items if isinstance(i, Skipped)] == [1, 5, 6]
    assert {r.group_name for r in records} == {"Relawan Contoh"}  # named before the encryption notice
    phone, image, sticker, thanks = records
    assert (phone.author_id, phone.author_name, phone.author_kind) == ("+6281234567890", "+62 812-3456-7890", "phone")
    assert phone.posted_at == datetime(2024, 10, 14, 21, 6, tzinfo=WIB)
    assert [(r.text, r.raw["media_omitted"]) for r in (image, sticker)] == [("", True), ("", True)]
    assert (thanks.text, thanks.posted_at) == ("Terima kasih semua", datetime(2024, 10, 15, 7, 30, tzinfo=WIB))
    assert not any("does not name the chat" in note for note in source.notes)


def test_it_keeps_iphone_attachments_and_polls_whose_words_look_like_notices(tmp_path):
    text = (
        f"[14/10/24 21.05.00] Rina: {LRM}<attached: 00000012-Daftar warga keluar RT 03.pdf>\n"
        f"[14/10/24 21.06.00] Rina: {LRM}POLL:\n{LRM}Siapa yang keluar jaga malam ini?\n{LRM}OPTION: Pak RT (2 votes)\n"
        f"[14/10/24 21.07.00] Warga RT 03: {LRM}Rina menambahkan Dodi\n"
    )
    _, records, items, _ = read(write(tmp_path, "_chat.txt", text))
    assert [r.attachments for r in records] == [["00000012-Daftar warga keluar RT 03.pdf"], []]
    assert records[1].text == "POLL:\nSiapa yang keluar jaga malam ini?\nOPTION: Pak RT (2 votes)"
    assert [i.line for i in items if isinstance(i, Skipped)] == [5]


def test_it_rejects_the_text_of_a_chat_cut_before_its_first_header_instead_of_dropping_it(tmp_path):
    text = "lanjutan pesan yang terpotong\n\n" + "".join(f"14/10/2024, 21:0{i} - Rina: pesan {i}\n" for i in range(3))
    _, records, items, _ = read(write(tmp_path, "chat.txt", text))
    assert [r.text for r in records] == ["pesan 0", "pesan 1", "pesan 2"]
    assert [(i.line, i.reason) for i in items if isinstance(i, RowProblem)] == [
        (1, "1 line(s) of text before the first message header: no sender or time to read")
    ]


def test_it_gives_an_iphone_number_and_the_same_android_number_one_account(tmp_path):
    iphone = "[14/10/24 21.05.00] \u202a+62 812\u20113456\u20117890\u202c: halo\n"
    android = "14/10/24 21.06 - +62 812-3456-7890: halo lagi\n"
    first = read(write(tmp_path, "a.txt", iphone))[1][0]
    second = read(write(tmp_path, "b.txt", android))[1][0]
    assert first.author_id == second.author_id == "+6281234567890"


@pytest.mark.parametrize(
    "notice",
    [
        "Messages to this chat and calls are now secured with end-to-end encryption. Tap for more info.",
        "Pesan yang dikirim ke grup ini kini diamankan dengan enkripsi end-to-end. Ketuk untuk info selengkapnya.",
        "Pesan-pesan dan panggilan Anda diamankan dengan enkripsi end-to-end.",
        f"{LRM}Anda telah menghapus pesan ini.",
        f"{LRM}Missed group video call",
        f"{LRM}Voice call, {LRM}2 min",
        f"{LRM}Panggilan video, {LRM}5 mnt",
    ],
)
def test_it_skips_iphone_notices_written_after_a_name(tmp_path, notice):
    path = write(tmp_path, "_chat.txt", f"[14/10/24 21.05.00] Rina: {notice}\n[14/10/24 21.06.00] Rina: halo\n")
    _, records, items, _ = read(path)
    assert [r.text for r in records] == ["halo"]
    assert [i.line for i in items if isinstance(i, Skipped)] == [1]


@pytest.mark.parametrize(
    ("locale", "first_line"),
    [
        ("id Android", "14/10/24 21.05 - Rina: halo"),
        ("en-US Android", f"10/14/24, 9:05{NNBSP}PM - Rina: halo"),
        ("en-GB Android", "14/10/2024, 21:05 - Rina: halo"),
        ("en-IN Android", f"14/10/24, 9:05{NNBSP}pm - Rina: halo"),
        ("ms Android", "14/10/2024, 9:05 PTG - Rina: halo"),
        ("year first", "2024/10/14, 21:05 - Rina: halo"),
        ("en-US iPhone", f"{LRM}[10/14/24, 9:05:00{NNBSP}PM] Rina: halo"),
        ("vi iPhone, time first", "[21:05:00, 14/10/2024] Rina: halo"),
        ("ar Android, Arabic-Indic digits", f"١٤{RLM}/١٠{RLM}/٢٠٢٤، ٩:٠٥ م - Rina: halo"),
        ("ar iPhone", f"[١٤{RLM}/١٠{RLM}/٢٠٢٤، ٩:٠٥:٠٠ م] Rina: halo"),
        ("th iPhone, Buddhist calendar", "[14/10/2567 21:05:00] Rina: halo"),
    ],
)
def test_it_reads_each_phone_layout(tmp_path, locale, first_line):
    path = write(tmp_path, "chat.txt", first_line + "\n")
    detected, records, _, _ = read(path)
    assert detected == "whatsapp", locale
    assert (records[0].author_name, records[0].text) == ("Rina", "halo")
    assert records[0].posted_at == datetime(2024, 10, 14, 21, 5, tzinfo=WIB)


def test_it_reads_zone_less_chat_times_in_the_offices_zone(tmp_path, settings):
    settings.TIME_ZONE = "Asia/Makassar"
    _, records, _, _ = read(write(tmp_path, "chat.txt", "14/10/2024, 21:05 - Rina: halo\n"))
    assert records[0].posted_at.astimezone(UTC) == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)


def test_it_reads_a_utf16_chat(tmp_path):
    path = write(tmp_path, "chat.txt", "\ufeff14/10/2024, 21:05 - Rina: kopi café\n", encoding="utf-16-le")
    detected, records, _, _ = read(path)
    assert (detected, records[0].text) == ("whatsapp", "kopi café")


def test_it_reads_windows_1252_bytes_and_warns(tmp_path):
    path = write(tmp_path, "chat.txt", "14/10/2024, 21:05 - Rina: kopi café – enak\n", encoding="cp1252")
    _, records, _, source = read(path)
    assert records[0].text == "kopi café – enak"
    assert any("Windows-1252" in note for note in source.notes)


def test_it_reads_a_zip_export_with_media(tmp_path):
    path = tmp_path / "WhatsApp Chat - Relawan Contoh.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", (LAYOUTS / "wa_iphone_en_us.txt").read_text(encoding="utf-8"))
        archive.writestr("00000031-PHOTO-2024-10-14-21-08-00.jpg", b"\xff\xd8\xff\xe0 jpeg bytes")
    detected, records, _, source = read(path)
    assert detected == "whatsapp" and len(records) == 4
    with source.open_media(records[2].attachments[0]) as media:
        assert media.read().startswith(b"\xff\xd8")


def test_it_names_a_chat_from_its_group_argument_first(tmp_path):
    path = write(tmp_path, "_chat.txt", "14/10/2024, 21:05 - Rina: halo\n")
    _, records, _, source = read(path, group_name="Relawan Desa Contoh")
    assert records[0].group_name == "Relawan Desa Contoh"
    assert source.notes == []


def test_it_gives_one_chat_one_identity_whatever_the_file_is_called(tmp_path):
    text = (LAYOUTS / "wa_android_ambiguous.txt").read_text(encoding="utf-8")
    first = read(write(tmp_path, "WhatsApp Chat with Ronda.txt", text))[1]
    second = read(write(tmp_path, "WhatsApp Chat with Ronda (1).txt", text))[1]
    other = read(LAYOUTS / "wa_iphone_id_notices.txt")[1]
    assert first[0].group_id == second[0].group_id != other[0].group_id


# ---------------------------------------------------------------- X


def test_it_reads_a_concatenated_twarc2_file_with_a_stream_error_line():
    _, records, items, _ = read(LAYOUTS / "x_twarc2_search.jsonl")
    problems = [i for i in items if isinstance(i, RowProblem)]
    assert [(p.line, "operational-disconnect" in p.reason) for p in problems] == [(2, True)]
    retweet, quote, reply = records
    assert retweet.text.startswith("RT @akun_3: Paslon 2") and retweet.text.endswith("kronologi dan lokasi")
    assert retweet.references == [("retweet", "x:1840000000000000500")]
    assert quote.references == [("quote", "x:1840000000000000500")]
    assert quote.links == ["https://contoh.example/klarifikasi"]
    assert reply.references == [("reply", "x:1840000000000000502")] and reply.author_id == "akun_3"


def test_it_reads_pretty_printed_responses_one_after_another():
    _, records, _, _ = read(LAYOUTS / "x_responses_concatenated.json")
    assert [r.author_id for r in records] == ["akun_1", "akun_2", "akun_3"]


def test_it_reads_twarc2_flattened_tweets_with_their_inline_authors():
    _, records, _, _ = read(LAYOUTS / "x_twarc2_flat.jsonl")
    assert (records[0].author_id, records[0].author_name) == ("akun_1", "Akun Satu")
    assert records[0].text.endswith("kronologi dan lokasi")
    assert "__twarc" not in records[0].raw


def test_it_reads_twarc2_csv_with_its_retweets_replies_and_escaped_newlines():
    _, records, _, _ = read(LAYOUTS / "x_twarc2_csv.csv")
    original, retweet, reply = records
    assert original.text == "Surat suara sudah dicoblos duluan?\nCek: https://t.co/abc123"
    assert (original.author_id, original.author_name) == ("akun_contoh", "Akun Contoh")
    assert original.url == "https://x.com/akun_contoh/status/1846000000000000001"
    assert original.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert original.links == ["https://contoh.example/berita/surat-suara"]
    assert retweet.text == "RT @akun_contoh: " + original.text  # as the API reader writes a retweet
    assert retweet.references == [("retweet", "x:1846000000000000001")]
    assert reply.references == [("reply", "x:1846000000000000001")]


def test_it_reads_twarc1_v11_tweets_with_their_retweets_and_stream_extended_text():
    _, records, _, _ = read(LAYOUTS / "x_twarc1.jsonl")
    original, retweet, reply = records
    assert (original.author_id, original.author_name) == ("akun_contoh", "Akun Contoh")
    assert original.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert original.links == ["https://contoh.example/laporan"]
    assert original.url == "https://x.com/akun_contoh/status/1846000000000000201"
    assert retweet.text == "RT @akun_contoh: " + original.text
    assert retweet.references == [("retweet", "x:1846000000000000201")]
    assert reply.text == "@akun_contoh sudah, ke Panwaslu kecamatan tadi pagi bersama saksi"  # extended_tweet
    assert reply.references == [("reply", "x:1846000000000000201")]


def test_it_reads_academictwitters_tidy_table_saved_by_write_csv():
    _, records, _, _ = read(LAYOUTS / "academictwitteR_tidy.csv")
    original, retweet = records
    assert original.text == 'Kotak suara di TPS 12 sudah dibuka sebelum waktunya? "cek dulu" sebelum sebar'
    assert (original.post_id, original.author_id, original.author_name) == (
        "1846000000000000101",
        "akun_contoh",
        "Akun Contoh",
    )
    assert original.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert original.references == []  # R's NA is no source tweet
    assert retweet.text == "RT @akun_contoh: " + original.text  # the whole original, not the cut retweet
    assert retweet.references == [("retweet", "x:1846000000000000101")]


def test_it_reads_academictwitter_data_with_the_users_file_beside_it():
    _, records, _, source = read(LAYOUTS / "academictwitteR" / "data_1840000000000000503.json")
    assert [r.author_id for r in records] == ["akun_1", "akun_2", "akun_3"]
    assert records[0].text.endswith("kronologi dan lokasi")
    assert source.notes == []


def test_it_reads_academictwitter_data_alone_with_authors_by_id(tmp_path):
    path = tmp_path / "data_1.json"
    path.write_bytes((LAYOUTS / "academictwitteR" / "data_1840000000000000503.json").read_bytes())
    _, records, _, source = read(path)
    assert records[0].author_id == "101"
    assert any("users_" in note for note in source.notes)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("academictwitteR/users_1840000000000000503.json", "academictwitteR users file"),
        ("x_users_lookup.json", "users file (accounts, not posts)"),
        ("x_counts.json", "counts response"),
    ],
)
def test_it_refuses_x_files_that_hold_no_posts(name, message):
    with pytest.raises(FileRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        read(LAYOUTS / name)


def test_it_reads_the_second_part_of_a_large_x_archive(tmp_path):
    text = (LAYOUTS / "x_archive" / "data" / "tweets.js").read_text(encoding="utf-8")
    path = write(tmp_path, "tweets-part1.js", text.replace("window.YTD.tweets.part0", "window.YTD.tweets.part1"))
    detected, records, _, _ = read(path)
    assert (detected, [r.post_id for r in records]) == ("x-archive", ["1840000000000000600", "1840000000000000601"])


def test_it_gives_a_cut_short_long_post_of_an_x_archive_its_whole_text_from_note_tweet_js(tmp_path):
    whole = (
        "Warga &amp; relawan: jangan mudah percaya kabar bahwa TPS 27 dipindah ke kecamatan lain. "
        "Panitia sudah memastikan lokasinya tetap di balai desa, dan surat undangan memilih sudah dibagikan. "
        "Bila ada yang menyebarkan kabar lain, laporkan ke Panwaslu kecamatan beserta tautannya. "
        "Mari jaga pilkada yang damai dan jujur. Sumber: https://example.org/tps27"
    )
    tweets = [
        {
            "tweet": {
                "id_str": "1840000000000000700",
                "created_at": "Mon Oct 14 02:00:00 +0000 2024",
                "full_text": whole[:270] + "… https://t.co/AbC123",
                "entities": {"urls": []},
            }
        },
        {
            "tweet": {
                "id_str": "1840000000000000701",
                "created_at": "Mon Oct 14 02:00:01 +0000 2024",
                "full_text": "Pendek saja",
                "entities": {"urls": []},
            }
        },
    ]
    notes = [
        {
            "noteTweet": {
                "noteTweetId": "1840000000000009999",
                "createdAt": "2024-10-14T02:00:01.000Z",
                "core": {"text": whole.replace("&amp;", "&"), "urls": [{"expandedUrl": "https://example.org/tps27"}]},
            }
        },
    ]
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8")
    (data / "note-tweet.js").write_text("window.YTD.note_tweet.part0 = " + json.dumps(notes), encoding="utf-8")
    _, (long, short), _, source = read(data / "tweets.js")
    assert long.text == whole.replace("&amp;", "&") and long.links == ["https://example.org/tps27"]
    assert long.raw["noteTweet"]["core"]["text"].endswith("tps27")
    assert short.text == "Pendek saja"  # posted the same second, but not the note's beginning
    assert "1 long post(s) given their whole text from note-tweet.js" in source.notes


@pytest.mark.parametrize(
    "notes",
    ["window.YTD.note_tweet.part0 = [{", 'window.YTD.note_tweet.part0 = [{"noteTweet": {"core": {"text": ["x"]}}}, 7]'],
)
def test_it_reads_an_x_archive_whose_note_tweet_js_is_broken_or_odd(tmp_path, notes):
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_bytes((LAYOUTS / "x_archive" / "data" / "tweets.js").read_bytes())
    (data / "note-tweet.js").write_text(notes, encoding="utf-8")
    _, records, _, source = read(data / "tweets.js")
    assert [r.text for r in records] == ["Ayo ke TPS 27 November", "@akun_2 betul"]
    assert not notes.endswith("{") or "note-tweet.js beside tweets.js could not be read" in source.notes


def test_it_refuses_an_x_archive_file_that_is_not_its_tweets_and_names_the_right_one(tmp_path):
    like = '{"like": {"tweetId": "1840000000000000600", "fullText": "Ayo ke TPS"}}'
    path = write(tmp_path, "like.js", f"window.YTD.like.part0 = [\n  {like}\n]\n")
    with pytest.raises(FileRejected, match="archive's like file, not its tweets; import data/tweets.js"):
        read(path)


def test_it_reads_the_owner_of_an_x_archive_from_account_js():
    _, records, _, _ = read(LAYOUTS / "x_archive" / "data" / "tweets.js")
    assert records[0].url == "https://x.com/akun_arsip/status/1840000000000000600"
    assert records[1].references == [("reply", "x:1840000000000000502")]


# ---------------------------------------------------------------- Zeeschuimer, Telegram, Meta, others


def test_it_reads_an_ndjson_whose_first_item_is_larger_than_the_first_read(tmp_path):
    caption = "kampanye hitam " * 20000  # ~300 kB: larger than the 64 kB detection reads
    item = {
        "id": "ig9",
        "item_id": "3300000000000000009_111",
        "timestamp_collected": 1728700000000,
        "data": {"pk": "3300000000000000009", "code": "CxBig", "taken_at": 1728690000, "caption": {"text": caption}},
        "source_platform": "instagram.com",
    }
    small = {**item, "id": "ig10", "data": {**item["data"], "pk": "3300000000000000010", "caption": {"text": "ok"}}}
    path = tmp_path / "zeeschuimer.ndjson"
    path.write_text(json.dumps(item) + "\n" + json.dumps(small) + "\n")
    detected, records, _, _ = read(path)
    assert detected == "zeeschuimer"
    assert [r.post_id for r in records] == ["3300000000000000009", "3300000000000000010"]
    assert records[0].text.startswith("kampanye hitam kampanye hitam")


def test_it_reads_a_2024_facebook_export_with_photo_captions_and_its_owner_under_personal_information():
    posts = LAYOUTS / "facebook_dyi_2024" / "your_facebook_activity" / "posts"
    detected, records, items, _ = read(posts / "your_posts__check_ins__photos_and_videos_1.json")
    assert detected == "facebook-dyi"
    photo, link = records
    assert photo.text == "Baliho paslon dipasang di depan SD Negeri Contoh 😡"  # the photo's description
    assert photo.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert {r.author_name for r in records} == {"Sari Rékaan"}
    assert link.links == ["https://contoh.example/berita/baliho"]
    assert [(i.line, "check-in" in i.reason) for i in items if isinstance(i, RowProblem)] == [(3, True)]


def test_it_reads_zeeschuimer_comment_modules_as_replies_to_their_posts():
    _, records, items, _ = read(LAYOUTS / "zeeschuimer_comments.ndjson")
    comment, reply, instagram, facebook = records
    assert (comment.platform, comment.post_id, comment.author_id) == ("tiktok", "7425000000000000101", "warga.contoh")
    assert comment.text == "Ini hoaks, cek https://contoh.example/cek-fakta"
    assert comment.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert comment.references == [("reply", "tiktok:7425000000000000001")]  # the video it is under
    assert comment.group_name == "TikTok video 7425000000000000001"
    assert reply.references == [("reply", "tiktok:7425000000000000101")]  # the comment it answers
    assert (instagram.platform, instagram.author_name) == ("instagram", "Ibu Contoh")
    assert instagram.references == [("reply", "instagram:3460000000000000001")]
    assert (facebook.post_id, facebook.text) == ("1090000000000101", "Sudah dilaporkan ke Panwascam")
    assert facebook.references == [("reply", "facebook:1090000000000001")]
    problems = [(i.line, i.reason) for i in items if isinstance(i, RowProblem)]
    assert problems == [
        (4, "a Facebook comment without text (a sticker or photo?)"),
        (5, "platform 'pinterest.com' is not supported"),
    ]


def test_it_decodes_the_mojibake_of_a_facebook_dyi_export():
    _, records, _, _ = read(LAYOUTS / "facebook_dyi_group_posts.json")
    assert records[0].text == "Pak Bupati 😡 curang! Warga Dusun Timur jangan mau dibodohi"
    assert (records[0].author_name, records[0].group_name) == ("Budi Rékaan", "Forum Warga Contoh – Bartim")
    assert records[1].links == ["https://contoh.example/berita"]
    _, comments, _, _ = read(LAYOUTS / "facebook_dyi_comments.json")
    assert comments[0].text == "Itu fitnah, jangan disebar ‼️" and comments[0].group_name == "Forum Warga Contoh"


def test_it_reads_telegram_desktop_html_with_replies_and_forwards():
    _, records, _, _ = read(LAYOUTS / "telegram_messages.html")
    first, joined, reply, forward = records
    assert first.text == "Baca: https://contoh.example/hoaks\npaslon 2 curang!"
    assert first.posted_at == datetime(2024, 10, 14, 14, 5, 12, tzinfo=UTC)
    assert first.group_name == "Grup Diskusi Contoh Bartim"
    assert (joined.author_name, joined.text) == ("Budi Rekaan", "[media]")  # a "joined" message keeps its sender
    assert reply.references == [("reply", f"telegram:{first.group_id}/2")]
    assert forward.references == [("forward", "telegram-forward:kanal-hoaks-contoh")]
    assert forward.text == "Paslon 2 bagi sembako"


def test_it_counts_the_service_messages_of_a_telegram_html_page_but_not_its_date_lines():
    _, _, items, _ = read(LAYOUTS / "telegram_messages.html")
    assert [(i.line, i.reason) for i in items if isinstance(i, Skipped)] == [(1, "system notice")]


def test_it_reads_a_later_telegram_html_page_with_a_poll_replying_to_the_first_page():
    _, records, items, _ = read(LAYOUTS / "telegram_messages2.html")
    first_page = read(LAYOUTS / "telegram_messages.html")[1]
    (poll,) = records
    assert poll.text == "Siapa yang jaga posko besok?\n- Pagi\n- Sore"
    assert poll.group_id == first_page[0].group_id  # both pages are one chat
    assert poll.references == [("reply", f"telegram:{first_page[0].group_id}/5")]
    assert poll.posted_at == datetime(2024, 10, 15, 1, 0, tzinfo=UTC)
    assert [i.line for i in items if isinstance(i, Skipped)] == [6]  # "pinned this message"


def test_it_reads_every_chat_of_a_telegram_all_chats_export_including_the_ones_left():
    # The account's contacts fill the first 64 kB: the chats come later in the file.
    detected, records, items, _ = read(LAYOUTS / "telegram_all_chats_result.json")
    assert detected == "telegram"
    assert [i.line for i in items if isinstance(i, Skipped)] == [1, 6]  # create_group, an unsupported message
    forward, reply, poll, sticker, channel_post = records
    assert forward.posted_at == datetime(2024, 10, 14, 13, 5, tzinfo=UTC)
    assert forward.text == "Baca dulu bit.ly/berita-contoh sebelum disebar"
    assert forward.links == ["bit.ly/berita-contoh"]
    assert forward.references == [("forward", "telegram-forward:kanal-berita-contoh")]
    assert (reply.author_id, reply.author_name) == ("user100002", "")  # a deleted account
    assert reply.references == [("reply", "telegram:1122334455/41")]  # a reply to the channel's message
    assert poll.text == "Siapa yang jaga posko besok?\n- Pagi\n- Sore"
    assert sticker.text == "[media]"
    assert (channel_post.post_id, channel_post.group_name) == ("1122334455/41", "Kanal Berita Contoh")
    assert channel_post.author_kind == "channel"
    assert channel_post.links == ["https://contoh.example/hitung"]


def test_it_reads_the_platforms_own_exports():
    _, instagram, _, _ = read(LAYOUTS / "instagram_posts_1.json")
    assert instagram[0].text == "Kampanye damai di Tamiang Layang ✨"
    _, tiktok, _, _ = read(LAYOUTS / "tiktok_user_data.json")
    assert tiktok[0].url == "https://www.tiktok.com/@rekaan_tt/video/7420000000000000001"
    assert tiktok[1].posted_at == datetime(2024, 10, 12, 14, 0, tzinfo=UTC)


def test_it_reads_youtube_comments_and_their_replies():
    _, downloaded, _, _ = read(LAYOUTS / "youtube_comments.jsonl")
    assert downloaded[0].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbCdEf123"
    assert downloaded[1].references == [("reply", "youtube:UgzAbCdEf123")]
    _, api, _, _ = read(LAYOUTS / "youtube_comment_threads.json")
    assert (api[0].author_name, api[1].references) == ("@pemantau", [("reply", "youtube:UgyThread1")])


@pytest.mark.parametrize("name", ["Kp7Contoh01.json", "pretty/Kp7Contoh01.json"])
def test_it_files_youtube_comment_downloader_output_under_the_video_its_file_is_named_after(name):
    _, records, _, source = read(LAYOUTS / "youtube_downloader" / name)
    comment, reply = records
    assert (comment.group_id, comment.group_name) == ("Kp7Contoh01", "YouTube video Kp7Contoh01")
    assert comment.url == "https://www.youtube.com/watch?v=Kp7Contoh01&lc=UgxKontoh0001"
    assert (comment.author_id, comment.author_name) == ("UCcontoh0000000000000011", "@wargacontoh")
    assert comment.posted_at == datetime(2024, 10, 12, 13, 15, tzinfo=UTC)
    assert reply.references == [("reply", "youtube:UgxKontoh0001")]
    assert source.notes == []


def test_it_says_when_downloaded_youtube_comments_name_no_video(tmp_path):
    path = tmp_path / "komentar.json"
    path.write_bytes((LAYOUTS / "youtube_downloader" / "Kp7Contoh01.json").read_bytes())
    _, records, _, source = read(path)
    assert {r.group_id for r in records} == {""}
    assert any("name no video" in note and "<video id>.json" in note for note in source.notes)


def test_it_reads_hosted_scrapers_and_4cat_exports():
    _, facebook, _, _ = read(LAYOUTS / "apify_facebook.json")
    assert (facebook[0].group_id, facebook[0].group_name) == ("forumwargacontoh", "Forum Warga Contoh")
    assert facebook[1].author_kind == "page" and facebook[1].group_id == ""
    _, tiktok, _, _ = read(LAYOUTS / "apify_tiktok.csv")
    assert (tiktok[0].author_id, tiktok[0].author_name) == ("rekaan_tt", "Rekaan TT")
    _, telegram, _, _ = read(LAYOUTS / "4cat_telegram.csv")
    assert telegram[1].post_id == "kanalcontoh/12"
    assert telegram[1].references[0] == ("reply", "telegram:kanalcontoh/11")


def test_it_reads_facebook_comments_as_posts_of_whoever_wrote_them_answering_the_post_or_comment():
    _, (comment, nested, reply), _, _ = read(LAYOUTS / "apify_facebook_comments.json")
    # The commenter, not the page whose id the scraper writes as facebookId.
    assert (comment.author_id, comment.author_name) == ("100000000000101", "Warga Rekaan")
    assert (comment.post_id, comment.group_id) == ("2000000000000001", "forumwargacontoh")
    assert comment.url.endswith("?comment_id=2000000000000001")
    assert comment.references == [("reply", "facebook:1234567890123456")]
    assert "comments" not in comment.raw  # its replies are posts of their own
    assert (nested.post_id, nested.author_id) == ("2000000000000002", "penyebar.contoh")  # no id: the link's name
    assert nested.references == [("reply", "facebook:2000000000000001")]
    assert (reply.post_id, reply.references) == ("2000000000000003", [("reply", "facebook:2000000000000001")])
    assert reply.posted_at == datetime(2024, 10, 12, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("profile_url", "profile_id", "author_id"),
    [
        ("https://www.facebook.com/profile.php?id=100000000000101", "pfbid02Rotasi", "100000000000101"),
        ("https://www.facebook.com/people/Warga-Rekaan/100000000000102/", "pfbid02Rotasi", "100000000000102"),
        ("https://www.facebook.com/warga.rekaan", "100000000000103", "100000000000103"),
        ("https://www.facebook.com/warga.rekaan", "pfbid02Rotasi", "warga.rekaan"),
        ("", "pfbid02Rotasi", "pfbid02Rotasi"),
    ],
)
def test_it_names_a_facebook_commenter_by_the_most_lasting_id_it_has(tmp_path, profile_url, profile_id, author_id):
    item = json.loads((LAYOUTS / "apify_facebook_comments.json").read_text())[1]
    item.update(profileUrl=profile_url, profileId=profile_id)
    _, (record,), _, _ = read(write(tmp_path, "comments.json", json.dumps([item])))
    assert record.author_id == author_id


def test_it_reads_instagram_and_tiktok_comments_with_what_they_answer():
    _, (comment, reply), _, _ = read(LAYOUTS / "apify_instagram_comments.json")
    assert (comment.platform, comment.author_id, comment.post_id) == ("instagram", "akun.rekaan", "17900000000000001")
    assert comment.url == "https://www.instagram.com/p/CxContoh01/c/17900000000000001/"
    assert (reply.author_id, reply.references) == ("warga.tanya", [("reply", "instagram:17900000000000001")])
    assert reply.url == "https://www.instagram.com/p/CxContoh01/c/17900000000000001/r/17900000000000002/"
    _, (first, answer), _, _ = read(LAYOUTS / "apify_tiktok_comments.csv")
    assert (first.author_id, first.text) == ("pemarah_tt", "Bakar saja posko mereka")
    assert first.references == [("reply", "tiktok:7420000000000000001")]  # the video, as the TikTok Scraper keys it
    # No link of its own: the video's link would make a report of the video find its comments.
    assert first.url == "" and first.post_id != "7420000000000000001"
    assert answer.references == [("reply", f"tiktok:{first.post_id}")]
    assert answer.posted_at == datetime(2024, 10, 12, 13, 33, 20, tzinfo=UTC)


@pytest.mark.parametrize("lines", [False, True])
def test_it_takes_tiktok_comments_as_json_for_tiktok_not_youtube(tmp_path, lines):
    import csv

    items = list(csv.DictReader((LAYOUTS / "apify_tiktok_comments.csv").open(encoding="utf-8")))
    text = "\n".join(json.dumps(item) for item in items) if lines else json.dumps(items)
    detected, records, _, _ = read(write(tmp_path, "dataset.jsonl" if lines else "dataset.json", text))
    assert detected == "scraper-json"
    assert [(r.platform, r.author_id) for r in records] == [("tiktok", "pemarah_tt"), ("tiktok", "warga_tenang")]


def test_it_reads_the_replies_nested_in_the_columns_of_a_comment_scrapers_csv_download(tmp_path):
    import csv

    def flat(value, prefix=""):
        if isinstance(value, dict | list):
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            return {k: v for key, item in pairs for k, v in flat(item, f"{prefix}{key}/").items()}
        return {prefix.rstrip("/"): value}

    rows = [flat(item) for item in json.loads((LAYOUTS / "apify_facebook_comments.json").read_text())]
    path = tmp_path / "dataset_facebook-comments-scraper.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=sorted({k for row in rows for k in row}))
        writer.writeheader()
        writer.writerows(rows)
    detected, records, _, _ = read(path)
    assert detected == "scraper-csv"
    assert [(r.post_id, r.author_name) for r in records] == [
        ("2000000000000001", "Warga Rekaan"),
        ("2000000000000002", "Penyebar Contoh"),
        ("2000000000000003", "Warga Jernih"),
    ]
    assert records[1].references == [("reply", "facebook:2000000000000001")]


def test_it_reads_the_older_4cat_telegram_csv_with_bare_ids_and_its_forward_column():
    _, records, _, _ = read(LAYOUTS / "4cat_telegram_v1.csv")
    first, forwarded = records
    assert (first.post_id, first.url) == ("kanalcontoh/11", "https://t.me/kanalcontoh/11")
    assert (first.author_id, first.author_name) == ("kanal_contoh", "Kanal Contoh")  # the username, as in 4CAT's NDJSON
    assert first.posted_at == datetime(2024, 10, 12, 13, 15, tzinfo=UTC)  # unix_timestamp, not the server's local time
    assert (forwarded.author_id, forwarded.author_name) == ("5123000002", "Warga Contoh")  # no username: the id
    assert forwarded.references == [
        ("reply", "telegram:kanalcontoh/11"),
        ("forward", "telegram-forward:kanal-hoaks-contoh"),
    ]


def test_it_reads_4cat_telegram_messages_with_their_chat_and_sender():
    _, records, _, _ = read(LAYOUTS / "4cat_telegram.ndjson")
    assert (records[0].author_kind, records[0].url) == ("channel", "https://t.me/kanalcontohbartim/41")
    assert records[1].author_name == "Warga Contoh"
    assert records[1].references == [
        ("reply", "telegram:kanalcontohbartim/41"),
        ("forward", "telegram-forward:kanal-hoaks-contoh"),
    ]


def test_it_keeps_a_4cat_telegram_forward_whose_origin_is_named_by_its_id_alone(tmp_path):
    line = json.loads((LAYOUTS / "4cat_telegram.ndjson").read_text().splitlines()[1])
    line["fwd_from"] = {
        "_": "MessageFwdHeader",
        "from_id": {"_": "PeerChannel", "channel_id": 1500000009},
        "channel_post": 7,
    }
    _, (record,), _, _ = read(write(tmp_path, "telegram.ndjson", json.dumps(line) + "\n"))
    assert ("forward", "telegram-forward:channel1500000009") in record.references


def test_it_reads_the_column_sets_and_zones_of_meta_exports():
    _, instagram, _, _ = read(LAYOUTS / "crowdtangle_instagram.csv")
    assert (instagram[0].platform, instagram[0].author_id) == ("instagram", "akun.contoh")
    assert instagram[0].posted_at == datetime(2024, 10, 12, 13, 15, tzinfo=UTC)  # "20:15:00 WIB"
    _, library, _, _ = read(LAYOUTS / "meta_content_library_v1.csv")
    assert (library[0].author_name, library[0].group_name) == ("Kepala Desa Contoh", "Info Warga Contoh")
    assert library[0].posted_at == datetime(2024, 10, 12, 13, 15, tzinfo=UTC)  # the Content Library writes UTC


@pytest.mark.parametrize(
    "marker",
    ["<Media omitted>", "<Media tidak disertakan>", "<Multimedia omitido>", "<View once message>", "null"],
)
def test_it_reads_media_markers_of_other_phone_languages_as_media(tmp_path, marker):
    _, records, _, _ = read(write(tmp_path, "chat.txt", f"14/10/2024, 21:05 - Rina: {marker}\n"))
    assert (records[0].text, records[0].raw["media_omitted"]) == ("", True)


def test_it_keeps_a_message_that_only_mentions_a_system_phrase(tmp_path):
    text = "14/10/2024, 21:05 - Rina: aku sudah membuat grup baru, nanti ditambahkan\n"
    _, records, items, _ = read(write(tmp_path, "chat.txt", text))
    assert [r.text for r in records] == ["aku sudah membuat grup baru, nanti ditambahkan"]
    assert not [i for i in items if isinstance(i, Skipped)]


def test_it_names_the_owner_of_a_meta_export_from_its_profile_file(tmp_path):
    root = tmp_path / "instagram-akun.contoh-2024-10-20"
    (root / "your_instagram_activity" / "content").mkdir(parents=True)
    (root / "personal_information" / "personal_information").mkdir(parents=True)
    shutil.copy(LAYOUTS / "instagram_posts_1.json", root / "your_instagram_activity" / "content" / "posts_1.json")
    profile = {"profile_user": [{"string_map_data": {"Username": {"value": "akun.contoh"}, "Name": {"value": "A"}}}]}
    (root / "personal_information" / "personal_information" / "personal_information.json").write_text(
        json.dumps(profile)
    )
    _, records, _, _ = read(root / "your_instagram_activity" / "content" / "posts_1.json")
    assert {r.author_id for r in records} == {"akun.contoh"}
    _, records, _, _ = read(LAYOUTS / "instagram_posts_1.json")
    assert records[0].author_id == ""  # no profile file beside it: the export does not say whose it is


def test_it_rejects_a_cut_line_of_a_twarc2_file_and_reads_on(tmp_path):
    lines = (LAYOUTS / "x_twarc2_search.jsonl").read_text().splitlines()
    path = write(tmp_path, "search.jsonl", lines[0][:500] + "\n" + lines[2] + "\n")
    _, records, items, _ = read(path)
    assert [i.line for i in items if isinstance(i, RowProblem)] == [1]
    assert [r.post_id for r in records] == ["1840000000000000503"]


def test_it_refuses_a_password_protected_zip_with_one_line(tmp_path):
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", "14/10/2024, 21:05 - Rina: halo\n")
    data = bytearray(path.read_bytes())
    data[6] |= 0x01  # the "encrypted" flag of the member
    data[data.find(b"PK\x01\x02") + 8] |= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(FileRejected, match="cannot be read"):
        read(path)
