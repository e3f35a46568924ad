"""The pages: overview, one indicator with its CSV, and reading in a CSV; office and administrators only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.monitoring.models import StatValue
from doorleren.monitoring.services.statistics import stat_values_demo_load

pytestmark = pytest.mark.django_db


def _client(role: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if role is not None:
        client.force_login(UserFactory(role=role))
    return client


@pytest.fixture
def demo():
    stat_values_demo_load(today=dt.date(2024, 6, 1))


PAGES = [
    ("monitoring:statistics", {}),
    ("monitoring:statistic_detail", {"code": "banen"}),
    ("monitoring:statistic_csv", {"code": "netto-arbeidsparticipatie"}),
    ("monitoring:statistics_import", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("role", [Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR])
def test_office_and_administrators_see_the_pages(demo, name, kwargs, role):
    assert _client(role).get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("role", [Role.RESIDENT, Role.EMPLOYER, Role.SCHOOL, Role.COACH])
def test_others_get_403(name, kwargs, role):
    assert _client(role).get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitors_are_sent_to_the_login(name, kwargs):
    response = _client(None).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_overview_shows_groups_latest_values_and_marks_demo_values(demo):
    html = _client(Role.PROGRAMME_OFFICE).get(reverse("monitoring:statistics")).content.decode()
    assert "Hoofddoelen" in html and "Subdoelen" in html
    assert "Netto arbeidsparticipatie" in html
    assert "voorbeeldcijfer" in html


def test_the_detail_shows_the_table_the_plan_figure_and_merged_notes(demo):
    eemsdelta = StatValue.objects.get(indicator__code="banen", municipality__code="GM1979", year=2020)
    StatValue.objects.filter(pk=eemsdelta.pk).update(reported_codes="GM0003, GM0010, GM0024", source="cbs")
    html = (
        _client(Role.PROGRAMME_OFFICE)
        .get(reverse("monitoring:statistic_detail", args=["banen"]))
        .content.decode()
    )
    assert "Eemsdelta" in html and "Westerwolde" in html
    assert "339.000" in html
    assert "omgerekend van de oude gemeenten GM0003, GM0010, GM0024" in html
    assert "Uit het regionale plan" in html and "Voorbeeldcijfer" in html


def test_an_unknown_indicator_is_404():
    response = _client(Role.PROGRAMME_OFFICE).get(
        reverse("monitoring:statistic_detail", args=["bestaat-niet"])
    )
    assert response.status_code == 404


def test_the_csv_download_uses_dutch_decimals(demo):
    response = _client(Role.PROGRAMME_OFFICE).get(
        reverse("monitoring:statistic_csv", args=["netto-arbeidsparticipatie"])
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="cijfers-netto-arbeidsparticipatie.csv"'
    lines = text.split("\r\n")
    assert lines[0] == "Gemeente;CBS-code;2019;2020;2021;2022;2023"
    assert lines[1].startswith("Aa en Hunze;GM1680;")
    assert "," in lines[1].split(";")[2]
    assert any(line.startswith("Regio;;64,8") for line in lines)


def test_uploading_a_good_csv_shows_the_result_in_plain_dutch():
    upload = SimpleUploadedFile(
        "cijfers.csv",
        b"indicator;gemeente;jaar;waarde\nbanen;GM0003;2019;4000\nbanen;GM0010;2019;9000\nbanen;GM0024;2019;2000\n"
        b"banen;GM0363;2019;1\n",
        content_type="text/csv",
    )
    response = _client(Role.PROGRAMME_OFFICE).post(reverse("monitoring:statistics_import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 cijfer is nieuw" in html
    assert "Eemsdelta 2019, omgerekend van de oude gemeenten GM0003, GM0010, GM0024" in html
    assert "Niet ingelezen" in html and "GM0363" in html
    assert StatValue.objects.get(indicator__code="banen").value == 15000


def test_uploading_a_bad_csv_stores_nothing_and_names_the_line():
    upload = SimpleUploadedFile("x.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;veel\n")
    response = _client(Role.PROGRAMME_OFFICE).post(reverse("monitoring:statistics_import"), {"file": upload})
    assert response.status_code == 400
    assert "Regel 2, kolom ‘waarde’" in response.content.decode()
    assert not StatValue.objects.exists()


def test_uploading_without_a_file_is_a_form_error():
    response = _client(Role.PROGRAMME_OFFICE).post(reverse("monitoring:statistics_import"), {})
    assert response.status_code == 400
    assert "Kies een CSV-bestand." in response.content.decode()


def test_a_resident_cannot_upload():
    upload = SimpleUploadedFile("x.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;1000\n")
    response = _client(Role.RESIDENT).post(reverse("monitoring:statistics_import"), {"file": upload})
    assert response.status_code == 403
    assert not StatValue.objects.exists()
