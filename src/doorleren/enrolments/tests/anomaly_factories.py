"""Test helpers for the signals (``selectors_anomalies``): enrolment rows written directly.

The checks only read, so these rows skip the budgets and the ledger (the services' own tests cover
those). ``created_at`` is set afterwards, as the model fills it in on insert.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.enrolments.models import Enrolment, EnrolmentState
from doorleren.learning.tests.factories import ModuleFactory

from .factories import key

TODAY = dt.date(2026, 3, 2)


def raw_enrolment(
    *,
    module_=None,
    resident_=None,
    state: str = EnrolmentState.RESERVED,
    start_date: dt.date = TODAY,
    attended_hours: int | None = None,
    created_at: dt.datetime | None = None,
    covered_cents: int = 0,
) -> Enrolment:
    module_ = module_ or ModuleFactory()
    resident_ = resident_ or UserFactory(role="resident")
    price = module_.price_cents
    enrolment = Enrolment.objects.create(
        resident=resident_,
        module=module_,
        provider_id=module_.provider_id,
        start_date=start_date,
        module_hours=module_.hours,
        price_cents=price,
        covered_cents=covered_cents,
        left_to_pay_cents=price - covered_cents,
        provider_paid_cents=covered_cents if state == EnrolmentState.PAID else 0,
        state=state,
        idempotency_key=key(),
        attended_hours=attended_hours,
    )
    if created_at is not None:
        Enrolment.objects.filter(pk=enrolment.pk).update(created_at=created_at)
        enrolment.refresh_from_db()
    return enrolment


def many_on(*, module_, day: dt.date, count: int, resident_=None, at: dt.time = dt.time(12, 0)) -> list[int]:
    """``count`` cancelled enrolments of one resident for ``module_``, made on ``day`` (local time ``at``).
    Cancelled, so one resident may have many for the same module; a burst counts every new enrolment."""
    resident_ = resident_ or UserFactory(role="resident")
    made = Enrolment.objects.bulk_create(
        [
            Enrolment(
                resident=resident_,
                module=module_,
                provider_id=module_.provider_id,
                start_date=day,
                module_hours=module_.hours,
                price_cents=module_.price_cents,
                covered_cents=0,
                left_to_pay_cents=module_.price_cents,
                state=EnrolmentState.CANCELLED,
                idempotency_key=key(),
            )
            for _ in range(count)
        ]
    )
    ids = [enrolment.pk for enrolment in made]
    if not all(ids):  # some databases do not return ids from bulk_create
        ids = list(
            Enrolment.objects.filter(resident=resident_, module=module_)
            .order_by("-id")
            .values_list("pk", flat=True)[:count]
        )
    Enrolment.objects.filter(pk__in=ids).update(created_at=timezone.make_aware(dt.datetime.combine(day, at)))
    return ids
