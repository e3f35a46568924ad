"""The routes engine on small hand-made instances with a known best route, and its strict checks."""

from __future__ import annotations

import json

import pytest

from doorleren.engine.routes import (
    MESSAGES_NL,
    RouteInstanceError,
    greedy_route,
    loads_instance,
    parse_instance,
    read_instance_file,
    route_for_instance,
)


def module(module_id: str, cost: int, hours: int, teaches: dict, requires: list | None = None) -> dict:
    return {
        "id": module_id,
        "cost_cents": cost,
        "hours": hours,
        "teaches": teaches,
        "requires": requires or [],
    }


def test_the_cheapest_set_that_covers_every_competency_wins():
    instance = {
        "modules": [
            module("both", 45000, 40, {"c1": 2, "c2": 1}),
            module("one", 20000, 10, {"c1": 2}),
            module("two", 20000, 10, {"c2": 3}),
            module("weak", 100, 1, {"c1": 1}),  # too low a level for c1
        ],
        "have": {"c1": 1},
        "need": {"c1": 2, "c2": 1},
    }

    result = route_for_instance(instance)

    assert result["status"] == "optimal"
    assert result["proven_optimal"] is True
    assert sorted(result["modules"]) == ["one", "two"]
    assert (result["cost_cents"], result["hours"]) == (40000, 20)
    assert result["gap"] == {"c1": 2, "c2": 1}
    assert result["uncovered"] == {}


def test_a_prerequisite_counts_with_its_cost_unless_it_is_done():
    modules = [
        module("intro", 30000, 20, {}),
        module("advanced", 10000, 10, {"c1": 3}, ["intro"]),
        module("other", 25000, 30, {"c1": 3}),
    ]

    without = route_for_instance({"modules": modules, "need": {"c1": 3}})
    with_done = route_for_instance({"modules": modules, "need": {"c1": 3}, "done": ["intro"]})

    assert without["modules"] == ["other"]
    assert with_done["modules"] == ["advanced"]
    assert with_done["cost_cents"] == 10000


def test_prerequisites_come_first_in_the_route():
    modules = [
        module("c", 100, 1, {"c1": 2}, ["b"]),
        module("b", 100, 1, {}, ["a"]),
        module("a", 100, 1, {}),
    ]

    result = route_for_instance({"modules": modules, "need": {"c1": 2}})

    assert result["modules"] == ["a", "b", "c"]


def test_a_done_module_raises_what_the_person_has():
    modules = [module("done", 5000, 5, {"c1": 3}), module("again", 100, 1, {"c1": 3})]

    result = route_for_instance({"modules": modules, "need": {"c1": 2}, "done": ["done"]})

    assert result["status"] == "optimal"
    assert result["modules"] == []
    assert result["gap"] == {}


def test_cost_comes_before_hours_and_hours_break_a_tie_in_cost():
    modules = [
        module("cheap_long", 10000, 100, {"c1": 2}),
        module("dear_short", 10001, 1, {"c1": 2}),
        module("cheap_short", 10000, 99, {"c1": 2}),
    ]

    result = route_for_instance({"modules": modules, "need": {"c1": 2}})

    assert result["modules"] == ["cheap_short"]


def test_large_amounts_keep_the_order_exact():
    modules = [
        module("a", 9_999_999_999, 1_000_000, {"c1": 4}),
        module("b", 9_999_999_999, 999_999, {"c1": 4}),
        module("c", 9_999_999_998, 1_000_000, {"c2": 4}),
        module("d", 9_999_999_999, 1, {"c2": 4}),
    ]

    result = route_for_instance({"modules": modules, "need": {"c1": 4, "c2": 4}})

    assert result["modules"] == ["b", "c"]
    assert result["cost_cents"] == 19_999_999_997


def test_a_budget_too_small_for_any_route_is_infeasible_because_of_the_budget():
    modules = [module("a", 30000, 10, {"c1": 2}), module("b", 40000, 5, {"c2": 2})]

    result = route_for_instance({"modules": modules, "need": {"c1": 2, "c2": 2}, "budget_cents": 69999})

    assert result["status"] == "infeasible"
    assert result["reason"] == "budget"
    assert result["modules"] == []
    assert result["uncovered"] == {}
    assert result["cheapest_cost_cents"] == 70000


def test_a_budget_that_fits_exactly_is_enough():
    modules = [module("a", 30000, 10, {"c1": 2}), module("b", 40000, 5, {"c2": 2})]

    result = route_for_instance({"modules": modules, "need": {"c1": 2, "c2": 2}, "budget_cents": 70000})

    assert result["status"] == "optimal"
    assert result["cost_cents"] == 70000


