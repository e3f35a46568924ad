"""Unit tests of the text -> ESCO linking engine on small concept sets written here."""

from __future__ import annotations

import numpy as np
import pytest

from doorleren.engine.linking import Concept, Hit, LinkIndex
from doorleren.engine.linking.index import LinkConfig
from doorleren.engine.linking.lexical import TfidfSpace
from doorleren.engine.linking.text import MAX_QUERY_CHARS, char_features, fold, word_features

DRIVER = "http://example.org/occupation/driver"
NURSE = "http://example.org/occupation/nurse"
DEVELOPER = "http://example.org/occupation/developer"
BAKER = "http://example.org/occupation/baker"
WELDER = "http://example.org/occupation/welder"
GARDENER = "http://example.org/occupation/gardener"
TEACHER = "http://example.org/occupation/teacher"
ACCOUNTANT = "http://example.org/occupation/accountant"
BREAD = "http://example.org/skill/bread"
PLUMBER = "http://example.org/occupation/plumber"


def _concepts() -> list[Concept]:
    return [
        Concept(
            DRIVER,
            [
                ("nl", "preferred", "vrachtwagenchauffeur"),
                ("nl", "alternative", "chauffeur zwaar vervoer"),
                ("nl", "hidden", "trukker"),
                ("en", "preferred", "lorry driver"),
            ],
        ),
        Concept(NURSE, [("nl", "preferred", "verpleegkundige"), ("nl", "alternative", "verpleger")]),
        Concept(
            DEVELOPER, [("nl", "preferred", "softwareontwikkelaar"), ("nl", "alternative", "programmeur")]
        ),
        Concept(BAKER, [("nl", "preferred", "bakker"), ("nl", "alternative", "broodbakker")]),
        Concept(WELDER, [("nl", "preferred", "lasser"), ("nl", "hidden", "laser metaal")]),
        Concept(GARDENER, [("nl", "preferred", "hovenier"), ("nl", "alternative", "tuinman")]),
        Concept(TEACHER, [("nl", "preferred", "leraar basisonderwijs"), ("nl", "alternative", "juf")]),
        Concept(ACCOUNTANT, [("nl", "preferred", "accountant"), ("nl", "alternative", "boekhouder")]),
        Concept(BREAD, [("en", "preferred", "bake bread")], description="bake bread make loaves Bake bread."),
        Concept(PLUMBER, [("nl", "preferred", "loodgieter"), ("en", "preferred", "plumber")]),
    ]


@pytest.fixture(scope="module")
def index() -> LinkIndex:
    return LinkIndex.build(_concepts())


@pytest.fixture(scope="module")
def lexical_index() -> LinkIndex:
    return LinkIndex.build(_concepts(), config=LinkConfig(dense_weight=0.0))


def _top(index: LinkIndex, query: str) -> str:
    hits = index.search(query, top=3)
    assert hits, query
    return hits[0].uri


def test_exact_and_preferred_label(index):
    hits = index.search("vrachtwagenchauffeur")
    assert hits[0] == Hit(DRIVER, "vrachtwagenchauffeur", hits[0].score)
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vrachtwagenchaufeur", DRIVER),
        ("vrachtwagencheuffeur", DRIVER),
        ("verplegkundige", NURSE),
        ("sofware ontwikelaar", DEVELOPER),
        ("loodgietre", PLUMBER),
    ],
)
def test_typo_tolerance(index, lexical_index, query, expected):
    assert _top(index, query) == expected
    assert _top(lexical_index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chauffeur zwaar vervoer", DRIVER),
        ("trukker", DRIVER),
        ("tuinman", GARDENER),
        ("boekhouder", ACCOUNTANT),
    ],
)
def test_alternative_and_hidden_labels(index, query, expected):
    assert _top(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nurse", NURSE),
        ("software developer", DEVELOPER),
        ("gardener", GARDENER),
        ("primary school teacher", TEACHER),
    ],
)
def test_cross_language_through_embeddings(index, query, expected):
    # These concepts have Dutch labels only: the match comes from the multilingual embeddings.
    assert _top(index, query) == expected


def test_dutch_query_finds_english_only_concept(index):
    # "broodbakker" (an occupation) is a fair first answer; the English-only skill must come next.
    assert BREAD in [hit.uri for hit in index.search("brood bakken", top=2)]


def test_display_label_prefers_dutch_then_english(index):
    labels = {hit.uri: hit.label for hit in index.search("bakker brood", top=10)}
    assert labels[BAKER] == "bakker"
    assert labels[BREAD] == "bake bread"
    driver = index.search("lorry driver")[0]
    assert driver.uri == DRIVER and driver.label == "vrachtwagenchauffeur"
    english = LinkIndex.build(_concepts()[:1], display_lang="en", config=LinkConfig(dense_weight=0.0))
    assert english.search("vrachtwagenchauffeur")[0].label == "lorry driver"


def test_top_k_respected(index):
    assert len(index.search("chauffeur", top=2)) <= 2
    assert len(index.search("chauffeur", top=1)) == 1
    assert index.search("chauffeur", top=0) == []
    many = index.search("chauffeur", top=100)
    assert len(many) <= len(index)
    assert [h.score for h in many] == sorted((h.score for h in many), reverse=True)
    assert len({h.uri for h in many}) == len(many)


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "!!! ---"])
def test_empty_query(index, query):
    assert index.search(query) == []


