"""The demo programme: measures on every line and the theme, from the regional plan; safe to repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from doorleren.fund.selectors import programme_lines
from doorleren.monitoring.models import (
    Activity,
    ActivityResult,
    Measure,
    MeasureJudgement,
    MeasureTarget,
    StatIndicator,
)
from doorleren.monitoring.programme_seed import MEASURES
from doorleren.monitoring.services import programme as services
from doorleren.organisations.tests.factories import GovernmentFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def test_the_demo_has_measures_on_every_line_and_the_theme(indicators):
    # An indicator code that does not exist is skipped without an error.
    StatIndicator.objects.filter(code="ervaren-gezondheid").delete()
    counts = services.programme_demo_load(today=TODAY)
    assert counts["measures"] == len(MEASURES) >= 14
    for line in programme_lines():
        assert Measure.objects.filter(programme_line=line).exists(), line.code
    assert Measure.objects.filter(programme_line__is_theme=True).exists()
    assert Activity.objects.count() == counts["activities"] > 14
    assert ActivityResult.objects.count() == counts["results"] > 30
    assert MeasureJudgement.objects.count() == counts["judgements"] > 5
    assert MeasureTarget.objects.count() == counts["targets"] > 0
    codes = set(MeasureTarget.objects.values_list("indicator__code", flat=True))
    assert "netto-arbeidsparticipatie" in codes
    assert "ervaren-gezondheid" not in codes
    campus = Measure.objects.get(code="leercampus-appingedam")
    assert campus.programme_line.is_theme
    assert [m.code for m in campus.municipalities.all()] == ["GM1979"]
    assert "demo" in campus.description
    assert all(measure.versions.exists() for measure in Measure.objects.all())


def test_the_demo_is_safe_to_repeat():
    first = services.programme_demo_load(today=TODAY)
    versions = {m.code: m.version for m in Measure.objects.all()}
    second = services.programme_demo_load(today=TODAY)
    assert second["measures"] == 0
    assert second["skipped"] == first["measures"]
    assert {m.code: m.version for m in Measure.objects.all()} == versions


def test_the_demo_links_organisations_it_is_given_and_keeps_other_names():
    gemeente = GovernmentFactory(name="Gemeente Groningen")
    services.programme_demo_load(organisations_by_name={"Gemeente Groningen": gemeente}, today=TODAY)
    basisbanen = Measure.objects.get(code="basisbanen")
    assert basisbanen.responsible == gemeente
    assert basisbanen.responsible_name == ""
    assert "StartFoundation" in basisbanen.partner_names
    schooldag = Measure.objects.get(code="verlengde-schooldag")
    assert list(schooldag.partners.all()) == [gemeente]
    assert schooldag.responsible is None and schooldag.responsible_name == "Kansrijke Groningers"


def test_the_demo_adds_no_results_or_judgements_from_the_future():
    services.programme_demo_load(today=dt.date(2024, 6, 1))
    assert not ActivityResult.objects.filter(year__gte=2024).exists()
    assert not MeasureJudgement.objects.filter(judged_on__gt=dt.date(2024, 6, 1)).exists()
