"""The dashboard's period picker, filters and the daily counts behind the post panels."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pantau.dashboards import periods


def page(client, **params):
    return client.get(reverse("dashboards:dashboard"), params)


def classify(post, *labels):
    from pantau.dashboards.plugin import alert_and_count_classified
    from pantau.detection.models import Classification

    Classification.objects.update_or_create(
        post=post, defaults={"flagged": list(labels), "severity": 3 if labels else 0, "model_version": "t"}
    )
    alert_and_count_classified([post.pk])


def day_columns(content) -> set[str]:
    """The days the trend draws a column for (each column's bars carry "name YYYY-MM-DD: n")."""
    trend = content.split('id="panel-trend"')[1].split("</section>")[0]
    return set(re.findall(r"(\d{4}-\d{2}-\d{2}): \d+</title></rect>", trend))


def test_it_reads_the_election_stages_from_the_schedule_data():
    keys = [(s.key, s.first, s.last) for s in periods.election_stages()]
    assert keys == [
        ("kampanye", date(2024, 9, 25), date(2024, 11, 23)),
        ("masa_tenang", date(2024, 11, 24), date(2024, 11, 26)),
        ("pemungutan_suara", date(2024, 11, 27), date(2024, 11, 27)),
    ]
    assert periods.default_period() == periods.Period(date(2024, 9, 25), date(2024, 11, 27), "election")


def test_it_keeps_showing_the_campaign_after_a_post_captured_today(client_for, analyst, posts):
    from pantau.intake.models import Post

    Post.objects.create(natural_key="today", platform="facebook", text="baru", posted_at=timezone.now())
    content = page(client_for(analyst)).content.decode()
    assert day_columns(content) == {"2024-10-01", "2024-11-25", "2024-11-27"}
    assert 'aria-current="true" class="chosen"' in content and "25 Sep 2024 – 27 Nov 2024" in content
    assert "Kampanye" in content and "Masa tenang" in content and "Hari pemungutan suara" in content
    assert "Setelah pemungutan suara" not in content


def test_it_offers_a_preset_per_stage(client_for, analyst, posts):
    content = page(client_for(analyst), **{"from": "2024-11-24", "to": "2024-11-26"}).content.decode()
    chosen = re.search(r'<a href="[^"]*" aria-current="true" class="chosen">([^<]+)<', content).group(1)
    assert chosen.strip() == "Masa tenang"
    assert day_columns(content) == {"2024-11-25"}


def test_it_shows_any_range_with_its_years(client_for, analyst, posts):
    from pantau.intake.models import Post

    Post.objects.create(
        natural_key="ny", platform="x", text="tahun baru", posted_at=datetime(2025, 1, 1, 3, tzinfo=UTC)
    )
    response = page(client_for(analyst), **{"from": "2024-11-20", "to": "2025-01-05"})
    content = response.content.decode()
    assert response.status_code == 200
    assert day_columns(content) == {"2024-11-25", "2024-11-27", "2025-01-01"}
    assert ">2024</text>" in content and ">2025</text>" in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2024-11-27", "to": "2024-11-01"}, "Awal periode jatuh setelah akhirnya."),
        ({"from": "2024-13-01"}, "Masukkan tanggal yang valid."),
        ({"from": "2020-01-01", "to": "2024-12-31"}, "Pilih periode paling lama 1098 hari."),
        ({"label": "bukan_label"}, "bukan_label"),
        ({"group": "999999"}, "Tidak ada grup seperti itu."),
    ],
)
def test_it_explains_a_bad_period_or_filter_and_shows_the_default(client_for, analyst, posts, params, message):
    response = page(client_for(analyst), **params)
    content = response.content.decode()
    assert response.status_code == 400
    assert message in content
    assert day_columns(content) == {"2024-10-01", "2024-11-25", "2024-11-27"}


def test_it_applies_the_label_filter_to_every_post_panel(client_for, analyst, posts):
    classify(posts[0], "hasutan", "sara")
    classify(posts[1], "hoaks")
    content = page(client_for(analyst), label="hasutan").content.decode()
    assert day_columns(content) == {"2024-10-01"}
    platform = content.split('id="panel-platform"')[1].split("</section>")[0]
    assert "Facebook: 1</title>" in platform
    labels = content.split('id="panel-labels"')[1].split("</section>")[0]
    assert 'id="label-hasutan"' in labels and 'id="label-sara"' in labels and 'id="label-hoaks"' not in labels


def test_it_links_every_panel_to_the_matching_posts_list(client_for, analyst, posts):
    classify(posts[0], "hasutan")
    content = page(client_for(analyst), platform="facebook").content.decode()
    base = "/posts/?from=2024-09-25&amp;to=2024-11-27"
    assert f'href="{base}&amp;platform=facebook" id="matching-posts"' in content
    assert f'href="{base}&amp;label=hasutan&amp;platform=facebook"' in content
    region, group = posts[0].kecamatan, posts[1].group
    assert f'href="{base}&amp;platform=facebook&amp;kecamatan={region.pk}"' in content
    assert f'href="{base}&amp;platform=facebook&amp;group={group.pk}"' in content
    assert 'href="/posts/?from=2024-10-01&amp;to=2024-10-01&amp;platform=facebook"' in content


def test_it_filters_by_kecamatan_and_group(client_for, analyst, posts):
    group = posts[1].group
    content = page(client_for(analyst), group=group.pk).content.decode()
    assert day_columns(content) == {"2024-11-25"}
    assert f'<option value="{group.pk}" selected>Warga Bersuara</option>' in content
    other = page(client_for(analyst), kecamatan=posts[0].kecamatan.pk, platform="tiktok").content.decode()
    assert day_columns(other) == set() and "Tidak ada postingan pada periode ini." in other


def test_it_labels_the_map_with_names_and_counts(client_for, analyst, posts):
    content = page(client_for(analyst)).content.decode()
    name, count = r'<tspan x="[\d.]+">Dusun Timur</tspan>', r'<tspan x="[\d.]+" dy="12" class="map-count">3</tspan>'
    assert re.search(name + count, content)


def test_it_shows_a_pokja_member_no_picker(client_for, pokja_member, posts):
    content = page(client_for(pokja_member)).content.decode()
    assert 'id="period"' not in content and 'id="panel-trend"' not in content


class TestDailyCounts:
    def test_it_recounts_a_day_when_its_post_is_classified_again(self, posts):
        from pantau.dashboards import daily
        from pantau.dashboards.models import DailyCount

        daily.catch_up()
        classify(posts[0], "hasutan")
        daily.catch_up()
        assert list(DailyCount.objects.filter(day=date(2024, 10, 1)).values_list("labels", "posts")) == [
            (",hasutan,", 1)
        ]
        classify(posts[0])
        daily.catch_up()
        assert list(DailyCount.objects.filter(day=date(2024, 10, 1)).values_list("labels", "posts")) == [("", 1)]

    def test_it_counts_posts_added_by_any_path(self, posts):
        from pantau.dashboards import daily
        from pantau.dashboards.models import DailyCount
        from pantau.intake.models import Post

        daily.catch_up()
        Post.objects.create(natural_key="n", platform="x", posted_at=datetime(2024, 10, 1, 20, tzinfo=UTC))
        assert daily.catch_up() == 1
        # 20:00 UTC is the next morning in the office's zone (WIB).
        assert DailyCount.objects.get(day=date(2024, 10, 2)).posts == 1

    def test_it_gives_the_same_counts_by_rebuild_and_by_catching_up(self, posts):
        from pantau.dashboards import daily
        from pantau.dashboards.models import DailyCount, DailyGroupCount

        def both():
            fields = ("day", "platform", "kecamatan_id", "labels", "posts")
            return sorted(DailyCount.objects.values_list(*fields)), sorted(
                DailyGroupCount.objects.values_list("group_id", *fields)
            )

        classify(posts[2], "politik_uang", "positif")
        daily.catch_up()
        overall, grouped = both()
        daily.rebuild()
        assert both() == (overall, grouped)
        assert (date(2024, 11, 27), "facebook", posts[2].kecamatan_id, ",politik_uang,", 1) in overall
        assert grouped == [(posts[1].group_id, date(2024, 11, 25), "facebook", posts[1].kecamatan_id, "", 1)]

    def test_it_keeps_the_per_group_totals_equal_to_the_per_group_counts(self, posts):
        from django.db.models import Sum

        from pantau.dashboards import daily
        from pantau.dashboards.filters import selection_from
        from pantau.dashboards.models import DailyGroupCount, DailyGroupTotal
        from pantau.intake.models import Post

        def sums(table):
            rows = table.objects.values_list("day", "group_id", "platform").annotate(n=Sum("posts")).order_by()
            return sorted(rows)

        Post.objects.create(natural_key="g2", platform="facebook", group_id=posts[1].group_id,
                            posted_at=datetime(2024, 11, 25, 3, tzinfo=UTC))  # fmt: skip
        classify(posts[1], "hasutan")
        daily.catch_up()
        expected = [(date(2024, 11, 25), posts[1].group_id, "facebook", 2)]
        assert sums(DailyGroupTotal) == sums(DailyGroupCount) == expected
        daily.rebuild()
        assert sums(DailyGroupTotal) == sums(DailyGroupCount)
        selection, _form = selection_from({"from": "2024-11-01", "to": "2024-11-30"})
        assert selection.per("group_id") == [(posts[1].group_id, 2)]
        labelled, _form = selection_from({"from": "2024-11-01", "to": "2024-11-30", "label": "hasutan"})
        assert labelled.per("group_id") == [(posts[1].group_id, 1)]

    def test_it_leaves_what_a_view_has_no_time_for_to_the_worker_and_says_so(
        self, client_for, analyst, posts, monkeypatch
    ):
        from pantau.dashboards import daily, views
        from pantau.dashboards.plugin import refresh_daily_counts

        monkeypatch.setattr(views, "INLINE_SECONDS", 0)
        content = page(client_for(analyst)).content.decode()
        assert daily.pending_days() == 2 and 'id="counting"' in content and "Hitungan 2 hari" in content
        assert day_columns(content) == {"2024-10-01"}
        assert refresh_daily_counts() == 2 and daily.pending_days() == 0
        assert day_columns(page(client_for(analyst)).content.decode()) == {"2024-10-01", "2024-11-25", "2024-11-27"}
