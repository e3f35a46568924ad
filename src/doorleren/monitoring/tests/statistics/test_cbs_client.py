"""The CBS StatLine client (OData v4) on recorded answers: paging, filters, errors, retries. No network."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from doorleren.monitoring.cbs import USER_AGENT, CbsClient, CbsError

from .conftest import Recorder, client_for, page, recorded


def test_observations_follow_the_next_link_and_return_every_row(cbs, recorder):
    rows = cbs.observations(table="70072ned", measures=["M001796_2", "M000233"])
    assert len(rows) == 12
    assert len(recorder.requests) == 2
    assert recorder.requests[1].url.params["$skip"] == "6"
    assert cbs.requests == 2


def test_the_filter_names_measures_regions_and_periods(cbs, recorder):
    cbs.observations(
        table="70072ned", measures=["M001796_2"], regions=["GM0014", "GM0003"], periods=["2019JJ00"]
    )
    first = recorder.requests[0]
    assert first.url.path == "/odata/v1/CBS/70072ned/Observations"
    assert first.url.host == "datasets.cbs.nl"
    assert first.url.params["$filter"] == (
        "(Measure eq 'M001796_2') and (RegioS eq 'GM0003' or RegioS eq 'GM0014') and (Perioden eq '2019JJ00')"
    )
    assert first.headers["User-Agent"] == USER_AGENT
    # The next link carries its own query: no second $filter added to it.
    assert "RegioS" not in str(recorder.requests[1].url)


def test_rows_are_parsed_padded_codes_trimmed_and_missing_values_kept_as_none(cbs):
    rows = cbs.observations(table="70072ned", measures=["M001796_2"])
    assen = next(row for row in rows if row.region == "GM0106")
    assert assen.value == Decimal("38.0")
    assert assen.year == 2019
    impossible = next(row for row in rows if row.value_attribute == "Impossible")
    assert impossible.value is None
    assert impossible.region == "GM0024"
    assert impossible.year == 2021


def test_measure_codes_are_read(cbs):
    codes = cbs.measure_codes(table="70072ned")
    assert {code["Identifier"] for code in codes} == {"M000233", "M001796_2"}


def test_a_500_is_retried_and_then_succeeds():
    recorder = Recorder(fail_first=1)
    client = client_for(recorder)
    rows = client.observations(table="70072ned", measures=["M001796_2"])
    assert len(rows) == 12
    assert len(recorder.requests) == 3  # 500, page 1, page 2


def test_retries_are_bounded_and_end_in_a_dutch_error():
    recorder = Recorder(fail_first=99)
    client = client_for(recorder)
    with pytest.raises(CbsError) as error:
        client.observations(table="70072ned", measures=["M001796_2"])
    assert "storing" in error.value.message
    assert len(recorder.requests) == 3  # one try and two retries


def test_a_timeout_is_retried():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ReadTimeout("too slow", request=request)
        return httpx.Response(200, content=page([]))

    assert client_for(handler).observations(table="70072ned", measures=["M1"]) == []
    assert len(calls) == 2


def test_bad_json_becomes_a_dutch_error():
    client = client_for(lambda request: httpx.Response(200, content=recorded("bad.json")))
    with pytest.raises(CbsError) as error:
        client.observations(table="70072ned", measures=["M001796_2"])
    assert error.value.code == "cbs_bad_json"
    assert "geen geldige JSON" in error.value.message


def test_a_404_says_the_table_is_unknown_without_retrying():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(404, json={"error": "not found"})

    with pytest.raises(CbsError) as error:
        client_for(handler).observations(table="00000NED", measures=["M1"])
    assert error.value.code == "cbs_not_found"
    assert "tabelnummer" in error.value.message
    assert len(calls) == 1


@pytest.mark.parametrize(
    "body",
    [
        b'{"value": "geen lijst"}',
        b'{"nothing": []}',
        b"[1, 2]",
        b'{"value": [{"Id": 1, "Measure": "M1", "Perioden": "2019JJ00", "Value": 1}]}',  # no RegioS
        b'{"value": [{"Id": 1, "Measure": "M1", "RegioS": "GM0014", "Perioden": "2019JJ00", "Value": "veel"}]}',
    ],
)
def test_missing_or_wrong_fields_become_a_dutch_error(body):
    client = client_for(lambda request: httpx.Response(200, content=body))
    with pytest.raises(CbsError) as error:
        client.observations(table="70072ned", measures=["M1"])
    assert error.value.message.startswith("Het antwoord van het CBS")


def test_a_next_link_to_another_host_is_not_followed():
    client = client_for(lambda request: httpx.Response(200, content=page([], "https://example.org/steal")))
    with pytest.raises(CbsError) as error:
        client.observations(table="70072ned", measures=["M1"])
    assert error.value.code == "cbs_next_link_foreign"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"table": "70072ned/../x", "measures": ["M1"]}, "cbs_table_invalid"),
        ({"table": "70072ned", "measures": ["M1' or 1 eq 1"]}, "cbs_code_invalid"),
        ({"table": "70072ned", "measures": []}, "cbs_measure_missing"),
    ],
)
def test_bad_input_never_reaches_cbs(kwargs, code):
    calls = []
    client = client_for(lambda request: calls.append(request) or httpx.Response(200, content=page([])))
    with pytest.raises(CbsError) as error:
        client.observations(**kwargs)
    assert error.value.code == code
    assert calls == []


def test_the_client_accepts_an_httpx_client():
    http = httpx.Client(transport=httpx.MockTransport(Recorder()))
    client = CbsClient(client=http)
    assert len(client.observations(table="70072ned", measures=["M001796_2"])) == 12
    client.close()
    assert not http.is_closed  # the caller's client stays open
