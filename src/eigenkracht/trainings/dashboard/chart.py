"""A stacked bar chart of registrations per week as server-side SVG.

Pure functions: no database, no request. Only presentation attributes (fill, x, y...), never
style attributes, because the Content-Security-Policy forbids inline styles.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenkracht.core.formatting import LOCALE

WIDTH = 720
HEIGHT = 300
LEFT = 48
RIGHT = 12
TOP = 40
BOTTOM = 52
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
LABEL_EVERY = 4  # weeks between two labels on the horizontal axis

CONFIRMED_COLOUR = "#6b2c91"
OTHER_COLOUR = "#b8860b"
AXIS_COLOUR = "#55565b"
GRID_COLOUR = "#c9c9cf"
TEXT_COLOUR = "#1d1d1f"


@dataclass(frozen=True)
class Week:
    starts_on: dt.date
    confirmed: int
    other: int

    @property
    def total(self) -> int:
        return self.confirmed + self.other


def short_date(value: dt.date) -> str:
    """2027-02-02 -> '2 feb'."""
    return format_date(value, "d MMM", locale=LOCALE).replace(".", "")


def _num(value: float) -> str:
    """Coordinates with at most one decimal, so the markup is the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ticks(maximum: int) -> list[int]:
    """0, the middle and the maximum, as whole numbers without repeats."""
    return sorted({0, maximum // 2, maximum})


def bar_label(week: Week) -> str:
    return _("Week van %(date)s: %(confirmed)s bevestigd, %(other)s andere") % {
        "date": short_date(week.starts_on),
        "confirmed": week.confirmed,
        "other": week.other,
    }


def weekly_chart(
    weeks: Sequence[Week], *, chart_id: str, title: str, description: str
) -> SafeString:
    """The SVG for `weeks` (oldest first), or a short message when there is nothing to show."""
    maximum = max((week.total for week in weeks), default=0)
    if maximum == 0:
        return format_html(
            '<p class="chart-empty">{}</p>', _("Geen inschrijvingen in deze periode.")
        )
    band = PLOT_WIDTH / len(weeks)
    bar_width = band * 0.7
    base = TOP + PLOT_HEIGHT

    def height(value: int) -> float:
        return PLOT_HEIGHT * value / maximum

    parts: list[str] = []
    for tick in _ticks(maximum):
        y = _num(base - height(tick))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                LEFT,
                y,
                WIDTH - RIGHT,
                y,
                GRID_COLOUR,
                LEFT - 6,
                y,
                tick,
            )
        )
    for index, week in enumerate(weeks):
        x = LEFT + index * band + (band - bar_width) / 2
        confirmed_height = height(week.confirmed)
        other_height = height(week.other)
        rects = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            _num(x),
            _num(base - confirmed_height),
            _num(bar_width),
            _num(confirmed_height),
            CONFIRMED_COLOUR,
            _num(x),
            _num(base - confirmed_height - other_height),
            _num(bar_width),
            _num(other_height),
            OTHER_COLOUR,
        )
        parts.append(format_html("<g><title>{}</title>{}</g>", bar_label(week), rects))
        if index % LABEL_EVERY == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                    _num(LEFT + index * band + band / 2),
                    base + 18,
                    short_date(week.starts_on),
                )
            )
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            LEFT,
            base,
            WIDTH - RIGHT,
            base,
            AXIS_COLOUR,
            LEFT,
            TOP,
            LEFT,
            base,
            AXIS_COLOUR,
        )
    )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle">{}</text>'
            '<text x="12" y="{}" text-anchor="middle" transform="rotate(-90 12 {})">{}</text>',
            _num(LEFT + PLOT_WIDTH / 2),
            HEIGHT - 8,
            _("Week (vanaf maandag)"),
            _num(TOP + PLOT_HEIGHT / 2),
            _num(TOP + PLOT_HEIGHT / 2),
            _("Aantal deelnemers"),
        )
    )
    parts.append(_legend())
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'font-size="12" fill="{}">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        TEXT_COLOUR,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - every part went through format_html
    )


def _legend() -> SafeString:
    items = [
        (CONFIRMED_COLOUR, _("Bevestigd")),
        (OTHER_COLOUR, _("Andere (wacht op betaling, wachtlijst, geannuleerd, vervallen)")),
    ]
    return format_html_join(
        "",
        '<rect x="{}" y="12" width="12" height="12" fill="{}"/><text x="{}" y="22">{}</text>',
        (
            (LEFT + offset, colour, LEFT + offset + 18, label)
            for offset, (colour, label) in zip((0, 110), items, strict=True)
        ),
    )


def chart_description(weeks: Sequence[Week]) -> str:
    """A one-sentence summary for the SVG's <desc>; the table next to it has every number."""
    total = sum(week.total for week in weeks)
    confirmed = sum(week.confirmed for week in weeks)
    if not weeks:
        return ""
    return ngettext(
        "%(total)s deelnemer ingeschreven in %(weeks)s weken sinds %(start)s, "
        "waarvan %(confirmed)s bevestigd.",
        "%(total)s deelnemers ingeschreven in %(weeks)s weken sinds %(start)s, "
        "waarvan %(confirmed)s bevestigd.",
        total,
    ) % {
        "total": total,
        "weeks": len(weeks),
        "start": short_date(weeks[0].starts_on),
        "confirmed": confirmed,
    }
