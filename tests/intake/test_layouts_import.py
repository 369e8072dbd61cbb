"""The layouts imported into posts, groups, links between posts and evidence; and manual capture with context."""

import io
import shutil
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from pantau.intake.importer import import_file
from pantau.intake.models import Post, PostEvidence, PostReference
from pantau.inventory.models import Group
from pantau.jobs.models import Job

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).parent / "samples" / "layouts"
WIB = timezone(timedelta(hours=7))


def jpeg_bytes(colour="red"):
    out = io.BytesIO()
    Image.new("RGB", (12, 8), colour).save(out, format="JPEG")
    return out.getvalue()


def test_it_makes_two_groups_of_two_different_chats_both_named_chat_txt(tmp_path):
    for name, sample in (("a", "wa_iphone_id_notices.txt"), ("b", "wa_iphone_en_us.txt")):
        (tmp_path / name).mkdir()
        shutil.copy(LAYOUTS / sample, tmp_path / name / "_chat.txt")
        import_file(tmp_path / name / "_chat.txt")
    assert sorted(Group.objects.filter(platform="whatsapp").values_list("name", flat=True)) == [
        "Relawan Contoh",
        "Warga Contoh RT 07",
    ]


def test_it_imports_one_chat_under_two_file_names_once(tmp_path):
    text = (LAYOUTS / "wa_android_ambiguous.txt").read_bytes()
    (tmp_path / "WhatsApp Chat with Ronda.txt").write_bytes(text)
    (tmp_path / "WhatsApp Chat with Ronda (1).txt").write_bytes(text)
    first = import_file(tmp_path / "WhatsApp Chat with Ronda.txt")
    second = import_file(tmp_path / "WhatsApp Chat with Ronda (1).txt")
    assert (first.created, second.created) == (7, 0)
    assert Group.objects.filter(platform="whatsapp").count() == 1


def test_it_counts_system_notices_as_skipped_and_shows_the_notes(tmp_path):
    summary = import_file(LAYOUTS / "wa_android_ambiguous.txt")
    assert (summary.created, summary.skipped, summary.notices, summary.rejected) == (7, 3, 3, 0)
    assert "skipped as system notices 3" in summary.line()
    assert any("day/month" in note for note in summary.as_dict()["notes"])


def test_it_keeps_the_pictures_of_a_zip_export_as_evidence_of_their_messages(tmp_path):
    path = tmp_path / "WhatsApp Chat - Relawan Contoh.zip"
    picture = jpeg_bytes()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", (LAYOUTS / "wa_iphone_en_us.txt").read_text(encoding="utf-8"))
        archive.writestr("00000031-PHOTO-2024-10-14-21-08-00.jpg", picture)
    summary = import_file(path)
    assert summary.created == 4
    link = PostEvidence.objects.select_related("post", "item").get()
    assert link.post.posted_at == datetime(2024, 10, 14, 21, 8, tzinfo=WIB)
    assert (link.item.original_name, link.item.size) == ("00000031-PHOTO-2024-10-14-21-08-00.jpg", len(picture))
    import_file(path)  # again: nothing new
    assert PostEvidence.objects.count() == 1


def test_it_links_replies_quotes_and_retweets_between_posts_in_any_order(tmp_path):
    import_file(LAYOUTS / "x_twarc2_search.jsonl")
    reply = PostReference.objects.get(kind="reply")
    assert reply.target.platform_post_id == "1840000000000000502"  # in the same file
    retweet = PostReference.objects.get(kind="retweet")
    assert retweet.target is None and retweet.target_key == "x:1840000000000000500"
    original = tmp_path / "original.jsonl"
    original.write_text('{"platform": "x", "id": "1840000000000000500", "text": "Paslon 2 bagi-bagi sembako"}\n')
    import_file(original)
    assert {r.target.platform_post_id for r in PostReference.objects.filter(kind__in=["retweet", "quote"])} == {
        "1840000000000000500"
    }


def test_it_imports_scraped_comments_by_their_writers_linked_to_the_video_they_answer(tmp_path):
    from pantau.inventory.models import Account

    summary = import_file(LAYOUTS / "apify_tiktok_comments.csv")
    assert summary.created == 2
    assert set(Account.objects.filter(platform="tiktok").values_list("platform_id", flat=True)) == {
        "pemarah_tt",
        "warga_tenang",
    }
    answer = PostReference.objects.get(post__author__platform_id="warga_tenang")
    assert answer.target.author.platform_id == "pemarah_tt"  # the comment it replies to, in the same file
    video = PostReference.objects.get(post__author__platform_id="pemarah_tt")
    assert video.target is None and video.target_key == "tiktok:7420000000000000001"
    scraped = tmp_path / "video.json"
    scraped.write_text(
        '[{"id": "7420000000000000001", "text": "Video kampanye", "createTimeISO": "2024-10-12T13:00:00.000Z",'
        ' "authorMeta": {"name": "rekaan_tt"}, "webVideoUrl": "https://www.tiktok.com/@rekaan_tt/video/7420000000000000001"}]'
    )
    import_file(scraped)
    video.refresh_from_db()
    assert video.target.text == "Video kampanye"
    assert import_file(LAYOUTS / "apify_tiktok_comments.csv").created == 0


