"""The money report page (/budgetten/rapport/) and its CSV (/budgetten/rapport.csv): who may see them,
bad input, the table and the CSV show the same figures, small cells never leak."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors
from doorleren.core.templatetags.money import format_euro

from ..report_factories import report_world

pytestmark = pytest.mark.django_db

PAGE = reverse("budgets:report")
CSV = reverse("budgets:report_csv")
KINDS = ["funder", "programme_line", "municipality", "target_group"]


def _client(role: str = "programme_office") -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role=role))
    return client


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "\r\n" in body
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_anonymous_visitors_are_sent_to_log_in():
    for url in (PAGE, CSV):
        response = Client().get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coach", 200),
        ("programme_office", 200),
        ("administrator", 200),
        ("resident", 403),
        ("employer", 403),
        ("school", 403),
    ],
)
def test_the_report_is_for_coaches_the_programme_office_and_administrators(role, status):
    client = _client(role)
    assert client.get(PAGE).status_code == status
    assert client.get(CSV).status_code == status


@pytest.mark.parametrize("value", ["gemeenten", "", "x" * 3000, "FUNDER"])
def test_an_unknown_breakdown_gives_400_in_dutch(value):
    client = _client()
    page = client.get(PAGE, {"per": value})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Kies hoe u het rapport wilt zien: per financier, programmalijn, gemeente of doelgroep." in html
    assert 'aria-invalid="true"' in html
    download = client.get(CSV, {"per": value})
    assert download.status_code == 400
    assert download["Content-Type"].startswith("text/plain")
    assert "per financier, programmalijn, gemeente of doelgroep" in download.content.decode()


def test_a_nul_character_is_refused_before_the_report():
    client = _client()
    assert client.get(PAGE, {"per": "funder\x00"}).status_code == 400
    assert client.get(CSV, {"per": "funder\x00"}).status_code == 400


def test_the_page_has_a_choice_a_table_the_columns_explained_and_the_reconciliation():
    report_world()
    html = _client().get(PAGE).content.decode()
    assert '<select class="utrecht-select utrecht-select--html-select" name="per" id="id_per">' in html
    for label in ("Financier", "Programmalijn", "Gemeente", "Doelgroep"):
        assert f">{label}</option>" in html
    assert '<option value="funder" selected>' in html
    assert 'role="region" aria-labelledby="rapport-caption"' in html
    assert '<th class="utrecht-table__header-cell" scope="row">Regionaal LLO-budget' in html
    assert "Wat betekenen de kolommen?" in html
    assert "Alle boekingen tellen op tot nul" in html
    assert f'href="{CSV}?per=funder"' in html
    assert "Download als CSV" in html


@pytest.mark.parametrize("per", KINDS)
def test_the_csv_has_the_same_figures_as_the_page(per):
    report_world()
    client = _client()
    page = client.get(PAGE, {"per": per})
    assert page.status_code == 200
    html = page.content.decode()
    download = client.get(CSV, {"per": per})
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert download["Content-Disposition"] == f'attachment; filename="geldrapport-{per}-{today}.csv"'
    header, *lines = _csv(download)
    assert header[1:8] == [
        "Inwoners met een budget",
        "Toegekend aan inwoners (euro)",
        "Uitgegeven (euro)",
        "Gereserveerd (euro)",
        "Vrijgegeven (euro)",
        "Nog te besteden (euro)",
        "Verlopen (euro)",
    ]
    assert header[-1] == "Opmerking"
    report = selectors.money_report(by=per, today=timezone.localdate())
    assert len(lines) == len(report.rows) + 1
    assert lines[-1][0] == "Totaal"
    for line, row in zip(lines, [*report.rows, report.total], strict=True):
        assert line[0] == row.label
        assert row.label in html
        amounts = [getattr(row, name) for name in selectors.reports.RESIDENT_MONEY]
        for cell, cents in zip(line[2:8], amounts, strict=True):
            if cents is None:
                assert cell == ""
            else:
                assert cell == f"{cents // 100},{cents % 100:02d}"
                assert format_euro(cents) in html
        if row.state == "shown":
            assert line[1] == str(row.residents.value)
            assert line[-1] == ""


def test_small_rows_show_no_money_on_the_page_nor_in_the_csv():
    world = report_world()
    client = _client()
    html = client.get(PAGE, {"per": "funder"}).content.decode()
    assert "minder dan 10" in html
    assert "niet getoond" in html
    lines = {line[0]: line for line in _csv(client.get(CSV, {"per": "funder"}))}
    uwv, own, regional = lines[world.uwv.name], lines[world.own.name], lines[world.regional.name]
    assert uwv[1] == "<10" and uwv[2:8] == [""] * 6
    assert uwv[-1] == "Minder dan 10 inwoners: bedragen niet getoond."
    assert own[1] == "verborgen" and own[2:8] == [""] * 6
    assert own[-1] == "Niet getoond: anders is een kleine groep uit te rekenen."
    assert regional[1:3] == ["12", "6000,00"]
    assert lines["Totaal"][1:4] == ["26", "9050,00", "200,00"]
    # What a funder put in and has left is about the funder, not about persons: always shown.
    assert uwv[9:11] == ["1000,00", "700,00"]


def test_text_that_looks_like_a_formula_is_quoted_in_the_csv():
    from ..factories import funder

    funder(name="=SOM(A1:A9)")
    lines = _csv(_client().get(CSV))
    assert [line[0] for line in lines if "SOM" in line[0]] == ["'=SOM(A1:A9)"]


def test_the_ledger_overview_links_to_the_report_and_keeps_its_reconciliation():
    html = _client("coach").get(reverse("budgets:ledger_overview")).content.decode()
    assert f'href="{PAGE}"' in html
    assert "Klopt de boekhouding?" in html
