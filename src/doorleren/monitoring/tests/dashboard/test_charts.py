"""Charts: suppressed figures are gaps, the SVG is fit for a page, pictures are cached on their data."""

from __future__ import annotations

import re

from doorleren.monitoring import charts
from doorleren.monitoring.charts import ChartSpec, chart_png, chart_svg, inline_svg
from doorleren.monitoring.models import Metric
from doorleren.monitoring.selectors.dashboard import bar_chart, tiles, trend_chart
from doorleren.monitoring.selectors.outcomes import HIDDEN, NONE, SMALL, Figure, MunicipalityRef, period_parse


def _bars():
    return bar_chart(
        key="test",
        title="Inwoners bereikt per gemeente",
        label_header="Gemeente",
        rows=[
            ("Assen", SMALL),
            ("Groningen", Figure("shown", 31)),
            ("Pekela", HIDDEN),
            ("Veendam", Figure("shown", 12)),
        ],
        metric=Metric.REACHED,
        total=("Hele regio", Figure("shown", 49)),
    )


def test_a_suppressed_figure_is_a_gap_in_the_chart_and_a_marker_in_the_table():
    chart = _bars()
    assert chart.spec.series[0][1] == (None, 31.0, None, 12.0)
    assert chart.spec.gap_texts == ("minder dan 10", "", "niet getoond", "")
    assert [row[1].text for row in chart.table.rows] == ["minder dan 10", "31", "niet getoond", "12", "49"]
    assert [row[1].export for row in chart.table.rows] == ["<10", 31, "x", 12, 49]


def test_the_text_alternative_names_the_highest_and_lowest_and_what_is_not_shown():
    text = _bars().text
    assert "Het hoogste cijfer heeft Groningen (31), het laagste Veendam (12)." in text
    assert "2 niet getoond" in text


def test_the_trend_text_says_where_it_started_ended_and_peaked():
    points = [
        (period_parse(p), f)
        for p, f in (
            ("2025-K1", Figure("shown", 10)),
            ("2025-K2", SMALL),
            ("2025-K3", Figure("shown", 40)),
            ("2025-K4", Figure("shown", 20)),
        )
    ]
    chart = trend_chart(key="t", title="Trend", series={"Inwoners bereikt": points})
    assert chart.spec.series[0][1] == (10.0, None, 40.0, 20.0)
    assert "van 10 in 2025 K1 naar 20 in 2025 K4" in chart.text
    assert "Het hoogste was 40 in 2025 K3." in chart.text
    assert "1 kwartalen zijn niet getoond" in chart.text
    assert chart.table.header == ["Kwartaal", "Inwoners bereikt"]


def test_the_svg_is_inline_ready_labelled_and_without_style_attributes():
    svg = chart_svg(_bars().spec, described_by="tekst-1")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg and "<style" not in svg
    assert ' style="' not in svg
    assert (
        'role="img"' in svg
        and 'aria-labelledby="chart-test-title"' in svg
        and 'aria-describedby="tekst-1"' in svg
    )
    assert '<title id="chart-test-title">Inwoners bereikt per gemeente</title>' in svg
    ids = re.findall(r' id="([^"]+)"', svg)
    assert all(i.startswith("chart-test-") for i in ids)
    for reference in re.findall(r'(?:url\(#|xlink:href="#)([^)"]+)', svg):
        assert reference in ids
    assert ">minder dan 10<" in svg  # written where the bar would be


def test_inline_svg_escapes_the_title():
    svg = inline_svg(
        '<?xml version="1.0"?>\n<svg viewBox="0 0 1 1" width="1pt" height="1pt"><g id="a"/></svg>',
        prefix="p",
        title="<b>&",
    )
    assert svg.startswith('<svg role="img"')
    assert "&lt;b&gt;&amp;" in svg and "width=" not in svg and 'id="p-a"' not in svg


def test_a_chart_is_drawn_once_for_the_same_data():
    spec = _bars().spec
    before = charts.RENDERS["count"]
    first = chart_svg(spec)
    assert chart_svg(spec) == first
    assert charts.RENDERS["count"] == before + 1
    other = ChartSpec(**{**spec.__dict__, "series": (("x", (1.0, 2.0, 3.0, 4.0)),)})
    chart_svg(other)
    assert charts.RENDERS["count"] == before + 2


def test_the_png_for_the_report_is_a_png():
    assert chart_png(_bars().spec).startswith(b"\x89PNG")


def test_tiles_get_a_band_in_words_and_suppressed_tiles_no_colour():
    refs = [
        MunicipalityRef(i, code, name)
        for i, (code, name) in enumerate(
            [
                ("GM0014", "Groningen"),
                ("GM0106", "Assen"),
                ("GM1680", "Aa en Hunze"),
                ("GM0037", "Stadskanaal"),
                ("GM0047", "Veendam"),
            ]
        )
    ]
    figures = [Figure("shown", 100), SMALL, HIDDEN, Figure("shown", 10), NONE]
    result = {t.code: t for t in tiles(rows=list(zip(refs, figures, strict=True)))}
    assert result["GM0014"].band == 4 and result["GM0014"].band_label == "hoog"
    assert result["GM0037"].band == 1 and result["GM0037"].band_label == "laag"
    assert result["GM0106"].band == 0 and result["GM0106"].text == "minder dan 10"
    assert result["GM1680"].band == 0 and result["GM1680"].text == "niet getoond"
    assert (result["GM0014"].row, result["GM0014"].column) == (2, 2)
    assert result["GM0106"].row > result["GM0014"].row  # Assen lies south of Groningen
