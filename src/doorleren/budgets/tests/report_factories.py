"""A small region for the money report's page and API tests, made through the services.

Groningen: 12 job seekers with a regional budget of €500 (programme line 2); one paid €200 to a school
and one has €150 reserved. Assen: 11 students with an own development budget of €250 (no programme
line). Eemsdelta: 3 workers with a UWV budget of €100 (no programme line): their rows are small
cells, so the Assen / students / own budget rows are hidden too ("niet getoond").
"""

from __future__ import annotations

from dataclasses import dataclass

from doorleren.budgets import services
from doorleren.budgets.models import Budget, Funder, FunderKind
from doorleren.fund.models import ProgrammeLine
from doorleren.organisations.tests.factories import SchoolFactory
from doorleren.region.tests.factories import municipality

from .factories import funder, grant, resident, rule


@dataclass
class ReportWorld:
    regional: Funder
    uwv: Funder
    own: Funder
    budgets: list[Budget]


def report_world() -> ReportWorld:
    school = SchoolFactory()
    regional = funder(name="Regionaal LLO-budget", funded_cents=10_000_00)
    uwv = funder(name="UWV Groningen", kind=FunderKind.UWV, funded_cents=1_000_00)
    own = funder(name="Ontwikkelbudget", kind=FunderKind.OWN_BUDGET, funded_cents=5_000_00)
    learning = ProgrammeLine.objects.get(code="kwalificerend-onderwijs")
    rule_r = rule(funder_=regional, amount_cents=500_00, programme_line=learning)
    rule_u = rule(funder_=uwv, amount_cents=100_00)
    rule_o = rule(funder_=own, amount_cents=250_00)
    budgets = [grant(rule_=rule_r, resident_=resident()) for _ in range(12)]
    workers = [resident(municipality=municipality("GM1979"), status="worker") for _ in range(3)]
    budgets += [grant(rule_=rule_u, resident_=person) for person in workers]
    students = [resident(municipality=municipality("GM0106"), status="student") for _ in range(11)]
    budgets += [grant(rule_=rule_o, resident_=person) for person in students]
    paid = services.reservation_create(
        budget=budgets[0], amount_cents=200_00, idempotency_key="r-1", reason="M"
    )
    services.reservation_pay(reservation=paid, provider=school, reason="Klaar")
    services.reservation_create(budget=budgets[1], amount_cents=150_00, idempotency_key="r-2", reason="M")
    return ReportWorld(regional=regional, uwv=uwv, own=own, budgets=budgets)
