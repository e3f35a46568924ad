"""The programme's services: create writes version 1, changes write a version with what changed,
a stale version changes nothing (409), only the programme office and administrators may write, and
bad input is a Dutch ApplicationError with a code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError
from doorleren.monitoring.models import (
    Activity,
    ActivityResult,
    EffectEstimate,
    Measure,
    MeasureJudgement,
    MeasureTarget,
    MeasureVersion,
)
from doorleren.monitoring.services import programme as services
from doorleren.region.models import Municipality
from doorleren.region.tests.factories import municipality

from .conftest import line, make_measure

pytestmark = pytest.mark.django_db


def test_create_writes_version_one_with_a_full_snapshot(office):
    measure = make_measure(office, municipalities=[municipality("GM0014"), municipality("GM0106")])
    version = MeasureVersion.objects.get(measure=measure)
    assert measure.version == 1
    assert version.version == 1
    assert version.changed_by == office
    assert version.reason == "Uit het plan."
    assert set(version.changed_fields) >= {"name", "budget_cents", "municipalities", "targets", "activities"}
    assert version.snapshot["budget_cents"] == 100_000_00
    assert [m["code"] for m in version.snapshot["municipalities"]] == ["GM0106", "GM0014"]
    assert version.snapshot["programme_line"]["code"] == "lerende-regio"
    assert AuditEvent.objects.filter(action="monitoring.measure_create", subject_id=str(measure.pk)).exists()


def test_update_changes_only_the_given_fields_and_writes_a_version(office, measure):
    services.measure_update(
        actor=office,
        measure=measure,
        expected_version=1,
        reason="Meer geld van de provincie.",
        budget_cents=120_000_00,
    )
    measure.refresh_from_db()
    assert measure.budget_cents == 120_000_00
    assert measure.name == "Onderzoek naar wat werkt"
    assert measure.version == 2
    latest = MeasureVersion.objects.get(measure=measure, version=2)
    assert latest.changed_fields == ["budget_cents"]
    assert latest.reason == "Meer geld van de provincie."
    assert latest.snapshot["budget_cents"] == 120_000_00


def test_update_with_a_stale_version_is_refused_and_changes_nothing(office, measure):
    services.measure_update(
        actor=office, measure=measure, expected_version=1, reason="Eerst", name="Nieuwe naam"
    )
    with pytest.raises(ApplicationError) as raised:
        services.measure_update(
            actor=office, measure=measure, expected_version=1, reason="Later", budget_cents=1
        )
    assert raised.value.status == 409
    assert raised.value.code == "measure_version_stale"
    assert raised.value.message == "Iemand anders heeft deze maatregel net gewijzigd. Laad de pagina opnieuw."
    measure.refresh_from_db()
    assert measure.budget_cents == 100_000_00
    assert measure.version == 2
    assert MeasureVersion.objects.filter(measure=measure).count() == 2


def test_an_update_that_changes_nothing_writes_no_version(office, measure):
    services.measure_update(
        actor=office,
        measure=measure,
        expected_version=1,
        reason="Niets",
        budget_cents=100_000_00,
        municipalities=[municipality("GM0014")],
    )
    measure.refresh_from_db()
    assert measure.version == 1
    assert MeasureVersion.objects.filter(measure=measure).count() == 1
    assert not AuditEvent.objects.filter(action="monitoring.measure_update").exists()


def test_update_needs_a_reason(office, measure):
    with pytest.raises(ApplicationError) as raised:
        services.measure_update(actor=office, measure=measure, expected_version=1, reason="  ", name="X")
    assert raised.value.code == "measure_update_reason_missing"
    assert raised.value.extra["field"] == "reason"


@pytest.mark.parametrize("role", ["resident", "coach", "employer", "school"])
def test_other_roles_may_not_change_the_programme(role, office, measure):
    from doorleren.accounts.tests.factories import UserFactory

    user = UserFactory(role=role)
    calls = [
        lambda: make_measure(user, code="andere"),
        lambda: services.measure_update(
            actor=user, measure=measure, expected_version=1, reason="x", name="y"
        ),
        lambda: services.activity_create(
            actor=user, measure=measure, name="a", starts_on=dt.date(2023, 1, 1)
        ),
        lambda: services.measure_judgement_create(actor=user, measure=measure, verdict="stop", reason="x"),
    ]
    for call in calls:
        with pytest.raises(ApplicationError) as raised:
            call()
        assert raised.value.status == 403
    measure.refresh_from_db()
    assert measure.version == 1 and measure.name == "Onderzoek naar wat werkt"
    assert Measure.objects.count() == 1


def test_an_administrator_may_change_the_programme(administrator, measure):
    services.measure_update(
        actor=administrator, measure=measure, expected_version=1, reason="Beheer", status="adjusted"
    )
    measure.refresh_from_db()
    assert measure.status == "adjusted"


def test_an_inactive_office_user_may_not(office, measure):
    office.is_active = False
    office.save()
    with pytest.raises(ApplicationError) as raised:
        services.measure_update(actor=office, measure=measure, expected_version=1, reason="x", name="y")
    assert raised.value.status == 403


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"code": "Met Hoofdletters en spaties"}, "measure_code_invalid"),
        ({"code": "x" * 61}, "measure_code_invalid"),
        ({"budget_cents": -1}, "measure_budget_negative"),
        ({"budget_cents": 10**12 + 1}, "measure_budget_too_high"),
        ({"budget_cents": 12.5}, "measure_budget_not_whole"),
        ({"ends_on": dt.date(2021, 12, 31)}, "measure_ends_before_start"),
        ({"starts_on": "2022-01-01"}, "measure_starts_on_invalid"),
        ({"starts_on": dt.date(1900, 1, 1)}, "measure_starts_on_out_of_range"),
        ({"target_groups": ["pensionado"]}, "measure_target_groups_invalid"),
        ({"target_groups": "worker"}, "measure_target_groups_invalid"),
        ({"status": "kapot"}, "measure_status_invalid"),
        ({"name": ""}, "measure_name_empty"),
        ({"name": "x" * 201}, "measure_name_invalid"),
        ({"description": "a\x00b"}, "measure_description_invalid"),
        ({"partners": [1, 2]}, "measure_partners_invalid"),
        ({"programme_line": "lerende-regio"}, "measure_programme_line_invalid"),
        ({"colour": "blauw"}, "measure_field_unknown"),
    ],
)
def test_bad_input_is_refused_with_a_code_and_nothing_changes(office, measure, changes, code):
    with pytest.raises(ApplicationError) as raised:
        services.measure_update(actor=office, measure=measure, expected_version=1, reason="Test", **changes)
    assert raised.value.code == code
    assert raised.value.status == 400
    assert raised.value.message
    measure.refresh_from_db()
    assert measure.version == 1
    assert measure.budget_cents == 100_000_00


def test_a_code_must_be_unique(office, measure):
    with pytest.raises(ApplicationError) as raised:
        make_measure(office)
    assert raised.value.code == "measure_code_taken"
    assert Measure.objects.count() == 1


def test_a_former_municipality_is_refused(office):
    former = Municipality.objects.filter(is_current=False).first()
    with pytest.raises(ApplicationError) as raised:
        make_measure(office, code="oud", municipalities=[former])
    assert raised.value.code == "measure_municipality_not_current"
    assert former.name in raised.value.message


def test_the_theme_can_have_measures(office):
    measure = make_measure(office, code="campus", programme_line=line("infrastructuur"))
    assert measure.programme_line.is_theme


def test_targets_and_activities_count_as_changes_in_the_history(office, measure, indicators):
    target = services.measure_target_set(
        actor=office,
        measure=measure,
        indicator=indicators["netto-arbeidsparticipatie"],
        target_value=Decimal("66.5"),
        target_year=2026,
        contribution="Meer mensen aan het werk.",
    )
    activity = services.activity_create(
        actor=office,
        measure=measure,
        name="Effectmeting",
        starts_on=dt.date(2022, 3, 1),
        cost_cents=50_000_00,
    )
    result = services.activity_result_add(
        actor=office, activity=activity, year=2023, description="Metingen", value=4, unit="metingen"
    )
    measure.refresh_from_db()
    assert measure.version == 4
    latest = MeasureVersion.objects.get(measure=measure, version=4)
    assert latest.changed_fields == ["activities"]
    assert latest.snapshot["activities"][0]["results"][0]["value"] == 4
    assert (
        MeasureVersion.objects.get(measure=measure, version=2).snapshot["targets"][0]["target_value"]
        == "66.5"
    )

    # The same indicator and year again changes the target; the same value again changes nothing.
    services.measure_target_set(
        actor=office,
        measure=measure,
        indicator=indicators["netto-arbeidsparticipatie"],
        target_value=67,
        target_year=2026,
        contribution="Meer mensen aan het werk.",
    )
    services.measure_target_set(
        actor=office,
        measure=measure,
        indicator=indicators["netto-arbeidsparticipatie"],
        target_value="67.0",
        target_year=2026,
        contribution="Meer mensen aan het werk.",
    )
    assert MeasureTarget.objects.get(pk=target.pk).target_value == Decimal("67")
    measure.refresh_from_db()
    assert measure.version == 5

    services.activity_result_remove(actor=office, result=result)
    services.activity_update(
        actor=office, activity=activity, cost_cents=60_000_00, ends_on=dt.date(2025, 1, 1)
    )
    services.activity_delete(actor=office, activity=activity)
    services.measure_target_remove(actor=office, target=target)
    measure.refresh_from_db()
    assert measure.version == 9
    assert not Activity.objects.exists() and not ActivityResult.objects.exists()
    assert not MeasureTarget.objects.exists()
    assert list(MeasureVersion.objects.filter(measure=measure).values_list("version", flat=True)) == list(
        range(9, 0, -1)
    )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"target_value": "veel"}, "measure_target_value_invalid"),
        ({"target_value": Decimal("1.23456")}, "measure_target_value_invalid"),
        ({"target_value": Decimal("1e20")}, "measure_target_value_invalid"),
        ({"target_value": True}, "measure_target_value_invalid"),
        ({"target_year": 1999}, "measure_target_year_invalid"),
        ({"target_year": "2026"}, "measure_target_year_invalid"),
        ({"contribution": "x" * 501}, "measure_target_contribution_invalid"),
        ({"indicator": "netto-arbeidsparticipatie"}, "measure_target_indicator_invalid"),
    ],
)
def test_bad_targets_are_refused(office, measure, indicators, kwargs, code):
    good = {
        "indicator": indicators["netto-arbeidsparticipatie"],
        "target_value": 66,
        "target_year": 2026,
        "contribution": "",
    }
    with pytest.raises(ApplicationError) as raised:
        services.measure_target_set(actor=office, measure=measure, **{**good, **kwargs})
    assert raised.value.code == code
    assert not MeasureTarget.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": ""}, "activity_name_empty"),
        ({"cost_cents": -5}, "activity_cost_negative"),
        ({"ends_on": dt.date(2020, 1, 1)}, "activity_ends_before_start"),
        ({"starts_on": None}, "activity_starts_on_invalid"),
    ],
)
def test_bad_activities_are_refused(office, measure, kwargs, code):
    good = {"name": "Scholing", "starts_on": dt.date(2022, 1, 1), "cost_cents": 0}
    with pytest.raises(ApplicationError) as raised:
        services.activity_create(actor=office, measure=measure, **{**good, **kwargs})
    assert raised.value.code == code
    assert not Activity.objects.exists()


def test_a_result_needs_a_whole_number_and_a_year(office, measure):
    activity = services.activity_create(
        actor=office, measure=measure, name="A", starts_on=dt.date(2022, 1, 1)
    )
    for kwargs, code in (
        ({"value": -1}, "activity_result_value_invalid"),
        ({"value": 10**10}, "activity_result_value_invalid"),
        ({"year": 3000}, "activity_result_year_invalid"),
        ({"unit": ""}, "activity_result_unit_empty"),
    ):
        good = {"year": 2023, "description": "Deelnemers", "value": 10, "unit": "deelnemers"}
        with pytest.raises(ApplicationError) as raised:
            services.activity_result_add(actor=office, activity=activity, **{**good, **kwargs})
        assert raised.value.code == code
    assert not ActivityResult.objects.exists()


def test_a_judgement_keeps_a_copy_of_the_effect_estimate(office, measure):
    computed_at = timezone.now()
    estimate = EffectEstimate.objects.create(
        measure=measure,
        computed_at=computed_at,
        participants=250,
        matched_participants=240,
        comparison_persons=900,
        participant_rate=0.42,
        comparison_rate=0.35,
        effect=0.07,
        ci_low=0.02,
        ci_high=0.12,
        verdict="continue",
    )
    judgement = services.measure_judgement_create(
        actor=office, measure=measure, verdict="continue", reason="Het effect is duidelijk."
    )
    assert judgement.estimate == {
        "effect": 0.07,
        "ci_low": 0.02,
        "ci_high": 0.12,
        "participants": 250,
        "verdict": "continue",
        "computed_at": computed_at.isoformat(),
    }
    assert judgement.judged_on == timezone.localdate()
    assert judgement.judged_by == office
    # A new estimate later does not change what the judgement kept.
    estimate.effect = -0.01
    estimate.save()
    judgement.refresh_from_db()
    assert judgement.estimate["effect"] == 0.07


def test_a_judgement_without_an_estimate_keeps_none(office, measure):
    judgement = services.measure_judgement_create(
        actor=office,
        measure=measure,
        verdict="too_early",
        reason="Nog te weinig deelnemers.",
        judged_on=dt.date(2024, 1, 5),
    )
    assert judgement.estimate is None
    assert judgement.judged_on == dt.date(2024, 1, 5)
    measure.refresh_from_db()
    assert measure.version == 1  # a judgement is not a change of the measure


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"verdict": "misschien"}, "measure_judgement_verdict_invalid"),
        ({"reason": ""}, "measure_judgement_reason_empty"),
        ({"judged_on": dt.date(2999, 1, 1)}, "measure_judgement_date_out_of_range"),
        ({"judged_on": timezone.localdate() + dt.timedelta(days=3)}, "measure_judgement_in_future"),
    ],
)
def test_bad_judgements_are_refused(office, measure, kwargs, code):
    with pytest.raises(ApplicationError) as raised:
        services.measure_judgement_create(
            actor=office, measure=measure, **{"verdict": "stop", "reason": "x", **kwargs}
        )
    assert raised.value.code == code
    assert not MeasureJudgement.objects.exists()


def test_the_callers_measure_sees_each_new_version(office, measure):
    activity = services.activity_create(
        actor=office, measure=measure, name="A", starts_on=dt.date(2022, 1, 1)
    )
    services.activity_result_add(
        actor=office, activity=activity, year=2023, description="x", value=1, unit="x"
    )
    assert measure.version == 3
    services.measure_update(
        actor=office, measure=measure, expected_version=measure.version, reason="Door", name="B"
    )
    assert Measure.objects.get(pk=measure.pk).version == 4
