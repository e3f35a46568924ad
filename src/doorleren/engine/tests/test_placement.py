"""Placement engine: the issue's example, acceptability, capacities, reserved seats, explanations, checks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from doorleren.engine.placement import (
    EXPLANATIONS_NL,
    MESSAGES_NL,
    PlacementInstanceError,
    deferred_acceptance,
    explain,
    explanation_text,
    loads_instance,
    parse_instance,
    placement_for_instance,
    read_instance_file,
    reference_violations,
    sequential_deferred_acceptance,
    stability_report,
)

EXAMPLE = {
    "learners": {"l1": ["a1", "a2"], "l2": ["a1"], "l3": ["a2"]},
    "assignments": {"a1": {"capacity": 1, "ranking": ["l2", "l1"]}, "a2": {"capacity": 1, "ranking": ["l1"]}},
}


def place(data: dict) -> dict[str, str | None]:
    return placement_for_instance(data)["matching"]


def test_the_issue_example_gives_exactly_the_documented_matching():
    assert json.dumps(placement_for_instance(EXAMPLE)) == '{"matching": {"l1": "a2", "l2": "a1", "l3": null}}'


def test_every_learner_is_in_the_answer_in_the_instance_order_even_without_wishes():
    data = {
        "learners": {"z": [], "a": ["x"], "m": []},
        "assignments": {"x": {"capacity": 5, "ranking": ["a"]}},
    }

    assert list(place(data).items()) == [("z", None), ("a", "x"), ("m", None)]


def test_a_pair_is_acceptable_only_when_both_rank_each_other():
    data = {
        "learners": {"l1": ["a1"], "l2": [], "l3": ["a2"]},
        "assignments": {
            "a1": {"capacity": 3, "ranking": ["l2"]},  # l1 wants a1, a1 does not rank l1
            "a2": {"capacity": 3, "ranking": ["l3", "l2"]},  # a2 ranks l2, l2 does not want it
        },
    }

    assert place(data) == {"l1": None, "l2": None, "l3": "a2"}


def test_capacity_is_respected_and_filled_by_the_host_ranking():
    data = {
        "learners": {f"l{i}": ["a"] for i in range(5)},
        "assignments": {"a": {"capacity": 2, "ranking": ["l3", "l1", "l4", "l0", "l2"]}},
    }

    matching = place(data)

    assert sorted(k for k, v in matching.items() if v == "a") == ["l1", "l3"]


def test_the_result_is_learner_optimal_where_an_assignment_optimal_one_differs():
    # Two stable matchings: learners get their first choices, or the hosts get theirs.
    data = {
        "learners": {"l1": ["a1", "a2"], "l2": ["a2", "a1"]},
        "assignments": {
            "a1": {"capacity": 1, "ranking": ["l2", "l1"]},
            "a2": {"capacity": 1, "ranking": ["l1", "l2"]},
        },
    }

    assert place(data) == {"l1": "a1", "l2": "a2"}


def test_a_rejection_chain_moves_learners_down_their_lists():
    data = {
        "learners": {"l1": ["a1", "a2", "a3"], "l2": ["a1", "a2"], "l3": ["a1"]},
        "assignments": {
            "a1": {"capacity": 1, "ranking": ["l3", "l2", "l1"]},
            "a2": {"capacity": 1, "ranking": ["l2", "l1"]},
            "a3": {"capacity": 1, "ranking": ["l1"]},
        },
    }

    placement = parse_instance(data)
    result = deferred_acceptance(placement)

    assert result.matching(placement) == {"l1": "a3", "l2": "a2", "l3": "a1"}
    assert result.choice.tolist() == [2, 1, 0]
    assert stability_report(placement, result.assignment) == {
        "blocking_pairs": 0,
        "over_capacity": 0,
        "unacceptable": 0,
    }


def test_the_vectorised_rounds_equal_sequential_gale_shapley_on_a_larger_random_instance():
    rng = np.random.default_rng(7)
    learners = {f"l{i}": [f"a{j}" for j in rng.permutation(40)[: rng.integers(0, 8)]] for i in range(600)}
    applicants: dict[str, list[str]] = {f"a{j}": [] for j in range(40)}
    for learner, wishes in learners.items():
        for a in wishes:
            if rng.random() < 0.9:
                applicants[a].append(learner)
    assignments = {
        a: {"capacity": int(rng.integers(1, 12)), "ranking": [str(x) for x in rng.permutation(names)]}
        for a, names in applicants.items()
    }
    placement = parse_instance({"learners": learners, "assignments": assignments})

    result = deferred_acceptance(placement)

    assert result.assignment.tolist() == sequential_deferred_acceptance(placement)
    assert result.rounds > 1
    assert stability_report(placement, result.assignment)["blocking_pairs"] == 0


def test_the_stability_check_finds_a_blocking_pair_an_over_full_and_an_unacceptable_place():
    placement = parse_instance(EXAMPLE)

    assert stability_report(placement, np.array([-1, 0, -1])) == {
        "blocking_pairs": 1,  # l1 and a2: a2 is empty and both want each other
        "over_capacity": 0,
        "unacceptable": 0,
    }
    assert stability_report(placement, np.array([0, 0, 1]))["over_capacity"] == 1
    assert stability_report(placement, np.array([1, 0, 1]))["unacceptable"] == 1
    assert reference_violations(placement, [1, 0, 1])["unacceptable"] == [(2, 1)]


# --- reserved seats (team mix) ----------------------------------------------------------------------

TEAM = {
    "learners": {"w1": ["t"], "w2": ["t"], "w3": ["t"], "s1": ["t"], "j1": ["t"]},
    "assignments": {
        "t": {
            "capacity": 3,
            "ranking": ["w1", "w2", "w3", "s1", "j1"],
            "reserved": [
                {"kinds": ["student"], "seats": 1},
                {"kinds": ["werkende", "werkzoekende"], "seats": 1},
            ],
        }
    },
    "kinds": {"w1": "werkende", "w2": "werkende", "w3": "werkende", "s1": "student", "j1": "werkzoekende"},
}


def test_a_reserved_seat_goes_to_the_best_learner_of_that_kind_before_the_open_seats():
    matching = place(TEAM)

    assert sorted(k for k, v in matching.items() if v == "t") == ["s1", "w1", "w2"]


def test_an_unused_reserved_seat_is_open_to_everyone():
    data = {**TEAM, "learners": {**TEAM["learners"], "s1": []}}

    matching = place(data)

    assert sorted(k for k, v in matching.items() if v == "t") == ["w1", "w2", "w3"]


def test_reserved_seats_agree_with_the_sequential_reference_and_have_no_blocking_pair():
    placement = parse_instance(TEAM)
    result = deferred_acceptance(placement)

    assert result.assignment.tolist() == sequential_deferred_acceptance(placement)
    assert stability_report(placement, result.assignment) == {
        "blocking_pairs": 0,
        "over_capacity": 0,
        "unacceptable": 0,
        "not_chosen": 0,
    }


def test_explanations_with_reserved_seats_name_both_cut_offs():
    placement = parse_instance(TEAM)
    result = deferred_acceptance(placement)
    explained = {placement.learner_ids[k]: v for k, v in explain(placement, result).items()}

    assert explained["w3"]["reasons"] == [
        {
            "code": "reserved_full",
            "params": {
                "assignment": "t",
                "choice": 1,
                "rank": 3,
                "kinds": "werkende, werkzoekende",
                "reserved_seats": 1,
                "reserved_cutoff_rank": 1,
                "open_cutoff_rank": 2,
            },
        }
    ]
    assert explained["j1"]["reasons"][0]["code"] == "reserved_full"
    assert explained["j1"]["reasons"][0]["params"]["reserved_cutoff_rank"] == 1
    assert explained["j1"]["reasons"][0]["params"]["open_cutoff_rank"] == 2


# --- explanations -----------------------------------------------------------------------------------


def test_each_learner_sees_their_choice_and_why_higher_choices_did_not_take_them():
    placement = parse_instance(EXAMPLE)
    explained = explain(placement, deferred_acceptance(placement))

    assert explained[0] == {
        "code": "later_choice",
        "params": {"assignment": "a2", "choice": 2},
        "reasons": [
            {"code": "full", "params": {"assignment": "a1", "choice": 1, "rank": 2, "cutoff_rank": 1}}
        ],
    }
    assert explained[1] == {
        "code": "first_choice",
        "params": {"assignment": "a1", "choice": 1},
        "reasons": [],
    }
    assert explained[2] == {
        "code": "unplaced",
        "params": {"choices": 1},
        "reasons": [{"code": "not_ranked", "params": {"assignment": "a2", "choice": 1}}],
    }
    assert explanation_text(explained[0]) == (
        "U bent geplaatst bij a2. Die stond op nummer 2 op uw lijst. Bij de opdrachten die u liever wilde, "
        "was geen plaats voor u. a1 (nummer 1 op uw lijst) is vol. De aanbieder zette u op plaats 2. "
        "Alle plaatsen gingen naar mensen die hoger stonden. De laatste van hen stond op plaats 1."
    )


def test_a_learner_without_wishes_is_told_so():
    data = {"learners": {"l1": []}, "assignments": {"a1": {"capacity": 1, "ranking": ["l1"]}}}

    answer = placement_for_instance(data, with_explanations=True)

    assert answer["explanations"]["l1"]["code"] == "no_choices"
    assert answer["explanations"]["l1"]["text"] == EXPLANATIONS_NL["no_choices"]


def test_explanation_text_uses_the_translate_function_it_is_given():
    placement = parse_instance(EXAMPLE)
    explained = explain(placement, deferred_acceptance(placement))

    assert explanation_text(explained[1], translate=lambda text: "EN " + text).startswith(
        "EN U bent geplaatst"
    )


def test_every_explanation_code_formats_with_the_params_the_engine_gives():
    rng = np.random.default_rng(3)
    kinds = ["student", "werkende", "werkzoekende"]
    learners = {f"l{i}": [f"a{j}" for j in rng.permutation(6)[: rng.integers(0, 5)]] for i in range(40)}
    assignments = {}
    for j in range(6):
        capacity = int(rng.integers(1, 4))
        spec: dict = {"capacity": capacity, "ranking": [f"l{i}" for i in rng.permutation(40)[:30]]}
        if j % 2:
            spec["reserved"] = [{"kinds": ["student"], "seats": 1}]
        if j == 5:
            spec["reserved"] = (
                [{"kinds": ["student"], "seats": 1}, {"kinds": ["werkende"], "seats": capacity - 1}]
                if capacity > 1
                else [{"kinds": ["student"], "seats": 1}]
            )
        assignments[f"a{j}"] = spec
    data = {
        "learners": learners,
        "assignments": assignments,
        "kinds": {f"l{i}": kinds[i % 3] for i in range(40)},
    }

    answer = placement_for_instance(data, with_explanations=True)

    codes = {reason["code"] for item in answer["explanations"].values() for reason in item["reasons"]}
    assert {"not_ranked", "full"} <= codes
    assert codes & {"reserved_full", "reserved_only_full", "open_full", "only_reserved"}
    assert all("%(" not in item["text"] for item in answer["explanations"].values())


# --- the instance -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        ([], "not_object", "instance moet een JSON-object zijn."),
        ({"learners": {}}, "missing_field", "Het veld assignments ontbreekt."),
        ({**EXAMPLE, "extra": 1}, "unknown_field", "Het veld extra kennen we niet."),
        ({**EXAMPLE, "learners": []}, "not_object", "learners moet een JSON-object zijn."),
        (
            {**EXAMPLE, "learners": {"l1": ["a9"]}},
            "unknown_assignment",
            "De opdracht a9 in learners.l1 staat niet in de lijst met opdrachten (assignments).",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": 1, "ranking": ["l7"]},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "unknown_learner",
            "De deelnemer l7 in assignments.a1.ranking staat niet in de lijst met deelnemers (learners).",
        ),
        (
            {**EXAMPLE, "learners": {"l1": ["a1", "a2", "a1"], "l2": [], "l3": []}},
            "duplicate_in_list",
            "a1 staat twee keer in learners.l1.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": 1, "ranking": ["l2", "l2"]},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "duplicate_in_list",
            "l2 staat twee keer in assignments.a1.ranking.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {"a1": {"capacity": 0, "ranking": []}, "a2": {"capacity": 1, "ranking": []}},
            },
            "not_positive",
            "assignments.a1.capacity moet 1 of meer zijn.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {"a1": {"capacity": "1", "ranking": []}, "a2": {"capacity": 1, "ranking": []}},
            },
            "not_integer",
            "assignments.a1.capacity moet een heel getal zijn.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {"a1": {"capacity": 1.0, "ranking": []}, "a2": {"capacity": 1, "ranking": []}},
            },
            "not_integer",
            "assignments.a1.capacity moet een heel getal zijn.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": True, "ranking": []},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "not_integer",
            "assignments.a1.capacity moet een heel getal zijn.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": 10**10, "ranking": []},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "too_big",
            "assignments.a1.capacity is te groot. Het mag hoogstens 1000000000 zijn.",
        ),
        (
            {**EXAMPLE, "assignments": {"a1": {"ranking": []}, "a2": {"capacity": 1, "ranking": []}}},
            "missing_field",
            "Het veld assignments.a1.capacity ontbreekt.",
        ),
        ({**EXAMPLE, "learners": {"l1": "a1"}}, "not_list", "learners.l1 moet een lijst zijn."),
        ({**EXAMPLE, "learners": {"l1": [1]}}, "not_text", "learners.l1[0] moet een tekst zijn."),
        ({**EXAMPLE, "learners": {"l1": [["a1"]]}}, "not_text", "learners.l1[0] moet een tekst zijn."),
        ({**EXAMPLE, "learners": {" ": []}}, "empty_text", "Een id in learners mag niet leeg zijn."),
        (
            {**EXAMPLE, "kinds": {"l9": "student"}},
            "unknown_learner",
            "De deelnemer l9 in kinds staat niet in de lijst met deelnemers (learners).",
        ),
        ({**EXAMPLE, "kinds": {"l1": 3}}, "not_text", "kinds.l1 moet een tekst zijn."),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": 1, "ranking": [], "reserved": [{"kinds": ["s"], "seats": 2}]},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "reserved_too_many",
            "Bij opdracht a1 zijn 2 plaatsen vastgehouden, maar er zijn maar 1 plaatsen.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {
                        "capacity": 3,
                        "ranking": [],
                        "reserved": [{"kinds": ["s"], "seats": 1}, {"kinds": ["w", "s"], "seats": 1}],
                    },
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "reserved_overlap",
            "Bij opdracht a1 staat de soort s in meer dan één groep vastgehouden plaatsen. Dat kan niet.",
        ),
        (
            {
                **EXAMPLE,
                "assignments": {
                    "a1": {"capacity": 3, "ranking": [], "reserved": [{"kinds": [], "seats": 1}]},
                    "a2": {"capacity": 1, "ranking": []},
                },
            },
            "empty_list",
            "assignments.a1.reserved[0].kinds mag geen lege lijst zijn.",
        ),
    ],
)
def test_a_wrong_instance_is_refused_with_a_code_and_a_dutch_sentence(data, code, message):
    with pytest.raises(PlacementInstanceError) as caught:
        parse_instance(data)

    assert caught.value.code == code
    assert caught.value.message == message


def test_duplicate_keys_and_nan_are_refused_when_reading_json():
    with pytest.raises(PlacementInstanceError) as caught:
        loads_instance('{"learners": {"l1": [], "l1": []}, "assignments": {}}')
    assert caught.value.message == "Het veld l1 staat twee keer in hetzelfde object."

    with pytest.raises(PlacementInstanceError) as caught:
        loads_instance('{"learners": NaN}')
    assert caught.value.code == "bad_json"


def test_a_file_over_the_cap_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(" " * (1024 * 1024 + 1), encoding="utf-8")

    with pytest.raises(PlacementInstanceError) as caught:
        read_instance_file(path, max_bytes=1024 * 1024)

    assert caught.value.code == "file_too_large"


def test_every_error_code_formats_with_its_params():
    params = dict.fromkeys(
        ("file", "max_mb", "line", "column", "field", "max", "id", "kind", "seats", "capacity"), "x"
    )
    for code in MESSAGES_NL:
        assert "%(" not in PlacementInstanceError(code, **params).message
