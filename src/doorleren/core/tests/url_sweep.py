"""Helpers for the bad-input sweeps: every URL pattern of the project, filled with bad values.

``url_patterns()`` walks ``get_resolver()`` and gives each pattern with its full route; ``fill()``
puts a value into every path parameter. ``Sweep`` sends requests with a client that does not raise,
records the traceback of any server error, and collects readable problems instead of stopping at
the first one.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib
from django.apps import apps
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

LONG = "x" * 5000
HUGE_INT = "99999999999999999999"
# A NUL character in the path (PostgreSQL refuses text with NUL: a 500 there, SQLite does not mind).
NUL_IN_PATH = "a%00b"
# Path values: a non-existing id, a huge number, a non-numeric string, an over-long string, an
# over-long number (more digits than Python converts to int by default) and NUL.
PATH_VALUES = {
    "int": ["987654321", HUGE_INT, "abc", LONG, "9" * 5000],
    "str": ["bestaat-niet", HUGE_INT, "abc", LONG, NUL_IN_PATH],
    "slug": ["bestaat-niet", HUGE_INT, LONG],
    "path": ["bestaat/niet", HUGE_INT, LONG, NUL_IN_PATH],
    "regex": ["bestaat-niet", HUGE_INT, LONG],
}
QUERIES = [
    {},
    {"q": LONG},
    {"top": "abc"},
    {"limit": "-1"},
    {"offset": "abc"},
    {"municipality": "xx"},
]
PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class Pattern:
    """One URL pattern with its full route; ``params`` maps each path parameter to its kind."""

    route: str
    params: dict[str, str]
    callback: object
    name: str

    def __str__(self) -> str:
        return self.name or self.route


_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _regex_route(regex: str) -> tuple[str, dict[str, str]]:
    """``^(?P<app_label>a|b)/$`` → ``<regex:app_label>/``; groups may nest."""
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    out, params, i = [], {}, 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end_name = regex.index(">", i)
            name = regex[i + 4 : end_name]
            depth, j = 1, end_name + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[j], 0) if regex[j - 1] != "\\" else 0
                j += 1
            out.append(f"<regex:{name}>")
            params[name] = "regex"
            i = j
        else:
            out.append(regex[i].replace("\\", ""))
            i += 1
    return "".join(out), params


def _walk(patterns, prefix: str, params: dict[str, str], namespace: str):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part, own = pattern.language_prefix, {}
        elif isinstance(pattern, RoutePattern):
            part = str(pattern)
            own = {m["name"]: (m["converter"] or "str") for m in _ROUTE_PARAM.finditer(part)}
        elif isinstance(pattern, RegexPattern):
            part, own = _regex_route(pattern.regex.pattern)
        else:  # pragma: no cover - a new kind of pattern: make the sweep notice
            raise TypeError(f"unknown URL pattern type {type(pattern)!r}")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + part, {**params, **own}, inner or namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Pattern(route=prefix + part, params={**params, **own}, callback=entry.callback, name=name)


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the project, in the order Django tries them."""
    return list(_walk(get_resolver().url_patterns, "/", {}, ""))


def _kind(converter: str) -> str:
    return converter if converter in PATH_VALUES else "str"


def fill(pattern: Pattern, *, nul: bool = True) -> list[str]:
    """The pattern's route once per bad value (all parameters get the same kind of bad value).

    ``nul=False`` leaves out the NUL value (for routes with a known, reported NUL problem).
    """
    if not pattern.params:
        return [pattern.route]

    def values_for(name: str) -> list[str]:
        values = PATH_VALUES[_kind(pattern.params[name])]
        return values if nul else [v for v in values if v != NUL_IN_PATH]

    count = max(len(values_for(name)) for name in pattern.params)
    urls = []
    for n in range(count):

        def value(match: re.Match, n=n) -> str:
            values = values_for(match["name"])
            return values[n % len(values)]

        urls.append(_ROUTE_PARAM.sub(value, pattern.route))
    return list(dict.fromkeys(urls))