def test_it_imports_academictwitter_data_with_its_users(tmp_path):
    summary = import_file(LAYOUTS / "academictwitteR" / "data_1840000000000000503.json")
    assert summary.created == 3
    assert set(Post.objects.values_list("author__platform_id", flat=True)) == {"akun_1", "akun_2", "akun_3"}


def test_the_command_names_a_chat_with_group(tmp_path, capsys):
    path = tmp_path / "_chat.txt"
    path.write_text("14/10/2024, 21:05 - Rina: halo\n", encoding="utf-8")
    call_command("import", str(path), "--no-progress", "--group", "Relawan Desa Contoh")
    assert Group.objects.get(platform="whatsapp").name == "Relawan Desa Contoh"


def test_the_import_form_names_a_chat_for_the_job(users, client_for):
    from pantau.jobs.runner import run_job

    upload = SimpleUploadedFile("_chat.txt", b"14/10/2024, 21:05 - Rina: halo\n")
    client_for(users["analyst"]).post(reverse("intake:import"), {"file": upload, "group": "Posko Contoh"})
    job = run_job(Job.objects.get().pk)
    assert job.result["created"] == 1
    assert Group.objects.get(platform="whatsapp").name == "Posko Contoh"


# ---------------------------------------------------------------- manual capture


def capture(client, **data):
    return client.post(reverse("intake:capture"), {"platform": "facebook", "text": "", **data})


def test_a_capture_of_the_permalink_of_an_imported_post_adds_evidence_to_it(users, client_for, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        "platform,post_id,url,text,group_id,group_name\n"
        "facebook,,https://www.facebook.com/groups/forumwargacontoh/posts/1234567890/,Usir pendatang,fwc,Forum\n"
    )
    import_file(path)
    response = capture(
        client_for(users["analyst"]),
        url="https://m.facebook.com/groups/forumwargacontoh/permalink/1234567890/?mibextid=Nif5oz",
        files=[SimpleUploadedFile("layar.jpg", jpeg_bytes())],
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response.url == reverse("intake:detail", args=[post.pk])
    assert PostEvidence.objects.get().post == post
    assert post.text == "Usir pendatang"


def test_a_capture_finds_a_post_imported_with_its_id_only(users, client_for):
    import_file(LAYOUTS / "4cat_telegram.csv")
    capture(
        client_for(users["analyst"]),
        platform="telegram",
        url="https://t.me/kanalcontoh/12",
        files=[SimpleUploadedFile("layar.jpg", jpeg_bytes("blue"))],
    )
    assert Post.objects.count() == 2
    assert PostEvidence.objects.get().post.platform_post_id == "kanalcontoh/12"


def test_a_capture_keeps_the_group_and_the_times_posted_and_seen_apart(users, client_for):
    response = capture(
        client_for(users["analyst"]),
        url="https://www.facebook.com/groups/555/posts/777/",
        text="Serbu posko",
        group="Forum Warga Contoh",
        posted_at="2024-10-12T20:15",
        seen_at="2024-10-13T08:30",
    )
    assert response.status_code == 302
    post = Post.objects.select_related("group").get()
    assert (post.group.platform_id, post.group.name) == ("555", "Forum Warga Contoh")
    assert post.posted_at == datetime(2024, 10, 12, 20, 15, tzinfo=WIB)
    assert post.seen_at == datetime(2024, 10, 13, 8, 30, tzinfo=WIB)


def test_a_capture_chooses_a_known_group_by_its_name(users, client_for):
    Group.objects.create(platform="whatsapp", platform_id="wa-abc", name="Relawan Contoh")
    capture(
        client_for(users["analyst"]),
        platform="whatsapp",
        url="https://contoh.example/tangkapan/1",
        text="Pesan berantai",
        group="relawan contoh",
    )
    assert Post.objects.get().group.platform_id == "wa-abc"


def test_the_capture_page_offers_the_known_groups(users, client_for):
    Group.objects.create(platform="facebook", platform_id="9", name="Grup Pilihan Contoh")
    page = client_for(users["analyst"]).get(reverse("intake:capture")).content.decode()
    assert '<option value="Grup Pilihan Contoh">' in page
