"""Free text to competencies: ``text_competencies`` on the small taxonomy with real indexes."""

from __future__ import annotations

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.selectors import MAX_TEXT_CHARS, IndexMissing, text_check, text_competencies

pytestmark = pytest.mark.django_db


def test_suggests_map_competencies_and_esco_skills_with_supporting_words(search_indexes):
    text = "Ik werk in de thuiszorg. Ik verzorg wonden en werk samen in een team."

    found = text_competencies(text=text)

    codes = [row["code"] for row in found["competencies"]]
    assert "zorg-wondzorg" in codes and "samenwerken" in codes
    assert "tech-lassen" not in codes
    wound = next(row for row in found["competencies"] if row["code"] == "zorg-wondzorg")
    assert wound["label"] == "Wonden verzorgen"
    assert "wonden" in wound["words"]
    for word, (start, end) in zip(wound["words"], wound["spans"], strict=True):
        assert text[start:end] == word
    skills = {row["uri"]: row for row in found["skills"]}
    assert search_indexes.skills["wound"].uri in skills
    assert skills[search_indexes.skills["wound"].uri]["competencies"] == [
        {"code": "zorg-wondzorg", "label": "Wonden verzorgen"}
    ]


def test_english_text(search_indexes):
    found = text_competencies(text="I did welding for ten years and I work in a team.")
    rows = {row["code"]: row for row in found["competencies"]}
    assert {"tech-lassen", "samenwerken"} <= set(rows)
    assert rows["samenwerken"]["words"] == ["team"]  # "in" and "a" never count as evidence


@pytest.mark.parametrize("text", ["", "   \n ", None, 42])
def test_an_empty_text_is_refused(text):
    with pytest.raises(ApplicationError) as error:
        text_check(text=text)
    assert error.value.code == "text_empty"
    assert error.value.message == "Vul een tekst in."


def test_an_over_long_text_is_refused_with_its_length():
    with pytest.raises(ApplicationError) as error:
        text_check(text="a" * (MAX_TEXT_CHARS + 1))
    assert error.value.code == "text_too_long"
    assert "5.001" in error.value.message and "5.000" in error.value.message
    assert text_check(text="  " + "a" * MAX_TEXT_CHARS + "  ") == "a" * MAX_TEXT_CHARS


def test_without_an_index_the_page_and_api_get_503(small_taxonomy, linking_dir):
    with pytest.raises(IndexMissing):
        text_competencies(text="wonden verzorgen")


def test_the_length_is_written_the_way_the_language_writes_numbers():
    from django.utils import translation

    with translation.override("en"), pytest.raises(ApplicationError) as error:
        text_check(text="a" * (MAX_TEXT_CHARS + 1))
    assert "5,001" in error.value.message and "5,000" in error.value.message
