"""Office pages and API for reports: who sees reports, who sees the reporter."""

import pytest

from pantau.reports.models import IdentityAccessLog, Report

from .conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


class TestList:
    def test_it_lists_reports_for_an_analyst(self, client_for, analyst, make_report):
        report = make_report()
        response = client_for(analyst).get("/lapor/staf/")
        assert response.status_code == 200 and report.code in response.content.decode()

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        response = client_for(None).get("/lapor/staf/")
        assert response.status_code == 302 and "/akun/" in response["Location"]

    def test_it_refuses_a_pokja_member(self, client_for, pokja_member):
        assert client_for(pokja_member).get("/lapor/staf/").status_code == 403


class TestDetail:
    def test_it_shows_the_requirements_with_reasons(self, client_for, analyst, make_report):
        report = make_report(kecamatan=None)
        body = client_for(analyst).get(f"/lapor/staf/{report.pk}/").content.decode()
        assert "kecamatan" in body
        assert "Pelapor #" in body

    def test_it_refuses_the_admin_who_may_not_see_receipt_codes(self, client_for, admin_user, make_report):
        report = make_report()
        response = client_for(admin_user).get(f"/lapor/staf/{report.pk}/")
        assert response.status_code == 403
        assert report.code not in response.content.decode() and "Siti" not in response.content.decode()

    def test_it_rounds_the_place_for_those_who_may_not_see_identities(self, pokja_member, make_report):
        from pantau.reports.access import place_for

        assert place_for(pokja_member, make_report()) == "Barito Timur"

    def test_it_is_never_cached(self, client_for, analyst, make_report):
        response = client_for(analyst).get(f"/lapor/staf/{make_report().pk}/")
        assert "no-store" in response["Cache-Control"]

    def test_it_names_the_files_by_hash_not_by_the_citizens_file_name(self, client_for, analyst, make_report):
        report = make_report(files=[upload("KTP_Siti_6213010101010001.jpg")])
        body = client_for(analyst).get(f"/lapor/staf/{report.pk}/").content.decode()
        assert report.attachments.get().evidence.sha256[:12] in body
        assert "KTP_Siti" not in body and "6213010101010001" not in body

    def test_it_refuses_a_pokja_member(self, client_for, pokja_member, make_report):
        report = make_report()
        assert client_for(pokja_member).get(f"/lapor/staf/{report.pk}/").status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, make_report):
        report = make_report()
        assert client_for(None).get(f"/lapor/staf/{report.pk}/").status_code == 302

    def test_it_groups_reports_about_the_same_link(self, client_for, analyst, make_report):
        first = make_report(reported_links="https://m.facebook.com/provokator.btm/?mibextid=abc")
        second = make_report(reported_links="https://www.facebook.com/provokator.btm")
        body = client_for(analyst).get(f"/lapor/staf/{first.pk}/").content.decode()
        assert second.code in body


class TestIdentity:
    def test_it_shows_the_identity_to_an_analyst_and_logs_it(self, client_for, analyst, make_report):
        report = make_report()
        response = client_for(analyst).get(f"/lapor/staf/{report.pk}/identitas/")
        assert response.status_code == 200 and "Siti Rahma" in response.content.decode()
        assert IdentityAccessLog.objects.filter(report=report, user=analyst).count() == 1

    def test_it_is_never_cached_and_recorded_with_the_reader(self, client_for, coordinator, make_report):
        from pantau.audit.models import AuditEntry

        report = make_report()
        response = client_for(coordinator).get(f"/lapor/staf/{report.pk}/identitas/")
        assert "no-store" in response["Cache-Control"]
        entry = AuditEntry.objects.get(action="report.identity_viewed")
        assert (entry.actor_name, entry.target_label) == ("koordinator", report.code)

    def test_it_shows_the_files_original_names_and_addresses_here_only(self, client, client_for, analyst, kecamatan):
        from .conftest import form_data

        data = {**form_data(kecamatan), "evidence": [upload("KTP_Siti_6213010101010001.jpg")]}
        client.post("/lapor/", data, REMOTE_ADDR="127.0.0.70")
        report = Report.objects.get()
        body = client_for(analyst).get(f"/lapor/staf/{report.pk}/identitas/").content.decode()
        assert "KTP_Siti_6213010101010001.jpg" in body and "127.0.0.70" in body

    def test_it_shows_the_identity_to_a_coordinator(self, client_for, coordinator, make_report):
        report = make_report()
        assert client_for(coordinator).get(f"/lapor/staf/{report.pk}/identitas/").status_code == 200

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_the_identity_to_others(self, client_for, users, make_report, role):
        report = make_report()
        assert client_for(users[role]).get(f"/lapor/staf/{report.pk}/identitas/").status_code == 403
        assert IdentityAccessLog.objects.count() == 0

    def test_it_sends_anonymous_visitors_to_login(self, client_for, make_report):
        report = make_report()
        assert client_for(None).get(f"/lapor/staf/{report.pk}/identitas/").status_code == 302


