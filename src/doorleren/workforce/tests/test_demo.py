"""The demo region has Henk's company scan (two roles) and Anne's agreed plan, and a reset wipes them."""

import pytest

from doorleren.demo.services import demo_build, demo_reset
from doorleren.demo.tests.conftest import SMALL
from doorleren.workforce.models import CompanyRole, DevelopmentPlan, PlanState, RoleHolder

pytestmark = pytest.mark.django_db


def test_the_demo_has_henks_scan_and_annes_agreed_plan_and_reset_wipes_them():
    result = demo_build(seed=11, **SMALL)
    assert result.counts["workforce_roles"] == 2
    roles = CompanyRole.objects.filter(organisation__name="Wierde Afval & Energie B.V.")
    assert roles.count() == 2 and all(role.competencies.exists() for role in roles)
    assert RoleHolder.objects.get(employee__username="anne").state == "accepted"
    plan = DevelopmentPlan.objects.get(employee__username="anne")
    assert plan.state == PlanState.AGREED
    assert plan.total_cents == plan.covered_cents + plan.own_contribution_cents
    assert plan.total_cents > 0 and plan.covered_cents > 0 and plan.items.exists()
    demo_reset()
    assert not CompanyRole.objects.exists() and not DevelopmentPlan.objects.exists()
