"""The API's limit/offset pagination: a huge or bad ``limit`` never reaches the database."""

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from doorleren.core.api import MAX_LIMIT, LimitOffsetPagination

ROWS = list(range(MAX_LIMIT + 50))


def _page(query: str) -> list:
    request = Request(APIRequestFactory().get(f"/api/v1/iets/?{query}"))
    return LimitOffsetPagination().paginate_queryset(ROWS, request)


@pytest.mark.parametrize("limit", ["99999999999999999999", str(MAX_LIMIT + 1), "9" * 50])
def test_a_limit_above_the_ceiling_gives_the_ceiling(limit):
    assert len(_page(f"limit={limit}")) == MAX_LIMIT


@pytest.mark.parametrize("query", ["limit=-1", "limit=abc", "limit=0", "offset=abc", "offset=-5"])
def test_a_bad_limit_or_offset_falls_back_to_the_default(query):
    assert _page(query) == ROWS[:50]


def test_an_offset_past_the_end_gives_an_empty_page():
    assert _page("offset=99999999999999999999") == []
