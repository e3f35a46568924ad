"""The sweep helpers themselves can fail: broken views trip every check (url_sweep.py)."""

import pytest
from django.test import Client

from .url_sweep import HUGE_INT, LONG, Sweep, fill, is_dutch_sentence, url_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls("doorleren.core.tests.sweep_self_check_urls")]


def _checked(path: str) -> list[str]:
    sweep = Sweep(client=Client())
    response = sweep.send("get", path)
    sweep.expect_api_error_body(response, method="get", url=path)
    return sweep.problems


def test_patterns_are_found_with_their_parameters():
    patterns = {pattern.name: pattern for pattern in url_patterns()}
    assert patterns["crash"].route == "/crash/<int:pk>/"
    assert patterns["crash"].params == {"pk": "int"}


def test_every_bad_value_goes_into_the_path():
    crash = next(pattern for pattern in url_patterns() if pattern.name == "crash")
    urls = fill(crash)
    assert f"/crash/{HUGE_INT}/" in urls
    assert f"/crash/{LONG}/" in urls
    assert "/crash/abc/" in urls


def test_a_server_error_is_reported_with_its_traceback():
    problems = _checked("/crash/1/")
    assert len(problems) == 1
    assert ": 500" in problems[0]
    assert "ZeroDivisionError: kapot" in problems[0]


def test_query_parameters_of_a_get_reach_the_view():
    sweep = Sweep(client=Client())
    response = sweep.send("get", "/echo/", data={"q": "zorg"})
    assert response.json() == {"query": {"q": "zorg"}}


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/html-error/", "not JSON"),
        ("/english/", "not one of our Dutch messages"),
        ("/no-code/", "no code"),
    ],
)
def test_a_bad_error_body_is_reported(path, problem):
    problems = _checked(path)
    assert len(problems) == 1
    assert problem in problems[0]


def test_a_drf_error_through_our_handler_passes():
    assert _checked("/drf/") == []


@pytest.mark.parametrize(
    ("text", "dutch"),
    [
        ("Dit bestaat niet (meer).", True),
        ("Er is geen gemeente met code “GM9999”.", True),
        ("Not found.", False),
        ("Dit bestaat niet (meer). En nog iets.", False),
    ],
)
def test_only_our_own_messages_count_as_dutch(text, dutch):
    assert is_dutch_sentence(text) is dutch