class TestAttachment:
    def test_it_serves_images_without_their_metadata(self, client_for, analyst, make_report):
        from PIL import Image

        report = make_report(files=[upload()])
        assert b"PhoneMaker" in jpeg_bytes()
        response = client_for(analyst).get(f"/lapor/staf/lampiran/{report.attachments.get().pk}/")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert b"PhoneMaker" not in response.content
        import io

        assert not Image.open(io.BytesIO(response.content)).getexif()

    def test_it_keeps_the_original_bytes_as_evidence(self, make_report):
        from pantau.evidence.storage import evidence_storage

        report = make_report(files=[upload()])
        item = report.attachments.get().evidence
        assert b"PhoneMaker" in evidence_storage().path(item.sha256).read_bytes()

    def test_it_serves_a_pdf_as_a_download(self, client_for, analyst, make_report):
        report = make_report(files=[upload("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")])
        response = client_for(analyst).get(f"/lapor/staf/lampiran/{report.attachments.get().pk}/")
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_others(self, client_for, users, make_report, role):
        report = make_report(files=[upload()])
        url = f"/lapor/staf/lampiran/{report.attachments.get().pk}/"
        assert client_for(users[role]).get(url).status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, make_report):
        report = make_report(files=[upload()])
        assert client_for(None).get(f"/lapor/staf/lampiran/{report.attachments.get().pk}/").status_code == 302


class TestApi:
    def test_it_lists_reports_without_identity(self, api_client_for, analyst, make_report):
        make_report()
        data = api_client_for(analyst).get("/api/reports/").json()
        assert data["results"][0]["reporter"].startswith(("Pelapor #", "Reporter #"))
        assert "Siti" not in str(data)

    def test_it_gives_the_identity_to_a_handler_and_logs_it(self, api_client_for, analyst, make_report):
        report = make_report()
        data = api_client_for(analyst).get(f"/api/reports/{report.pk}/").json()
        assert data["identity"]["name"] == "Siti Rahma"
        assert IdentityAccessLog.objects.get().via == "api"

    def test_it_refuses_the_admin(self, api_client_for, admin_user, make_report):
        report = make_report()
        for url in ("/api/reports/", f"/api/reports/{report.pk}/"):
            response = api_client_for(admin_user).get(url)
            assert response.status_code == 403 and report.code not in response.content.decode()
        assert IdentityAccessLog.objects.count() == 0

    def test_it_serves_the_identity_uncached_and_records_the_reader(self, api_client_for, analyst, make_report):
        from pantau.audit.models import AuditEntry

        report = make_report()
        response = api_client_for(analyst).get(f"/api/reports/{report.pk}/")
        assert "no-store" in response["Cache-Control"]
        entry = AuditEntry.objects.get(action="report.identity_viewed")
        assert (entry.actor, entry.target_id, entry.details) == (analyst, str(report.pk), {"via": "api"})

    @pytest.mark.parametrize("who", [None, "pokja"])
    def test_it_refuses_outsiders(self, api_client_for, users, make_report, who):
        report = make_report()
        for url in ("/api/reports/", f"/api/reports/{report.pk}/"):
            response = api_client_for(users.get(who)).get(url)
            assert response.status_code in (401, 403)
            assert report.code not in response.content.decode()


