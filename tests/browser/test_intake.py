import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_uploads_a_file_follows_the_job_and_finds_a_post(page, login_as, analyst, job_runner, tmp_path):
    path = tmp_path / "unggahan.jsonl"
    rows = [
        {"platform": "facebook", "id": f"b{i}", "author_id": "fb-sari", "author_name": "Sari Contoh", "text": text}
        for i, text in enumerate(["Jaga pilkada damai", "Amplopnya dibagikan besok pagi di balai desa"])
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    login_as(analyst)
    page.get_by_role("link", name="Impor").click()
    page.get_by_label("Berkas ekspor").set_input_files(str(path))
    page.get_by_role("button", name="Impor").click()
    page.get_by_text("Selesai").first.wait_for(timeout=20000)
    page.reload()
    assert page.locator("dt", has_text="Unggahan baru").is_visible()
    page.get_by_role("link", name="Unggahan", exact=True).first.click()
    page.get_by_role("searchbox", name="Cari").fill("amplop")
    page.get_by_role("button", name="Cari", exact=True).click()
    assert page.get_by_text("Amplopnya dibagikan besok pagi").is_visible()
    assert not page.get_by_text("Jaga pilkada damai").is_visible()
    assert [e for e in page.csp_errors if "Content Security Policy" in e] == []
