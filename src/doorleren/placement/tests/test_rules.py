"""Who may do what, and bad input: refused with a Dutch sentence and a 4xx status, nothing stored."""

import pytest

from doorleren.accounts.selectors import can_view_resident
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.placement import selectors, services
from doorleren.placement.models import HostRanking, LearnerChoice
from doorleren.placement.tests.factories import assignment_opportunity, staff

pytestmark = pytest.mark.django_db


def _refused(code: str, call, status: int = 400):
    with pytest.raises(ApplicationError) as error:
        call()
    assert error.value.code == code, error.value.message
    assert error.value.status == status
    return error.value


def test_another_firm_cannot_rank(small, new_learner):
    small.choose(new_learner("student"), small.a[0])
    outsider = staff(OrganisationFactory())
    error = _refused(
        "not_host",
        lambda: services.host_ranking_set(assignment=small.a[0], actor=outsider, ranking=[]),
        status=403,
    )
    assert "Alleen medewerkers van" in error.message
    assert not HostRanking.objects.exists()


def test_a_learner_cannot_rank_for_a_host(small, new_learner):
    person = new_learner("student")
    small.choose(person, small.a[0])
    _refused(
        "not_host",
        lambda: services.host_ranking_set(assignment=small.a[0], actor=person, ranking=[person.pk]),
        status=403,
    )


def test_a_host_ranks_only_applicants(small, new_learner):
    applicant, other = new_learner("student"), new_learner("worker")
    small.choose(applicant, small.a[0])
    _refused(
        "not_applicant",
        lambda: services.host_ranking_set(
            assignment=small.a[0], actor=small.host, ranking=[applicant.pk, other.pk]
        ),
    )
    _refused(
        "duplicate_in_list",
        lambda: services.host_ranking_set(
            assignment=small.a[0], actor=small.host, ranking=[applicant.pk, applicant.pk]
        ),
    )
    _refused(
        "score_invalid",
        lambda: services.host_ranking_set(assignment=small.a[0], actor=small.host, scores={applicant.pk: 11}),
    )


def test_choices_after_closing_are_refused(small, new_learner):
    person = new_learner("student")
    small.close()
    _refused("round_closed", lambda: small.choose(person, small.a[0]), status=409)
    assert not LearnerChoice.objects.exists()


def test_bad_choices_are_refused(small, new_learner):
    person = new_learner("student")
    _refused(
        "assignment_unknown",
        lambda: services.learner_choices_set(
            round=small.round, learner=person, assignment_ids=[987654], actor=person, today=small.today
        ),
    )
    _refused("duplicate_in_list", lambda: small.choose(person, small.a[0], small.a[0]))
    _refused(
        "too_many_choices",
        lambda: services.learner_choices_set(
            round=small.round,
            learner=person,
            assignment_ids=list(range(1, 12)),
            actor=person,
            today=small.today,
        ),
    )
    _refused(
        "duplicate_rank", lambda: services.choices_from_ranks(ranks={small.a[0].pk: 1, small.a[1].pk: 1})
    )
    assert not LearnerChoice.objects.exists()


def test_an_assignment_of_another_round_is_unknown(small, make_small, new_learner):
    other = make_small()
    _refused("assignment_unknown", lambda: small.choose(new_learner("student"), other.a[0]))


def test_a_round_only_for_workers_refuses_students(make_small, new_learner):
    small = make_small()
    small.round.for_students = False
    small.round.save()
    _refused("kind_not_allowed", lambda: small.choose(new_learner("student"), small.a[0]), status=403)
    assert selectors.rounds_open_to_learner(learner=new_learner("student"), today=small.today) == []
    assert selectors.rounds_open_to_learner(learner=new_learner("worker"), today=small.today) == [small.round]


def test_only_the_organiser_closes_and_places(small, new_learner):
    _refused(
        "not_organiser", lambda: services.placement_round_close(round=small.round, actor=small.host), 403
    )
    small.close()
    _refused(
        "not_organiser",
        lambda: services.placement_round_allocate(round=small.round, actor=new_learner("student")),
        403,
    )


def test_an_assignment_of_a_non_member_cannot_join_the_round(small):
    stranger = OrganisationFactory()
    _refused(
        "host_not_member",
        lambda: services.round_assignment_add(
            round=small.round, opportunity=assignment_opportunity(stranger), actor=small.organiser
        ),
    )


def test_applying_gives_the_host_consent_and_the_host_sees_the_name(small, new_learner):
    person = new_learner("student")
    assert not can_view_resident(viewer=small.host, resident=person)
    small.choose(person, small.a[0])
    assert can_view_resident(viewer=small.host, resident=person)
    [row] = selectors.applicants_for_host(assignment=small.a[0], viewer=small.host)
    assert row.named and row.label == str(person)


def test_without_consent_the_host_sees_a_number(small, new_learner):
    from doorleren.accounts import services as accounts_services

    person = new_learner("student")
    small.choose(person, small.a[0])
    accounts_services.consent_revoke(resident=person, organisation=small.firm, purpose="view_profile")
    [row] = selectors.applicants_for_host(assignment=small.a[0], viewer=small.host)
    assert not row.named
    assert row.label == "Sollicitant 1"
    assert row.kind == ""
