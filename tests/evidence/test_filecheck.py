import io

import pytest
from django.utils import translation

from pantau.evidence.filecheck import EXPORT, IMAGE, PAGE, PDF, VIDEO, FileRefused, check_file

from . import files

EVIDENCE = {IMAGE, VIDEO, PDF}
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def check(data: bytes, name="bukti.bin", accept=EVIDENCE, max_bytes=20 * MB):
    return check_file(io.BytesIO(data), name=name, accept=accept, max_bytes=max_bytes)


def refusal(data: bytes, name="bukti.bin", **options) -> str:
    with pytest.raises(FileRefused) as caught:
        check(data, name, **options)
    assert name in str(caught.value)
    return str(caught.value)


def test_it_refuses_a_small_png_of_119_megapixels_before_decoding_it():
    data = files.bomb_png()
    assert len(data) < 30_000
    assert "119.9 megapixels" in refusal(data, "layar.png")


def test_it_refuses_an_image_just_above_the_pixel_limit_and_keeps_one_at_it(settings):
    settings.PANTAU_MAX_IMAGE_PIXELS = 1_000_000
    assert "more than 1 megapixels" in refusal(files.bomb_png(1001, 1000), "besar.png")
    assert check(files.bomb_png(1000, 1000)).kind == IMAGE


def test_it_accepts_a_phone_screenshot_and_a_photo_with_exif():
    assert check(files.screenshot_png(), "layar.png").mime == "image/png"
    assert check(files.photo_jpeg(), "foto.jpg").mime == "image/jpeg"


def test_it_accepts_webp_and_gif_screenshots():
    image = files.screenshot(3, (200, 300))
    assert check(files.encoded(image, "WEBP")).mime == "image/webp"
    assert check(files.encoded(image.convert("P"), "GIF")).mime == "image/gif"


def test_it_accepts_a_normal_pdf():
    assert check(files.normal_pdf(), "surat.pdf").kind == PDF


@pytest.mark.parametrize(
    "data",
    [
        files.javascript_pdf(),
        files.javascript_pdf(name=b"/J#61vaScript"),
        files.launch_pdf_in_object_stream(),
    ],
    ids=["javascript", "hex-escaped-name", "launch-in-object-stream"],
)
def test_it_refuses_a_pdf_with_javascript_or_actions(data):
    assert "JavaScript, automatic actions or embedded files" in refusal(data, "surat.pdf")


def test_it_refuses_a_pdf_with_an_embedded_file():
    data = files.normal_pdf().replace(b"/Type /Catalog", b"/Type /Catalog /Names << /EmbeddedFiles 9 0 R >>")
    assert "embedded files" in refusal(data, "lampiran.pdf")


def test_it_refuses_a_pdf_it_cannot_read():
    assert "not a readable PDF" in refusal(b"%PDF-1.4\n" + b"\x00garbage" * 50, "rusak.pdf")


def test_it_refuses_a_png_with_a_zip_appended():
    assert "ZIP archive" in refusal(files.png_with_zip(), "layar.png")


def test_it_refuses_a_jpeg_with_html_appended():
    message = refusal(files.jpeg_with_html(), "foto.jpg")
    assert "web page or script code" in message or "after the end of the image" in message


def test_it_refuses_data_hidden_after_the_end_of_an_image():
    assert "after the end of the image" in refusal(files.screenshot_png() + b"\x01" * 500, "layar.png")
    assert "after the end of the image" in refusal(files.photo_jpeg() + b"\x02" * 500, "foto.jpg")


def test_it_allows_a_few_bytes_of_padding_after_the_end_of_an_image():
    assert check(files.photo_jpeg() + b"\x00" * 8).kind == IMAGE


def test_it_refuses_a_pdf_hidden_in_an_image():
    assert "PDF document inside" in refusal(files.photo_jpeg() + b"%PDF-1.4\n", "foto.jpg")


def test_it_refuses_a_pdf_with_a_zip_appended():
    assert "ZIP archive" in refusal(files.normal_pdf() + files.zip_bytes(), "surat.pdf")


def test_it_refuses_a_pdf_that_is_also_a_web_page():
    assert "script code" in refusal(files.normal_pdf() + b"<script>alert(1)</script>", "surat.pdf")


def test_it_says_when_a_name_lies_about_the_content():
    message = refusal(b"MZ\x90\x00 this is a windows program, not a photo" * 20, "foto.jpg")
    assert "named like one of the images" in message


def test_it_refuses_a_file_over_the_limit_saying_the_limit():
    assert "at most 1 MB" in refusal(files.photo_jpeg() + b"\x00" * MB, "foto.jpg", max_bytes=MB)


def test_it_refuses_an_empty_file():
    assert "empty" in refusal(b"", "kosong.png")


def test_it_refuses_what_the_path_does_not_take():
    assert "only images, PDF documents, videos" not in refusal(b"<html><body>hi</body></html>", "laman.html")
    assert check(b"<html><body>hi</body></html>", accept={PAGE}).kind == PAGE


def test_it_accepts_exports_and_refuses_images_and_pdfs_as_exports():
    assert check(b'{"platform": "x", "text": "halo"}\n', "posts.jsonl", accept={EXPORT}).kind == EXPORT
    for data in (files.bomb_png(), files.javascript_pdf(), files.png_with_zip(), files.jpeg_with_html()):
        refusal(data, "posts.csv", accept={EXPORT})


def test_it_speaks_indonesian_when_refusing():
    with translation.override("id"):
        with pytest.raises(FileRefused) as caught:
            check(files.bomb_png(), "layar.png")
    assert "megapiksel" in str(caught.value)
