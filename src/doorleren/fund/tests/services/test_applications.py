"""Applications while they are made: who may, the consortium rule and what submitting checks."""

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import ApplicationState, FundApplication
from doorleren.organisations.tests.factories import FunderFactory, OrganisationFactory, SchoolFactory

from ..factories import Consortium, call, draft, government, indicators, member_of, submitted, today

pytestmark = pytest.mark.django_db


def _codes(application):
    return list(audit_events_for(subject=application).order_by("id").values_list("action", flat=True))


def test_a_member_of_an_organisation_makes_a_draft_with_the_lead_in_the_consortium():
    application, consortium = draft(with_school=False)
    assert application.state == ApplicationState.DRAFT
    assert list(application.members.values_list("organisation", "role")) == [(consortium.lead.pk, "lead")]
    assert application.targets.count() == 2
    assert _codes(application) == ["fund.application_create"]


@pytest.mark.parametrize("role", ["resident", "programme_office", "administrator"])
def test_only_applicant_roles_apply(role):
    organisation = OrganisationFactory()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_create(
            actor=member_of(organisation, role=role),
            call=call(),
            lead_organisation=organisation,
            title="Plan",
            requested_cents=100,
        )
    assert error.value.status == 403


def test_nobody_applies_for_an_organisation_they_do_not_work_for():
    with pytest.raises(ApplicationError) as error:
        services.fund_application_create(
            actor=UserFactory(role="employer"),
            call=call(),
            lead_organisation=OrganisationFactory(),
            title="Plan",
            requested_cents=100,
        )
    assert error.value.code == "fund_not_a_member"


def test_a_funder_cannot_lead_or_join_a_consortium():
    organisation = FunderFactory()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_create(
            actor=member_of(organisation, role="coach"),
            call=call(),
            lead_organisation=organisation,
            title="Plan",
            requested_cents=100,
        )
    assert error.value.code == "fund_member_kind_invalid"
    application, consortium = draft()
    with pytest.raises(ApplicationError) as error:
        services.consortium_member_add(
            actor=consortium.applicant, application=application, organisation=FunderFactory()
        )
    assert error.value.code == "fund_member_kind_invalid"


def test_a_school_member_can_lead_and_a_government_member_too():
    school = Consortium(lead=SchoolFactory(), lead_role="school")
    application, _ = draft(consortium=school, with_school=False)
    services.consortium_member_add(
        actor=school.applicant, application=application, organisation=OrganisationFactory()
    )
    assert (
        services.fund_application_submit(actor=school.applicant, application=application).state == "submitted"
    )
    city = Consortium(lead=government(), lead_role="coach")
    application, _ = draft(consortium=city)
    services.consortium_member_add(
        actor=city.applicant, application=application, organisation=OrganisationFactory()
    )
    assert (
        services.fund_application_submit(actor=city.applicant, application=application).state == "submitted"
    )


def test_no_draft_after_the_call_closed():
    closed = call(opens_on=today() - dt.timedelta(days=20), closes_on=today() - dt.timedelta(days=1))
    with pytest.raises(ApplicationError) as error:
        draft(call_=closed)
    assert error.value.code == "fund_call_closed"
    assert error.value.status == 409


def test_asking_more_than_the_maximum_per_application_is_refused():
    with pytest.raises(ApplicationError) as error:
        draft(call_=call(max_per_application_cents=10_000_00), requested_cents=10_000_01)
    assert error.value.code == "fund_application_above_maximum"


def test_a_target_must_be_an_indicator_of_the_call():
    with pytest.raises(ApplicationError) as error:
        draft(targets={indicators("basisbanen")[0]: 5})
    assert error.value.code == "fund_target_indicator_not_in_call"


@pytest.mark.parametrize("value", [0, -1, 10**9 + 1, 2.5, True])
def test_a_target_value_is_a_whole_number_from_1(value):
    with pytest.raises(ApplicationError) as error:
        draft(targets={indicators()[0]: value})
    assert error.value.code == "fund_target_value_invalid"


