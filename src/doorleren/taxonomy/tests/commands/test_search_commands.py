"""``doorleren occupations|skills|competencies search``: one JSON line per query."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_query_prints_one_json_line(small_taxonomy, linking_dir):
    (line,) = run("occupations", "search", "zuster", "--top", "2")

    assert line["query"] == "zuster"
    assert line["results"][0]["uri"] == small_taxonomy.occupations["nurse"].uri
    assert len(line["results"]) <= 2


def test_a_file_gives_one_line_per_query_in_order(small_taxonomy, linking_dir, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("lassen\n\nwondzorg\nteamwork\n", encoding="utf-8")

    lines = run("skills", "search", "--file", str(queries), "--top", "1")

    assert [line["query"] for line in lines] == ["lassen", "wondzorg", "teamwork"]
    assert [line["results"][0]["uri"] for line in lines] == [
        small_taxonomy.skills["weld"].uri,
        small_taxonomy.skills["wound"].uri,
        small_taxonomy.skills["team"].uri,
    ]


def test_competencies_are_found_by_their_doorleren_uri(small_taxonomy, linking_dir):
    (line,) = run("competencies", "search", "wonden verzorgen", "--top", "1")

    assert line["results"] == [
        {
            "uri": "https://doorleren.nl/competentie/zorg-wondzorg",
            "label": "Wonden verzorgen",
            "score": line["results"][0]["score"],
        }
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("occupations", "search"),  # neither a query nor --file
        ("occupations", "search", " "),
        ("occupations", "search", "x" * 201),
        ("occupations", "search", "bakker", "--top", "0"),
        ("occupations", "search", "--file", "/does/not/exist.txt"),
    ],
)
def test_bad_input_exits_with_code_2_and_a_dutch_line(small_taxonomy, linking_dir, args):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().strip()


def test_build_index_writes_one_file_per_kind(small_taxonomy, linking_dir):
    (line,) = run("taxonomy", "build-index")

    assert set(line) == {"occupations", "skills", "competencies"}
    for kind, built in line.items():
        assert built["path"] == str(linking_dir / f"{kind}-{built['fingerprint']}")
        assert any((linking_dir / f"{kind}-{built['fingerprint']}").iterdir())


def test_build_index_of_an_empty_taxonomy_writes_nothing(db, linking_dir):
    (line,) = run("taxonomy", "build-index", "--kind", "skills")

    assert line["skills"]["path"] is None
    assert not linking_dir.exists() or not list(linking_dir.iterdir())


def test_a_file_without_queries_exits_with_code_2(db, linking_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("skills", "search", "--file", str(empty), stdout=io.StringIO(), stderr=err)

    assert exit_info.value.code == 2
    assert "geen zoektermen" in err.getvalue()
