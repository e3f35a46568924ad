"""Hypothesis strategies for fuzzing file importers and instance CLIs (issue 7).

Malformed input is made by mutating a valid sample: at the byte level (truncate, garble, NUL bytes,
wrong encodings), at the line level (drop, duplicate, swap) and, for CSV, at the cell level (nasty
values, dropped/duplicated/swapped/renamed columns). ``json_mutations`` does the same for JSON
instances: replace or delete a value anywhere in the tree with a strange one.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from hypothesis import strategies as st

NASTY_TEXT = [
    "",
    " ",
    "-1",
    "-0",
    "0",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e309",
    "1e-400",
    "9" * 40,
    "0x10",
    "1_000",
    "12,5",
    "1.234,56",
    "1,234.56",
    "\u0661\u0662",  # Arabic-Indic digits: \d matches them
    "\uff11\uff12",  # fullwidth digits
    "\u00a012",
    "12\u00a0",
    "\u202eabc",  # right-to-left override
    "\ufeff",
    "e\u0301\u0301\u0301",  # combining accents
    "\U0001f600",
    "null",
    "true",
    "None",
    '"',
    '""',
    '"a"b',
    ";",
    ",",
    "a;b,c",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "'; DROP TABLE x; --",
    "%s %(x)s %d",
    "{}",
    "[]",
    "x" * 300,
    "y" * 20_000,
]

nasty_text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

_INSERTS = [
    b"\x00",
    b"\xff",
    b"\xc3",  # a cut UTF-8 sequence
    b"\xef\xbb\xbf",
    b'"',
    b"\n",
    b"\r",
    b";",
    b",",
    b"\x1a",
    "é".encode("latin-1"),
    b"z" * 70_000,
]


@st.composite
def byte_mutations(draw, valid: bytes) -> bytes:
    """``valid`` with one to three byte-level or line-level mutations, or something else entirely."""
    kind = draw(
        st.sampled_from(["random", "empty", "first_line", "encoding", "mutate", "mutate", "mutate", "mutate"])
    )
    if kind == "random":
        return draw(st.binary(max_size=400))
    if kind == "empty":
        return draw(st.sampled_from([b"", b"\n", b"\xef\xbb\xbf", b"   \r\n\r\n", b"\x00"]))
    if kind == "first_line":
        return valid.split(b"\n", 1)[0] + draw(st.sampled_from([b"", b"\n", b"\n\n"]))
    if kind == "encoding":
        text = valid.decode("utf-8")
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "cp437"]))
        return text.encode(encoding, errors="replace")
    data = valid
    for _ in range(draw(st.integers(1, 3))):
        data = _one_mutation(draw, data)
    return data


def _one_mutation(draw, data: bytes) -> bytes:
    op = draw(
        st.sampled_from(
            [
                "truncate",
                "delete",
                "duplicate",
                "insert",
                "replace",
                "drop_line",
                "dup_line",
                "swap_lines",
                "crlf",
            ]
        )
    )
    n = len(data)
    at = draw(st.integers(0, n))
    if op == "truncate":
        return data[:at]
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, 20)) :]
    if op == "duplicate":
        length = draw(st.integers(1, 40))
        return data[:at] + data[at : at + length] + data[at:]
    if op == "insert":
        insert = draw(st.one_of(st.sampled_from(_INSERTS), st.binary(min_size=1, max_size=8)))
        return data[:at] + insert + data[at:]
    if op == "replace":
        if not n:
            return data
        at = min(at, n - 1)
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    lines = data.split(b"\n")
    if op == "crlf":
        return b"\r\n".join(lines) if draw(st.booleans()) else b"\r".join(lines)
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    if op == "drop_line":
        del lines[i]
    elif op == "dup_line":
        lines.insert(i, lines[i])
    else:
        j = draw(st.integers(0, max(0, len(lines) - 1)))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


@st.composite
def csv_mutations(draw, header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    """A CSV made from ``header`` and ``rows`` with cell- or column-level damage (always UTF-8)."""
    header = list(header)
    rows = [list(row) for row in rows]
    for _ in range(draw(st.integers(1, 3))):
        op = draw(
            st.sampled_from(
                [
                    "cell",
                    "cell",
                    "cell",
                    "drop_column",
                    "dup_column",
                    "swap_columns",
                    "rename_column",
                    "extra_cell",
                    "short_row",
                    "dup_row",
                    "no_rows",
                ]
            )
        )
        width = len(header)
        col = draw(st.integers(0, width - 1))
        if op == "cell" and rows:
            r = draw(st.integers(0, len(rows) - 1))
            if col < len(rows[r]):
                rows[r][col] = draw(nasty_text)
        elif op == "drop_column":
            header.pop(col)
            for row in rows:
                if col < len(row):
                    row.pop(col)
        elif op == "dup_column":
            header.insert(col, header[col])
            for row in rows:
                if col < len(row):
                    row.insert(col, row[col])
        elif op == "swap_columns":
            other = draw(st.integers(0, width - 1))
            header[col], header[other] = header[other], header[col]  # values stay: columns mixed up
        elif op == "rename_column":
            header[col] = draw(
                st.sampled_from(
                    ["", header[col].upper(), header[col] + " ", "\ufeff" + header[col], "onbekend"]
                )
            )
        elif op == "extra_cell" and rows:
            rows[draw(st.integers(0, len(rows) - 1))].append(draw(nasty_text))
        elif op == "short_row" and rows:
            row = rows[draw(st.integers(0, len(rows) - 1))]
            del row[draw(st.integers(0, len(row))) :]
        elif op == "dup_row" and rows:
            rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
        elif op == "no_rows":
            rows = []
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --- JSON -------------------------------------------------------------------------------------------

_huge_int = st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1, 2**64])
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    _huge_int,
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(NASTY_TEXT[:20]),
    st.text(max_size=10),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_paths(item, (*prefix, i)))
    return found


@st.composite
def json_mutations(draw, valid: Any) -> Any:
    """A deep copy of ``valid`` with one to three values replaced, deleted or given an extra key."""
    data = copy.deepcopy(valid)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        op = draw(st.sampled_from(["replace", "replace", "delete", "extra_key"]))
        if not path:
            if op == "replace":
                data = draw(json_values)
            continue
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            if op == "replace":
                parent[last] = draw(json_values)
            elif op == "delete":
                del parent[last]
            elif isinstance(parent[last], dict):
                parent[last][draw(st.text(max_size=6))] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation changed the shape
    return data


def json_dumps_loose(value: Any) -> bytes:
    """JSON as a sloppy writer makes it: NaN/Infinity allowed, non-ASCII as is."""
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8")