def test_over_long_query_is_capped(index):
    long_query = "vrachtwagenchauffeur " + "x" * 20_000
    hits = index.search(long_query)
    assert hits == index.search(long_query[:MAX_QUERY_CHARS])
    assert hits and hits[0].uri == DRIVER


def test_search_many_matches_search(index):
    queries = ["verpleger", "", "tuinman", "lasser", "   ", "leraar"]
    batched = index.search_many(queries, top=4)
    assert len(batched) == len(queries)
    for query, hits in zip(queries, batched, strict=True):
        single = index.search(query, top=4)
        assert [h.uri for h in hits] == [h.uri for h in single]
        assert [h.score for h in hits] == pytest.approx([h.score for h in single], abs=1e-5)
    with pytest.raises(TypeError):
        index.search_many("one string", top=3)


def test_save_load_roundtrip(index, tmp_path):
    index.save(tmp_path / "idx")
    assert (tmp_path / "idx" / "index.npz").exists()
    assert (tmp_path / "idx" / "index.json").exists()
    loaded = LinkIndex.load(tmp_path / "idx")
    queries = ["vrachtwagenchaufeur", "nurse", "brood bakken", "tuinman", "boekhouding"]
    assert loaded.search_many(queries, top=5) == index.search_many(queries, top=5)
    assert loaded.uris == index.uris
    assert np.array_equal(loaded.label_vectors, index.label_vectors)


def test_lexical_only_index_saves_without_encoder(lexical_index, tmp_path):
    assert lexical_index.encoder is None and lexical_index.label_vectors is None
    lexical_index.save(tmp_path / "lex")
    loaded = LinkIndex.load(tmp_path / "lex")
    assert loaded.search("tuinman") == lexical_index.search("tuinman")


def test_duplicate_uris_merge_and_empty_concepts_are_skipped():
    concepts = [
        Concept("u:1", [("nl", "preferred", "bakker")]),
        Concept("u:1", [("en", "preferred", "baker"), ("nl", "alternative", "Bakker")]),
        Concept("u:2", [("nl", "preferred", "  ")]),
    ]
    index = LinkIndex.build(concepts, config=LinkConfig(dense_weight=0.0))
    assert index.uris == ["u:1"]
    assert sorted(index.label_texts) == ["baker", "bakker"]
    with pytest.raises(ValueError):
        LinkIndex.build([Concept("u:2", [])], config=LinkConfig(dense_weight=0.0))


def test_concept_validates_labels():
    with pytest.raises(ValueError):
        Concept("u:1", [("nl", "main", "bakker")])
    assert Concept("u:1", [("de", "preferred", "Bäcker")]).display_label("nl") == "Bäcker"


def test_text_features():
    assert fold("Inspiciënt  (M/V)") == "inspicient m v"
    assert "inspicient" in word_features("inspiciënt")
    # Dutch and English stems both count: "bakken" -> "bak", "baking" -> "bake".
    assert {"bak", "bake"} <= set(word_features("bakken baking"))
    grams = char_features("las", 2, 4)
    assert " l" in grams and "las " in grams and " las " not in grams


def test_tfidf_space_cosine():
    space, matrix = TfidfSpace.fit(["bakker brood", "lasser metaal", "bakker taart"], "word")
    query = space.transform(["bakker", "onbekend"])
    scores = (query @ matrix.T).toarray()
    assert scores[0, 0] > 0 and scores[0, 1] == 0
    assert scores[1].sum() == 0
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1))
    assert np.allclose(norms, 1.0)


def test_the_encoder_embeds_a_short_text_once(monkeypatch):
    from doorleren.engine.linking.encoders import E5Encoder

    calls: list[list[str]] = []

    class Stub:
        def encode(self, texts, is_query=True):
            calls.append(list(texts))
            return np.asarray([[float(len(t)), 1.0] + [0.0] * 382 for t in texts], dtype=np.float32)

    monkeypatch.setattr(E5Encoder, "_model", Stub())
    monkeypatch.setattr(E5Encoder, "_cache", type(E5Encoder._cache)())
    monkeypatch.setattr(E5Encoder, "CACHE_SIZE", 3)
    encoder = E5Encoder()
    first = encoder.encode(["aa", "bbb"])
    again = encoder.encode(["bbb", "c", "aa"])
    assert calls == [["aa", "bbb"], ["c"]]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert again[1][0] == 1.0
    encoder.encode(["dddd"])  # the cache holds 3: the least recently used ("bbb") goes
    encoder.encode(["bbb"])
    assert calls[-1] == ["bbb"]
    encoder.encode(["x" * 10], kind="long")
    encoder.encode(["x" * 10], kind="long")
    assert calls[-2:] == [["x" * 10], ["x" * 10]]  # descriptions are not remembered


def test_position_and_labels_of_a_concept(index):
    at = index.position(DRIVER)
    assert index.uris[at] == DRIVER
    assert set(index.labels_of(at)) == {
        "vrachtwagenchauffeur",
        "chauffeur zwaar vervoer",
        "trukker",
        "lorry driver",
    }
    assert index.labels_of(index.position(PLUMBER)) == ["loodgieter", "plumber"]
    with pytest.raises(KeyError):
        index.position("http://example.org/none")
