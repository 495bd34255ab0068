"""Charts in the content: a fenced ```chart block of YAML, checked and drawn as inline SVG (pure).

The block declares what to show, never how::

    ```chart
    type: line            # bar or line
    title: Chiffre d'affaires mensuel
    unit: k€              # optional, printed after every value
    description: …        # optional, read by screen readers (a summary is made otherwise)
    x: [juil., août, sept.]
    series:
      - name: Réalisé
        values: [120, 118, 131.5]
    ```

``chart_problems`` lists what is wrong with a block (line within the block, message), for
``lexom content check``; ``chart_html`` draws it as an accessible figure: an ``<svg
role="img">`` with its ``<title>`` and ``<desc>``, then the same data as a table in a
``<details>``. No script, no style attribute (colours are SVG presentation attributes), numbers
in French (decimal comma, thousands grouped by a narrow no-break space). Text in a chart is
course content: French, like the unit it sits in.
"""

import hashlib
import math
import re
from dataclasses import dataclass
from html import escape
from typing import Any

import yaml

from ..typography import NBSP, french, french_number

FENCE = re.compile(r"^```chart[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
KINDS = ("bar", "line")
KEYS = {"type", "title", "unit", "description", "x", "series"}
MAX_POINTS, MAX_SERIES = 24, 4
COLOURS = ("#0b5cad", "#c2410c", "#2f7d32", "#6d28d9")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 56
DATA_LABEL = "Données du graphique"


@dataclass(frozen=True, slots=True)
class Series:
    """One named row of values, one per x label."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A checked chart block."""

    kind: str
    title: str
    x: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    description: str = ""


class ChartError(ValueError):
    """A chart block that cannot be drawn: ``line`` counts from 0 inside the block."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def chart_blocks(text: str) -> list[tuple[int, str]]:
    """Return the chart blocks of a Markdown text: (line of the fence, from 0; YAML source)."""
    return [(text.count("\n", 0, m.start()), m.group(1)) for m in FENCE.finditer(text)]


def chart_problems(text: str) -> list[tuple[int, str]]:
    """Return (line from 0 in ``text``, message) for every chart block that cannot be drawn."""
    found = []
    for fence_line, source in chart_blocks(text):
        try:
            parse_chart(source)
        except ChartError as error:
            found.append((fence_line + 1 + error.line, f"chart: {error.message}"))
    return found


def parse_chart(source: str) -> Chart:
    """Return the chart a block declares.

    :raises ChartError: the YAML is invalid or breaks the format (see the module docstring).
    """
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ChartError(mark.line if mark else 0, f"invalid YAML ({error})") from None
    if not isinstance(data, dict):
        raise ChartError(0, "a chart is a mapping (type, title, x, series)")

    def fail(key: str, message: str) -> ChartError:
        return ChartError(_line_of(source, key), message)

    unknown = sorted(set(map(str, data)) - KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(KEYS))})")
    if data.get("type") not in KINDS:
        raise fail("type", f"type must be one of {', '.join(KINDS)}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "a chart needs a title")
    for key in ("unit", "description"):
        if not isinstance(data.get(key, ""), str):
            raise fail(key, f"{key} must be text")
    x = data.get("x")
    if not isinstance(x, list) or not 2 <= len(x) <= MAX_POINTS or not all(_label(v) for v in x):
        raise fail("x", f"x must list 2 to {MAX_POINTS} labels")
    series = data.get("series")
    if not isinstance(series, list) or not 1 <= len(series) <= MAX_SERIES:
        raise fail("series", f"series must list 1 to {MAX_SERIES} series")
    rows = []
    for index, row in enumerate(series, start=1):
        if not isinstance(row, dict) or set(row) != {"name", "values"} or not _label(row["name"]):
            raise fail("series", f"series {index} needs exactly a name and values")
        values = row["values"]
        if not isinstance(values, list) or not all(_number(v) for v in values):
            raise fail("series", f"series {index}: values must be numbers")
        if len(values) != len(x):
            raise fail("series", f"series {index} has {len(values)} values for {len(x)} labels")
        rows.append(Series(str(row["name"]), tuple(float(v) for v in values)))
    return Chart(
        data["type"],
        title.strip(),
        tuple(str(v) for v in x),
        tuple(rows),
        data.get("unit", "").strip(),
        data.get("description", "").strip(),
    )


def _line_of(source: str, key: str) -> int:
    for index, line in enumerate(source.splitlines()):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return index
    return 0


def _label(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool) and str(value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def value_text(value: float, unit: str) -> str:
    """Return a value as printed: French number, then its unit after a no-break space."""
    text = french_number(value)
    return f"{text}{NBSP}{unit}" if unit else text


def chart_html(source: str) -> str:
    """Return the figure for a chart block (``ChartError`` when it is invalid)."""
    chart = parse_chart(source)
    ident = "chart-" + hashlib.sha256(source.encode()).hexdigest()[:10]
    title = french(chart.title)
    return (
        '<figure class="chart">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" class="chart-svg">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(french(chart.description or summary(chart)))}</desc>'
        f"{_plot(chart)}</svg>"
        f"<figcaption>{escape(title)}</figcaption>"
        f"{_table(chart)}</figure>"
    )


def summary(chart: Chart) -> str:
    """Return the sentence a screen reader hears when the author wrote no description."""
    kind = "Histogramme" if chart.kind == "bar" else "Courbe"
    names = ", ".join(s.name for s in chart.series)
    return f"{kind} : {names}, de {chart.x[0]} à {chart.x[-1]} ; valeurs dans le tableau joint."


def scale(values: list[float], from_zero: bool) -> tuple[float, float, float]:
    """Return (low, high, step) of a readable axis covering ``values`` (4 to 8 steps)."""
    low, high = min(values), max(values)
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or abs(high) or 1.0
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if high == low:
        high = low + step
    return low, high, step


def _plot(chart: Chart) -> str:
    values = [v for s in chart.series for v in s.values]
    low, high, step = scale(values, from_zero=chart.kind == "bar")
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    band = (x1 - x0) / len(chart.x)

    def y(value: float) -> float:
        return y1 - (value - low) / (high - low) * (y1 - y0)

    parts = []
    if chart.unit:
        parts.append(_text(4, 14, f"en {chart.unit}", "start"))
    tick = low
    while tick <= high + step / 1000:
        parts.append(
            f'<line x1="{x0}" y1="{y(tick):.1f}" x2="{x1}" y2="{y(tick):.1f}" '
            'stroke="#d0d4dc" stroke-width="1"/>'
        )
        parts.append(_text(x0 - 6, y(tick) + 4, french_number(tick), "end"))
        tick += step
    for i, label in enumerate(chart.x):
        parts.append(_text(x0 + band * (i + 0.5), y1 + 18, french(label), "middle"))
    for n, series in enumerate(chart.series):
        colour = COLOURS[n]
        if chart.kind == "bar":
            width = band * 0.7 / len(chart.series)
            for i, value in enumerate(series.values):
                left = x0 + band * i + band * 0.15 + width * n
                top, bottom = sorted((y(value), y(max(low, 0.0))))
                parts.append(
                    f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" '
                    f'height="{max(bottom - top, 0.5):.1f}" fill="{colour}">'
                    f"{_tip(chart, series, i)}</rect>"
                )
        else:
            points = [(x0 + band * (i + 0.5), y(v)) for i, v in enumerate(series.values)]
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
            for i, (px, py) in enumerate(points):
                parts.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}">'
                    f"{_tip(chart, series, i)}</circle>"
                )
        legend_x = x0 + n * (x1 - x0) / len(chart.series)
        parts.append(
            f'<rect x="{legend_x:.1f}" y="{HEIGHT - 18}" width="12" height="12" fill="{colour}"/>'
        )
        parts.append(_text(legend_x + 18, HEIGHT - 8, french(series.name), "start"))
    return "".join(parts)


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
        f'fill="#2a2f3a">{escape(text)}</text>'
    )


def _tip(chart: Chart, series: Series, index: int) -> str:
    value = value_text(series.values[index], chart.unit)
    return f"<title>{escape(french(f'{series.name}, {chart.x[index]} : {value}'))}</title>"


def _table(chart: Chart) -> str:
    unit = f" ({chart.unit})" if chart.unit else ""
    head = "".join(f'<th scope="col">{escape(french(s.name + unit))}</th>' for s in chart.series)
    rows = "".join(
        f'<tr><th scope="row">{escape(french(label))}</th>'
        + "".join(f"<td>{escape(french_number(s.values[i]))}</td>" for s in chart.series)
        + "</tr>"
        for i, label in enumerate(chart.x)
    )
    return (
        f'<details class="chart-data"><summary>{DATA_LABEL}</summary>'
        f"<table><thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )
