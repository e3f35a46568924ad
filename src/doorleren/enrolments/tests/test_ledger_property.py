"""Random enrolment life cycles keep the ledger sound (hypothesis).

After every step, allowed or refused: all entries sum to zero, every stored balance equals its
entries, no account that may not go negative is below zero (``ledger_reconciliation``); every budget
holds exactly what was granted minus what its enrolments still hold or paid; the reservation accounts
hold exactly what open enrolments reserved; what the funders owe the provider is exactly what was
paid; and every enrolment's parts add up to its price. A refused step writes nothing.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets.models import AccountKind, FunderKind, LedgerAccount, LedgerEntry
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import services
from doorleren.enrolments.models import HOLDING_STATES, Enrolment, EnrolmentFunding, Step
from doorleren.organisations.tests.factories import SchoolFactory

from .factories import module, provider_member, resident_with_budgets

STEPS = list(Step.values)
# "next": the next step on the way to payment, whatever the state; twice in the mix, so that
# examples often reach payment and the end states (any step may still come in between).
NEXT = {"reserved": Step.CONFIRM_START, "started": Step.CONFIRM_ATTENDANCE, "attended": Step.PAY}
plans = st.lists(
    st.one_of(
        st.tuples(st.just("enrol"), st.integers(0, 3), st.integers(0, 5)),
        # (step, which enrolment, hours as a percentage of the module's hours (-1: a bad number), who)
        st.tuples(st.sampled_from(STEPS), st.integers(0, 7), st.integers(-1, 100), st.integers(0, 4)),
        st.tuples(st.just("next"), st.integers(0, 7), st.integers(1, 100), st.integers(0, 3)),
        st.tuples(st.just("next"), st.integers(0, 7), st.integers(1, 100), st.integers(0, 3)),
    ),
    min_size=4,
    max_size=30,
)


class EnrolmentLedgerPropertyTest(TestCase):
    def _world(self):
        setting = resident_with_budgets(
            12_345, 7_000, 999, kinds=(FunderKind.SECTOR_FUND, FunderKind.UWV, FunderKind.OWN_BUDGET)
        )
        school = SchoolFactory()
        courses = [
            module(price_cents=price, hours=hours, provider=school)
            for price, hours in ((9_999, 12), (4_500, 7), (20_001, 3), (0, 1))
        ]
        staff = provider_member(courses[0])
        return setting, courses, staff

    def _check(self, setting, courses):
        result = budgets_selectors.ledger_reconciliation()
        assert result.ok, result
        fundings = list(EnrolmentFunding.objects.select_related("enrolment"))
        for budget in setting.budgets:
            mine = [f for f in fundings if f.budget_id == budget.pk]
            used = sum(f.amount_cents - f.released_cents for f in mine)
            assert LedgerAccount.objects.get(pk=budget.account_id).balance_cents == budget.amount_cents - used
        held = sum(f.amount_cents for f in fundings if f.enrolment.state in HOLDING_STATES)
        reserved = LedgerAccount.objects.filter(kind=AccountKind.RESERVATION).values_list(
            "balance_cents", flat=True
        )
        assert sum(reserved) == held
        owed = LedgerAccount.objects.filter(kind=AccountKind.PROVIDER_PAYABLE).values_list(
            "balance_cents", flat=True
        )
        assert sum(owed) == sum(f.paid_cents for f in fundings)
        for enrolment in Enrolment.objects.all():
            parts = [f for f in fundings if f.enrolment_id == enrolment.pk]
            assert enrolment.covered_cents == sum(f.amount_cents for f in parts)
            assert enrolment.covered_cents + enrolment.left_to_pay_cents == enrolment.price_cents
            settled = enrolment.provider_paid_cents + enrolment.released_cents
            assert settled == (0 if enrolment.state in HOLDING_STATES else enrolment.covered_cents)
            assert (
                enrolment.provider_paid_cents + (enrolment.resident_share_cents or 0) <= enrolment.price_cents
            )

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans)
    def test_any_life_cycle_keeps_the_ledger_sound(self, plan):
        setting, courses, staff = self._world()
        actors = [None, None, staff, staff, setting.resident]  # the system and the provider may do most
        for step in plan:
            entries_before = LedgerEntry.objects.count()
            try:
                if step[0] == "enrol":
                    _name, m, k = step
                    services.enrolment_create(
                        resident=setting.resident,
                        module=courses[m],
                        start=None,
                        idempotency_key=f"k{k}",
                        actor=setting.resident,
                        on=courses[m].starts.get().start_date,
                    )
                else:
                    name, e, percentage, who = step
                    enrolments = list(Enrolment.objects.order_by("pk"))
                    open_ = [enrolment for enrolment in enrolments if enrolment.state in HOLDING_STATES]
                    if e < 6 and open_:  # mostly an open enrolment; sometimes any, to try steps after the end
                        enrolments = open_
                    if not enrolments:
                        continue
                    enrolment = enrolments[e % len(enrolments)]
                    hours = -1 if percentage < 0 else enrolment.module_hours * percentage // 100
                    if name == "next":
                        name, hours = NEXT.get(enrolment.state, Step.PAY), max(hours, 1)
                    services.enrolment_step(
                        enrolment=enrolment, step=name, actor=actors[who], attended_hours=hours
                    )
            except ApplicationError:
                assert LedgerEntry.objects.count() == entries_before
            self._check(setting, courses)
