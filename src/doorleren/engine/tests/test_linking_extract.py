"""Free text to concepts (``doorleren.engine.linking.extract``) on a small concept set written here."""

from __future__ import annotations

import pytest

from doorleren.engine.linking import Concept, LinkIndex
from doorleren.engine.linking.extract import MAX_TEXT_CHARS, candidate_phrases, extract

WASTE = "http://example.org/skill/sort-waste"
FORKLIFT = "http://example.org/skill/forklift"
CLEAN = "http://example.org/skill/clean-machines"
EMAIL = "http://example.org/skill/email"
WOUND = "http://example.org/skill/wound-care"
BAKE = "http://example.org/skill/bake-bread"
TAX = "http://example.org/skill/tax-law"


@pytest.fixture(scope="module")
def index() -> LinkIndex:
    return LinkIndex.build(
        [
            Concept(WASTE, [("nl", "preferred", "afval sorteren"), ("en", "preferred", "sort waste")]),
            Concept(
                FORKLIFT, [("nl", "preferred", "heftruck besturen"), ("en", "preferred", "operate forklift")]
            ),
            Concept(
                CLEAN, [("nl", "preferred", "machines schoonmaken"), ("en", "preferred", "clean machines")]
            ),
            Concept(EMAIL, [("nl", "preferred", "e-mails schrijven"), ("en", "preferred", "write e-mails")]),
            Concept(WOUND, [("nl", "preferred", "wonden verzorgen"), ("en", "preferred", "wound care")]),
            Concept(BAKE, [("nl", "preferred", "brood bakken"), ("en", "preferred", "bake bread")]),
            Concept(TAX, [("nl", "preferred", "belastingrecht"), ("en", "preferred", "tax law")]),
        ]
    )


def test_phrases_split_at_punctuation_and_joining_words():
    text = "Ik sorteer afval, rij met de heftruck en maak de machines schoon.\n- e-mails schrijven"
    phrases = [p.text for p in candidate_phrases(text)]
    assert phrases == ["sorteer afval", "rij heftruck", "maak machines schoon", "e-mails schrijven"]


def test_phrase_spans_point_into_the_original_text():
    text = "Wij  zoeken iemand die   wonden verzorgt; ook 's nachts."
    phrases = candidate_phrases(text)
    assert [p.text for p in phrases] == ["zoeken iemand wonden verzorgt", "nachts"]
    first = phrases[0]
    assert text[first.start : first.end] == "zoeken iemand die   wonden verzorgt"


def test_long_pieces_become_overlapping_windows():
    text = "een twee drie de vier vijf zes zeven acht negen tien elf twaalf"
    phrases = candidate_phrases(text, max_words=4)
    assert [p.text for p in phrases][:3] == [
        "twee drie vier vijf",
        "vier vijf zes zeven",
        "zes zeven acht negen",
    ]
    assert all(len(p.text.split()) <= 4 for p in phrases)
    with pytest.raises(ValueError):
        candidate_phrases(text, max_words=0)


@pytest.mark.parametrize("text", ["", "   ", "ik en de of het", "!!! ..."])
def test_nothing_to_find(index, text):
    assert candidate_phrases(text) == [] or extract(index, text) == []
    assert extract(index, text) == []


def test_finds_what_a_resident_tells(index):
    text = "Ik werk bij een afvalbedrijf. Ik sorteer afval, rij met de heftruck en maak de machines schoon."
    found = {s.uri: s for s in extract(index, text)}
    assert {WASTE, FORKLIFT, CLEAN} <= set(found)
    assert TAX not in found and BAKE not in found
    waste = found[WASTE]
    assert "afval" in waste.words
    for word, (start, end) in zip(waste.words, waste.spans, strict=True):
        assert text[start:end] == word


def test_english_text_and_scores_sorted(index):
    found = extract(index, "I worked as a nurse: wound care, and I wrote e-mails to families.")
    uris = [s.uri for s in found]
    assert WOUND in uris and EMAIL in uris
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert all(0.45 <= s.score <= 1.0 for s in found)


def test_top_and_threshold(index):
    text = "afval sorteren, heftruck besturen, machines schoonmaken, brood bakken"
    assert len(extract(index, text, top=2)) == 2
    assert extract(index, text, top=0) == []
    assert extract(index, text, min_score=1.01) == []


def test_over_long_text_is_cut_not_refused(index):
    text = "brood bakken. " + "x " * MAX_TEXT_CHARS + " afval sorteren"
    uris = [s.uri for s in extract(index, text)]
    assert BAKE in uris and WASTE not in uris  # the tail beyond the limit is not read
