"""The dashboard pages: who sees them, what they show, bad input, the small-cell rule on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/monitoring/"


def test_the_programme_office_sees_the_key_figures_of_the_region(client, office, figures):
    client.force_login(office)
    response = client.get(URL, {"periode": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kerncijfers van de regio: 2025, iedereen" in html
    assert ">49<" in html  # 38 + 11 residents reached in 2025
    assert "Basisbanen" in html and "Leerwerkloket" in html
    assert "Doorgaan" in html  # the effect verdict of Basisbanen
    assert "voorbeeldcijfer" in html  # the demo value of net labour participation is labelled


def test_an_administrator_sees_the_dashboard_too(client, admin_user, figures):
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


def test_a_resident_gets_403_and_anonymous_the_login_page(client, resident):
    assert client.get(URL).status_code == 302
    assert reverse("login") in client.get(URL)["Location"]
    client.force_login(resident)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("monitoring:dashboard_line", kwargs={"number": 5})).status_code == 403
    assert (
        client.get(reverse("monitoring:quarterly_report", kwargs={"year": 2025, "quarter": 1})).status_code
        == 403
    )


def _page(client, user, path=URL, **params):
    client.force_login(user)
    response = client.get(path, params)
    html = response.content.decode() if response["Content-Type"].startswith("text/html") else ""
    return response, html


def test_a_small_municipality_shows_minder_dan_10_and_its_neighbour_niet_getoond(client, office, figures):
    response, html = _page(client, office, periode="2025")
    assert response.status_code == 200
    # Assen has 3 participants; Aa en Hunze (15) is hidden, else 38 - 20 - 15 gives Assen away.
    assert "minder dan 10" in html
    assert "niet getoond" in html
    assert ">15<" not in html
    tiles = html[html.index('class="dl-tiles"') :]
    assert "Assen" in tiles and "Aa en Hunze" in tiles


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"periode": "2025-K5"}, "Kies een periode als 2026, 2026-K3 of alle."),
        ({"doelgroep": "kinderen"}, "Kies een bestaande doelgroep."),
        ({"cijfer": "salaris"}, "Kies een bestaand cijfer."),
        ({"cijfer": "cohort_6m"}, "Voor de staven en de kaart kunt u dit cijfer niet kiezen."),
        ({"download": "pdf"}, "Kies csv of xlsx om te downloaden."),
    ],
)
def test_bad_filters_give_a_400_page_in_dutch(client, office, figures, params, message):
    response, html = _page(client, office, **params)
    assert response.status_code == 400
    assert message in html
    assert '<h1 class="utrecht-heading-1">' in html


def test_the_filters_are_a_plain_get_form_with_the_current_choice_selected(client, office, figures):
    _response, html = _page(client, office, periode="2025-K4", doelgroep="job_seeker", cijfer="work_12m")
    assert '<form method="get"' in html
    assert '<option value="2025-K4" selected>' in html
    assert '<option value="job_seeker" selected>' in html
    assert '<option value="work_12m" selected>' in html


def test_every_chart_has_an_svg_with_a_title_a_text_alternative_and_a_table(client, office, figures):
    _response, html = _page(client, office, periode="2025")
    assert html.count("<figure") == 2  # trend and municipalities
    assert html.count('role="img"') == 2
    assert '<title id="chart-gemeenten-title">' in html
    assert 'aria-describedby="grafiek-gemeenten-tekst"' in html
    assert "<?xml" not in html and " style=" not in html[html.index("<svg") :]
    assert "Het hoogste cijfer heeft Groningen (31), het laagste Groningen (31)." in html
    assert "2 niet getoond" in html
    assert "Inwoners bereikt: van 38 in 2025 K1 naar 11 in 2025 K4." in html
    assert '<th class="utrecht-table__header-cell" scope="row">Assen</th>' in html


def test_a_repeat_view_does_not_draw_the_charts_again(client, office, figures):
    from doorleren.monitoring import charts

    _page(client, office, periode="2025")
    drawn = charts.RENDERS["count"]
    _page(client, office, periode="2025")
    assert charts.RENDERS["count"] == drawn
    _page(client, office, periode="2025-K1")  # other data: drawn again
    assert charts.RENDERS["count"] > drawn


def test_the_main_page_needs_few_queries(client, office, figures, django_assert_max_num_queries):
    client.force_login(office)
    client.get(URL, {"periode": "2025"})  # fills the caches
    with django_assert_max_num_queries(20):
        response = client.get(URL, {"periode": "2025"})
    assert response.status_code == 200


def test_without_figures_the_page_says_how_to_make_them(client, office):
    response, html = _page(client, office)
    assert response.status_code == 200
    assert "Er zijn nog geen cijfers van het platform." in html
    assert "doorleren monitoring refresh" in html


def test_the_csv_download_has_dutch_headers_and_the_suppression_markers(client, office, figures):
    response, _html = _page(client, office, periode="2025", download="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="monitoring-regio-2025.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Gemeente;Inwoners bereikt\r\n" in text
    assert "Assen;<10\r\n" in text
    assert "Aa en Hunze;x\r\n" in text
    assert "Groningen;31\r\n" in text
    assert "Hele regio;49\r\n" in text


def test_the_xlsx_download_has_the_same_tables_and_markers(client, office, figures):
    import io

    from openpyxl import load_workbook

    response, _html = _page(client, office, periode="2025", download="xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Toelichting"
    sheet = next(workbook[name] for name in workbook.sheetnames if name.startswith("Inwoners bereikt per"))
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Assen"] == "<10"
    assert values["Aa en Hunze"] == "x"
    assert values["Groningen"] == 31
    header = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert header[:2] == ("Gemeente", "Inwoners bereikt")


def test_the_line_page_shows_its_measures_bars_and_trend(client, office, figures):
    path = reverse("monitoring:dashboard_line", kwargs={"number": 5})
    response, html = _page(client, office, path, periode="2025")
    assert response.status_code == 200
    assert "Basisbanen" in html and "Leerwerkloket" not in html
    assert '<title id="chart-maatregelen-title">' in html
    assert '<title id="chart-trend-title">' in html
    assert client.get(reverse("monitoring:dashboard_line", kwargs={"number": 99})).status_code == 404


def test_the_measure_page_shows_trend_municipalities_tiles_and_target_groups(client, office, figures):
    path = reverse("monitoring:dashboard_measure", kwargs={"pk": figures["first"].pk})
    response, html = _page(client, office, path, periode="2025")
    assert response.status_code == 200
    assert "Cijfers van Basisbanen" in html
    for key in ("trend", "gemeenten", "doelgroepen"):
        assert f'<title id="chart-{key}-title">' in html
    assert "Werkzoekenden" in html
    assert "De laatste effectschatting" in html
    assert client.get(reverse("monitoring:dashboard_measure", kwargs={"pk": 999999})).status_code == 404


def test_the_measure_page_downloads_as_csv(client, office, figures):
    path = reverse("monitoring:dashboard_measure", kwargs={"pk": figures["first"].pk})
    response, _html = _page(client, office, path, periode="2025", download="csv")
    text = response.content.decode("utf-8-sig")
    assert "Assen;<10" in text
    assert "Werkzoekenden;38" in text


def test_the_municipality_page_shows_its_figures_and_measures(client, office, figures):
    path = reverse("monitoring:dashboard_municipality", kwargs={"code": "GM0014"})
    response, html = _page(client, office, path, periode="2025")
    assert response.status_code == 200
    assert "Monitoring: gemeente Groningen" in html
    assert "Basisbanen" in html and "Leerwerkloket" in html  # both have participants in Groningen


def test_an_old_municipality_code_redirects_to_its_successor_and_an_unknown_one_is_404(client, office):
    client.force_login(office)
    response = client.get(
        reverse("monitoring:dashboard_municipality", kwargs={"code": "GM0003"}), {"periode": "2025"}
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("monitoring:dashboard_municipality", kwargs={"code": "GM1979"}) + "?periode=2025"
    )
    response = client.get(reverse("monitoring:dashboard_municipality", kwargs={"code": "GM9999"}))
    assert response.status_code == 404
    assert "Er is geen gemeente met code" in response.content.decode()


def test_the_quarterly_report_is_a_pdf_with_the_quarter(client, office, figures):
    client.force_login(office)
    response = client.get(reverse("monitoring:quarterly_report", kwargs={"year": 2025, "quarter": 1}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Kwartaalrapport monitoring 2025 kwartaal 1" in response.content
    assert b"Basisbanen" in response.content
    assert b"minder dan 10" in response.content
    assert len(response.content) > 20_000  # with the two charts


@pytest.mark.parametrize(("year", "quarter"), [(2025, 5), (2025, 0), (1999, 1), (2099, 1)])
def test_a_bad_or_future_quarter_gives_a_dutch_404_page(client, office, year, quarter):
    client.force_login(office)
    response = client.get(reverse("monitoring:quarterly_report", kwargs={"year": year, "quarter": quarter}))
    assert response.status_code == 404
    assert "kwartaal" in response.content.decode().lower()


def test_the_menu_of_the_programme_office_links_to_the_dashboard(client, office):
    client.force_login(office)
    html = client.get(reverse("web:start")).content.decode()
    assert f'href="{URL}"' in html
