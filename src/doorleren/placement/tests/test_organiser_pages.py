"""The organiser's pages and API: start a round, put assignments in it, add members to a cooperative.
Residents and staff of other organisations are refused; bad input is a Dutch 4xx and stores nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory
from doorleren.placement.models import CooperativeMember, PlacementRound, RoundAssignment
from doorleren.placement.tests.factories import assignment_opportunity, cooperative, staff

pytestmark = pytest.mark.django_db
API = "/api/v1/placement/rounds/"
NEW = reverse("placement:round_new")


def _form(who, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "organiser": who.pk,
        "name": "Praktijkopdrachten najaar",
        "description": "Teams van studenten en werkenden.",
        "apply_from": today.isoformat(),
        "apply_until": (today + datetime.timedelta(days=10)).isoformat(),
        "for_students": "on",
        "for_workers": "on",
        "reserved_students": "1",
        "reserved_workers": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_organiser_starts_a_round_and_adds_an_assignment(client, small):
    client.force_login(small.organiser)
    page = client.get(NEW)
    assert page.status_code == 200
    assert small.workshop.name in page.content.decode()
    response = client.post(NEW, _form(small.workshop))
    assert response.status_code == 302
    found = PlacementRound.objects.get(name="Praktijkopdrachten najaar")
    assert response["Location"] == reverse("placement:round", kwargs={"pk": found.pk})
    assert (found.organiser, found.for_job_seekers, found.reserved_workers) == (small.workshop, False, 1)

    # The round's page offers the open practical assignments of the workshop and its member firm.
    mine = assignment_opportunity(small.workshop, title="Zonnepanelen tellen", team_size=3)
    theirs = assignment_opportunity(small.firm, title="Sorteren met een robot", team_size=2)
    stranger = assignment_opportunity(OrganisationFactory(), title="Vreemde opdracht")
    page = client.get(response["Location"]).content.decode()
    assert "Opdracht toevoegen" in page
    assert "Zonnepanelen tellen" in page and "Sorteren met een robot" in page
    assert "Vreemde opdracht" not in page
    add = reverse("placement:assignment_add", kwargs={"pk": found.pk})
    assert client.post(add, {"opportunity": mine.pk, "capacity": ""}).status_code == 302
    assert client.post(add, {"opportunity": theirs.pk, "capacity": "5"}).status_code == 302
    assert dict(RoundAssignment.objects.filter(round=found).values_list("opportunity_id", "capacity")) == {
        mine.pk: 3,
        theirs.pk: 5,
    }
    # Someone else's assignment, one already in the round, junk: a Dutch 400 and nothing stored.
    for bad in (
        {"opportunity": stranger.pk},
        {"opportunity": mine.pk},
        {"opportunity": "abc"},
        {"opportunity": "99999999999999999999"},
        {"opportunity": theirs.pk, "capacity": "31"},
        {},
    ):
        response = client.post(add, bad)
        assert response.status_code == 400, bad
        assert 'role="alert"' in response.content.decode()
    assert RoundAssignment.objects.filter(round=found).count() == 2


def test_the_rounds_and_workshops_pages_link_to_a_new_round(client, small, new_learner):
    client.force_login(small.organiser)
    for name in ("placement:rounds", "placement:workshops"):
        assert NEW in client.get(reverse(name)).content.decode()
    members = reverse("placement:members", kwargs={"pk": small.workshop.pk})
    assert members in client.get(reverse("placement:workshops")).content.decode()
    client.force_login(new_learner("student"))
    for name in ("placement:rounds", "placement:workshops"):
        assert NEW not in client.get(reverse(name)).content.decode()


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"name": "x" * 201}, "hoogstens 200 tekens"),
        ({"name": "   "}, "Geef de ronde een naam."),
        ({"apply_until": str(datetime.date.today() - datetime.timedelta(days=2))}, "Het einde kan niet voor"),
        ({"apply_from": "2026-13-45"}, "Vul een datum in"),
        ({"apply_until": "9999-12-31"}, "Kies een datum tussen"),
        ({"for_students": None, "for_workers": None}, "Kies voor wie de ronde is."),
        ({"reserved_students": "-1"}, "Vul minstens 0 in."),
        ({"reserved_workers": "99999999999999999999"}, "Vul hoogstens 30 in."),
        ({"name": "Ronde\x00"}, ""),
        ({"organiser": "99999999999999999999"}, "Kies een organisatie uit de lijst."),
    ],
)
def test_bad_round_input_is_a_dutch_400(client, small, changes, text):
    client.force_login(small.organiser)
    before = PlacementRound.objects.count()
    response = client.post(NEW, _form(small.workshop, **changes))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert text in response.content.decode()
    assert PlacementRound.objects.count() == before


def test_residents_and_other_organisations_are_refused(client, small, new_learner):
    other = OrganisationFactory(name="Andere BV")
    funder = OrganisationFactory(kind="funder", name="Fonds Noord", kvk_number="", size_class="")
    before = PlacementRound.objects.count()

    client.force_login(new_learner("student"))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _form(small.workshop)).status_code == 403

    # Staff of a funder may not organise; staff of a firm may not organise for the workshop.
    client.force_login(staff(funder))
    assert client.get(NEW).status_code == 403
    client.force_login(staff(other))
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, _form(small.workshop))
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert PlacementRound.objects.count() == before

    # Only the organiser adds assignments; a forged round is "not found".
    add = reverse("placement:assignment_add", kwargs={"pk": small.round.pk})
    opportunity = assignment_opportunity(small.workshop, title="Nog een opdracht")
    assert client.post(add, {"opportunity": opportunity.pk}).status_code == 403
    client.force_login(small.host)  # the member firm hosts, but does not organise this round
    assert client.post(add, {"opportunity": opportunity.pk}).status_code == 403
    assert (
        "Opdracht toevoegen"
        not in client.get(reverse("placement:round", kwargs={"pk": small.round.pk})).content.decode()
    )
    client.force_login(small.organiser)
    forged = reverse("placement:assignment_add", kwargs={"pk": 987654321})
    assert client.post(forged, {"opportunity": opportunity.pk}).status_code == 404
    assert client.get(add).status_code == 405
    assert RoundAssignment.objects.filter(opportunity=opportunity).count() == 0


def test_no_assignments_after_closing(client, small):
    small.close()
    client.force_login(small.organiser)
    opportunity = assignment_opportunity(small.workshop, title="Te laat")
    assert (
        "Opdracht toevoegen"
        not in client.get(reverse("placement:round", kwargs={"pk": small.round.pk})).content.decode()
    )
    response = client.post(
        reverse("placement:assignment_add", kwargs={"pk": small.round.pk}), {"opportunity": opportunity.pk}
    )
    assert response.status_code == 409
    assert "Deze ronde is gesloten." in response.content.decode()
    assert not RoundAssignment.objects.filter(opportunity=opportunity).exists()


def test_cooperative_staff_add_a_member(client, small, new_learner):
    school = SchoolFactory(name="Noorderpoort Loppersum")
    funder = OrganisationFactory(kind="funder", name="Fonds Loppersum", kvk_number="", size_class="")
    url = reverse("placement:members", kwargs={"pk": small.workshop.pk})
    client.force_login(small.organiser)
    page = client.get(url, {"q": "Loppersum"}).content.decode()
    assert "Noorderpoort Loppersum" in page
    assert "Fonds Loppersum" not in page  # funders cannot join
    assert "Lid maken<span" in page
    response = client.post(f"{url}?q=Loppersum", {"member": school.pk})
    assert response.status_code == 302
    assert CooperativeMember.objects.filter(cooperative=small.workshop, member=school).exists()
    assert "Noorderpoort Loppersum" in client.get(url).content.decode()
    # Its practical assignments can now be in the workshop's rounds.
    opportunity = assignment_opportunity(school, title="Lesmateriaal maken")
    client.post(
        reverse("placement:assignment_add", kwargs={"pk": small.round.pk}), {"opportunity": opportunity.pk}
    )
    assert RoundAssignment.objects.filter(round=small.round, opportunity=opportunity).exists()

    count = CooperativeMember.objects.count()
    for bad in (
        {"member": funder.pk},
        {"member": school.pk},
        {"member": small.workshop.pk},
        {"member": "x"},
        {},
    ):
        response = client.post(url, bad)
        assert response.status_code == 400, bad
        assert 'role="alert"' in response.content.decode()
    assert client.get(url, {"q": "x" * 101}).status_code == 200
    assert CooperativeMember.objects.count() == count


def test_only_the_cooperatives_own_staff_add_members(client, small, new_learner):
    school = SchoolFactory(name="Noorderpoort")
    url = reverse("placement:members", kwargs={"pk": small.workshop.pk})
    for person in (new_learner("student"), small.host, staff(cooperative("Gebiedscoöperatie Noord"))):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"member": school.pk}).status_code == 403
    client.force_login(small.host)
    # A firm is not a cooperative: "not found"; so is a forged number.
    assert client.get(reverse("placement:members", kwargs={"pk": small.firm.pk})).status_code == 404
    assert client.get(reverse("placement:members", kwargs={"pk": 987654321})).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert not CooperativeMember.objects.filter(member=school).exists()


# --- the API -----------------------------------------------------------------------------------------


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _body(**changes) -> dict:
    today = timezone.localdate()
    body = {
        "name": "Praktijkopdrachten zomer",
        "apply_from": today.isoformat(),
        "apply_until": (today + datetime.timedelta(days=7)).isoformat(),
        "for_job_seekers": False,
        "reserved_students": 1,
    }
    body.update(changes)
    return body


def test_api_start_a_round_and_add_an_assignment(small):
    organiser = _api(small.organiser)
    response = organiser.post(API, _body(), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["organiser"], created["state"], created["for_job_seekers"]) == (
        small.workshop.name,
        "open",
        False,
    )
    opportunity = assignment_opportunity(small.firm, title="Sensoren ijken", team_size=4)
    url = f"{API}{created['id']}/assignments/"
    response = organiser.post(url, {"opportunity": opportunity.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["title"], response.json()["capacity"]) == ("Sensoren ijken", 4)
    response = organiser.post(url, {"opportunity": opportunity.pk}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "assignment_duplicate")


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"name": "x" * 201}, 400, "invalid"),
        ({"name": " "}, 400, "invalid"),
        ({"apply_until": "2000-01-01"}, 400, "dates_invalid"),
        ({"for_students": False, "for_workers": False}, 400, "kinds_empty"),
        ({"reserved_workers": 31}, 400, "invalid"),
        ({"organiser": 987654321}, 400, "organiser_invalid"),
        ({"apply_from": "morgen"}, 400, "invalid"),
    ],
)
def test_api_bad_round_is_a_dutch_4xx(small, changes, status, code):
    before = PlacementRound.objects.count()
    response = _api(small.organiser).post(API, _body(**changes), format="json")
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["detail"]
    assert PlacementRound.objects.count() == before


def test_api_refuses_residents_and_other_organisations(small, new_learner):
    before = PlacementRound.objects.count()
    assert _api(new_learner("student")).post(API, _body(), format="json").status_code == 403
    assert APIClient().post(API, _body(), format="json").status_code == 403
    outsider = _api(staff(OrganisationFactory()))
    response = outsider.post(API, _body(organiser=small.workshop.pk), format="json")
    assert (response.status_code, response.json()["code"]) == (400, "organiser_invalid")
    assert PlacementRound.objects.count() == before

    opportunity = assignment_opportunity(small.workshop, title="Nog een opdracht")
    url = f"{API}{small.round.pk}/assignments/"
    assert outsider.post(url, {"opportunity": opportunity.pk}, format="json").status_code == 403
    assert _api(small.host).post(url, {"opportunity": opportunity.pk}, format="json").status_code == 403
    organiser = _api(small.organiser)
    assert (
        organiser.post(f"{API}987654321/assignments/", {"opportunity": 1}, format="json").status_code == 404
    )
    stranger = assignment_opportunity(OrganisationFactory(), title="Vreemd")
    for body, code in (
        ({"opportunity": stranger.pk}, "host_not_member"),
        ({"opportunity": 987654321}, "opportunity_unknown"),
        ({"opportunity": opportunity.pk, "capacity": 0}, "invalid"),
        ({"opportunity": "abc"}, "invalid"),
    ):
        response = organiser.post(url, body, format="json")
        assert (response.status_code, response.json()["code"]) == (400, code), body
    assert not RoundAssignment.objects.filter(opportunity__in=[opportunity, stranger]).exists()
