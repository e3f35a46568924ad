"""The address the login lock-out counts per username: REMOTE_ADDR, or behind N trusted proxies the
address the outermost one saw; never an address the visitor wrote into X-Forwarded-For."""

from django.test import RequestFactory, override_settings

from doorleren.web.middleware import client_ip_address


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_remote_address_counts_and_the_header_is_ignored():
    assert client_ip_address(_request("192.0.2.1", "203.0.113.9")) == "192.0.2.1"


@override_settings(DOORLEREN_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts():
    assert client_ip_address(_request("10.0.0.2", "203.0.113.9")) == "203.0.113.9"


@override_settings(DOORLEREN_PROXY_COUNT=1)
def test_a_forged_header_does_not_help_the_visitor():
    # The visitor sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    assert client_ip_address(_request("10.0.0.2", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


@override_settings(DOORLEREN_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_ones_address_counts():
    assert client_ip_address(_request("10.0.0.3", "1.2.3.4, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


@override_settings(DOORLEREN_PROXY_COUNT=2)
def test_too_few_addresses_falls_back_to_the_remote_address():
    assert client_ip_address(_request("10.0.0.3", "203.0.113.9")) == "10.0.0.3"
