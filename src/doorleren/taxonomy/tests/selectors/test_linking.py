"""linking_index and linking_search: a cached index per kind, rebuilt when the taxonomy changes."""

from __future__ import annotations

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy import selectors
from doorleren.taxonomy.models import LabelKind, OccupationLabel
from doorleren.taxonomy.services import taxonomy_version_bump
from doorleren.taxonomy.tests import factories as f

pytestmark = pytest.mark.django_db


def first_uri(kind: str, query: str, *, build: bool = True) -> str:
    return selectors.linking_search(kind=kind, queries=[query], top=5, build=build)[0]["results"][0]["uri"]


def test_search_finds_occupations_by_any_label(small_taxonomy, linking_dir):
    assert first_uri("occupations", "zuster") == small_taxonomy.occupations["nurse"].uri
    assert first_uri("occupations", "metaallasser") == small_taxonomy.occupations["welder"].uri


def test_search_finds_skills_and_competencies(small_taxonomy, linking_dir):
    assert first_uri("skills", "wondzorg") == small_taxonomy.skills["wound"].uri
    assert first_uri("competencies", "lassen van metaal") == "https://doorleren.nl/competentie/tech-lassen"
    # Through the labels of its ESCO skill: "teamwork" is not in the B1 label "Samenwerken".
    assert first_uri("competencies", "teamwork") == "https://doorleren.nl/competentie/samenwerken"


def test_result_shape_is_query_and_hits_with_uri_label_score(small_taxonomy, linking_dir):
    (line,) = selectors.linking_search(kind="occupations", queries=["  zuster "], top=2, build=True)

    assert line["query"] == "zuster"
    assert len(line["results"]) <= 2
    hit = line["results"][0]
    assert set(hit) == {"uri", "label", "score"}
    assert hit["label"] == "verpleegkundige"
    assert isinstance(hit["score"], float)


def test_many_queries_keep_their_order(small_taxonomy, linking_dir):
    lines = selectors.linking_search(kind="occupations", queries=["bakker", "zuster"], top=1, build=True)

    assert [line["query"] for line in lines] == ["bakker", "zuster"]
    assert [line["results"][0]["uri"] for line in lines] == [
        small_taxonomy.occupations["baker"].uri,
        small_taxonomy.occupations["nurse"].uri,
    ]


def test_index_is_saved_under_its_fingerprint_and_kept_in_memory(small_taxonomy, linking_dir):
    first = selectors.linking_index(kind="occupations")
    fingerprint = selectors.linking_fingerprint(kind="occupations")

    saved = linking_dir / f"occupations-{fingerprint}"
    assert saved.is_dir() and any(saved.iterdir())
    assert selectors.linking_index(kind="occupations") is first


def test_a_saved_index_is_loaded_without_reading_the_concepts_again(small_taxonomy, linking_dir, monkeypatch):
    selectors.linking_index(kind="occupations")
    selectors.linking_cache_clear()
    monkeypatch.setitem(selectors.CONCEPT_SOURCES, "occupations", lambda: pytest.fail("index was rebuilt"))

    assert first_uri("occupations", "zuster", build=False) == small_taxonomy.occupations["nurse"].uri


def test_a_change_in_the_taxonomy_rebuilds_the_index(small_taxonomy, linking_dir):
    before = selectors.linking_fingerprint(kind="occupations")
    selectors.linking_index(kind="occupations")
    pilot = f.OccupationFactory(label="piloot")
    OccupationLabel.objects.create(concept=pilot, lang="nl", kind=LabelKind.PREFERRED, text="piloot")
    taxonomy_version_bump(name="esco")

    after = selectors.linking_fingerprint(kind="occupations")

    assert after != before
    assert first_uri("occupations", "piloot") == pilot.uri
    assert [p.name for p in linking_dir.glob("occupations-*")] == [f"occupations-{after}"]


def test_a_map_change_rebuilds_the_competency_index_but_not_the_esco_ones(small_taxonomy, linking_dir):
    before = {kind: selectors.linking_fingerprint(kind=kind) for kind in selectors.LINKING_KINDS}
    taxonomy_version_bump(name="map")

    after = {kind: selectors.linking_fingerprint(kind=kind) for kind in selectors.LINKING_KINDS}

    assert after["competencies"] != before["competencies"]
    assert after["occupations"] == before["occupations"]
    assert after["skills"] == before["skills"]


def test_a_damaged_saved_index_is_rebuilt(small_taxonomy, linking_dir):
    selectors.linking_index(kind="skills")
    fingerprint = selectors.linking_fingerprint(kind="skills")
    saved = linking_dir / f"skills-{fingerprint}"
    for part in saved.iterdir():
        part.write_bytes(b"not an index")
    selectors.linking_cache_clear()

    assert first_uri("skills", "wondzorg") == small_taxonomy.skills["wound"].uri


def test_without_build_a_missing_index_is_503_and_nothing_is_built(small_taxonomy, linking_dir, monkeypatch):
    monkeypatch.setitem(
        selectors.CONCEPT_SOURCES, "skills", lambda: pytest.fail("a web request built an index")
    )

    with pytest.raises(selectors.IndexMissing) as error:
        selectors.linking_search(kind="skills", queries=["lassen"])

    assert (error.value.status, error.value.code) == (503, "search_index_missing")


def test_without_build_the_previous_index_serves_until_the_new_one_is_built(small_taxonomy, linking_dir):
    selectors.linking_index(kind="occupations", build=True)
    pilot = f.OccupationFactory(label="piloot")
    OccupationLabel.objects.create(concept=pilot, lang="nl", kind=LabelKind.PREFERRED, text="piloot")
    taxonomy_version_bump(name="esco")
    selectors.linking_cache_clear()  # a fresh web process: only the old index on disk

    stale = selectors.linking_search(kind="occupations", queries=["piloot"], top=3)[0]["results"]
    selectors.linking_index(kind="occupations", build=True)  # doorleren taxonomy build-index
    fresh = selectors.linking_search(kind="occupations", queries=["piloot"], top=3)[0]["results"]

    assert pilot.uri not in [hit["uri"] for hit in stale]
    assert fresh[0]["uri"] == pilot.uri


def test_empty_taxonomy_gives_empty_results(db, linking_dir):
    assert selectors.linking_search(kind="skills", queries=["lassen"]) == [{"query": "lassen", "results": []}]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"queries": [""]}, "query_empty"),
        ({"queries": ["   "]}, "query_empty"),
        ({"queries": ["x" * 201]}, "query_too_long"),
        ({"queries": []}, "query_missing"),
        ({"queries": ["lassen"], "top": 0}, "top_out_of_range"),
        ({"queries": ["lassen"], "top": 51}, "top_out_of_range"),
    ],
)
def test_bad_input_is_refused_in_dutch(db, linking_dir, kwargs, code):
    with pytest.raises(ApplicationError) as error:
        selectors.linking_search(kind="skills", **kwargs)
    assert error.value.code == code
    assert error.value.status == 400


def test_unknown_kind_is_404(db):
    with pytest.raises(ApplicationError) as error:
        selectors.linking_search(kind="diplomas", queries=["x"])
    assert (error.value.code, error.value.status) == ("unknown_kind", 404)