def project_models():
    return [model for model in apps.get_models() if model.__module__.startswith("doorleren.")]


def database_state() -> dict[str, list[tuple]]:
    """Every row of every doorleren model: what a refused write must leave exactly as it was."""
    return {model._meta.label: list(model.objects.order_by("pk").values_list()) for model in project_models()}


def state_difference(before: dict, after: dict) -> list[str]:
    changed = []
    for label, rows in before.items():
        if rows != after[label]:
            changed.append(f"{label} ({len(rows)} → {len(after[label])} rows)")
    return changed


def _placeholder_regex(msgid: str) -> re.Pattern:
    parts = re.split(r"(%\([a-z_]+\)[sd]|%[sd])", msgid)
    return re.compile(
        "".join(
            ".+?" if re.fullmatch(r"%\([a-z_]+\)[sd]|%[sd]", part) else re.escape(part) for part in parts
        ),
        re.DOTALL,
    )


@cache
def _catalogue() -> tuple[set[str], tuple[re.Pattern, ...]]:
    exact, patterns = set(), []
    for entry in polib.pofile(str(PO_FILE)):
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if "%" in msgid:
                patterns.append(_placeholder_regex(msgid))
            else:
                exact.add(msgid)
    return exact, tuple(patterns)


def is_dutch_sentence(text: str) -> bool:
    """Is ``text`` one of our own (Dutch source) messages, filled in? DRF's English defaults are not."""
    exact, patterns = _catalogue()
    return text in exact or any(pattern.fullmatch(text) for pattern in patterns)


@dataclass
class Sweep:
    """Sends requests and collects problems. ``client`` is logged in (or not) by the caller."""

    client: Client
    problems: list[str] = field(default_factory=list)
    requests: int = 0
    _errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client.raise_request_exception = False

    def _record(self, sender, request=None, **kwargs) -> None:
        self._errors.append(traceback.format_exc())

    def send(self, method: str, url: str, *, label: str = "", **kwargs):
        got_request_exception.connect(self._record)
        self._errors.clear()
        try:
            if method.lower() == "get":
                # ``data`` of a GET is the query string (``generic`` would send it as a body).
                response = self.client.get(url, **kwargs)
            else:
                response = self.client.generic(method.upper(), url, **kwargs)
        finally:
            got_request_exception.disconnect(self._record)
        self.requests += 1
        if response.status_code >= 500:
            tb = self._errors[-1] if self._errors else "(no exception recorded)"
            self.problems.append(f"{method.upper()} {_short(url)} {label}: {response.status_code}\n{tb}")
        return response

    def expect_api_error_body(self, response, *, method: str, url: str, label: str = "") -> None:
        """A 4xx from the API is JSON with a ``code`` and a Dutch, non-empty ``detail``."""
        if not 400 <= response.status_code < 500:
            return
        where = f"{method.upper()} {_short(url)} {label}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("application/json"):
            self.problems.append(f"{where}: not JSON but {response.get('Content-Type')!r}")
            return
        body = response.json()
        if not isinstance(body, dict):
            self.problems.append(f"{where}: body is not an object: {body!r:.200}")
            return
        code, detail = body.get("code"), body.get("detail")
        if not isinstance(code, str) or not code:
            self.problems.append(f"{where}: no code in {body!r:.200}")
        if not isinstance(detail, str) or not detail.strip():
            self.problems.append(f"{where}: no detail in {body!r:.200}")
        elif not is_dutch_sentence(detail):
            self.problems.append(f"{where}: detail is not one of our Dutch messages: {detail!r:.200}")

    def report(self, limit: int = 15) -> str:
        unique = list(dict.fromkeys(self.problems))
        shown = "\n\n".join(unique[:limit])
        more = f"\n\n... and {len(unique) - limit} more" if len(unique) > limit else ""
        return f"{len(unique)} problems in {self.requests} requests:\n\n{shown}{more}"


def _short(url: str) -> str:
    return re.sub(r"([^/?&=])\1{40,}", lambda m: f"{m[1]}×{len(m[0])}", url)
