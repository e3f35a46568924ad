"""The programme pages: the programme office and administrators see and change; residents and
coaches get 403, anonymous visitors the login page; a forged or invalid POST gives a 400 page with a
Dutch message (never a 500) and changes nothing; an unknown id gives 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.monitoring.models import Activity, ActivityResult, Measure, MeasureJudgement, MeasureTarget
from doorleren.monitoring.services import programme as services
from doorleren.region.tests.factories import municipality

from .conftest import line

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _html(response) -> str:
    return response.content.decode()


def _pages(measure) -> list[str]:
    return [
        reverse("monitoring:programme"),
        reverse("monitoring:measure_create"),
        reverse("monitoring:measure_detail", args=[measure.pk]),
        reverse("monitoring:measure_update", args=[measure.pk]),
        reverse("monitoring:measure_history", args=[measure.pk]),
        reverse("monitoring:measure_target_add", args=[measure.pk]),
        reverse("monitoring:activity_create", args=[measure.pk]),
        reverse("monitoring:measure_judge", args=[measure.pk]),
    ]


def test_the_office_and_administrators_see_every_page(office, administrator, measure):
    for user in (office, administrator):
        client = _client(user)
        for url in _pages(measure):
            response = client.get(url)
            assert response.status_code == 200, url


@pytest.mark.parametrize("role", ["resident", "coach", "employer", "school"])
def test_other_roles_get_403(role, measure):
    from doorleren.accounts.tests.factories import UserFactory

    client = _client(UserFactory(role=role))
    for url in _pages(measure):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("monitoring:measure_judge", args=[measure.pk]), {"verdict": "stop", "reason": "x"}
    )
    assert response.status_code == 403
    assert not MeasureJudgement.objects.exists()


def test_anonymous_visitors_go_to_the_login_page(measure):
    for url in _pages(measure):
        response = _client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_programme_page_lists_lines_the_theme_and_measures(office, measure):
    services.measure_judgement_create(
        actor=office, measure=measure, verdict="adjust", reason="Bijsturen", judged_on=dt.date(2024, 3, 1)
    )
    html = _html(_client(office).get(reverse("monitoring:programme")))
    assert "Programmalijn 6: Lerende regio" in html
    assert "Overkoepelend thema" in html
    assert "Onderzoek naar wat werkt" in html
    assert "€ 100.000,00" in html
    assert "Rijksuniversiteit Groningen" in html
    assert "Aanpassen" in html
    assert "Nieuwe maatregel" in html


def test_the_office_makes_a_measure_with_the_form(office):
    response = _client(office).post(
        reverse("monitoring:measure_create"),
        {
            "programme_line": line("inclusieve-arbeidsmarkt").pk,
            "name": "Experiment basisbanen",
            "code": "basisbanen",
            "budget": "3200000",
            "starts_on": "2021-01-01",
            "ends_on": "2025-12-31",
            "target_groups": ["job_seeker"],
            "municipalities": [municipality("GM0014").pk, municipality("GM0106").pk],
            "status": "running",
            "responsible_name": "Gemeente Groningen",
        },
    )
    measure = Measure.objects.get(code="basisbanen")
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:measure_detail", args=[measure.pk])
    assert measure.budget_cents == 3_200_000_00
    assert measure.versions.count() == 1
    detail = _html(_client(office).get(response["Location"]))
    assert "Experiment basisbanen" in detail
    assert "€ 3.200.000,00" in detail
    assert "Werkzoekenden" in detail
    assert "Assen" in detail


@pytest.mark.parametrize(
    "data",
    [
        {
            "programme_line": "abc",
            "name": "X",
            "code": "x",
            "budget": "1",
            "starts_on": "2022-01-01",
            "status": "running",
        },
        {"programme_line": "999999999", "name": "X", "code": "x", "budget": "1", "starts_on": "2022-01-01"},
        {"name": "X", "code": "x", "budget": "veel", "starts_on": "2022-01-01", "status": "running"},
        {"name": "X" * 5000, "code": "x", "budget": "1", "starts_on": "gisteren", "status": "kapot"},
        {"municipalities": ["GM0014"], "target_groups": ["alien"], "partners": ["x"]},
        {},
    ],
)
def test_a_forged_or_invalid_create_gives_a_dutch_400_page(office, data):
    response = _client(office).post(reverse("monitoring:measure_create"), data)
    assert response.status_code == 400
    assert "Er gaat nog iets mis" in _html(response)
    assert not Measure.objects.exists()


def test_a_service_refusal_shows_on_the_form(office, measure):
    response = _client(office).post(
        reverse("monitoring:measure_create"),
        {
            "programme_line": line().pk,
            "name": "Dubbel",
            "code": measure.code,
            "budget": "1",
            "starts_on": "2022-01-01",
            "ends_on": "2021-01-01",
            "status": "running",
        },
    )
    assert response.status_code == 400
    assert "Er is al een maatregel met de code" in _html(response)
    assert Measure.objects.count() == 1


def _update_data(measure, **overrides):
    data = {
        "programme_line": measure.programme_line_id,
        "name": measure.name,
        "code": measure.code,
        "description": measure.description,
        "responsible_name": measure.responsible_name,
        "partner_names": measure.partner_names,
        "budget": "120000",
        "starts_on": "2022-01-01",
        "ends_on": "2025-12-31",
        "target_groups": ["worker", "job_seeker"],
        "municipalities": [municipality("GM0014").pk],
        "status": "running",
        "version": measure.version,
        "reason": "Meer geld",
    }
    data.update(overrides)
    return data


def test_the_edit_form_has_the_version_and_asks_why(office, measure):
    html = _html(_client(office).get(reverse("monitoring:measure_update", args=[measure.pk])))
    assert 'type="hidden" name="version" value="1"' in html
    assert "Waarom wijzigt u dit?" in html


def test_editing_writes_a_version_and_the_history_shows_it(office, measure):
    client = _client(office)
    response = client.post(reverse("monitoring:measure_update", args=[measure.pk]), _update_data(measure))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.version == 2
    html = _html(client.get(reverse("monitoring:measure_history", args=[measure.pk])))
    assert "Budget: € 100.000,00 → € 120.000,00" in html
    assert "Meer geld" in html
    assert "Pim Bureau" in html


def test_editing_a_stale_version_says_so_and_changes_nothing(office, measure):
    services.measure_update(actor=office, measure=measure, expected_version=1, reason="Eerst", name="Ander")
    response = _client(office).post(
        reverse("monitoring:measure_update", args=[measure.pk]),
        _update_data(measure, version=1, name="Mijn naam"),
    )
    assert response.status_code == 409
    assert "Iemand anders heeft deze maatregel net gewijzigd. Laad de pagina opnieuw." in _html(response)
    measure.refresh_from_db()
    assert measure.name == "Ander" and measure.budget_cents == 100_000_00


@pytest.mark.parametrize(
    "overrides", [{"reason": ""}, {"version": "abc"}, {"version": "99999999999999999999"}]
)
def test_editing_without_a_reason_or_a_good_version_gives_400(office, measure, overrides):
    response = _client(office).post(
        reverse("monitoring:measure_update", args=[measure.pk]), _update_data(measure, **overrides)
    )
    assert response.status_code == 400
    measure.refresh_from_db()
    assert measure.version == 1


def test_unknown_ids_give_404(office, measure):
    client = _client(office)
    for url in (
        reverse("monitoring:measure_detail", args=[measure.pk + 100]),
        reverse("monitoring:measure_update", args=[99999999999999999999]),
        reverse("monitoring:measure_history", args=[measure.pk + 100]),
        reverse("monitoring:activity_update", args=[measure.pk, 12345]),
        reverse("monitoring:activity_result_add", args=[measure.pk, 12345]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("monitoring:measure_target_remove", args=[measure.pk, 12345]),
        reverse("monitoring:activity_delete", args=[measure.pk, 12345]),
        reverse("monitoring:activity_result_remove", args=[measure.pk, 12345]),
    ):
        assert client.post(url).status_code == 404, url


def test_targets_activities_results_and_judgements_through_the_pages(office, measure, indicators):
    client = _client(office)
    detail_url = reverse("monitoring:measure_detail", args=[measure.pk])
    response = client.post(
        reverse("monitoring:measure_target_add", args=[measure.pk]),
        {
            "indicator": indicators["netto-arbeidsparticipatie"].pk,
            "target_value": "66,5",
            "target_year": "2026",
            "contribution": "Meer mensen aan het werk.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("monitoring:activity_create", args=[measure.pk]),
        {"name": "Effectmeting", "starts_on": "2022-03-01", "cost": "50000"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    response = client.post(
        reverse("monitoring:activity_result_add", args=[measure.pk, activity.pk]),
        {"year": "2023", "description": "Metingen gedaan", "value": "4", "unit": "metingen"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("monitoring:measure_judge", args=[measure.pk]),
        {"verdict": "continue", "reason": "Het werkt."},
    )
    assert response.status_code == 302
    html = _html(client.get(detail_url))
    assert "Netto arbeidsparticipatie" in html and "66,5 %" in html
    assert "Effectmeting" in html and "€ 50.000,00" in html
    assert "4 metingen" in html
    assert "Doorgaan" in html and "Het werkt." in html

    response = client.post(
        reverse("monitoring:activity_update", args=[measure.pk, activity.pk]),
        {"name": "Effectmeting", "starts_on": "2022-03-01", "cost": "60000,50"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.cost_cents == 6_000_050

    result = ActivityResult.objects.get()
    target = MeasureTarget.objects.get()
    assert (
        client.post(reverse("monitoring:activity_result_remove", args=[measure.pk, result.pk])).status_code
        == 302
    )
    assert (
        client.post(reverse("monitoring:activity_delete", args=[measure.pk, activity.pk])).status_code == 302
    )
    assert (
        client.post(reverse("monitoring:measure_target_remove", args=[measure.pk, target.pk])).status_code
        == 302
    )
    assert not Activity.objects.exists() and not MeasureTarget.objects.exists()
    measure.refresh_from_db()
    assert measure.version == 8
    history = _html(client.get(reverse("monitoring:measure_history", args=[measure.pk])))
    assert "Activiteit eraf: ‘Effectmeting’" in history
    assert "Doel erbij: Netto arbeidsparticipatie: 66,5 % in 2026" in history


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("measure_target_add", {"indicator": "abc", "target_value": "veel", "target_year": "99999"}),
        ("measure_target_add", {"indicator": "999999", "target_value": "1,23456", "target_year": "2026"}),
        ("activity_create", {"name": "", "starts_on": "31-02-2024", "cost": "-5"}),
        ("activity_create", {"name": "A", "starts_on": "2024-01-01", "ends_on": "2023-01-01", "cost": "1"}),
        ("measure_judge", {"verdict": "misschien", "reason": ""}),
        ("measure_judge", {"verdict": "stop", "reason": "x" * 5000}),
    ],
)
def test_bad_step_forms_give_a_dutch_400_page(office, measure, indicators, name, data):
    response = _client(office).post(reverse(f"monitoring:{name}", args=[measure.pk]), data)
    assert response.status_code == 400
    assert "Er gaat nog iets mis" in _html(response)
    measure.refresh_from_db()
    assert measure.version == 1
    assert not MeasureJudgement.objects.exists() and not Activity.objects.exists()


def test_removing_with_a_too_long_reason_gives_400_and_keeps_the_target(office, measure, indicators):
    target = services.measure_target_set(
        actor=office, measure=measure, indicator=indicators["banen"], target_value=10, target_year=2025
    )
    response = _client(office).post(
        reverse("monitoring:measure_target_remove", args=[measure.pk, target.pk]), {"reason": "x" * 600}
    )
    assert response.status_code == 400
    assert MeasureTarget.objects.filter(pk=target.pk).exists()


def test_the_detail_page_shows_a_short_effect_box_when_there_is_an_estimate(office, measure):
    from django.utils import timezone

    from doorleren.monitoring.models import EffectEstimate

    html = _html(_client(office).get(reverse("monitoring:measure_detail", args=[measure.pk])))
    assert "Werkt het? De effectschatting" not in html
    EffectEstimate.objects.create(
        measure=measure,
        computed_at=timezone.now(),
        participants=8,
        matched_participants=8,
        comparison_persons=40,
        effect=0.05,
        ci_low=-0.02,
        ci_high=0.12,
        verdict="too_early",
    )
    html = _html(_client(office).get(reverse("monitoring:measure_detail", args=[measure.pk])))
    assert "Werkt het? De effectschatting" in html
    assert "+5,0 procentpunt" in html
    assert "minder dan 10" in html
    assert "Te vroeg om te zeggen" in html
