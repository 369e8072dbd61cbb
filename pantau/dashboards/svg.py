"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN, nothing for the CSP to block.

Plain functions over plain data (no Django models), tested without a database.
Colours come from classes in dashboards.css; presentation attributes are the fallback.
"""

from collections.abc import Sequence
from datetime import date
from html import escape

PALETTE = ["#0b5cad", "#b3261e", "#1e7a35", "#a15c00", "#6a1b9a", "#00838f", "#5d4037", "#c2185b"]


def _text(x, y, text, anchor="start", cls="lbl", size=11):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}" font-size="{size}">'
        f"{escape(str(text))}</text>"
    )


def _svg(width, height, body, title):
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _link(href, inner):
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bars(items: list[tuple], title: str, width: int = 400, bar: int = 20) -> str:
    """Horizontal bars, one per (label, value) or (label, value, link)."""
    if not items:
        return ""
    label_w, value_w = 150, 50
    top = max(item[1] for item in items) or 1
    height = len(items) * (bar + 6) + 6
    body = []
    for i, (label, value, *href) in enumerate(items):
        y = 4 + i * (bar + 6)
        length = (width - label_w - value_w) * value / top
        parts = (
            _text(label_w - 6, y + bar * 0.7, str(label)[:24], "end", size=12)
            + f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar}" class="bar" fill="{PALETTE[0]}">'
            f"<title>{escape(str(label))}: {value:g}</title></rect>"
            + _text(label_w + length + 4, y + bar * 0.7, f"{value:g}", size=12)
        )
        body.append(_link(href[0] if href else "", parts))
    return _svg(width, height, body, title)


def _day_text(day: date) -> str:
    return day.strftime("%d/%m")


def timeline(
    days: list[date],
    series: dict[str, dict[date, int]],
    title: str,
    bands: Sequence[tuple[date, date, str, str]] = (),
    markers: Sequence[tuple[date, str]] = (),
    width: int = 900,
    height: int = 270,
    day_text=_day_text,
    day_links=None,
    legend: bool = True,
    ticks: int = 9,
    band_labels: bool = True,
) -> str:
    """Counts per day as stacked columns, with shaded periods (campaign stages) and day markers.

    The axis names days with `day_text(day)` and writes the year under the
    first tick and wherever a new year starts, so a range is never read
    without its year. `day_links(day)` makes each day's column a link.
    """
    if not days:
        return ""
    left, right, top, bottom = 40, 10, 30, 48 if legend and len(series) > 1 else 34
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(days)
    index = {day: i for i, day in enumerate(days)}
    totals = [sum(s.get(day, 0) for s in series.values()) for day in days]
    peak = max(totals) or 1
    body = []
    for n, (start, end, label, cls) in enumerate(bands):
        if end < days[0] or start > days[-1]:
            continue
        a, b = index.get(max(start, days[0]), 0), index.get(min(end, days[-1]), len(days) - 1)
        x = left + a * step
        body.append(
            f'<rect x="{x:.1f}" y="{top}" width="{(b - a + 1) * step:.1f}" height="{plot_h}" class="{cls}">'
            f"<title>{escape(str(label))}: {start:%Y-%m-%d} – {end:%Y-%m-%d}</title></rect>"
        )
        if not band_labels:
            continue
        # Short periods sit side by side at the end: stagger their labels.
        near_end = x > left + plot_w * 0.85
        anchor, lx = ("end", left + (b + 1) * step) if near_end else ("start", x + 3)
        body.append(_text(lx, top - 6 - (n % 2) * 10, label, anchor, cls="band-label", size=10))
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid" stroke="#d9dde3"/>')
        body.append(_text(left - 4, y + 4, round(peak * i / 4), "end", size=10))
    names = list(series)
    for day, i in index.items():
        below, column = 0, []
        for n, name in enumerate(names):
            value = series[name].get(day, 0)
            if not value:
                continue
            h = plot_h * value / peak
            y = top + plot_h - plot_h * below / peak - h
            below += value
            column.append(
                f'<rect x="{left + i * step + step * 0.1:.1f}" y="{y:.1f}" width="{max(step * 0.8, 1):.1f}" '
                f'height="{h:.1f}" class="series-{n}" fill="{PALETTE[n % len(PALETTE)]}">'
                f"<title>{escape(name)} {day:%Y-%m-%d}: {value}</title></rect>"
            )
        if column:
            body.append(_link(day_links(day) if day_links else "", "".join(column)))
    for day, label in markers:
        if day in index:
            x = left + index[day] * step + step / 2
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" class="marker" stroke="#1e7a35"/>'
            )
            body.append(
                f'<circle cx="{x:.1f}" cy="{top + 4}" r="4" class="marker-dot" fill="#1e7a35">'
                f"<title>{escape(label)}</title></circle>"
            )
    every = max(1, -(-len(days) // ticks))
    year = None
    for i, day in enumerate(days):
        if i % every and not (day.month == 1 and day.day == 1):
            continue
        x = left + i * step
        axis = top + plot_h
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis}" y2="{axis + 4}" class="tick" stroke="#1b1f24"/>')
        body.append(_text(x, top + plot_h + 14, day_text(day), size=10, cls="lbl day"))
        if day.year != year:
            body.append(_text(x, top + plot_h + 26, day.year, size=10, cls="lbl year"))
            year = day.year
    if legend and len(series) > 1:
        x = left
        for n, name in enumerate(series):
            body.append(f'<rect x="{x}" y="{height - 12}" width="10" height="10" fill="{PALETTE[n % len(PALETTE)]}"/>')
            body.append(_text(x + 14, height - 3, name, size=10))
            x += 14 + 7 * len(name) + 12
    return _svg(width, height, body, title)


def _rings(geometry: dict):
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon


def _centroid(ring) -> tuple[float, float]:
    """The area centroid of a ring (shoelace formula): the middle of the shape, whatever its vertices' spacing."""
    area = cx = cy = 0.0
    for (x0, y0, *_a), (x1, y1, *_b) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