class TestPrivacyCommands:
    def test_it_rotates_keys_and_still_decrypts(self, settings, make_report):
        from cryptography.fernet import Fernet
        from django.core.management import call_command

        from pantau.reports import crypto

        report = make_report()
        old = settings.PANTAU_FIELD_KEYS[0]
        new = Fernet.generate_key().decode()
        settings.PANTAU_FIELD_KEYS = [new, old]
        call_command("reports", "rotate-keys")
        report.refresh_from_db()
        settings.PANTAU_FIELD_KEYS = [new]
        assert crypto.decrypt_json(report.identity_token)["name"] == "Siti Rahma"

    def test_it_purges_identities_after_the_retention_period(self, settings, make_report):
        from datetime import timedelta

        from django.core.management import call_command
        from django.utils import timezone

        settings.PANTAU_IDENTITY_RETENTION_DAYS = 30
        old = make_report()
        recent = make_report()
        Report.objects.filter(pk=old.pk).update(status="closed", closed_at=timezone.now() - timedelta(days=31))
        Report.objects.filter(pk=recent.pk).update(status="closed", closed_at=timezone.now() - timedelta(days=3))
        call_command("reports", "purge-identities")
        old.refresh_from_db()
        recent.refresh_from_db()
        assert old.identity_token == "" and old.identity_erased_at
        assert recent.identity_token != ""


def test_it_links_a_report_to_a_known_post_and_account(make_report):
    from pantau.intake.models import Post
    from pantau.inventory.models import Account

    account = Account.objects.create(platform="facebook", platform_id="provokator.btm", name="Provokator")
    post = Post.objects.create(
        natural_key="facebook:1",
        platform="facebook",
        url="https://www.facebook.com/groups/123/permalink/456/",
        author=account,
    )
    report = make_report(reported_links="https://m.facebook.com/groups/123/permalink/456/?mibextid=abc")
    link = report.links.get()
    assert link.post == post and link.account == account


def test_it_links_a_report_of_a_post_to_the_post_and_not_to_a_comment_under_it(make_report):
    from pantau.intake.models import Post
    from pantau.lib.urls import normalize_url

    def stored(key, url):
        return Post.objects.create(natural_key=key, platform="facebook", url=url, url_key=normalize_url(url))

    post_url = "https://m.facebook.com/groups/123/posts/456/"
    comment = stored("facebook:789", post_url + "?comment_id=789")
    post = stored("facebook:456", post_url)
    post_url = "https://www.facebook.com/groups/123/permalink/456/"  # the same post, copied otherwise
    assert make_report(reported_links=post_url).links.get().post == post
    assert make_report(reported_links=post_url + "?comment_id=789").links.get().post == comment
    # A comment Pantau has not imported: the report is linked to the post it answers.
    assert make_report(reported_links=post_url + "?comment_id=1000").links.get().post == post


def test_it_counts_reports_in_office_stats(make_report):
    from pantau.core.stats import office_stats

    make_report()
    assert office_stats()["reports"] == 1


def test_it_checks_the_identity_keys(settings, make_report):
    from cryptography.fernet import Fernet

    from pantau.reports.selfcheck import CHECKS

    make_report()
    ((_, check),) = CHECKS
    assert check()[0] is True
    settings.PANTAU_FIELD_KEYS = [Fernet.generate_key().decode()]
    ok, detail = check()
    assert ok is False and "old key" in detail


def test_it_offers_no_completion_for_a_complete_anonymous_report(make_report):
    from pantau.reports import services
    from tests.reports.conftest import upload

    report = make_report(files=[upload()], anonymous=True)
    assert services.can_complete(report) is False
