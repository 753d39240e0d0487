"""The charts' text alternative says what the table says, in Dutch."""

from eigenkracht.reports.charts import bar_chart, description_of


def test_the_description_writes_numbers_as_the_table_and_names_nothing_in_words():
    text = description_of(
        ["Minderjarigen", "Familie", "Netwerk"],
        [("Bijeenkomst", [None, 7.7, "<5"])],
        nothing="niet te berekenen",
    )
    assert text == "Minderjarigen niet te berekenen, Familie 7,7, Netwerk <5"
    assert "None" not in text


def test_the_description_of_two_series_names_both():
    text = description_of(
        ["Familie", "Vrienden"],
        [("Bij de intake", [6, 0]), ("Bij de conferentie", [20, 8])],
        nothing="-",
    )
    assert text == (
        "Familie: Bij de intake 6, Bij de conferentie 20; "
        "Vrienden: Bij de intake 0, Bij de conferentie 8"
    )
    svg = bar_chart(
        ident="c",
        title="Groei",
        description=text,
        labels=["Familie", "Vrienden"],
        series=[("Bij de intake", [6, 0]), ("Bij de conferentie", [20, 8])],
    )
    assert "Bij de conferentie 20" in svg
