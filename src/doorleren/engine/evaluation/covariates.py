"""Covariates at a reference date, as small integer codes, all vectorised (numpy, no Django).

Dates are ``numpy.datetime64[D]`` arrays. A missing value is ``NaT`` for dates, ``0`` for codes.
See docs/monitoring-evaluation.md for why these groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

# --- age band at the reference date ------------------------------------------------------------------

# (code, lowest age, highest age), both inclusive. Code 0: birth year unknown; OTHER_AGE: outside 15-67.
AGE_BANDS: tuple[tuple[int, int, int], ...] = (
    (1, 15, 24),
    (2, 25, 34),
    (3, 35, 44),
    (4, 45, 54),
    (5, 55, 67),
)
UNKNOWN = 0
OTHER_AGE = 6
AGE_BAND_COUNT = 7  # codes 0..6
AGE_BAND_LABELS: dict[int, str] = {code: f"{low}-{high}" for code, low, high in AGE_BANDS}


def age_band(birth_year: np.ndarray, reference_year: np.ndarray | int) -> np.ndarray:
    """The age band code (``AGE_BANDS``) of people born in ``birth_year`` (0: unknown) in ``reference_year``.

    Age is counted in whole calendar years (reference year minus birth year): the platform knows only
    the birth year.
    """
    birth = np.asarray(birth_year, dtype=np.int64)
    age = np.asarray(reference_year, dtype=np.int64) - birth
    codes = np.full(np.broadcast(birth, age).shape, OTHER_AGE, dtype=np.int64)
    for code, low, high in AGE_BANDS:
        codes[(age >= low) & (age <= high)] = code
    codes[np.broadcast_to(birth <= 0, codes.shape)] = UNKNOWN
    return codes


# --- education group -----------------------------------------------------------------------------------

LOW, MIDDLE, HIGH = 1, 2, 3
EDUCATION_GROUP_COUNT = 4  # codes 0 (unknown) .. 3
# The profile's highest education (profiles.choices.EducationLevel values) → group, following CBS:
# low = up to vmbo and mbo 1 (no start qualification), middle = mbo 2-4, havo, vwo, high = hbo, wo.
# "none" (no school finished) is low; an empty or unknown value is its own group (0).
EDUCATION_GROUPS: dict[str, int] = {
    "none": LOW,
    "primary": LOW,
    "vmbo": LOW,
    "mbo1": LOW,
    "mbo2": MIDDLE,
    "mbo3": MIDDLE,
    "mbo4": MIDDLE,
    "havo": MIDDLE,
    "vwo": MIDDLE,
    "hbo": HIGH,
    "wo": HIGH,
}


def education_group(levels: Iterable[str | None]) -> np.ndarray:
    """The education group code of each education level (0 when empty or unknown)."""
    return np.fromiter((EDUCATION_GROUPS.get(level or "", UNKNOWN) for level in levels), dtype=np.int64)


# --- codes of words (statuses) ---------------------------------------------------------------------------


def codes_for(values: Iterable[str | None], vocabulary: Sequence[str]) -> np.ndarray:
    """1-based position of each value in ``vocabulary``; 0 for an empty or unknown value."""
    index = {word: position + 1 for position, word in enumerate(vocabulary)}
    return np.fromiter((index.get(value or "", UNKNOWN) for value in values), dtype=np.int64)


def dense_codes(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, ids)``: ids (e.g. municipality ids, 0 = unknown) as 1-based dense codes, 0 staying 0.

    ``ids`` in the result is the id of each code (``ids[0] == 0``).
    """
    values = np.asarray(ids, dtype=np.int64)
    known = np.unique(values[values > 0])
    codes = np.zeros(values.shape, dtype=np.int64)
    codes[values > 0] = np.searchsorted(known, values[values > 0]) + 1
    return codes, np.concatenate(([0], known))


# --- dates ------------------------------------------------------------------------------------------------


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """Each date plus ``months`` calendar months; the day is clamped to the end of a shorter month
    (31 January + 1 month = 28 or 29 February)."""
    days = np.asarray(days, dtype="datetime64[D]")
    month = days.astype("datetime64[M]")
    day_in_month = days - month.astype("datetime64[D]")
    target = month + np.timedelta64(months, "M")
    month_length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    return target.astype("datetime64[D]") + np.minimum(day_in_month, month_length - np.timedelta64(1, "D"))


