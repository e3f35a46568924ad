"""Shared pieces for the statistics tests: recorded CBS answers behind an ``httpx.MockTransport``."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from doorleren.monitoring.cbs import CbsClient

RECORDED = Path(__file__).parent / "recorded"


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


class Recorder:
    """A mock CBS: answers Observations page by page (``$skip`` picks page 2), remembers requests."""

    def __init__(
        self, *, fail_first: int = 0, observations=("observations_page1.json", "observations_page2.json")
    ):
        self.requests: list[httpx.Request] = []
        self.fail_first = fail_first
        self.observations = observations

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if len(self.requests) <= self.fail_first:
            return httpx.Response(500, text="Internal Server Error")
        path = request.url.path
        if path.endswith("/MeasureCodes"):
            return httpx.Response(200, content=recorded("measure_codes.json"))
        if path.endswith("/Observations"):
            page = 1 if "$skip" in request.url.params else 0
            return httpx.Response(200, content=recorded(self.observations[page]))
        return httpx.Response(404, json={"error": {"code": "404", "message": "Not found"}})


def client_for(handler) -> CbsClient:
    return CbsClient(transport=httpx.MockTransport(handler), sleep=lambda seconds: None)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def cbs(recorder) -> CbsClient:
    return client_for(recorder)


@pytest.fixture(autouse=True)
def _indicators(db):
    """The indicators come with the migrations; load them again in case a test emptied the tables."""
    from doorleren.monitoring.services.statistics import stat_indicators_load

    stat_indicators_load()


def page(rows: list[dict], next_link: str | None = None) -> bytes:
    body = {
        "@odata.context": "https://datasets.cbs.nl/odata/v1/CBS/70072ned/$metadata#Observations",
        "value": rows,
    }
    if next_link:
        body["@odata.nextLink"] = next_link
    return json.dumps(body).encode()
