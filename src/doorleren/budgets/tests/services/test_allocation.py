"""Fair allocation: rounds, applications and the allocation (services/allocation.py)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.selectors import audit_events, audit_events_for
from doorleren.budgets import selectors, services
from doorleren.budgets.models import (
    AllocationRound,
    AllocationRoundState,
    Budget,
    BudgetApplication,
    BudgetApplicationState,
    FunderKind,
)
from doorleren.core.errors import ApplicationError
from doorleren.engine.allocation import DEFAULT_POINTS, lottery_number
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.region.tests.factories import municipality

from ..allocation_factories import AFTER, CLOSES, OPENS, allocate, allocation_round, apply, programme_office
from ..factories import TODAY, funder, grant, pool, resident, rule

pytestmark = pytest.mark.django_db


# --- allocation_round_create


def test_a_round_publishes_the_hash_of_a_fresh_secret_seed():
    office = programme_office()
    made = allocation_round(actor=office)
    assert len(made.seed) == 32 and int(made.seed, 16) >= 0
    assert made.seed_hash == hashlib.sha256(made.seed.encode()).hexdigest()
    assert made.state == AllocationRoundState.OPEN
    assert made.points == DEFAULT_POINTS
    assert "GM1979" in made.earthquake_area and "GM0106" not in made.earthquake_area
    assert made.created_by == office
    event = audit_events_for(subject=made).get()
    assert event.action == "budgets.allocation_round_create"
    assert event.actor == office
    assert event.data["seed_hash"] == made.seed_hash
    assert made.seed not in str(event.data)
    assert allocation_round().seed != made.seed


def test_a_round_keeps_its_own_points_and_earthquake_area():
    made = allocation_round(points={"job_seeker": 5}, earthquake_area=["GM1979"])
    assert made.points == {
        "no_start_qualification": 0,
        "job_seeker": 5,
        "risk_of_job_loss": 0,
        "earthquake_area": 0,
    }
    assert made.earthquake_area == ["GM1979"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"opens_on": CLOSES, "closes_on": OPENS}, "allocation_round_dates_reversed"),
        ({"opens_on": TODAY - dt.timedelta(days=60)}, "allocation_round_outside_rule"),
        ({"closes_on": TODAY + dt.timedelta(days=365)}, "allocation_round_outside_rule"),
        (
            {"opens_on": OPENS - dt.timedelta(days=20), "closes_on": TODAY - dt.timedelta(days=1)},
            "allocation_round_closes_in_past",
        ),
        ({"opens_on": "2026-03-01"}, "allocation_round_opens_invalid"),
        ({"money_cents": 0}, "ledger_amount_not_positive"),
        ({"money_cents": 1.5}, "ledger_amount_not_whole_cents"),
        ({"points": {"job_seeker": 11}}, "allocation_bad_points"),
        ({"points": {"leeftijd": 1}}, "allocation_unknown_criterion"),
        ({"earthquake_area": ["GM9999"]}, "allocation_round_municipality_unknown"),
        ({"earthquake_area": ["GM0024"]}, "allocation_round_municipality_unknown"),  # Loppersum: a former one
        ({"earthquake_area": [14]}, "allocation_round_municipality_unknown"),
        ({"name": ""}, "allocation_round_name_empty"),
    ],
)
def test_a_bad_round_is_refused_in_dutch(kwargs, code):
    with pytest.raises(ApplicationError) as caught:
        allocation_round(**kwargs)
    assert caught.value.code == code
    assert caught.value.message
    assert not AllocationRound.objects.exists()


def test_only_the_programme_office_opens_a_round():
    for role in (Role.RESIDENT, Role.COACH, Role.EMPLOYER):
        with pytest.raises(ApplicationError) as caught:
            allocation_round(actor=UserFactory(role=role))
        assert caught.value.status == 403
    allocation_round(actor=UserFactory(role=Role.ADMINISTRATOR))


def test_a_rule_that_depends_on_the_employer_cannot_have_a_round():
    firm = OrganisationFactory()
    employer_rule = rule(funder_=funder(kind=FunderKind.EMPLOYER, organisation=firm))
    with pytest.raises(ApplicationError) as caught:
        allocation_round(rule_=employer_rule)
    assert caught.value.code == "allocation_round_rule_employer"
    with pytest.raises(ApplicationError):
        allocation_round(rule_=rule(max_employer_size="small"))


def test_two_rounds_cannot_share_a_name():
    allocation_round(name="Voorjaar 2026")
    with pytest.raises(ApplicationError) as caught:
        allocation_round(name="Voorjaar 2026")
    assert caught.value.code == "allocation_round_name_taken"
    assert caught.value.status == 409


# --- budget_application_submit and _withdraw


def test_an_application_captures_the_facts_of_now():
    made = allocation_round(amount_cents=45_000)
    anne = resident(education_level="vmbo", municipality=municipality("GM1979"), status="worker")
    application = apply(made, anne, risk_of_job_loss=True)
    assert application.state == BudgetApplicationState.SUBMITTED
    assert application.requested_cents == 45_000
    assert application.facts["criteria"] == {
        "no_start_qualification": True,
        "job_seeker": False,
        "risk_of_job_loss": True,
        "earthquake_area": True,
    }
    assert application.facts["municipality_name"] == "Eemsdelta"
    assert application.submitted_at is not None
    event = audit_events_for(subject=application).get()
    assert event.action == "budgets.budget_application_submit"
    assert event.actor == anne
    assert event.data["criteria"] == application.facts["criteria"]


@pytest.mark.parametrize(
    ("profile", "criteria"),
    [
        (
            {"education_level": "mbo2", "municipality": "GM0106"},
            {"no_start_qualification": False, "earthquake_area": False},
        ),
        ({"education_level": "mbo1"}, {"no_start_qualification": True}),
        ({"education_level": "none"}, {"no_start_qualification": True}),
        ({"education_level": "havo"}, {"no_start_qualification": False}),
        ({"education_level": ""}, {"no_start_qualification": None}),
        ({"municipality": "GM0024"}, {"earthquake_area": True}),  # Loppersum is now Eemsdelta
        ({"municipality": None}, {"earthquake_area": None}),
        ({"status": "student"}, {"job_seeker": False, "risk_of_job_loss": False}),
        ({"status": "job_seeker"}, {"job_seeker": True, "risk_of_job_loss": False}),
    ],
)
def test_the_criteria_follow_the_profile(profile, criteria):
    code = profile.pop("municipality", "GM0014")
    profile["municipality"] = municipality(code) if code else None
    application = apply(allocation_round(), resident(**profile), risk_of_job_loss=True)
    for name, value in criteria.items():
        assert application.facts["criteria"][name] is value, name


def test_applying_is_only_possible_while_the_round_is_open():
    made = allocation_round()
    with pytest.raises(ApplicationError) as caught:
        apply(made, resident(), today=OPENS - dt.timedelta(days=1))
    assert caught.value.code == "allocation_round_not_open_yet"
    with pytest.raises(ApplicationError) as caught:
        apply(made, resident(), today=AFTER)
    assert caught.value.code == "allocation_round_closed"
    assert caught.value.status == 409
    apply(made, resident(), today=OPENS)
    apply(made, resident(), today=CLOSES)
    assert BudgetApplication.objects.count() == 2


def test_a_second_application_is_refused_but_after_withdrawing_one_may_apply_again():
    made = allocation_round()
    anne = resident(education_level="wo")
    first = apply(made, anne)
    with pytest.raises(ApplicationError) as caught:
        apply(made, anne)
    assert caught.value.code == "budget_application_exists"
    assert caught.value.status == 409
    withdrawn = services.budget_application_withdraw(application=first, actor=anne)
    assert withdrawn.state == BudgetApplicationState.WITHDRAWN
    profile = anne.resident_profile
    profile.education_level = "vmbo"
    profile.save()
    again = apply(made, anne)
    assert again.pk == first.pk
    assert again.number == first.number == 1
    assert again.state == BudgetApplicationState.SUBMITTED
    assert again.facts["criteria"]["no_start_qualification"] is True
    actions = [e.action for e in audit_events(action_prefix="budgets.budget_application")]
    assert sorted(actions) == sorted(
        ["budgets.budget_application_submit"] * 2 + ["budgets.budget_application_withdraw"]
    )


def test_a_resident_who_does_not_fit_the_rule_cannot_apply():
    made = allocation_round(rule_=rule(for_job_seekers=False, for_students=False))
    with pytest.raises(ApplicationError) as caught:
        apply(made, resident(status="job_seeker"))
    assert caught.value.code == "budget_not_eligible"
    assert "werkenden" in caught.value.message


def test_only_residents_apply_and_only_for_themselves():
    made = allocation_round()
    anne, piet = resident(), resident()
    with pytest.raises(ApplicationError) as caught:
        apply(made, anne, actor=piet)
    assert caught.value.status == 403
    with pytest.raises(ApplicationError) as caught:
        apply(made, UserFactory(role=Role.COACH), actor=None)
    assert caught.value.code == "budget_not_a_resident"
    with pytest.raises(ApplicationError) as caught:
        apply(made, anne, risk_of_job_loss="ja")
    assert caught.value.code == "budget_application_risk_invalid"
    assert not BudgetApplication.objects.exists()


def test_someone_who_has_the_budget_already_cannot_apply():
    made = allocation_round()
    anne = resident()
    grant(rule_=made.rule, resident_=anne)
    with pytest.raises(ApplicationError) as caught:
        apply(made, anne)
    assert caught.value.code == "budget_already_granted"


def test_only_the_resident_withdraws_and_only_before_the_allocation():
    made = allocation_round()
    anne = resident()
    application = apply(made, anne)
    with pytest.raises(ApplicationError) as caught:
        services.budget_application_withdraw(application=application, actor=resident())
    assert caught.value.status == 403
    allocate(made)
    with pytest.raises(ApplicationError) as caught:
        services.budget_application_withdraw(application=application, actor=anne)
    assert caught.value.code == "budget_application_not_withdrawable"


# --- allocation_round_allocate


def _residents_with_points(made, points_list):
    """One application per entry: 0 → a worker with havo outside the earthquake area, up to 5 points."""
    applications = []
    for points in points_list:
        profile = {
            "status": "job_seeker" if points >= 2 else "worker",
            "education_level": "vmbo" if points >= 4 else "havo",
            "municipality": municipality("GM0014" if points % 2 else "GM0106"),
        }
        applications.append(apply(made, resident(**profile)))
    return applications


def test_allocation_grants_in_ranking_order_while_the_money_lasts():
    made = allocation_round(money_cents=100_000, amount_cents=40_000, funded_cents=1_000_000)
    applications = _residents_with_points(made, [0, 1, 2, 3, 5, 0])
    office = programme_office()
    done = allocate(made, actor=office)
    assert done.state == AllocationRoundState.ALLOCATED
    assert done.available_cents == 100_000
    assert done.granted_cents == 80_000  # two of 40.000; the third does not fit in 20.000
    ranked = list(BudgetApplication.objects.filter(round=made).order_by("position"))
    assert [a.points for a in ranked] == [5, 3, 2, 1, 0, 0]
    assert [a.state for a in ranked[:2]] == [BudgetApplicationState.GRANTED] * 2
    assert all(a.state == BudgetApplicationState.NOT_GRANTED for a in ranked[2:])
    for application in ranked:
        assert application.lottery_number == lottery_number(made.seed, application.number)
        assert application.decided_at is not None
    granted = ranked[0]
    assert granted.budget.amount_cents == 40_000
    assert granted.budget.resident == granted.resident
    assert Budget.objects.count() == 2
    assert pool(made.rule.funder).balance_cents == 1_000_000 - 80_000
    assert {a.pk for a in applications} == {a.pk for a in ranked}
    # Audit: the close (seed revealed), every decision and the allocation, by the programme office.
    assert audit_events(action_prefix="budgets.allocation_round_close").get().data["seed"] == made.seed
    decisions = audit_events(action_prefix="budgets.budget_application_decide")
    assert decisions.count() == 6 and all(e.actor == office for e in decisions)
    event = audit_events(action_prefix="budgets.allocation_round_allocate").get()
    assert event.data["granted_cents"] == 80_000 and event.data["granted"] == 2


def test_equal_points_are_ordered_by_the_lottery_never_by_the_time_of_applying():
    made = allocation_round(money_cents=100_000, amount_cents=50_000)
    applications = _residents_with_points(made, [3] * 8)
    # Make the first application the earliest by far: it must not matter.
    BudgetApplication.objects.filter(pk=applications[0].pk).update(
        submitted_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    )
    allocate(made)
    ranked = list(BudgetApplication.objects.filter(round=made).order_by("position"))
    assert [a.number for a in ranked] == sorted(
        (a.number for a in applications), key=lambda number: lottery_number(made.seed, number)
    )
    assert [a.state for a in ranked].count(BudgetApplicationState.GRANTED) == 2


def test_a_second_allocation_does_nothing():
    made = allocation_round()
    _residents_with_points(made, [1, 2, 3])
    allocate(made)
    before = (Budget.objects.count(), audit_events().count(), list(BudgetApplication.objects.values_list()))
    again = allocate(made, today=AFTER + dt.timedelta(days=3))
    assert again.state == AllocationRoundState.ALLOCATED
    assert (
        Budget.objects.count(),
        audit_events().count(),
        list(BudgetApplication.objects.values_list()),
    ) == before


def test_the_money_is_what_is_left_in_the_pool_when_that_is_less():
    made = allocation_round(money_cents=500_000, amount_cents=50_000, funded_cents=120_000)
    _residents_with_points(made, [1, 2, 3, 4])
    done = allocate(made)
    assert done.available_cents == 120_000
    assert done.granted_cents == 100_000
    assert pool(made.rule.funder).balance_cents == 20_000


def test_allocation_waits_for_the_end_of_the_period():
    made = allocation_round()
    apply(made, resident())
    with pytest.raises(ApplicationError) as caught:
        allocate(made, today=CLOSES)
    assert caught.value.code == "allocation_round_still_open"
    made.refresh_from_db()
    assert made.state == AllocationRoundState.OPEN
    assert not Budget.objects.exists()


def test_only_the_programme_office_allocates():
    made = allocation_round()
    apply(made, resident())
    for role in (Role.RESIDENT, Role.COACH, Role.SCHOOL):
        with pytest.raises(ApplicationError) as caught:
            allocate(made, actor=UserFactory(role=role))
        assert caught.value.status == 403
    allocate(made, actor=UserFactory(role=Role.ADMINISTRATOR))


def test_later_profile_changes_do_not_change_the_points():
    made = allocation_round()
    anne = resident(education_level="vmbo", municipality=municipality("GM0106"))  # 2 + 2 points
    apply(made, anne)
    profile = anne.resident_profile
    profile.education_level = "hbo"
    profile.municipality = municipality("GM1979")
    profile.save()
    allocate(made)
    assert BudgetApplication.objects.get(resident=anne).points == 4


def test_withdrawn_and_no_longer_eligible_applications_are_not_ranked():
    made = allocation_round(rule_=rule(for_students=False, amount_cents=10_000), money_cents=100_000)
    stays, leaves, moved, got_it = resident(), resident(), resident(), resident()
    for person in (stays, leaves, moved, got_it):
        apply(made, person)
    services.budget_application_withdraw(
        application=BudgetApplication.objects.get(resident=leaves), actor=leaves
    )
    profile = moved.resident_profile
    profile.status = "student"
    profile.save()
    grant(rule_=made.rule, resident_=got_it)
    allocate(made)
    by_resident = {a.resident_id: a for a in BudgetApplication.objects.filter(round=made)}
    assert by_resident[stays.pk].state == BudgetApplicationState.GRANTED
    assert by_resident[stays.pk].position == 1
    assert by_resident[leaves.pk].state == BudgetApplicationState.WITHDRAWN
    assert by_resident[leaves.pk].position is None
    assert by_resident[moved.pk].state == BudgetApplicationState.NOT_GRANTED
    assert by_resident[moved.pk].reasons[0]["code"] == "not_eligible"
    assert by_resident[moved.pk].position is None
    assert by_resident[got_it.pk].reasons == [{"code": "already_granted", "params": {}}]


def test_a_failure_halfway_leaves_nothing_behind(monkeypatch):
    made = allocation_round(money_cents=1_000_000)
    _residents_with_points(made, [1, 2, 3])
    from doorleren.budgets.services import allocation as module

    calls = []
    real = module.budget_grant

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ApplicationError("Kapot.", code="boom")
        return real(**kwargs)

    monkeypatch.setattr(module, "budget_grant", failing)
    events = audit_events().count()
    with pytest.raises(ApplicationError):
        allocate(made)
    made.refresh_from_db()
    assert made.state == AllocationRoundState.OPEN
    assert not Budget.objects.exists()
    assert set(BudgetApplication.objects.values_list("state", flat=True)) == {
        BudgetApplicationState.SUBMITTED
    }
    assert audit_events().count() == events
    assert pool(made.rule.funder).balance_cents == 1_000_000


def test_a_rule_that_ended_cannot_be_allocated_any_more():
    made = allocation_round(rule_=rule(valid_until=CLOSES + dt.timedelta(days=2)))
    apply(made, resident())
    with pytest.raises(ApplicationError) as caught:
        allocate(made, today=CLOSES + dt.timedelta(days=3))
    assert caught.value.code == "allocation_rule_ended"


# --- selectors


def test_the_public_page_shows_the_hash_before_and_the_seed_after_the_period():
    made = allocation_round()
    apply(made, resident())
    before = selectors.allocation_round_public(round=made, today=TODAY)
    assert before.phase == "open"
    assert before.seed is None
    assert before.applications == 1
    assert selectors.allocation_round_ranking(round=made) == []
    after = selectors.allocation_round_public(round=made, today=AFTER)
    assert after.phase == "closed"
    assert after.seed == made.seed
    assert [row.points for row in after.criteria] == [2, 2, 2, 1]
    assert "Eemsdelta" in after.criteria[3].label


def test_the_public_ranking_has_no_personal_data():
    made = allocation_round(money_cents=50_000)
    _residents_with_points(made, [1, 3])
    made = allocate(made)
    public = selectors.allocation_round_public(round=made, today=AFTER)
    assert public.allocated and public.granted == 1 and public.ranked == 2
    assert public.first_not_granted_position == 2
    rows = selectors.allocation_round_ranking(round=made)
    assert [(r.position, r.points, r.granted) for r in rows] == [(1, 3, True), (2, 1, False)]
    assert set(vars(rows[0])) == {"position", "number", "points", "lottery_number", "granted"}


def test_a_resident_reads_why_in_plain_dutch():
    made = allocation_round(money_cents=50_000, amount_cents=50_000)
    winner = resident(status="job_seeker", education_level="vmbo", municipality=municipality("GM1979"))
    loser = resident(status="worker", education_level="mbo1", municipality=municipality("GM1979"))
    apply(made, winner)
    apply(made, loser)
    view = selectors.budget_application_for_resident(round=made, resident=loser, today=TODAY)
    assert view.headline == "Uw aanvraag is binnen."
    assert (
        "U krijgt 3 punten: 2 omdat u geen startkwalificatie heeft, 1 omdat u in het aardbevingsgebied woont."
        in view.sentences
    )
    assert view.can_withdraw
    made = allocate(made)
    view = selectors.budget_application_for_resident(round=made, resident=loser, today=AFTER)
    assert view.headline == "U krijgt dit budget niet."
    assert view.sentences[0] == (
        "U kreeg 3 punten: 2 omdat u geen startkwalificatie heeft, 1 omdat u in het aardbevingsgebied woont."
    )
    assert "Het geld was op bij plaats 2. Dat was uw plaats." in view.sentences
    assert not view.can_withdraw
    won = selectors.budget_application_for_resident(round=made, resident=winner, today=AFTER)
    assert won.headline == "U krijgt het budget."
    assert won.sentences[0].startswith(
        "U kreeg 5 punten: 2 omdat u geen startkwalificatie heeft, 2 omdat u werk zoekt"
    )
    assert "U stond op plaats 1. Er was genoeg geld. U krijgt € 500,00." in won.sentences
    assert selectors.budget_application_for_resident(round=made, resident=resident(), today=AFTER) is None


def test_a_tie_and_a_later_position_are_explained():
    made = allocation_round(money_cents=50_000, amount_cents=50_000)
    people = [
        resident(status="worker", education_level="havo", municipality=municipality("GM0106"))
        for _ in range(3)
    ]
    for person in people:
        apply(made, person)
    made = allocate(made)
    last = BudgetApplication.objects.get(round=made, position=3)
    view = selectors.budget_application_for_resident(round=made, resident=last.resident, today=AFTER)
    assert view.sentences[0] == "U kreeg geen punten."
    assert (
        f"2 andere aanvragers hadden evenveel punten als u. Het lot bepaalde de volgorde. "
        f"Uw lotnummer was {last.lottery_number}."
    ) in view.sentences
    assert "Het geld was op bij plaats 2. U stond op plaats 3." in view.sentences


def test_an_unknown_fact_is_named_while_the_round_is_open():
    made = allocation_round()
    anne = resident(education_level="")
    apply(made, anne)
    view = selectors.budget_application_for_resident(round=made, resident=anne, today=TODAY)
    assert "Wij wisten uw hoogste opleiding niet. Daarom telde die niet mee." in view.sentences
    assert any(sentence.startswith("Vul uw profiel aan.") for sentence in view.sentences)


def test_only_the_system_may_fix_the_seed():
    with pytest.raises(ApplicationError) as caught:
        allocation_round(actor=programme_office(), seed="mijn-eigen-zaad")
    assert caught.value.code == "allocation_round_seed_fixed"
    made = allocation_round(seed="demo-zaad")
    assert made.seed == "demo-zaad"
    assert made.seed_hash == hashlib.sha256(b"demo-zaad").hexdigest()


def test_a_rule_divided_in_rounds_is_not_offered_first_come_first_served():
    """ "Mijn budgetten" does not list a round's rule under "Dit kunt u nog aanvragen"."""
    free = rule(name="Vrij aan te vragen")
    made = allocation_round()
    anne = resident()
    names = [view.rule.name for view in selectors.budgets_for_resident(resident=anne, on=TODAY).available]
    assert free.name in names
    assert made.rule.name not in names


def test_application_numbers_count_up_per_round_in_the_order_of_applying():
    spring, autumn = allocation_round(), allocation_round()
    assert [apply(spring, resident()).number for _ in range(3)] == [1, 2, 3]
    assert apply(autumn, resident()).number == 1
