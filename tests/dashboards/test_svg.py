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
    days = [date(2024, 11, d) for d in range(20, 29)]
    chart = svg.timeline(
        days,
        {"total": {date(2024, 11, 21): 4}},
        "t",
        bands=[(date(2024, 11, 24), date(2024, 11, 26), "Masa tenang", "band-quiet")],
        markers=[(date(2024, 11, 22), "Klarifikasi")],
    )
    assert 'class="band-quiet"' in chart and "Masa tenang" in chart and "Klarifikasi" in chart


def test_it_writes_the_year_under_the_first_day_and_where_a_new_one_starts():
    days = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 2)]
    chart = svg.timeline(days, {"n": {date(2025, 1, 1): 2}}, "t", ticks=1)
    assert chart.count('class="lbl year"') == 2 and ">2024</text>" in chart and ">2025</text>" in chart


def test_it_makes_each_day_a_link_when_asked():
    chart = svg.timeline([date(2024, 10, 1)], {"n": {date(2024, 10, 1): 2}}, "t", day_links=lambda d: f"/p/?d={d}")
    assert '<a href="/p/?d=2024-10-01">' in chart


def test_it_draws_a_map_from_geojson_boundaries():
    square = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]}
    chart = svg.choropleth([("Paku", square, 5), ("Awang", {"type": "Polygon", "coordinates": []}, 0)], "map")
    assert "<path" in chart and "shade-4" in chart
    assert '<tspan x="300.0">Paku</tspan>' in chart and 'class="map-count">5</tspan>' in chart
