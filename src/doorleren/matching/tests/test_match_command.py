"""``doorleren match --instance FILE``: JSON lines with results and explanations; bad files exit 2 in Dutch."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

GRONINGEN = [53.2194, 6.5665]
EMMEN = [52.7858, 6.8976]


def _run(tmp_path, instance) -> tuple[list[dict], str]:
    path = tmp_path / "instance.json"
    path.write_text(instance if isinstance(instance, str) else json.dumps(instance), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("match", "--instance", str(path), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def _fails(tmp_path, instance) -> str:
    path = tmp_path / "instance.json"
    path.write_text(instance if isinstance(instance, str) else json.dumps(instance), encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", "--instance", str(path), stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert out.getvalue() == ""
    assert "Traceback" not in err.getvalue()
    return err.getvalue().strip()


INSTANCE = {
    "direction": "person",
    "top": 5,
    "labels": {"lassen": "Lassen", "excel": "Werken met Excel", "plannen": "Plannen"},
    "persons": [
        {"id": "anne", "competencies": {"lassen": 2, "excel": 1}, "location": GRONINGEN, "max_km": 30},
        {"id": "bram", "competencies": {"plannen": 3}},
    ],
    "opportunities": [
        {
            "id": "v2",
            "requires": {"lassen": {"level": 2, "essential": True}, "excel": {"level": 2}},
            "location": GRONINGEN,
            "hours": 32,
            "sector": "afval",
        },
        {"id": "v1", "requires": {"lassen": {"level": 2, "essential": True}}, "location": EMMEN},
        {"id": "v3", "requires": {"excel": 1, "plannen": {"level": 3}}},
    ],
}


def test_one_line_per_person_with_scores_explanations_and_dutch_text(tmp_path):
    lines, _err = _run(tmp_path, INSTANCE)
    assert [line["person"] for line in lines] == ["anne", "bram"]
    anne = lines[0]["results"]
    # v1 (score 1) lies in Emmen, more than 30 km away: filtered out
    assert [r["opportunity"] for r in anne] == ["v2", "v3"]
    assert anne[0]["score"] == pytest.approx((2 + 0.5) / 3, abs=1e-6)
    assert anne[0]["explanation"]["too_low"] == [
        {"competency": "excel", "have": 1, "need": 2, "essential": False}
    ]
    assert anne[0]["text"][0] == "U kunt 1 van de 2 dingen die nodig zijn."
    assert "Werken met Excel (u heeft niveau 1, nodig is niveau 2)" in anne[0]["text"][1]
    assert anne[1]["explanation"]["missing"] == [{"competency": "plannen", "need": 3, "essential": False}]
    assert "Dit mist nog: Plannen." in anne[1]["text"]
    assert [r["opportunity"] for r in lines[1]["results"]] == ["v3"]


def test_ties_go_by_id(tmp_path):
    instance = dict(INSTANCE, persons=[{"id": "cas", "competencies": {"lassen": 4}}])
    lines, _err = _run(tmp_path, instance)
    assert [(r["opportunity"], r["score"]) for r in lines[0]["results"]] == [
        ("v1", 1.0),
        ("v2", pytest.approx(2 / 3, abs=1e-6)),
    ]


def test_opportunity_direction_lists_candidates(tmp_path):
    lines, _err = _run(tmp_path, dict(INSTANCE, direction="opportunity"))
    assert [line["opportunity"] for line in lines] == ["v2", "v1", "v3"]
    assert [r["person"] for r in lines[0]["results"]] == ["anne"]
    assert lines[0]["results"][0]["text"][0] == "Deze persoon kan 1 van de 2 dingen die nodig zijn."
    assert lines[1]["results"] == []  # anne wants at most 30 km; Emmen is further
    assert [r["person"] for r in lines[2]["results"]] == ["anne", "bram"]  # both 0.5: by id


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        ("{not json", "is geen geldige JSON (regel 1)"),
        ("[1, 2]", "moet één JSON-object zijn"),
        ({"persons": [], "opportunities": 3}, "'opportunities' ontbreekt of is geen lijst."),
        (dict(INSTANCE, direction="beide"), "'direction' moet 'person' of 'opportunity' zijn."),
        (dict(INSTANCE, top=0), "'top' moet een heel getal van 1 tot en met 100 zijn."),
        (
            {"persons": [{"id": "p", "competencies": {"a": 5}}], "opportunities": []},
            "persons[0]: het niveau van a",
        ),
        ({"persons": [{"competencies": {}}], "opportunities": []}, "persons[0]: 'id' ontbreekt"),
        ({"persons": [{"id": "p"}, {"id": "p"}], "opportunities": []}, "het id p komt twee keer voor"),
        (
            {"persons": [], "opportunities": [{"id": "v", "location": [53.2]}]},
            "opportunities[0]: 'location' moet [breedtegraad, lengtegraad] zijn.",
        ),
        (
            {"persons": [{"id": "p", "max_km": -1}], "opportunities": []},
            "'max_km' moet een getal van 0 of meer",
        ),
        (
            {
                "persons": [],
                "opportunities": [{"id": "v", "requires": {"a": {"level": 2, "essential": "ja"}}}],
            },
            "'essential' moet true of false zijn.",
        ),
    ],
)
def test_malformed_instances_exit_2_with_one_dutch_line(tmp_path, instance, message):
    error = _fails(tmp_path, instance)
    assert message in error
    assert len(error.splitlines()) == 1


def test_missing_file_is_a_dutch_message(tmp_path):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", "--instance", str(tmp_path / "nope.json"), stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert "kan niet worden gelezen" in err.getvalue()