def test_an_hours_cap_chooses_a_dearer_shorter_module_or_makes_it_infeasible():
    modules = [module("long", 10000, 100, {"c1": 2}), module("short", 30000, 20, {"c1": 2})]

    capped = route_for_instance({"modules": modules, "need": {"c1": 2}, "max_hours": 50})
    too_tight = route_for_instance({"modules": modules, "need": {"c1": 2}, "max_hours": 19})

    assert capped["modules"] == ["short"]
    assert too_tight["status"] == "infeasible"
    assert too_tight["reason"] == "hours"
    assert too_tight["fewest_hours"] == 20


def test_caps_that_only_block_together_say_so():
    modules = [module("long", 10000, 100, {"c1": 2}), module("short", 30000, 20, {"c1": 2})]

    result = route_for_instance(
        {"modules": modules, "need": {"c1": 2}, "max_hours": 50, "budget_cents": 20000}
    )

    assert result["status"] == "infeasible"
    assert result["reason"] == "budget_and_hours"


def test_a_gap_the_offer_cannot_close_lists_the_competencies_and_levels():
    modules = [module("a", 100, 1, {"c1": 2, "c2": 4})]

    result = route_for_instance({"modules": modules, "need": {"c1": 3, "c2": 4, "c9": 1}})

    assert result["status"] == "infeasible"
    assert result["reason"] == "offer"
    assert result["uncovered"] == {"c1": 3, "c9": 1}
    assert result["modules"] == []


def test_a_route_that_completes_a_certificate_wins_a_tie():
    modules = [
        module("plain", 10000, 10, {"c1": 2}),
        module("part", 10000, 10, {"c1": 2}),
        module("first", 5000, 5, {}),
    ]
    instance = {
        "modules": modules,
        "need": {"c1": 2},
        "done": ["first"],
        "certificates": [{"id": "cert", "modules": ["first", "part"]}],
    }

    result = route_for_instance(instance)

    assert result["modules"] == ["part"]
    assert result["certificates"] == ["cert"]


def test_a_certificate_never_costs_extra():
    modules = [
        module("plain", 10000, 10, {"c1": 2}),
        module("part", 10001, 10, {"c1": 2}),
        module("rest", 1, 0, {}),
    ]
    instance = {
        "modules": modules,
        "need": {"c1": 2},
        "certificates": [{"id": "cert", "modules": ["part", "rest"]}],
    }

    result = route_for_instance(instance)

    assert result["modules"] == ["plain"]
    assert result["certificates"] == []


def test_nothing_needed_is_an_empty_optimal_route():
    result = route_for_instance(
        {"modules": [module("a", 100, 1, {"c1": 2})], "have": {"c1": 3}, "need": {"c1": 2}}
    )

    assert result["status"] == "optimal"
    assert result["modules"] == []
    assert (result["cost_cents"], result["hours"]) == (0, 0)


def test_greedy_can_be_dearer_than_the_best_route():
    instance = {
        "modules": [
            module("big", 15000, 10, {"c1": 2, "c2": 2, "c3": 2}),
            module("left", 11000, 10, {"c1": 2, "c2": 2}),
            module("right", 11000, 10, {"c3": 2, "c4": 2}),
            module("last", 10000, 10, {"c4": 2}),
        ],
        "need": {"c1": 2, "c2": 2, "c3": 2, "c4": 2},
    }
    catalogue, question = parse_instance(instance)

    greedy = greedy_route(catalogue, question)
    best = route_for_instance(instance)

    assert sorted(greedy["modules"]) == ["big", "last"]
    assert greedy["cost_cents"] == 25000
    assert sorted(best["modules"]) == ["left", "right"]
    assert best["cost_cents"] == 22000


GOOD = {"modules": [module("m1", 100, 1, {"c1": 2}, [])], "need": {"c1": 2}}


def changed(path: str, value) -> dict:
    instance = json.loads(json.dumps(GOOD))
    target = instance
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return instance


DELETE = object()


