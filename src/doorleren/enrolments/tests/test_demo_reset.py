"""Enrolments in the demo region are thrown away with the demo (``doorleren demo --reset``)."""

import pytest
from django.contrib.auth import get_user_model

from doorleren.budgets import selectors as budgets_selectors
from doorleren.demo.services import demo_build, demo_reset
from doorleren.demo.tests.conftest import SMALL, TODAY
from doorleren.enrolments import selectors, services
from doorleren.enrolments.models import Enrolment, EnrolmentFunding
from doorleren.learning.models import Module, ModuleStart

pytestmark = pytest.mark.django_db


def test_the_demo_reset_deletes_enrolments_and_their_budget_parts():
    demo_build(seed=11, **SMALL)
    made_by_the_demo = Enrolment.objects.count()  # the examples of signals for coaches
    anne = get_user_model().objects.get(username="anne")
    starting = ModuleStart.objects.filter(start_date__gte=TODAY).values("module_id")
    module = next(
        module
        for module in Module.objects.filter(pk__in=starting, status="published").order_by("price_cents", "pk")
        if selectors.enrolment_split(
            resident=anne,
            module=module,
            start_date=module.starts.order_by("start_date").last().start_date,
            on=TODAY,
        ).covered_cents
    )
    enrolment = services.enrolment_create(
        resident=anne,
        module=module,
        start=module.starts.order_by("start_date").last(),
        idempotency_key="demo",
        actor=None,
        on=TODAY,
    )
    assert enrolment.covered_cents > 0
    assert budgets_selectors.ledger_reconciliation().ok

    deleted = demo_reset()

    assert deleted["enrolments"] == made_by_the_demo + 1
    assert not Enrolment.objects.exists() and not EnrolmentFunding.objects.exists()
