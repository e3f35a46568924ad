"""Roles, their competencies from the map or by hand, and invitations that the resident answers."""

import pytest

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.workforce import selectors, services
from doorleren.workforce.models import CompetencySource, HolderState, RoleCompetency

from ..factories import SHARE, role_with_anne


def _needs(role):
    return {
        (row.competency.code, row.horizon): (row.level, row.source)
        for row in RoleCompetency.objects.filter(role=role).select_related("competency")
    }


def test_the_map_proposes_now_and_three_to_five_years(world):
    role = services.company_role_create(
        organisation=world.firm, title="Sorteerder", regional_occupation=world.occupation, actor=world.henk
    )
    assert _needs(role) == {
        # now: only what the occupation calls essential, at the map's level
        ("afval-sorteren", "now"): (2, "map"),
        ("afval-digitaal-volgen", "now"): (2, "map"),
        # in 3-5 years: essential again, one level higher when the demand grows in the sector ...
        ("afval-sorteren", "future"): (2, "map"),
        ("afval-digitaal-volgen", "future"): (3, "map"),
        # ... and a handy competency whose demand grows (a basic skill: in basisvaardigheden), one higher
        ("ict-basis-computer", "future"): (2, "map"),
    }


def test_hand_made_competencies_survive_asking_the_map_again(world):
    role = services.company_role_create(
        organisation=world.firm, title="Sorteerder", regional_occupation=world.occupation, actor=world.henk
    )
    services.role_competency_set(
        role=role, competency=world.sort, level=4, horizon="future", actor=world.henk
    )
    services.role_competency_remove(role=role, competency=world.track, horizon="now", actor=world.henk)
    services.role_competencies_from_map(role=role, actor=world.henk)
    needs = _needs(role)
    assert needs[("afval-sorteren", "future")] == (4, CompetencySource.EDITED)
    assert needs[("afval-digitaal-volgen", "now")] == (2, CompetencySource.MAP)  # the map puts it back


@pytest.mark.parametrize("actor_name", ["other_employer", "anne"])
def test_only_the_firms_own_employer_may_change_its_scan(world, actor_name):
    actor = getattr(world, actor_name)
    with pytest.raises(ApplicationError) as error:
        services.company_role_create(organisation=world.firm, title="Chauffeur", actor=actor)
    assert error.value.status == 403
    role = services.company_role_create(organisation=world.firm, title="Chauffeur", actor=world.henk)
    for call in (
        lambda: services.role_competency_set(
            role=role, competency=world.sort, level=2, horizon="now", actor=actor
        ),
        lambda: services.role_holder_invite(role=role, email="x@voorbeeld.nl", actor=actor),
        lambda: services.company_role_delete(role=role, actor=actor),
    ):
        with pytest.raises(ApplicationError) as error:
            call()
        assert error.value.status == 403
    assert RoleCompetency.objects.filter(role=role).count() == 0


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"title": ""}, "title_missing"),
        ({"title": "x" * 121}, "title_too_long"),
        ({"title": "a\x00b"}, "text_invalid"),
    ],
)
def test_a_role_needs_a_sane_title(world, kwargs, code):
    with pytest.raises(ApplicationError) as error:
        services.company_role_create(organisation=world.firm, actor=world.henk, **kwargs)
    assert error.value.code == code


def test_bad_levels_and_horizons_are_refused(world):
    role = services.company_role_create(organisation=world.firm, title="Chauffeur", actor=world.henk)
    for level, horizon in ((0, "now"), (5, "now"), (True, "now"), ("2", "now"), (2, "later")):
        with pytest.raises(ApplicationError):
            services.role_competency_set(
                role=role, competency=world.sort, level=level, horizon=horizon, actor=world.henk
            )
    assert not RoleCompetency.objects.filter(role=role).exists()


def test_an_invitation_links_nothing_until_the_resident_confirms(world):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    holder = services.role_holder_invite(role=role, email=" Anne@Voorbeeld.NL ", actor=world.henk)
    assert holder.employee is None and holder.state == HolderState.PENDING
    assert list(selectors.invitations_for_resident(user=world.anne)) == [holder]
    assert not selectors.invitations_for_resident(user=world.stranger).exists()
    with pytest.raises(ApplicationError) as error:
        services.role_holder_accept(holder=holder, employee=world.stranger)
    assert error.value.status == 404
    with pytest.raises(ApplicationError) as error:
        services.role_holder_accept(holder=holder, employee=world.henk)
    assert error.value.status == 403
    holder.refresh_from_db()
    assert holder.employee is None

    holder = services.role_holder_accept(holder=holder, employee=world.anne)
    assert holder.employee == world.anne and holder.state == HolderState.ACCEPTED
    assert (
        accounts_selectors.consent_active(resident=world.anne, organisation=world.firm, purpose=SHARE) is None
    )
    with pytest.raises(ApplicationError) as error:
        services.role_holder_refuse(holder=holder, employee=world.anne)
    assert error.value.status in (404, 409)


def test_confirming_with_sharing_gives_the_firm_consent_for_the_plan_only(world):
    role_with_anne(world, share=True)
    assert accounts_selectors.consent_active(resident=world.anne, organisation=world.firm, purpose=SHARE)
    assert not accounts_selectors.consent_active(
        resident=world.anne, organisation=world.firm, purpose="view_profile"
    )


def test_a_refused_invitation_links_nothing(world):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    holder = services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    holder = services.role_holder_refuse(holder=holder, employee=world.anne)
    assert holder.state == HolderState.REFUSED and holder.employee is None
    assert not selectors.invitations_for_resident(user=world.anne).exists()


@pytest.mark.parametrize(
    "email", ["", "geen-adres", "a\x00b@voorbeeld.nl", "x" * 300 + "@voorbeeld.nl", None]
)
def test_a_bad_email_is_refused(world, email):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    with pytest.raises(ApplicationError) as error:
        services.role_holder_invite(role=role, email=email, actor=world.henk)
    assert error.value.code == "email_invalid"


def test_inviting_the_same_address_twice_is_refused(world):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    with pytest.raises(ApplicationError) as error:
        services.role_holder_invite(role=role, email="ANNE@voorbeeld.nl", actor=world.henk)
    assert error.value.status == 409