def test_the_lead_changes_a_draft_and_it_is_logged():
    application, consortium = draft()
    updated = services.fund_application_update(
        actor=consortium.applicant,
        application=application,
        title="Nieuwe titel",
        requested_cents=15_000_00,
        targets={indicators()[0]: 12},
    )
    assert (updated.title, updated.requested_cents) == ("Nieuwe titel", 15_000_00)
    assert list(updated.targets.values_list("target_value", flat=True)) == [12]
    assert _codes(application)[-1] == "fund.application_update"


def test_a_partner_cannot_change_the_application():
    application, consortium = draft()
    partner_staff = member_of(consortium.school, role="school")
    with pytest.raises(ApplicationError) as error:
        services.fund_application_update(
            actor=partner_staff, application=application, title="Anders", requested_cents=100
        )
    assert error.value.status == 403


def test_an_organisation_joins_once_and_the_lead_stays():
    application, consortium = draft()
    with pytest.raises(ApplicationError) as error:
        services.consortium_member_add(
            actor=consortium.applicant, application=application, organisation=consortium.school
        )
    assert error.value.code == "fund_member_already"
    with pytest.raises(ApplicationError) as error:
        services.consortium_member_remove(
            actor=consortium.applicant, application=application, organisation=consortium.lead
        )
    assert error.value.code == "fund_member_lead_stays"
    services.consortium_member_remove(
        actor=consortium.applicant, application=application, organisation=consortium.school
    )
    assert application.members.count() == 1
    assert _codes(application)[-1] == "fund.consortium_member_remove"


def test_the_consortium_is_fixed_after_submitting():
    application, consortium = submitted()
    for change in (services.consortium_member_add, services.consortium_member_remove):
        with pytest.raises(ApplicationError) as error:
            change(actor=consortium.applicant, application=application, organisation=consortium.school)
        assert error.value.code == "fund_application_not_draft"
        assert error.value.status == 409
    with pytest.raises(ApplicationError) as error:
        services.fund_application_update(
            actor=consortium.applicant, application=application, title="Anders", requested_cents=100
        )
    assert error.value.code == "fund_application_not_draft"


def test_submitting_needs_a_school_and_an_employer():
    application, consortium = draft(with_school=False)
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.code == "fund_application_incomplete"
    assert error.value.extra["problems"] == ["fund_consortium_no_school"]
    assert "onderwijsinstelling" in error.value.message

    school_only = Consortium(lead=SchoolFactory(), lead_role="school")
    application, _ = draft(consortium=school_only, with_school=False)
    services.consortium_member_add(
        actor=school_only.applicant, application=application, organisation=government()
    )
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=school_only.applicant, application=application)
    assert error.value.extra["problems"] == ["fund_consortium_no_employer"]
    assert FundApplication.objects.get(pk=application.pk).state == "draft"


def test_a_government_is_optional():
    application, consortium = submitted()
    assert not application.members.filter(organisation__kind="government").exists()
    assert application.state == ApplicationState.SUBMITTED


def test_submitting_needs_at_least_one_indicator():
    application, consortium = draft(targets={})
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.extra["problems"] == ["fund_targets_missing"]


def test_submitting_lists_every_problem_at_once():
    application, consortium = draft(with_school=False, targets={})
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.extra["problems"] == ["fund_consortium_no_school", "fund_targets_missing"]


def test_submitting_checks_the_maximum_again():
    application, consortium = draft()
    application.call.max_per_application_cents = application.requested_cents - 1
    application.call.save()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.extra["problems"] == ["fund_application_above_maximum"]


def test_submitting_only_while_the_call_is_open():
    later = call(opens_on=today() + dt.timedelta(days=5), closes_on=today() + dt.timedelta(days=30))
    application, consortium = draft(call_=later)
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.code == "fund_call_not_open"
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(
            actor=consortium.applicant, application=application, today=later.closes_on + dt.timedelta(days=1)
        )
    assert error.value.code == "fund_call_closed"
    submitted_ = services.fund_application_submit(
        actor=consortium.applicant, application=application, today=later.opens_on
    )
    assert submitted_.state == "submitted"


def test_submitting_is_logged_with_the_consortium():
    application, consortium = submitted()
    event = audit_events_for(subject=application).filter(action="fund.application_submit").get()
    assert event.actor == consortium.applicant
    assert event.data["from"] == "draft" and event.data["to"] == "submitted"
    assert {m["kind"] for m in event.data["members"]} == {"employer", "school"}
