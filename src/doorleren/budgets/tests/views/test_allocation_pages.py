"""Pages of fair allocation: the public round page, "Mijn aanvraag" and the allocate button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import services
from doorleren.budgets.models import AllocationRoundState, Budget, BudgetApplication, BudgetApplicationState
from doorleren.region.tests.factories import municipality

from ..allocation_factories import allocation_round, programme_office
from ..factories import funder, resident, rule

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def open_round():
    today = _today()
    regulation = rule(
        funder_=funder(funded_cents=1_000_000),
        amount_cents=50_000,
        valid_from=today - dt.timedelta(days=60),
        valid_until=today + dt.timedelta(days=365),
    )
    return allocation_round(
        rule_=regulation,
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=7),
        today=today,
    )


@pytest.fixture
def closed_round():
    """A round whose period ended yesterday, with three applications (made while it was open)."""
    today = _today()
    regulation = rule(
        funder_=funder(funded_cents=1_000_000),
        amount_cents=50_000,
        valid_from=today - dt.timedelta(days=60),
        valid_until=today + dt.timedelta(days=365),
    )
    made = allocation_round(
        rule_=regulation,
        money_cents=100_000,
        opens_on=today - dt.timedelta(days=20),
        closes_on=today - dt.timedelta(days=1),
        today=today - dt.timedelta(days=20),
    )
    for education in ("vmbo", "havo", "wo"):
        person = resident(education_level=education, municipality=municipality("GM0106"))
        services.budget_application_submit(
            round=made, resident=person, actor=person, today=today - dt.timedelta(days=10)
        )
    return made


def _url(name: str, made) -> str:
    return reverse(f"budgets:{name}", kwargs={"pk": made.pk})


def test_anyone_sees_the_rounds_and_the_hash_but_not_the_seed_while_open(client, open_round):
    assert open_round.name in client.get(reverse("budgets:allocation_rounds")).content.decode()
    page = client.get(_url("allocation_round", open_round)).content.decode()
    assert open_round.seed_hash in page
    assert open_round.seed not in page
    assert "Vroeg aanvragen geeft geen voorrang" in page


def test_after_the_period_the_seed_is_public(client, closed_round):
    page = client.get(_url("allocation_round", closed_round)).content.decode()
    assert closed_round.seed in page
    assert closed_round.seed_hash in page


def test_a_resident_applies_on_the_page(client, open_round):
    anne = resident(status="worker", education_level="vmbo")
    client.force_login(anne)
    page = client.get(_url("allocation_application", open_round))
    assert page.status_code == 200
    assert 'name="baan_in_gevaar"' in page.content.decode()
    response = client.post(_url("allocation_application", open_round), {"baan_in_gevaar": "ja"}, follow=True)
    assert response.status_code == 200
    application = BudgetApplication.objects.get(round=open_round, resident=anne)
    assert application.facts["criteria"]["risk_of_job_loss"] is True
    content = response.content.decode()
    assert "Uw aanvraag is binnen." in content
    assert (
        "U krijgt 5 punten: 2 omdat u geen startkwalificatie heeft, 2 omdat uw baan in gevaar is" in content
    )


def test_a_second_application_gets_a_dutch_409(client, open_round):
    anne = resident()
    client.force_login(anne)
    client.post(_url("allocation_application", open_round))
    response = client.post(_url("allocation_application", open_round))
    assert response.status_code == 409
    assert "U heeft al aangevraagd in deze ronde." in response.content.decode()
    assert BudgetApplication.objects.filter(resident=anne).count() == 1


def test_a_forged_resident_id_is_ignored(client, open_round):
    anne, piet = resident(), resident()
    client.force_login(anne)
    client.post(_url("allocation_application", open_round), {"resident": piet.pk, "resident_id": piet.pk})
    assert list(BudgetApplication.objects.values_list("resident_id", flat=True)) == [anne.pk]


def test_a_closed_round_refuses_an_application_with_a_dutch_409(client, closed_round):
    client.force_login(resident())
    response = client.post(_url("allocation_application", closed_round))
    assert response.status_code == 409
    assert "De aanvraagperiode is voorbij." in response.content.decode()


def test_a_strange_answer_is_a_400(client, open_round):
    client.force_login(resident())
    response = client.post(_url("allocation_application", open_round), {"baan_in_gevaar": "misschien"})
    assert response.status_code == 400
    assert not BudgetApplication.objects.exists()


def test_a_resident_who_does_not_fit_sees_why_and_cannot_apply(client):
    today = _today()
    regulation = rule(for_job_seekers=False, for_students=False, valid_from=today - dt.timedelta(days=9))
    made = allocation_round(
        rule_=regulation, opens_on=today, closes_on=today + dt.timedelta(days=3), today=today
    )
    client.force_login(resident(status="job_seeker"))
    page = client.get(_url("allocation_application", made)).content.decode()
    assert "Deze regeling is alleen voor werkenden." in page
    assert 'name="baan_in_gevaar"' not in page
    response = client.post(_url("allocation_application", made))
    assert response.status_code == 400
    assert "Deze regeling is alleen voor werkenden." in response.content.decode()


def test_only_residents_have_an_application_page(client, open_round):
    assert client.get(_url("allocation_application", open_round)).status_code == 302  # to the login
    client.force_login(UserFactory(role=Role.EMPLOYER))
    assert client.get(_url("allocation_application", open_round)).status_code == 403
    assert client.post(_url("allocation_application", open_round)).status_code == 403


def test_a_resident_withdraws_on_the_page(client, open_round):
    anne = resident()
    client.force_login(anne)
    assert client.post(_url("allocation_withdraw", open_round)).status_code == 404
    client.post(_url("allocation_application", open_round))
    response = client.post(_url("allocation_withdraw", open_round), follow=True)
    assert "U heeft uw aanvraag ingetrokken." in response.content.decode()
    assert BudgetApplication.objects.get(resident=anne).state == BudgetApplicationState.WITHDRAWN
    assert client.post(_url("allocation_withdraw", open_round)).status_code == 409


def test_the_programme_office_allocates_after_the_period(client, closed_round):
    office = programme_office()
    client.force_login(office)
    page = client.get(_url("allocation_round", closed_round)).content.decode()
    assert "Verdeel het geld" in page
    response = client.post(_url("allocation_allocate", closed_round), follow=True)
    assert response.status_code == 200
    closed_round.refresh_from_db()
    assert closed_round.state == AllocationRoundState.ALLOCATED
    assert Budget.objects.count() == 2
    content = response.content.decode()
    assert "Het geld was op bij plaats 3." in content
    for application in BudgetApplication.objects.filter(round=closed_round):
        assert str(application.lottery_number) in content
        assert application.resident.last_name not in content
    again = client.post(_url("allocation_allocate", closed_round))
    assert again.status_code == 409
    assert Budget.objects.count() == 2


def test_allocating_an_open_round_is_a_dutch_409(client, open_round):
    client.force_login(programme_office())
    response = client.post(_url("allocation_allocate", open_round))
    assert response.status_code == 409
    assert "De aanvraagperiode loopt nog tot en met" in response.content.decode()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.COACH, Role.EMPLOYER])
def test_others_cannot_allocate(client, closed_round, role):
    client.force_login(UserFactory(role=role))
    assert client.post(_url("allocation_allocate", closed_round)).status_code == 403
    closed_round.refresh_from_db()
    assert closed_round.state == AllocationRoundState.OPEN


def test_the_ranking_can_be_downloaded_after_the_allocation(client, closed_round):
    assert client.get(_url("allocation_round_csv", closed_round)).status_code == 404
    services.allocation_round_allocate(round=closed_round, actor=None)
    response = client.get(_url("allocation_round_csv", closed_round))
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "plaats,aanvraagnummer,punten,lotnummer,toegekend"
    assert len(lines) == 4
    assert lines[1].startswith("1,") and lines[1].endswith(",ja")
    assert lines[3].endswith(",nee")


def test_a_resident_reads_their_result(client, closed_round):
    services.allocation_round_allocate(round=closed_round, actor=None)
    loser = BudgetApplication.objects.get(round=closed_round, position=3)
    client.force_login(loser.resident)
    page = client.get(_url("allocation_application", closed_round)).content.decode()
    assert "U krijgt dit budget niet." in page
    assert "Het geld was op bij plaats 3. Dat was uw plaats." in page


@pytest.mark.parametrize("pk", ["987654321", "99999999999999999999"])
def test_an_unknown_round_is_a_404(client, pk):
    assert client.get(f"/budgetten/verdeling/{pk}/").status_code == 404
    assert client.get(f"/budgetten/verdeling/{pk}/uitslag.csv").status_code == 404