def choropleth(regions: list[tuple], title: str, width: int = 600, height: int = 420) -> str:
    """A map of regions shaded by count: (name, GeoJSON geometry, value) or (..., link).

    Names sit on a white halo (dashboards.css) in two lines, name over count,
    so they stay readable on the darkest shade and where regions are small.
    """
    points = [pt for _, geometry, *_rest in regions for ring in _rings(geometry) for pt in ring]
    if not points:
        return ""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = min((width - 20) / ((max_x - min_x) or 1), (height - 20) / ((max_y - min_y) or 1))
    left = (width - (max_x - min_x) * scale) / 2
    height = int((max_y - min_y) * scale + 20)
    values = [value for _, _, value, *_rest in regions if value]
    low, high = (min(values), max(values)) if values else (0, 0)

    def shade(value):
        # Five steps between the least and the most, so near-equal counts still differ.
        if not value:
            return 0
        return 4 if high == low else 1 + int(3.999 * (value - low) / (high - low))

    def xy(x, y):
        return left + (x - min_x) * scale, 10 + (max_y - y) * scale

    body, labels = [], []
    for name, geometry, value, *href in regions:
        path = []
        for ring in _rings(geometry):
            pts = [xy(x, y) for x, y, *_ in ring]
            path.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        shape = (
            f'<path d="{"".join(path)}" class="region shade-{shade(value)}" fill-rule="evenodd">'
            f"<title>{escape(name)}: {value}</title></path>"
        )
        body.append(_link(href[0] if href else "", shape))
        ring = max(_rings(geometry), key=len, default=[])
        if ring:
            cx, cy = xy(*_centroid(ring))
            labels.append(
                f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" class="map-label" font-size="11">'
                f'<tspan x="{cx:.1f}">{escape(name)}</tspan>'
                f'<tspan x="{cx:.1f}" dy="12" class="map-count">{value}</tspan></text>'
            )
    return _svg(width, height, body + labels, title)
