"""The page "Het regionale beeld" and its CSV download: who may see it, the filter, the figures as shown."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.web.context_processors import menu_items

from .test_picture_selectors import build_world

pytestmark = pytest.mark.django_db
URL = "/regionaal-beeld/"
CSV_URL = "/regionaal-beeld.csv"
ALLOWED = [Role.PROGRAMME_OFFICE, Role.SCHOOL, Role.ADMINISTRATOR]


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def office(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    return client


def _row_cells(html: str, label: str) -> list[str]:
    """The text of the cells of the first table row whose header holds ``label``."""
    for row in re.findall(r"<tr\b.*?</tr>", html, flags=re.S):
        if f">{label}<" in row:
            cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, flags=re.S)
            return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    raise AssertionError(f"no row for {label}")


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_addresses_are_dutch():
    assert reverse("matching:picture") == URL
    assert reverse("matching:picture_csv") == CSV_URL


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_logged_out_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("url", [URL, CSV_URL])
@pytest.mark.parametrize("role", [Role.RESIDENT, Role.EMPLOYER, Role.COACH])
def test_other_roles_get_403_with_a_dutch_sentence(client, role, url):
    client.force_login(UserFactory(role=role))
    response = client.get(url)
    assert response.status_code == 403
    if url == URL:
        assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("role", ALLOWED)
def test_programme_office_schools_and_administrators_see_it(client, world, role):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 200
    assert client.get(CSV_URL).status_code == 200


def test_the_table_shows_figures_with_small_cells_hidden(office, world):
    response = office.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vraag en aanbod per competentie in de hele regio" in html
    assert 'scope="col"' in html
    assert 'class="dl-table-wrap" role="region" aria-labelledby="vraag-aanbod-caption" tabindex="0"' in html
    # competency, open, essential, level 2+, level 1 only, difference, per opportunity, future
    assert _row_cells(html, "Zorg verlenen") == [
        "Zorg verlenen",
        "1",
        "1",
        "22",
        "minder dan 10",
        "21",
        "22,0",
        "Groeit: Zorg en welzijn Blijft gelijk: Basisvaardigheden",
    ]
    assert _row_cells(html, "Metaal lassen")[3:7] == [
        "minder dan 10",
        "minder dan 10",
        "— niet getoond",
        "— niet getoond",
    ]
    assert _row_cells(html, "Werk plannen")[3] == "niet getoond"  # 14 would give away Assen's 2
    # biggest shortage first
    assert html.index(">Metaal lassen<") < html.index(">Werk plannen<") < html.index(">Zorg verlenen<")


def test_the_offer_gaps_are_listed(office, world):
    html = office.get(URL).content.decode()

    without = html[html.index("Geen enkele module leert dit") : html.index("Modules leren dit alleen")]
    assert ">Metaal lassen<" in without
    assert ">Zorg verlenen<" not in without
    below = html[html.index("Modules leren dit alleen") :]
    assert _row_cells(below, "Werk plannen") == ["Werk plannen", "1", "3", "2", "1"]


def test_one_municipality(office, world):
    response = office.get(URL, {"gemeente": "GM0014"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vraag en aanbod in Groningen" in html
    assert '<option value="GM0014" selected>Groningen</option>' in html
    assert ">Werk plannen<" not in html.split("Wat het leeraanbod")[0]  # asked for in Assen only
    assert _row_cells(html, "Zorg verlenen")[1:4] == ["1", "1", "12"]
    assert f'href="{CSV_URL}?gemeente=GM0014"' in html


@pytest.mark.parametrize(
    ("value", "name"), [("14", "Groningen"), ("gm0106", "Assen"), ("GM0003", "Eemsdelta")]
)
def test_a_short_or_former_code_finds_the_municipality_of_now(office, world, value, name):
    response = office.get(URL, {"gemeente": value})
    assert response.status_code == 200
    assert f"Vraag en aanbod in {name}" in response.content.decode()


@pytest.mark.parametrize("value", ["GM9999", "Amsterdam", "x" * 5000, "99999999999999999999"])
def test_an_unknown_municipality_is_a_form_error_not_a_crash(office, world, value):
    response = office.get(URL, {"gemeente": value})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert 'aria-invalid="true"' in html
    assert "Vraag en aanbod per competentie" not in html
    assert reverse("matching:picture") in html


def test_nul_in_the_municipality_is_a_bad_request(office, world):
    assert office.get(URL, {"gemeente": "GM0014\x00"}).status_code == 400


def test_unknown_municipality_message_is_dutch(office, world):
    html = office.get(URL, {"gemeente": "GM9999"}).content.decode()
    assert "Wij kennen geen gemeente met code “GM9999” in de regio Groningen en Noord-Drenthe." in html


def test_csv_download_for_excel(office, world):
    response = office.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="regionaal-beeld-regio-\d{4}-\d{2}-\d{2}\.csv"',
        response["Content-Disposition"],
    )
    rows = _csv(response)
    assert rows[0] == [
        "Competentie",
        "Code",
        "Gebied",
        "Open plekken",
        "Waarvan noodzakelijk",
        "Hoogste gevraagde niveau",
        "Inwoners niveau 2 of hoger",
        "Inwoners alleen niveau 1",
        "Verschil (inwoners niveau 2 of hoger min open plekken)",
        "Inwoners niveau 2 of hoger per open plek",
        "Vraag in de toekomst",
        "Modules in het leeraanbod",
        "Hoogste niveau in het leeraanbod",
    ]
    by_code = {row[1]: row for row in rows[1:]}
    assert [row[1] for row in rows[1:]] == ["tech-lassen", "alg-plannen", "zorg-verlenen"]
    assert by_code["zorg-verlenen"] == [
        "Zorg verlenen",
        "zorg-verlenen",
        "Hele regio",
        "1",
        "1",
        "2",
        "22",
        "<10",
        "21",
        "22,0",
        "groeit: Zorg en welzijn; blijft gelijk: Basisvaardigheden",
        "1",
        "2",
    ]
    assert by_code["tech-lassen"][6:10] == ["<10", "<10", "", ""]
    assert by_code["tech-lassen"][11:] == ["0", ""]
    assert by_code["alg-plannen"][6] == "verborgen"


def test_csv_never_holds_a_suppressed_number(office, world):
    rows = _csv(office.get(CSV_URL, {"gemeente": "GM0106"}))
    for row in rows[1:]:
        assert row[2] == "Assen"
        for cell in row[6:8]:
            assert cell == "<10" or int(cell) >= 10


def test_csv_with_a_municipality(office, world):
    response = office.get(CSV_URL, {"gemeente": "GM0014"})

    assert 'filename="regionaal-beeld-GM0014-' in response["Content-Disposition"]
    rows = _csv(response)
    assert [row[1] for row in rows[1:]] == ["tech-lassen", "zorg-verlenen"]
    assert rows[2][6] == "12"


def test_csv_with_an_unknown_municipality_is_400_in_dutch(office, world):
    response = office.get(CSV_URL, {"gemeente": "GM9999"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Wij kennen geen gemeente" in response.content.decode()


def test_csv_cells_that_look_like_a_formula_are_made_text(office, world):
    world.care.label = "=SOM(A1)"
    world.care.save()
    rows = _csv(office.get(CSV_URL))
    assert "'=SOM(A1)" in [row[0] for row in rows]


def test_page_without_open_opportunities(office):
    response = office.get(URL)
    assert response.status_code == 200
    assert "Er staan hier nu geen plekken open" in response.content.decode()


def test_page_uses_a_fixed_number_of_queries(office, world, django_assert_max_num_queries):
    # 16, plus 4 aggregates that tell whether the kept learning offer is still current.
    with django_assert_max_num_queries(20):
        office.get(URL)


@pytest.mark.parametrize("role", ["programme_office", "school"])
def test_the_menu_links_to_the_page(role):
    assert URL in [item["url"] for item in menu_items(role=role, path="/")]


def test_the_menu_of_others_does_not(client):
    assert URL not in [item["url"] for item in menu_items(role="resident", path="/")]
