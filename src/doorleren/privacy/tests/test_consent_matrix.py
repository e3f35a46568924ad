"""Consent per purpose, enforced on every page and API endpoint that shows a resident to staff.

For each staff role (employer, school, coach) and each consent purpose: without consent the resident's
profile, grant, enrolment and development-plan pages and endpoints refuse (403/404); with consent for
another purpose they still refuse; with the right consent they answer (where the role may use them at
all); after revoking they refuse again. Endpoints used (none changed for this test):

| endpoint | roles | purpose |
|---|---|---|
| ``profiles:resident_detail`` | employer, school, coach | view_profile |
| ``budgets:grant_resident``, ``GET /api/v1/budgets/grants/residents/<id>/`` | employer, coach | view_profile |
| ``enrolments:detail``, ``GET /api/v1/enrolments/<id>/`` | coach (providers see their own modules' enrolments by contract) | view_profile |
| ``workforce:plan_csv``, ``GET /api/v1/workforce/plans/<id>/`` (figures) | employer of the firm | share_development_plan |
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorleren.accounts import services as accounts_services
from doorleren.accounts.models import ConsentPurpose
from doorleren.budgets.tests.factories import TODAY
from doorleren.enrolments.tests.factories import enrol, module
from doorleren.workforce.tests.factories import build_world, proposed_plan, revoke_share

pytestmark = pytest.mark.django_db

ROLES = ("employer", "school", "coach")
PURPOSES = tuple(ConsentPurpose.values)
REFUSED = {403, 404}

# (name, roles that may use it with consent, purpose it needs)
ENDPOINTS = (
    ("profile_page", {"employer", "school", "coach"}, "view_profile"),
    ("grant_page", {"employer", "coach"}, "view_profile"),
    ("grant_api", {"employer", "coach"}, "view_profile"),
    ("enrolment_page", {"coach"}, "view_profile"),
    ("enrolment_api", {"coach"}, "view_profile"),
)


def _status(client, name: str, resident, enrolment) -> int:
    if name == "profile_page":
        return client.get(reverse("profiles:resident_detail", kwargs={"user_id": resident.pk})).status_code
    if name == "grant_page":
        return client.get(reverse("budgets:grant_resident", kwargs={"pk": resident.pk})).status_code
    if name == "grant_api":
        return client.get(f"/api/v1/budgets/grants/residents/{resident.pk}/").status_code
    if name == "enrolment_page":
        return client.get(reverse("enrolments:detail", kwargs={"pk": enrolment.pk})).status_code
    if name == "enrolment_api":
        return client.get(f"/api/v1/enrolments/{enrolment.pk}/").status_code
    raise AssertionError(name)


@pytest.fixture
def staff(request, employer, employer_org, school_user, school_org, coach, coach_org):
    return {
        "employer": (employer, employer_org),
        "school": (school_user, school_org),
        "coach": (coach, coach_org),
    }


@pytest.fixture
def enrolment(resident):
    # A module of another school: the viewer is never its provider, so only consent can open it.
    return enrol(resident, module(price_cents=0), on=TODAY)


def _check_all(client, role, resident, enrolment, *, granted: str | None) -> list[str]:
    """Every endpoint against the expectation; returns the leaks and wrong refusals."""
    problems = []
    for name, roles, needs in ENDPOINTS:
        status = _status(client, name, resident, enrolment)
        allowed = granted == needs and role in roles
        if allowed and status != 200:
            problems.append(f"{role}/{granted}: {name} refused ({status}) with the right consent")
        if not allowed and status not in REFUSED:
            problems.append(f"{role}/{granted}: {name} answered {status} (leak)")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_without_consent_everything_is_refused(client, staff, role, resident, enrolment):
    user, _organisation = staff[role]
    client.force_login(user)
    assert _check_all(client, role, resident, enrolment, granted=None) == []


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_right_purpose_opens_and_revoking_closes_again(
    client, staff, role, purpose, resident, enrolment
):
    user, organisation = staff[role]
    client.force_login(user)
    accounts_services.consent_grant(resident=resident, organisation=organisation, purpose=purpose)
    assert _check_all(client, role, resident, enrolment, granted=purpose) == []
    accounts_services.consent_revoke(resident=resident, organisation=organisation, purpose=purpose)
    assert _check_all(client, role, resident, enrolment, granted=None) == []


@pytest.mark.parametrize("role", ROLES)
def test_consent_to_another_organisation_does_not_count(client, staff, role, resident, enrolment):
    user, _organisation = staff[role]
    others = [org for other, (_u, org) in staff.items() if other != role]
    for organisation in others:
        for purpose in PURPOSES:
            accounts_services.consent_grant(resident=resident, organisation=organisation, purpose=purpose)
    client.force_login(user)
    assert _check_all(client, role, resident, enrolment, granted=None) == []


@pytest.mark.parametrize("purpose", PURPOSES)
def test_the_development_plan_opens_only_with_share_development_plan(client, purpose):
    world = build_world()
    _role, _holder, plan = proposed_plan(world, share=True)  # a plan is only proposed while shared
    revoke_share(world)
    client.force_login(world.henk)
    csv_url = reverse("workforce:plan_csv", kwargs={"pk": plan.pk})
    api_url = f"/api/v1/workforce/plans/{plan.pk}/"

    def opened() -> tuple[bool, bool]:
        csv_status = client.get(csv_url).status_code
        api = client.get(api_url).json()
        assert csv_status in {200, 403}
        return csv_status == 200, bool(
            api["shared"] and api["items"] is not None and api["total_cents"] is not None
        )

    assert opened() == (False, False)
    accounts_services.consent_grant(resident=world.anne, organisation=world.firm, purpose=purpose)
    right = purpose == "share_development_plan"
    assert opened() == (right, right)
    accounts_services.consent_revoke(resident=world.anne, organisation=world.firm, purpose=purpose)
    assert opened() == (False, False)


@pytest.mark.parametrize("purpose", PURPOSES)
def test_other_firms_never_see_the_plan(client, purpose):
    world = build_world()
    _role, _holder, plan = proposed_plan(world, share=True)
    accounts_services.consent_grant(resident=world.anne, organisation=world.other_firm, purpose=purpose)
    client.force_login(world.other_employer)
    assert client.get(reverse("workforce:plan_csv", kwargs={"pk": plan.pk})).status_code in REFUSED
    assert client.get(f"/api/v1/workforce/plans/{plan.pk}/").status_code in REFUSED


def test_the_programme_office_never_sees_a_resident(client, programme_office, resident, enrolment, coach_org):
    for purpose in PURPOSES:
        accounts_services.consent_grant(resident=resident, organisation=coach_org, purpose=purpose)
    client.force_login(programme_office)
    for name, _roles, _needs in ENDPOINTS:
        assert _status(client, name, resident, enrolment) in REFUSED, name
