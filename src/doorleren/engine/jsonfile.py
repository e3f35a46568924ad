"""Strict reading of an engine's JSON instance file, shared by the engines' CLIs (no Django).

Each engine passes its own error class: ``error(code, **params)`` with the codes ``file_missing``,
``file_unreadable``, ``file_too_large`` (``file``, ``max_mb``), ``not_utf8``, ``bad_json`` (``line``,
``column``), ``json_too_deep`` and ``duplicate_key`` (``field``); the engine's ``MESSAGES_NL`` has the
Dutch sentence for each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ErrorFactory = Callable[..., Exception]


def read_json_file(path: str | Path, *, max_bytes: int, error: ErrorFactory) -> Any:
    """The parsed JSON of ``path``: UTF-8 (a byte-order mark is dropped), at most ``max_bytes``, strict."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise error("file_missing", file=str(path)) from None
    except OSError:
        raise error("file_unreadable", file=str(path)) from None
    if len(raw) > max_bytes:
        raise error("file_too_large", file=str(path), max_mb=max(1, max_bytes // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error("not_utf8", file=str(path)) from None
    return loads_strict(text, error=error)


def loads_strict(text: str, *, error: ErrorFactory) -> Any:
    """Parse JSON text strictly: no key twice in one object, no NaN or Infinity."""

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _value in pairs:
                if key in seen:
                    raise error("duplicate_key", field=key)
                seen.add(key)
        return result

    try:
        return json.loads(text, object_pairs_hook=unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise error("bad_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise error("json_too_deep") from None
    except ValueError as exc:
        if type(exc) is not ValueError:
            raise  # the engine's own error from ``unique_keys`` (a ValueError subclass)
        # NaN/Infinity, or an integer with more digits than Python converts
        raise error("bad_json", line="?", column="?") from None


def _no_constant(name: str) -> Any:
    raise ValueError(name)
