"""Placing a round end to end through the services: the stored result is the engine's learner-optimal
stable matching, has no blocking pair, respects reserved seats and explains itself to every learner."""

import numpy as np
import pytest

from doorleren.core.errors import ApplicationError
from doorleren.engine.placement import parse_instance, sequential_deferred_acceptance, stability_report
from doorleren.placement import selectors, services
from doorleren.placement.models import PlacementResult, RoundState, Team

pytestmark = pytest.mark.django_db


def _stored_matching(found) -> dict[str, str | None]:
    return {
        str(learner): (str(assignment) if assignment else None)
        for learner, assignment in PlacementResult.objects.filter(round=found).values_list(
            "learner_id", "assignment_id"
        )
    }


def _blocking_pairs_of_stored(found, instance) -> dict:
    placement = parse_instance(instance)
    stored = _stored_matching(found)
    index = {a: n for n, a in enumerate(placement.assignment_ids)}
    assignment_of = np.array(
        [index[stored[learner]] if stored[learner] else -1 for learner in placement.learner_ids]
    )
    return stability_report(placement, assignment_of)


def _competitive_round(small, new_learner):
    a1, a2, a3 = small.a
    people = [new_learner("student"), new_learner("worker"), new_learner("job_seeker")]
    people += [new_learner("student"), new_learner("worker"), new_learner("student")]
    lists = [(a1, a2), (a1, a3), (a1,), (a2, a1), (a2, a3, a1), (a3, a2)]
    for person, wanted in zip(people, lists, strict=True):
        small.choose(person, *wanted)
    services.host_ranking_set(
        assignment=a1, actor=small.host, ranking=[people[2].pk, people[1].pk, people[0].pk, people[4].pk]
    )
    # a2 by scores: people[0] and people[4] tie at 7; people[4] put a2 first, people[0] second.
    services.host_ranking_set(
        assignment=a2, actor=small.host, scores={people[3].pk: 5, people[0].pk: 7, people[4].pk: 7}
    )
    # a3 not ranked: every applicant counts, by the tie rule.
    small.close()
    return people


def test_stored_result_is_the_engines_learner_optimal_stable_matching(small, new_learner):
    people = _competitive_round(small, new_learner)
    instance = services.placement_instance(round=small.round)
    found = services.placement_round_allocate(round=small.round, actor=small.organiser)

    placement = parse_instance(instance)
    reference = sequential_deferred_acceptance(placement)
    expected = {
        learner: (placement.assignment_ids[a] if a >= 0 else None)
        for learner, a in zip(placement.learner_ids, reference, strict=True)
    }
    assert _stored_matching(found) == expected
    assert len(expected) == len(people)
    assert _blocking_pairs_of_stored(found, instance) == {
        "blocking_pairs": 0,
        "over_capacity": 0,
        "unacceptable": 0,
    }
    assert found.state == RoundState.ALLOCATED
    assert found.blocking_pairs == 0
    assert selectors.round_overview(round=found).blocking_pairs == 0


def test_scores_are_turned_into_a_ranking_with_the_tie_rule(small, new_learner):
    people = _competitive_round(small, new_learner)
    instance = services.placement_instance(round=small.round)
    a2 = str(small.a[1].pk)
    # equal scores: who put a2 higher on their own list first (people[4]: 1st, people[0]: 2nd)
    assert instance["assignments"][a2]["ranking"] == [str(people[4].pk), str(people[0].pk), str(people[3].pk)]
    a3 = str(small.a[2].pk)
    # not ranked: all applicants, by their own place for a3, then account number
    assert instance["assignments"][a3]["ranking"] == [str(people[5].pk), str(people[1].pk), str(people[4].pk)]


def test_every_learner_has_an_explanation_in_plain_dutch(small, new_learner):
    people = _competitive_round(small, new_learner)
    found = services.placement_round_allocate(round=small.round, actor=small.organiser)
    titles = {a.opportunity.title for a in small.a}
    for person in people:
        view = selectors.learner_result(round=found, learner=person)
        assert view is not None
        assert view.headline.startswith(("U bent geplaatst bij", "U hebt geen plaats"))
        if view.assignment is not None:
            assert view.assignment.opportunity.title in view.headline
            assert view.result.choice == 1 or view.reasons
        for reason in view.reasons:
            assert any(title in reason for title in titles)
            assert "%(" not in reason


def test_teams_are_made_for_filled_assignments(small, new_learner):
    _competitive_round(small, new_learner)
    found = services.placement_round_allocate(round=small.round, actor=small.organiser)
    filled = set(
        PlacementResult.objects.filter(round=found, assignment__isnull=False).values_list(
            "assignment_id", flat=True
        )
    )
    assert set(Team.objects.values_list("assignment_id", flat=True)) == filled


def test_a_second_run_and_a_run_while_open_are_refused(small, new_learner):
    small.choose(new_learner("student"), small.a[0])
    with pytest.raises(ApplicationError) as error:
        services.placement_round_allocate(round=small.round, actor=small.organiser)
    assert error.value.code == "round_open"
    small.close()
    services.placement_round_allocate(round=small.round, actor=small.organiser)
    with pytest.raises(ApplicationError) as error:
        services.placement_round_allocate(round=small.round, actor=small.organiser)
    assert error.value.status == 409
    assert PlacementResult.objects.count() == 1


def test_reserved_seats_give_each_team_a_student_and_a_worker(make_small, new_learner):
    small = make_small(reserved_students=1, reserved_workers=1)
    a1 = small.a[0]
    workers = [new_learner("worker") for _ in range(3)]
    student = new_learner("student")
    for person in [*workers, student]:
        small.choose(person, a1)
    # the host likes the workers best, the student last
    services.host_ranking_set(assignment=a1, actor=small.host, ranking=[*(w.pk for w in workers), student.pk])
    small.close()
    instance = services.placement_instance(round=small.round)
    assert instance["assignments"][str(a1.pk)]["reserved"] == [
        {"kinds": ["student"], "seats": 1},
        {"kinds": ["worker", "job_seeker"], "seats": 1},
    ]
    found = services.placement_round_allocate(round=small.round, actor=small.organiser)
    placed = set(
        PlacementResult.objects.filter(round=found, assignment=a1).values_list("learner_id", flat=True)
    )
    assert placed == {workers[0].pk, student.pk}
    assert _blocking_pairs_of_stored(found, instance)["blocking_pairs"] == 0
    view = selectors.learner_result(round=found, learner=workers[1])
    assert "De plaatsen voor werkenden of werkzoekenden gingen naar mensen die hoger stonden" in view.text


def test_without_reserves_the_host_order_decides(small, new_learner):
    a1 = small.a[0]
    workers = [new_learner("worker") for _ in range(3)]
    student = new_learner("student")
    for person in [*workers, student]:
        small.choose(person, a1)
    services.host_ranking_set(assignment=a1, actor=small.host, ranking=[*(w.pk for w in workers), student.pk])
    small.close()
    found = services.placement_round_allocate(round=small.round, actor=small.organiser)
    placed = set(
        PlacementResult.objects.filter(round=found, assignment=a1).values_list("learner_id", flat=True)
    )
    assert placed == {workers[0].pk, workers[1].pk}
    view = selectors.learner_result(round=found, learner=student)
    assert (
        view.headline
        == "U hebt geen plaats gekregen. Bij geen van de opdrachten op uw lijst was plaats voor u."
    )
    assert "De aanbieder zette u op plaats 4" in view.reasons[0]
