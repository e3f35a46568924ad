""" "Mijn gegevens": everything about the resident, through each app's selectors, as JSON and PDF."""

import json

import pytest
from django.urls import reverse

from doorleren.accounts import services as accounts_services
from doorleren.budgets.tests.factories import grant, rule
from doorleren.enrolments.tests.factories import enrol, module
from doorleren.privacy import services
from doorleren.privacy.exports import export_json, export_pdf
from doorleren.privacy.selectors import personal_data_export
from doorleren.profiles.tests.factories import ResidentProfileFactory, WorkExperienceFactory

pytestmark = pytest.mark.django_db

SECTIONS = {
    "accounts",
    "profiles",
    "enrolments",
    "budgets",
    "matching",
    "workforce",
    "placement",
    "monitoring",
    "audit",
    "privacy",
}


@pytest.fixture
def rich_resident(resident, employer, employer_org):
    accounts_services.consent_grant(resident=resident, organisation=employer_org, purpose="view_profile")
    WorkExperienceFactory(profile=resident.resident_profile, job_title="Heftruckchauffeur")
    budget = grant(rule_=rule(amount_cents=123_456), resident_=resident)
    enrol(resident, module(price_cents=40_000))
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="profile")
    return resident, budget


def test_every_section_is_there_with_the_residents_own_data(rich_resident):
    resident, budget = rich_resident
    data = json.loads(export_json(personal_data_export(user=resident)))
    assert set(data) >= SECTIONS
    assert data["accounts"]["account"]["username"] == "sanne"
    assert data["accounts"]["consents"][0]["organisation"] == "Installatiebedrijf Noord"
    assert data["profiles"]["work_experiences"][0]["job_title"] == "Heftruckchauffeur"
    assert data["budgets"]["budgets"][0]["amount_cents"] == 123_456
    assert data["enrolments"]["enrolments"][0]["price_cents"] == 40_000
    assert data["privacy"]["profile_views"][0]["viewer"] == "Henk Jansen"
    assert any(e["subject_type"] == "enrolments.enrolment" for e in data["audit"]["audit_events"])


def test_dates_are_iso_and_keys_are_stable(rich_resident):
    resident, _budget = rich_resident
    text = export_json(personal_data_export(user=resident)).decode("utf-8")
    data = json.loads(text)
    assert data["budgets"]["budgets"][0]["valid_until"] == "2027-03-02"
    assert data["exported_at"].endswith("+00:00")
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_another_residents_data_is_not_in_it(rich_resident):
    other = ResidentProfileFactory().user
    WorkExperienceFactory(profile=other.resident_profile, job_title="Geheim")
    resident, _budget = rich_resident
    assert b"Geheim" not in export_json(personal_data_export(user=resident))
    assert json.loads(export_json(personal_data_export(user=other)))["budgets"]["budgets"] == []


def test_the_json_download_is_utf8_json(client, rich_resident):
    resident, _budget = rich_resident
    client.force_login(resident)
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content.decode("utf-8"))["accounts"]["account"]["username"] == "sanne"


def test_the_pdf_download_is_a_dutch_summary(client, rich_resident):
    resident, _budget = rich_resident
    client.force_login(resident)
    response = client.get(reverse("privacy:my_data_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Heftruckchauffeur" in response.content
    assert b"EUR 1.234,56" in response.content


def test_the_pdf_of_a_resident_without_a_profile_works(db):
    from doorleren.accounts.tests.factories import UserFactory

    assert export_pdf(personal_data_export(user=UserFactory())).startswith(b"%PDF")


def test_the_page_explains_and_links_the_downloads(client, resident):
    client.force_login(resident)
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert reverse("privacy:my_data_pdf") in response.content.decode()


@pytest.mark.parametrize("name", ["privacy:my_data", "privacy:my_data_json", "privacy:my_data_pdf"])
def test_staff_cannot_use_the_pages(client, employer, name):
    client.force_login(employer)
    assert client.get(reverse(name)).status_code == 403


def test_the_api_returns_the_same_json(client, rich_resident):
    resident, _budget = rich_resident
    client.force_login(resident)
    api = client.get("/api/v1/privacy/my-data/").json()
    download = json.loads(client.get(reverse("privacy:my_data_json")).content)
    api.pop("exported_at"), download.pop("exported_at")
    assert api == download


def test_the_api_refuses_staff_and_strangers(client, employer):
    assert client.get("/api/v1/privacy/my-data/").status_code in (401, 403)
    client.force_login(employer)
    assert client.get("/api/v1/privacy/my-data/").status_code == 403
