"""The demo programme: measures from the regional plan with their targets, activities, results and
judgements, made through the same services as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.fund import selectors as fund_selectors
from doorleren.fund import services as fund_services
from doorleren.region import selectors as region_selectors

from ...models import Measure, StatIndicator
from .judgements import measure_judgement_create
from .measures import measure_create
from .steps import activity_create, activity_result_add, measure_target_set

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation


def programme_demo_load(
    *, organisations_by_name: Mapping[str, Organisation] | None = None, today: dt.date
) -> dict[str, int]:
    """Demo measures from the regional plan (``programme_seed.py``) on every programme line and the
    theme, with targets, activities, yearly results and judgements. Safe to repeat: a measure whose
    code exists is left as it is. Responsible parties and partners found in ``organisations_by_name``
    are linked; others are kept as names. Indicator codes that do not exist are skipped."""
    from ...programme_seed import MEASURES

    organisations = dict(organisations_by_name or {})
    lines = {line.code: line for line in fund_selectors.programme_lines()}
    if not lines:
        fund_services.programme_plan_load()
        lines = {line.code: line for line in fund_selectors.programme_lines()}
    municipalities = {m.code: m for m in region_selectors.municipalities_current()}
    indicators = {indicator.code: indicator for indicator in StatIndicator.objects.all()}
    counts = dict.fromkeys(("measures", "targets", "activities", "results", "judgements", "skipped"), 0)
    for spec in MEASURES:
        line = lines.get(spec["line"])
        if line is None or Measure.objects.filter(code=spec["code"]).exists():
            counts["skipped"] += 1
            continue
        responsible = organisations.get(spec["responsible"])
        partner_objects = [organisations[name] for name in spec["partners"] if name in organisations]
        other_partners = [name for name in spec["partners"] if name not in organisations]
        with transaction.atomic():
            measure = measure_create(
                actor=None,
                programme_line=line,
                code=spec["code"],
                name=spec["name"],
                description=spec["description"],
                responsible=responsible,
                responsible_name="" if responsible else spec["responsible"],
                partners=partner_objects,
                partner_names=", ".join(other_partners),
                budget_cents=spec["budget_euros"] * 100,
                starts_on=spec["starts_on"],
                ends_on=spec["ends_on"],
                target_groups=spec["target_groups"],
                municipalities=[
                    municipalities[code] for code in spec["municipalities"] if code in municipalities
                ],
                status=spec["status"],
                reason=_("Demo: maatregel uit het regionale plan."),
            )
            counts["measures"] += 1
            for code, value, year, contribution in spec["targets"]:
                if code in indicators:
                    measure_target_set(
                        actor=None,
                        measure=measure,
                        indicator=indicators[code],
                        target_value=Decimal(str(value)),
                        target_year=year,
                        contribution=contribution,
                    )
                    counts["targets"] += 1
            for activity_spec in spec["activities"]:
                activity = activity_create(
                    actor=None,
                    measure=measure,
                    name=activity_spec["name"],
                    description=activity_spec["description"],
                    starts_on=activity_spec["starts_on"],
                    ends_on=activity_spec["ends_on"],
                    cost_cents=activity_spec["cost_euros"] * 100,
                )
                counts["activities"] += 1
                for year, description, value, unit in activity_spec["results"]:
                    if year < today.year:
                        activity_result_add(
                            actor=None,
                            activity=activity,
                            year=year,
                            description=description,
                            value=value,
                            unit=unit,
                        )
                        counts["results"] += 1
            for judged_on, verdict, reason in spec["judgements"]:
                if judged_on <= today:
                    measure_judgement_create(
                        actor=None, measure=measure, verdict=verdict, reason=reason, judged_on=judged_on
                    )
                    counts["judgements"] += 1
    return counts