@pytest.mark.parametrize(
    ("instance", "code"),
    [
        ([], "not_object"),
        (changed("modules", {}), "not_list"),
        (changed("modules", DELETE), "missing_field"),
        (changed("need", DELETE), "missing_field"),
        (changed("extra", 1), "unknown_field"),
        (changed("modules.0.title", "x"), "unknown_field"),
        (changed("modules.0.id", 7), "not_text"),
        (changed("modules.0.id", " "), "empty_text"),
        (changed("modules.0.cost_cents", "100"), "not_integer"),
        (changed("modules.0.cost_cents", 1.5), "not_integer"),
        (changed("modules.0.cost_cents", True), "not_integer"),
        (changed("modules.0.cost_cents", -1), "negative"),
        (changed("modules.0.cost_cents", 10**11), "too_big"),
        (changed("modules.0.hours", None), "not_integer"),
        (changed("modules.0.teaches", {"c1": 5}), "bad_level"),
        (changed("modules.0.teaches", {"c1": 0}), "bad_level"),
        (changed("modules.0.teaches", ["c1"]), "not_object"),
        (changed("need", {"c1": "2"}), "not_integer"),
        (changed("have", {"c1": 9}), "bad_level"),
        (changed("modules.0.requires", ["m9"]), "unknown_module"),
        (changed("modules.0.requires", "m1"), "not_list"),
        (changed("modules.0.requires", ["m1"]), "requires_cycle"),
        (changed("done", ["nope"]), "unknown_module"),
        (changed("done", ["m1", "m1"]), "duplicate_in_list"),
        (changed("budget_cents", -5), "negative"),
        (changed("max_hours", "veel"), "not_integer"),
        (changed("certificates", [{"id": "k", "modules": []}]), "empty_certificate"),
        (changed("certificates", [{"id": "k", "modules": ["x"]}]), "unknown_module"),
        (
            changed("certificates", [{"id": "k", "modules": ["m1"]}, {"id": "k", "modules": ["m1"]}]),
            "duplicate_certificate",
        ),
        ({**GOOD, "modules": [GOOD["modules"][0], GOOD["modules"][0]]}, "duplicate_module"),
    ],
)
def test_a_wrong_instance_raises_a_clear_dutch_error(instance, code):
    with pytest.raises(RouteInstanceError) as caught:
        parse_instance(instance)

    assert caught.value.code == code
    assert caught.value.message == MESSAGES_NL[code] % caught.value.params


def test_a_prerequisite_cycle_names_the_modules_in_it():
    modules = [
        module("a", 1, 1, {}, ["b"]),
        module("b", 1, 1, {}, ["c"]),
        module("c", 1, 1, {}, ["a"]),
        module("d", 1, 1, {}, ["a"]),
    ]

    with pytest.raises(RouteInstanceError) as caught:
        parse_instance({"modules": modules, "need": {}})

    assert caught.value.code == "requires_cycle"
    assert sorted(caught.value.params["ids"].split(", ")) == ["a", "b", "c"]


def test_messages_are_plain_dutch_sentences():
    error = RouteInstanceError("unknown_module", id="m9", field="modules[0].requires")

    assert error.message == "De module m9 in modules[0].requires staat niet in de lijst met modules."
    assert all(text.endswith(".") for text in MESSAGES_NL.values())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"modules": [}', "bad_json"),
        ('{"need": {}, "need": {}}', "duplicate_key"),
        ('{"modules": [], "need": {"c1": NaN}}', "bad_json"),
        ("[" * 100_000 + "]" * 100_000, "json_too_deep"),
        ('{"n": ' + "9" * 5000 + "}", "bad_json"),
    ],
)
def test_bad_json_text_raises_a_clear_error(text, code):
    with pytest.raises(RouteInstanceError) as caught:
        loads_instance(text)

    assert caught.value.code == code


def test_a_file_is_read_as_utf8_json_with_a_size_limit(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"modules": [], "need": {"café": 1}}'.encode("latin-1"))

    assert read_instance_file(good) == GOOD
    for path, code, limit in [
        (tmp_path / "missing.json", "file_missing", 1000),
        (latin, "not_utf8", 1000),
        (good, "file_too_large", 10),
        (tmp_path, "file_unreadable", 1000),
    ]:
        with pytest.raises(RouteInstanceError) as caught:
            read_instance_file(path, max_bytes=limit)
        assert caught.value.code == code


def test_a_gap_where_the_lp_relaxation_is_fractional_is_still_solved_exactly():
    modules = [
        module("ab", 100, 1, {"a": 2, "b": 2}),
        module("bc", 100, 1, {"b": 2, "c": 2}),
        module("ca", 100, 1, {"c": 2, "a": 2}),
        module("abc", 201, 1, {"a": 2, "b": 2, "c": 2}),
    ]

    result = route_for_instance({"modules": modules, "need": {"a": 2, "b": 2, "c": 2}})

    assert result["proven_optimal"] is True
    assert result["cost_cents"] == 200  # the LP bound is 150: three halves
    assert len(result["modules"]) == 2
