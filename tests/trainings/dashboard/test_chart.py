"""The chart module is pure: these tests need no database."""

import datetime as dt
import re

from eigenkracht.trainings.dashboard.chart import Week, chart_description, short_date, weekly_chart

MONDAY = dt.date(2027, 2, 1)


def _weeks(*totals: tuple[int, int]) -> list[Week]:
    return [
        Week(MONDAY + dt.timedelta(weeks=index), confirmed, other)
        for index, (confirmed, other) in enumerate(totals)
    ]


def _heights(svg: str) -> list[float]:
    return [
        float(value)
        for value in re.findall(
            r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#', svg
        )
    ]


def _chart(weeks: list[Week]) -> str:
    return weekly_chart(weeks, chart_id="c", title="Inschrijvingen", description="Samenvatting")


def test_dates_are_short_dutch():
    assert short_date(dt.date(2027, 2, 2)) == "2 feb"
    assert short_date(dt.date(2027, 3, 15)) == "15 mrt"


def test_the_svg_is_accessible_and_has_dutch_labels_and_a_legend():
    svg = _chart(_weeks((2, 1), (0, 0), (4, 0), (1, 1), (0, 3)))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Inschrijvingen</title>' in svg
    assert '<desc id="c-desc">Samenvatting</desc>' in svg
    assert ">1 feb</text>" in svg  # first week's label on the horizontal axis
    assert "Aantal deelnemers" in svg
    assert "Bevestigd" in svg and "Andere" in svg  # the legend
    assert "<title>Week van 1 feb: 2 bevestigd, 1 andere</title>" in svg
    assert "style=" not in svg


def test_the_svg_is_deterministic():
    weeks = _weeks(*[(index % 3, index % 2) for index in range(26)])
    assert _chart(weeks) == _chart(list(weeks))


def test_bars_scale_to_the_largest_week():
    svg = _chart(_weeks((4, 0), (2, 0), (1, 1), (0, 0)))
    heights = _heights(svg)
    # Two rectangles per week: confirmed, then the rest stacked on top.
    confirmed, other = heights[0::2], heights[1::2]
    tallest = confirmed[0]
    assert tallest == 208  # the whole plot height
    assert confirmed[1] == tallest / 2
    assert confirmed[2] + other[2] == tallest / 2
    assert confirmed[3] == other[3] == 0


def test_empty_data_gives_a_message_instead_of_a_chart():
    for weeks in ([], _weeks((0, 0), (0, 0))):
        markup = _chart(weeks)
        assert "<svg" not in markup
        assert "Geen inschrijvingen in deze periode." in markup


def test_titles_are_escaped():
    svg = weekly_chart(_weeks((1, 0)), chart_id="c", title="<b>&</b>", description="")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in svg


def test_the_description_sums_up_the_period():
    text = chart_description(_weeks((2, 1), (0, 3)))
    assert text == "6 deelnemers ingeschreven in 2 weken sinds 1 feb, waarvan 2 bevestigd."
