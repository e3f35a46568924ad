"""Een budget toekennen: coaches and employers grant budgets to residents who gave them consent;
the page, the API and the audit line."""

import pytest
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.budgets import selectors, services
from doorleren.budgets.models import Budget, FunderKind
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory, OrganisationFactory

from .factories import funder, pool, resident, rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    loket = GovernmentFactory(name="Leerwerkloket")
    coach = UserFactory(role="coach", username="coach")
    MembershipFactory(user=coach, organisation=loket)
    firm = OrganisationFactory(name="Afval BV")
    henk = UserFactory(role="employer", username="henk")
    MembershipFactory(user=henk, organisation=firm)
    anne = resident()
    ConsentFactory(resident=anne, organisation=loket)
    ConsentFactory(resident=anne, organisation=firm)
    stranger = resident()
    regional = rule(funder_=funder(name="Regio"), amount_cents=50_000, name="Leerbudget")
    top_up = rule(
        funder_=funder(name="Werkgever Afval", kind=FunderKind.EMPLOYER, organisation=firm),
        amount_cents=30_000,
        name="Aanvulling",
    )
    return {
        "coach": coach,
        "henk": henk,
        "anne": anne,
        "stranger": stranger,
        "regional": regional,
        "top_up": top_up,
    }


def test_a_coach_may_grant_rules_without_an_employer_and_an_employer_only_its_own(world):
    on = timezone.localdate()
    coach = selectors.grant_choice(actor=world["coach"], resident=world["anne"], on=on)
    henk = selectors.grant_choice(actor=world["henk"], resident=world["anne"], on=on)
    assert [view.rule for view in coach.rules] == [world["regional"]]
    assert [view.rule for view in henk.rules] == [world["top_up"]]


def test_nobody_sees_a_resident_without_consent_and_residents_cannot_grant(world):
    on = timezone.localdate()
    assert selectors.grant_choice(actor=world["coach"], resident=world["stranger"], on=on) is None
    assert selectors.grant_choice(actor=world["anne"], resident=world["anne"], on=on) is None
    assert list(selectors.residents_for_granting(actor=world["coach"])) == [world["anne"]]
    assert list(selectors.residents_for_granting(actor=world["anne"])) == []
    assert list(selectors.residents_for_granting(actor=world["coach"], search="niemand")) == []


def test_the_grant_is_in_the_audit_log_with_who_and_why(world):
    budget = services.budget_grant(
        rule=world["regional"],
        resident=world["anne"],
        actor=world["coach"],
        reason="Route digitale vaardigheden",
    )
    event = AuditEvent.objects.get(action="budgets.budget_grant")
    assert (event.actor, event.reason, event.subject_id) == (
        world["coach"],
        "Route digitale vaardigheden",
        str(budget.pk),
    )
    assert event.data["amount_cents"] == 50_000


def test_an_over_long_reason_is_refused_and_nothing_moves(world):
    before = pool(world["regional"].funder).balance_cents
    with pytest.raises(ApplicationError) as error:
        services.budget_grant(
            rule=world["regional"], resident=world["anne"], actor=world["coach"], reason="x" * 501
        )
    assert error.value.code == "budget_reason_too_long"
    assert pool(world["regional"].funder).balance_cents == before
    assert not Budget.objects.exists()


def test_the_page_grants_with_a_reason(client, world):
    client.force_login(world["coach"])
    url = reverse("budgets:grant_resident", kwargs={"pk": world["anne"].pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Leerbudget" in page.text
    assert "Aanvulling" not in page.text
    missing = client.post(url, {"regeling": world["regional"].pk, "reden": " "})
    assert missing.status_code == 400
    assert "Schrijf op waarom" in missing.text
    done = client.post(url, {"regeling": world["regional"].pk, "reden": "Past bij haar route"}, follow=True)
    assert done.status_code == 200
    assert "Het budget is toegekend" in done.text
    assert Budget.objects.get(resident=world["anne"]).granted_by == world["coach"]
    again = client.post(url, {"regeling": world["regional"].pk, "reden": "Nog een keer"})
    assert again.status_code == 400  # no longer offered: already granted
    assert Budget.objects.filter(resident=world["anne"]).count() == 1


@pytest.mark.parametrize("value", ["", "abc", "99999999999999999999", "-1"])
def test_the_page_refuses_a_forged_rule(client, world, value):
    client.force_login(world["henk"])
    url = reverse("budgets:grant_resident", kwargs={"pk": world["anne"].pk})
    response = client.post(url, {"regeling": value, "reden": "x"})
    assert response.status_code == 400
    # Henk may not give the regional budget either: only his firm's.
    response = client.post(url, {"regeling": world["regional"].pk, "reden": "x"})
    assert response.status_code == 400
    assert not Budget.objects.exists()


def test_pages_refuse_other_roles_and_residents_without_consent(client, world):
    client.force_login(world["anne"])
    assert client.get(reverse("budgets:grant_residents")).status_code == 403
    client.force_login(world["coach"])
    listing = client.get(reverse("budgets:grant_residents"))
    assert listing.status_code == 200
    assert world["anne"].last_name in listing.text
    assert world["stranger"].last_name not in listing.text
    for pk in (world["stranger"].pk, 2**63, 0, world["coach"].pk):
        assert client.get(f"/budgetten/toekennen/{pk}/").status_code == 404


def test_the_api_grants_and_refuses(client, world):
    client.force_login(world["henk"])
    choice = client.get(f"/api/v1/budgets/grants/residents/{world['anne'].pk}/")
    assert choice.status_code == 200
    assert [rule["id"] for rule in choice.json()["rules"]] == [world["top_up"].pk]
    wrong = client.post(
        "/api/v1/budgets/grants/",
        {"resident": world["anne"].pk, "rule": world["regional"].pk, "reason": "x"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    hidden = client.post(
        "/api/v1/budgets/grants/",
        {"resident": world["stranger"].pk, "rule": world["top_up"].pk, "reason": "x"},
        content_type="application/json",
    )
    assert hidden.status_code == 404
    made = client.post(
        "/api/v1/budgets/grants/",
        {"resident": world["anne"].pk, "rule": world["top_up"].pk, "reason": "Werkt bij ons"},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert made.json()["amount_cents"] == 30_000
    assert Budget.objects.get().employer.name == "Afval BV"
    client.force_login(world["anne"])
    assert client.get(f"/api/v1/budgets/grants/residents/{world['anne'].pk}/").status_code == 403
