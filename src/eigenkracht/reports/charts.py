"""Horizontal bar charts as SVG, drawn on the server. Pure: no Django; words come in translated.

Presentation attributes and classes only (the Content-Security-Policy forbids inline styles);
colours come from reports/static/reports/figures.css through the classes, with attributes as the
fallback for a downloaded file. role="img" with <title> and <desc>; the table beside the chart
carries the numbers for screen readers and print (the chart is hidden in print)."""

from collections.abc import Sequence
from xml.sax.saxutils import escape

BAR = 18.0
GAP = 6.0
LABEL_WIDTH = 190.0
CHART_WIDTH = 360.0
VALUE_WIDTH = 50.0
FONT = 12.0
SERIES_FILLS = ("#6b2c91", "#1f7a4d")


def _f(value: float) -> str:
    return f"{value:.1f}"


def _clip(text: str, room: float) -> str:
    most = int(room / (FONT * 0.55))
    return text if len(text) <= most else text[: most - 1] + "…"


def bar_chart(
    *,
    ident: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | float]]],
) -> str:
    """One group of bars per label, one bar per series (at most two), with a legend when there
    are two. Values that are not numbers (a suppressed "<5") are drawn as no bar, with the text."""
    series = list(series)[: len(SERIES_FILLS)]
    numbers = [v for _name, values in series for v in values if isinstance(v, int | float)]
    top = max(numbers, default=0) or 1
    group = BAR * len(series) + GAP
    legend = 22.0 if len(series) > 1 else 0.0
    height = legend + group * len(labels) + GAP
    width = LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" width="{_f(width)}" height="{_f(height)}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="Arial, sans-serif" '
        f'font-size="{_f(FONT)}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    if legend:
        x = LABEL_WIDTH
        for index, (name, _values) in enumerate(series):
            parts.append(
                f'<rect class="chart-series-{index}" x="{_f(x)}" y="4" width="12" height="12" '
                f'fill="{SERIES_FILLS[index]}"/>'
                f'<text x="{_f(x + 16)}" y="14" fill="#1d1d1f">{escape(name)}</text>'
            )
            x += 20 + len(name) * FONT * 0.55
    for row, label in enumerate(labels):
        y = legend + GAP + row * group
        parts.append(
            f'<text x="{_f(LABEL_WIDTH - 6)}" y="{_f(y + BAR * len(series) / 2 + FONT / 3)}" '
            f'text-anchor="end" fill="#1d1d1f">{escape(_clip(label, LABEL_WIDTH - 8))}</text>'
        )
        for index, (_name, values) in enumerate(series):
            value = values[row]
            bar_y = y + index * BAR
            length = CHART_WIDTH * value / top if isinstance(value, int | float) else 0.0
            if length > 0:
                parts.append(
                    f'<rect class="chart-series-{index}" x="{_f(LABEL_WIDTH)}" y="{_f(bar_y)}" '
                    f'width="{_f(length)}" height="{_f(BAR - 2)}" fill="{SERIES_FILLS[index]}"/>'
                )
            shown = str(value).replace(".", ",") if value is not None else "-"
            parts.append(
                f'<text x="{_f(LABEL_WIDTH + length + 4)}" y="{_f(bar_y + BAR - 5)}" '
                f'fill="#1d1d1f">{escape(shown)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _spoken(value: object, nothing: str) -> str:
    if value is None:
        return nothing
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def description_of(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[object]]],
    *,
    nothing: str,
) -> str:
    """The numbers in words, for <desc>, as the table writes them: "Antwerpen 12, Limburg 7";
    with two series each label names both: "Familie: Bij de intake 6, Bij de conferentie 20".
    A value that cannot be computed (None) is the words in nothing."""
    series = list(series)[: len(SERIES_FILLS)]
    if len(series) == 1:
        values = series[0][1]
        return ", ".join(
            f"{label} {_spoken(value, nothing)}"
            for label, value in zip(labels, values, strict=True)
        )
    return "; ".join(
        f"{label}: "
        + ", ".join(f"{name} {_spoken(values[row], nothing)}" for name, values in series)
        for row, label in enumerate(labels)
    )
