import io

import pytest
from django.urls import reverse
from PIL import Image

from pantau.evidence.models import EvidenceItem
from pantau.intake.formats import Record
from pantau.intake.importer import Summary, save_records
from pantau.intake.models import Post, PostEvidence
from pantau.jobs.models import Job

pytestmark = pytest.mark.django_db

REFUSED = [(None, 302), ("pokja", 403), ("other_pokja", 403), ("admin", 403)]


@pytest.fixture
def post():
    record = Record(
        platform="facebook",
        post_id="77",
        url="https://www.facebook.com/groups/9/posts/77",
        author_id="fb-rina",
        author_name="Rina Contoh",
        group_id="9",
        group_name="Grup Contoh",
        text="Rumahnya paslon dua dibakar? Hoakslah itu, jangan disebarkan",
    )
    save_records([record], "test", None, Summary())
    return Post.objects.get()


def png_bytes(exif=False):
    image = Image.new("RGB", (20, 10), "red")
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraRahasia"  # Make
        image.save(out, format="JPEG", exif=data.tobytes())
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("url_name", ["intake:list", "intake:capture", "intake:import"])
@pytest.mark.parametrize(("who", "status"), REFUSED)
def test_it_refuses_outsiders_on_intake_pages(users, client_for, url_name, who, status):
    response = client_for(users.get(who)).get(reverse(url_name))
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), REFUSED)
def test_it_refuses_outsiders_on_a_post(users, client_for, post, who, status):
    assert client_for(users.get(who)).get(reverse("intake:detail", args=[post.pk])).status_code == status


def test_it_finds_a_post_by_a_word_without_its_particle(users, client_for, post):
    client = client_for(users["analyst"])
    assert "Rumahnya paslon" in client.get(reverse("intake:list"), {"q": "rumah"}).content.decode()
    assert "Rumahnya paslon" in client.get(reverse("intake:list"), {"q": "HOAKS"}).content.decode()
    assert "Rumahnya paslon" in client.get(reverse("intake:list"), {"q": "disebar"}).content.decode()
    assert "Rumahnya paslon" not in client.get(reverse("intake:list"), {"q": "sawit"}).content.decode()


def test_it_searches_posts_through_the_api(users, api_client_for, post):
    response = api_client_for(users["coordinator"]).get("/api/posts/", {"q": "dibakar"})
    assert [row["id"] for row in response.json()["results"]] == [post.pk]


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("pokja", 403), ("admin", 403)])
def test_it_refuses_outsiders_on_the_posts_api(users, api_client_for, post, who, status):
    assert api_client_for(users.get(who)).get("/api/posts/").status_code == status


def test_it_captures_a_post_with_a_screenshot_and_records_who_and_from_where(users, client_for):
    response = client_for(users["analyst"]).post(
        reverse("intake:capture"),
        {
            "url": "https://m.facebook.com/groups/9/posts/78/?mibextid=abc",
            "platform": "facebook",
            "account_id": "fb-budi",
            "text": "Serbu posko malam ini",
            "files": [upload("layar.png", png_bytes())],
        },
    )
    assert response.status_code == 302
    link = PostEvidence.objects.get()
    assert (link.added_by, link.added_from, link.post.url_key) == (
        users["analyst"],
        "127.0.0.1",
        "https://facebook.com/story.php?story_fbid=78",
    )
    assert link.item.captured_by == users["analyst"]


def test_it_recognises_the_same_post_captured_through_another_link(users, client_for, post):
    client_for(users["analyst"]).post(
        reverse("intake:capture"),
        {"url": "https://mbasic.facebook.com/groups/9/posts/77?ref=share", "platform": "facebook", "text": ""},
    )
    assert Post.objects.count() == 1


def test_it_refuses_a_jpg_that_is_not_an_image_and_keeps_what_was_typed(users, client_for):
    response = client_for(users["analyst"]).post(
        reverse("intake:capture"),
        {
            "url": "https://www.facebook.com/x/posts/1",
            "platform": "facebook",
            "text": "teks yang sudah diketik",
            "files": [upload("bukti.jpg", b"MZ\x90\x00 this is an exe")],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "bukti.jpg" in page and "teks yang sudah diketik" in page
    assert Post.objects.count() == 0 and EvidenceItem.objects.count() == 0


def test_it_starts_an_import_job_from_an_upload_and_the_job_reports_the_summary(users, client_for):
    from pantau.jobs.runner import run_job

    content = b'{"platform": "x", "id": "5", "text": "unggahan lewat web"}\n'
    response = client_for(users["analyst"]).post(reverse("intake:import"), {"file": upload("posts.jsonl", content)})
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.result["created"], job.result["format"]) == ("done", 1, "jsonl")


def test_it_refuses_an_image_sent_as_an_export_before_any_job_starts(users, client_for):
    response = client_for(users["analyst"]).post(reverse("intake:import"), {"file": upload("x.csv", png_bytes())})
    assert response.status_code == 400 and "x.csv" in response.content.decode()
    assert not Job.objects.exists()


def test_it_counts_a_captured_post_in_the_group_it_is_given_later(users):
    from pantau.intake.services import capture_post
    from pantau.inventory.models import Group

    url = "https://www.example.id/berita/1"
    capture_post(user=users["analyst"], url=url, platform="web", text="berita")
    capture_post(user=users["analyst"], url=url, platform="web", group="Grup Warga")
    assert Group.objects.get(name="Grup Warga").post_count == 1


def test_a_captured_comment_link_is_not_taken_for_the_post_it_answers():
    from pantau.intake.services import existing_post

    save_records(
        [Record(platform="facebook", post_id="456", url="https://www.facebook.com/groups/123/posts/456/", text="x")],
        "test",
        None,
        Summary(),
    )
    post = Post.objects.get()
    assert existing_post("https://m.facebook.com/groups/123/permalink/456/?ref=share", "facebook") == post
    assert existing_post("https://www.facebook.com/groups/123/posts/456/?comment_id=789", "facebook") is None