def quarter_index(days: np.ndarray) -> np.ndarray:
    """Quarters since 1970 (1970 Q1 = 0) of each date."""
    month = np.asarray(days, dtype="datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return month // 3


def quarter_start(quarters: np.ndarray | int) -> np.ndarray:
    """The first day of each quarter (``quarter_index``)."""
    return (np.asarray(quarters, dtype=np.int64) * 3).astype("datetime64[M]").astype("datetime64[D]")


# The comparison group's reference date in a quarter: its middle (the 15th of the second month), so
# that on average it lies where the participants' start dates lie.
MID_QUARTER_OFFSET = np.timedelta64(1, "M")
MID_QUARTER_DAY = np.timedelta64(14, "D")


def quarter_middle(quarters: np.ndarray | int) -> np.ndarray:
    months = (np.asarray(quarters, dtype=np.int64) * 3 + 1).astype("datetime64[M]")
    return months.astype("datetime64[D]") + MID_QUARTER_DAY


# --- histories: a value on a date, an event in a window -----------------------------------------------------

_DAY_BITS = 20  # day numbers since 1970 fit in 20 bits until the year 4840


def _history_keys(person: np.ndarray, days: np.ndarray) -> np.ndarray:
    day_numbers = np.asarray(days, dtype="datetime64[D]").astype(np.int64)
    return (np.asarray(person, dtype=np.int64) << _DAY_BITS) + day_numbers


class History:
    """Dated rows per person (status changes, work starts), sorted once for fast vectorised look-ups.

    ``person``: a dense person index per row (0..n-1), ``days``: the date of each row, ``values``: an
    integer code per row (optional). Rows with the same person and date keep their given order: the
    last one counts as the value on that date.
    """

    def __init__(self, person: np.ndarray, days: np.ndarray, values: np.ndarray | None = None):
        keys = _history_keys(person, days)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.person = np.asarray(person, dtype=np.int64)[order]
        self.values = None if values is None else np.asarray(values, dtype=np.int64)[order]

    def value_on(self, person: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The value of the last row of each person on or before the date; 0 when there is none."""
        if self.values is None:
            raise ValueError("this history has no values")
        position = np.searchsorted(self.keys, _history_keys(person, days), side="right") - 1
        found = position >= 0
        found[found] = self.person[position[found]] == np.asarray(person, dtype=np.int64)[found]
        result = np.zeros(found.shape, dtype=np.int64)
        result[found] = self.values[position[found]]
        return result

    def count_between(self, person: np.ndarray, after: np.ndarray, until: np.ndarray) -> np.ndarray:
        """How many rows each person has with a date in ``(after, until]``."""
        high = np.searchsorted(self.keys, _history_keys(person, until), side="right")
        low = np.searchsorted(self.keys, _history_keys(person, after), side="right")
        return np.maximum(high - low, 0)

    def first_day(self, size: int) -> np.ndarray:
        """The first date of each person 0..size-1 (NaT when the person has no rows)."""
        result = np.full(size, np.datetime64("NaT"), dtype="datetime64[D]")
        if len(self.keys):
            first = np.ones(len(self.keys), dtype=bool)
            first[1:] = self.person[1:] != self.person[:-1]
            days = (self.keys[first] & ((1 << _DAY_BITS) - 1)).astype("datetime64[D]")
            result[self.person[first]] = days
        return result


# --- strata -----------------------------------------------------------------------------------------------


def stratum_keys(columns: Sequence[np.ndarray], sizes: Sequence[int]) -> np.ndarray:
    """One int64 key per row from integer code columns (mixed radix); ``sizes[i]`` bounds column i."""
    if len(columns) != len(sizes):
        raise ValueError("one size per column")
    total = 1
    for size in sizes:
        total *= int(size)
    if total >= 2**62:
        raise ValueError("too many strata for one int64 key")
    key = np.zeros(np.asarray(columns[0]).shape, dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        codes = np.asarray(column, dtype=np.int64)
        if codes.size and (codes.min() < 0 or codes.max() >= size):
            raise ValueError("a code is outside its size")
        key = key * int(size) + codes
    return key


def split_keys(keys: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """The code columns back from ``stratum_keys``."""
    rest = np.asarray(keys, dtype=np.int64).copy()
    columns: list[np.ndarray] = []
    for size in reversed(sizes):
        columns.append(rest % int(size))
        rest //= int(size)
    return columns[::-1]
