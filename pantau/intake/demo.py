"""Demo posts through the import pipeline, and a few screenshots kept as evidence.

Idempotent: the natural keys make a second run add nothing, and evidence is
content-addressed, so the same screenshot is one item.
"""

import io

from django.contrib.auth import get_user_model
from PIL import Image, ImageDraw

from .formats import Record
from .importer import Summary, save_records
from .models import Post, PostEvidence
from .services import attach_evidence
from .synthetic import generate

SCREENSHOTS = 6


def load(out, options):
    summary = Summary()
    batch = []
    for row in generate(options.get("posts", 3000)):
        batch.append(
            Record(
                platform="facebook",
                post_id=row["id"],
                url=row["url"],
                author_id=row["author_id"],
                author_name=row["author_name"],
                author_url=f"https://www.facebook.com/{row['author_id']}",
                group_id=row["group_id"],
                group_name=row["group_name"],
                group_url=f"https://www.facebook.com/groups/{row['group_id'].split('-')[-1]}",
                text=row["text"],
                posted_at=row["created_at"],
                kecamatan=row["kecamatan"],
                raw={},
            )
        )
        if len(batch) >= 2000:
            save_records(batch, "demo", None, summary)
            batch = []
    if batch:
        save_records(batch, "demo", None, summary)
    evidence = _screenshots()
    out.write(
        f"  posts: {summary.created} added, {summary.skipped} already there; {evidence} screenshot(s) as evidence"
    )


def _screenshots() -> int:
    analyst = get_user_model().objects.filter(role="analyst").order_by("pk").first()
    added = 0
    posts = Post.objects.filter(source="demo", text__icontains="sebarkan").order_by("pk")[:SCREENSHOTS]
    for post in posts:
        if PostEvidence.objects.filter(post=post).exists():
            continue
        attach_evidence(
            post, _png_of(post), original_name=f"tangkapan-layar-{post.pk}.png", user=analyst, ip="127.0.0.1"
        )
        added += 1
    return added


def _png_of(post) -> io.BytesIO:
    """A plain image that looks enough like a screenshot of the post for the demo."""
    image = Image.new("RGB", (640, 260), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 640, 40), fill=(59, 89, 152))
    draw.text((12, 12), "facebook", fill="white")
    draw.text((12, 56), str(post.author or ""), fill=(20, 20, 20))
    words, line, y = post.text.split(), "", 90
    for word in words:
        if len(line) + len(word) > 70:
            draw.text((12, y), line, fill=(20, 20, 20))
            line, y = "", y + 20
        line = f"{line} {word}".strip()
    draw.text((12, y), line, fill=(20, 20, 20))
    draw.text((12, 230), post.url[:90], fill=(90, 90, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer
