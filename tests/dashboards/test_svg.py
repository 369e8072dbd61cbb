"""The chart functions are plain: no database."""

from datetime import date

from pantau.dashboards import svg


def test_it_draws_one_bar_per_item_with_escaped_labels():
    chart = svg.bars([("<Facebook>", 3), ("TikTok", 1)], "Per platform")
    assert chart.startswith("<svg") and chart.count('class="bar"') == 2
    assert "&lt;Facebook&gt;" in chart


def test_it_draws_nothing_without_data():
    assert svg.bars([], "x") == "" and svg.timeline([], {}, "x") == ""


def test_it_shades_the_campaign_stages_on_the_timeline():
    days = svg.day_range(date(2024, 11, 20), date(2024, 11, 28))
    chart = svg.timeline(
        days,
        {"total": {date(2024, 11, 21): 4}},
        "t",
        bands=[(date(2024, 11, 24), date(2024, 11, 26), "Masa tenang", "band-quiet")],
        markers=[(date(2024, 11, 22), "Klarifikasi")],
    )
    assert 'class="band-quiet"' in chart and "Masa tenang" in chart and "Klarifikasi" in chart


def test_it_caps_the_day_range():
    assert len(svg.day_range(date(2024, 1, 1), date(2024, 12, 31), limit=30)) == 30


def test_it_draws_a_map_from_geojson_boundaries():
    square = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]}
    chart = svg.choropleth([("Paku", square, 5), ("Awang", {"type": "Polygon", "coordinates": []}, 0)], "map")
    assert "<path" in chart and "shade-4" in chart and "Paku (5)" in chart
