"""``/api/v1/monitoring/indicators/``: list, values and the CSV import; office and administrators only."""

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
LIST = reverse("api-v1:monitoring-indicators")
IMPORT = reverse("api-v1:monitoring-indicators-import-csv")


def _values(code: str) -> str:
    return reverse("api-v1:monitoring-indicator-values", args=[code])


def _client(role: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if role is not None:
        client.force_login(UserFactory(role=role))
    return client


def test_the_list_has_every_indicator_with_the_latest_region_value():
    stat_values_demo_load(today=dt.date(2024, 6, 1))
    body = _client(Role.PROGRAMME_OFFICE).get(LIST).json()
    by_code = {item["code"]: item for item in body}
    assert len(body) == 19
    participation = by_code["netto-arbeidsparticipatie"]
    assert participation["weight_indicator"] == "bevolking-15-75"
    assert participation["latest"]["year"] == 2023
    assert participation["latest"]["is_demo"] is True


def test_values_filter_by_year_and_municipality_old_names_resolve():
    stat_values_demo_load(today=dt.date(2024, 6, 1))
    client = _client(Role.ADMINISTRATOR)
    rows = client.get(_values("banen"), {"year": 2019}).json()
    assert len(rows) == 15  # 14 municipalities and the region
    region = next(row for row in rows if row["municipality"] is None)
    assert region["value"] == "339000.0000" and region["source"] == "plan"
    eemsdelta = client.get(_values("banen"), {"municipality": "Appingedam"}).json()
    assert {row["municipality"] for row in eemsdelta} == {"GM1979"}


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"year": "abc"}, 400),
        ({"year": 10**20}, 400),
        ({"municipality": "Atlantis"}, 404),
        ({"municipality": "x" * 500}, 400),
    ],
)
def test_bad_filters_give_a_dutch_4xx(query, status):
    response = _client(Role.PROGRAMME_OFFICE).get(_values("banen"), query)
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_unknown_indicator_is_404():
    response = _client(Role.PROGRAMME_OFFICE).get(_values("bestaat-niet"))
    assert response.status_code == 404
    assert response.json()["detail"] == "Deze indicator bestaat niet."


@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.EMPLOYER, Role.COACH])
def test_others_are_refused(role):
    client = _client(role)
    assert client.get(LIST).status_code in (401, 403)
    assert client.get(_values("banen")).status_code in (401, 403)
    upload = SimpleUploadedFile("x.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;1000\n")
    assert client.post(IMPORT, {"file": upload}).status_code in (401, 403)
    assert not StatValue.objects.exists()


def test_the_office_imports_a_csv():
    upload = SimpleUploadedFile(
        "x.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;150000\nbanen;GM9999;2019;5\n"
    )
    response = _client(Role.PROGRAMME_OFFICE).post(IMPORT, {"file": upload, "source_detail": "Test"})
    body = response.json()
    assert response.status_code == 200
    assert body["stored"] == 1 and body["source_detail"] == "Test"
    assert body["skipped"][0]["gemeente"] == "GM9999"


def test_a_bad_csv_is_a_400_naming_the_line_and_nothing_is_stored():
    upload = SimpleUploadedFile(
        "x.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;1\nbanen;GM0014;twee;1\n"
    )
    response = _client(Role.PROGRAMME_OFFICE).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert response.json()["code"] == "stat_csv_invalid"
    assert response.json()["line"] == 3 and response.json()["column"] == "jaar"
    assert not StatValue.objects.exists()


def test_an_import_without_a_file_is_a_400():
    response = _client(Role.PROGRAMME_OFFICE).post(IMPORT, {})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
