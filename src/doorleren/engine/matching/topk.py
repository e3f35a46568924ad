"""Exact top-k over an inverted index with integer contributions and max-score pruning.

Targets (opportunities or persons) are rows of a forward index ``fwd_indptr``/``fwd_keys``; a key is
a (competency, level[, essential]) column, ``keys_per_group`` consecutive keys belong to one
competency and a target has at most one key per competency. A query is a dense integer ``table``
over keys: the exact score numerator of target ``t`` is ``sum(table[k] for k in row t)`` and its
score is ``numerator / den[t]`` (or ``/ den`` for a scalar denominator).

Layout: targets are numbered internally in order of denominator, then id (``perm``: internal ->
original id, ``inv``: original -> internal); the forward rows, posting lists (internal ids ascending)
and denominators use internal numbers, everything public takes and returns original ids. Segments
(``seg_start``) are runs of targets with the same denominator (nearby ones when there are very
many), at most ``SEGMENT_MAX`` long; ``seg_off[key, s]`` is where segment ``s`` starts in the list of
``key``, and the postings are stored as offsets from their segment's start (``uint16``; ``local``).
For the kernel, ``sig`` marks per target which of the 64 groups with the most postings it has.

Two implementations give identical results (ids and scores; ties by original id ascending):

- the compiled kernel (``kernel.py``, Numba; see its docstring and docs/matching.md), used for indexes
  of at least ``KERNEL_MIN_TARGETS`` targets when Numba works (``kernel=True/False`` forces it,
  ``DOORLEREN_MATCHING_KERNEL=0`` turns it off);
- the numpy path (the reference and the fallback), below:

1. the query's posting lists (keys with a non-zero table entry) are accumulated into a dense integer
   accumulator, rarest first, in rounds (``BOOTSTRAP_POSTINGS``, then four times what is done); after
   each round the best targets seen get their exact score from the forward index and the k-th best
   allowed exact score is a lower bound ``theta`` of the final k-th score;
2. max-score, after each round: the longest lists not yet done are skipped as long as the sum, over
   competencies, of the largest bound ``table[k] / min(den over list k)`` among skipped lists stays
   strictly below ``theta`` (a target found only in skipped lists scores less than ``theta``); the
   rounds end when every list left is skipped;
3. targets whose accumulated numerator plus the skipped lists' bound can still reach ``theta`` are
   the candidates; the accumulated part (a lower bound) raises ``theta`` once more, the candidates are
   filtered (``allow``), scored exactly from the forward index (or straight from the accumulator when
   no list was skipped) and the best k (score desc, id asc) are returned.

Only targets with a score above 0 are returned.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

Allow = np.ndarray | Callable[[np.ndarray], np.ndarray] | None

BOOTSTRAP_POSTINGS = 20_000
BOOTSTRAP_CANDIDATES = 256
THETA_SAMPLE = 20_000
SLACK = 1e-9

#: Smallest index that uses the compiled kernel by default: smaller ones answer in a few milliseconds
#: with numpy (600 opportunities: under 1 ms) and never pay Numba's import and first compile (ADR 0003).
KERNEL_MIN_TARGETS = 50_000
#: Longest segment: offsets in a segment fit ``uint16``, and the kernel's accumulator holds a segment.
SEGMENT_MAX = 1 << 16
#: Most denominators with a segment of their own; more are grouped into this many segments.
SEGMENT_DENOMINATORS = 256
#: Groups (competencies) in the per-target signature.
SIGNATURE_GROUPS = 64
#: Postings are stored per segment (and the kernel can be used) only when the per-segment offsets
#: ``seg_off`` take at most this many bytes; otherwise as plain internal ids.
SEGMENT_OFFSETS_MAX_BYTES = 256 * 2**20

_kernel_module = None
_kernel_error: str | None = None
_kernel_lock = threading.Lock()


def _numba_cache_dir() -> None:
    """Point Numba's cache at a writable folder when the package folder is not writable.

    Numba caches compiled code next to the source (``__pycache__``), else in the user's cache folder;
    when neither is writable it refuses ``cache=True``. An explicit ``NUMBA_CACHE_DIR`` always wins.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    here = Path(__file__).resolve().parent
    if os.access(here, os.W_OK) and (
        not (here / "__pycache__").exists() or os.access(here / "__pycache__", os.W_OK)
    ):
        return
    folder = Path(tempfile.gettempdir()) / f"doorleren-numba-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)


def kernel_module():
    """The compiled kernel module, or ``None`` when Numba is missing, broken or turned off.

    The first call imports Numba and checks the kernel on a tiny index against the numpy path, which
    compiles it (seconds, once per machine) or loads it from Numba's cache (under a second). Any
    failure is remembered (``kernel_unavailable_reason``) and means: the numpy path.
    """
    global _kernel_module, _kernel_error
    if os.environ.get("DOORLEREN_MATCHING_KERNEL", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    with _kernel_lock:
        if _kernel_module is None and _kernel_error is None:
            try:
                _numba_cache_dir()
                from . import kernel

                _self_test(kernel)
                _kernel_module = kernel
            except Exception as exc:  # noqa: BLE001 - any failure means: use the numpy path
                _kernel_error = f"{type(exc).__name__}: {exc}"
    return _kernel_module


def _self_test(module) -> None:
    """Compile (or load) the kernel for the array types the indexes use and compare it with numpy."""
    table = np.zeros(16, dtype=np.int32)
    table[[1, 2, 9]] = [24, 12, 12]
    for den, query_den in ((np.array([24, 36, 12]), None), (None, 36)):
        index = TopK(np.array([0, 2, 3, 4]), np.array([1, 9, 9, 2]), 16, 8, den, flag_mask=1, kernel=module)
        got = index.top(table, 2, den=query_den)
        want = index.top(table, 2, den=query_den, kernel=False)
        if got[0].tolist() != want[0].tolist() or got[1].tolist() != want[1].tolist():
            raise RuntimeError(f"the compiled kernel disagrees with numpy: {got} != {want}")


def warm_up() -> float | None:
    """Load the kernel (compiling it the first time on a machine); seconds taken, ``None`` without it.

    Compiling takes seconds (once per machine and Numba version, then it is read from Numba's cache),
    so a deployment or a benchmark can call this before the first real query instead of letting that
    query wait.
    """
    import time

    started = time.perf_counter()
    return None if kernel_module() is None else time.perf_counter() - started


def kernel_unavailable_reason() -> str | None:
    """Why the kernel could not be loaded (``None`` when it loaded or was not tried)."""
    return _kernel_error


def _rows(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of all entries of ``rows`` in a CSR layout, and the row lengths."""
    starts = indptr[rows]
    lens = (indptr[rows + 1] - starts).astype(np.int64)
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), lens
    shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return shift + np.arange(total, dtype=np.int64), lens


def rank(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The best ``k`` by score descending, then id ascending."""
    order = np.lexsort((ids, -scores))[:k]
    return ids[order], scores[order]


def _segments(den: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Segment starts (plus ``n``), their (smallest) denominator and whether they mix denominators."""
    if n == 0:
        return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    if den is None:
        starts, mixed = np.zeros(1, dtype=np.int64), np.zeros(1, dtype=bool)
    else:
        values, starts = np.unique(den, return_index=True)  # den is sorted
        mixed = np.zeros(len(starts), dtype=bool)
        if len(values) > SEGMENT_DENOMINATORS:
            cut = np.unique(np.linspace(0, len(values), SEGMENT_DENOMINATORS + 1).astype(np.int64)[:-1])
            mixed = np.diff(np.append(cut, len(values))) > 1
            starts = starts[cut]
    bounds = np.append(starts, n).astype(np.int64)
    out_start, out_mixed = [], []
    for a, b, m in zip(bounds[:-1], bounds[1:], mixed, strict=True):
        for c in range(int(a), int(b), SEGMENT_MAX):
            out_start.append(c)
            out_mixed.append(bool(m))
    out_start = np.array(out_start + [n], dtype=np.int64)
    seg_den = (
        np.zeros(len(out_mixed), dtype=np.int64) if den is None else den[out_start[:-1]].astype(np.int64)
    )
    return out_start, seg_den, np.array(out_mixed, dtype=bool)


class TopK:
    """Inverted index over the keys of a forward index (see the module docstring)."""

    def __init__(
        self,
        fwd_indptr: np.ndarray,
        fwd_keys: np.ndarray,
        n_keys: int,
        keys_per_group: int,
        den: np.ndarray | None = None,
        *,
        flag_mask: int = 0,
        kernel=None,
    ):
        """``kernel``: ``None`` uses the compiled kernel for indexes of at least ``KERNEL_MIN_TARGETS``
        targets when it is available, ``True`` requires it, ``False`` keeps to numpy."""
        fwd_indptr = np.asarray(fwd_indptr, dtype=np.int64)
        self.flag_mask = flag_mask
        n = self.n = len(fwd_indptr) - 1
        self.n_keys = n_keys
        self.keys_per_group = keys_per_group
        key_dtype = np.uint16 if n_keys <= np.iinfo(np.uint16).max else np.int32
        fwd_keys = np.asarray(fwd_keys)
        # internal numbering: by denominator, then id
        self.identity = den is None
        if den is None:
            perm = np.arange(n, dtype=np.int64)
            lens = np.diff(fwd_indptr)
            self.fwd_indptr = fwd_indptr.copy()
            self.fwd_keys = np.ascontiguousarray(fwd_keys, dtype=key_dtype)
            self.den = None
        else:
            den = np.asarray(den, dtype=np.int64)
            perm = np.argsort(den, kind="stable")
            pos, lens = _rows(fwd_indptr, perm)
            self.fwd_indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(lens, out=self.fwd_indptr[1:])
            self.fwd_keys = np.ascontiguousarray(fwd_keys[pos], dtype=key_dtype)
            self.den = np.ascontiguousarray(den[perm], dtype=np.int32)
            del pos
        self.perm = perm.astype(np.int32)
        self.inv = np.empty(n, dtype=np.int32)
        self.inv[self.perm] = np.arange(n, dtype=np.int32)
        self.max_row = int(lens.max()) if n else 0
        self.last: dict = {}  # figures of the last query: postings, accumulated, verified, theta0
        rows = np.repeat(np.arange(n, dtype=np.int32), lens)
        order = np.argsort(self.fwd_keys, kind="stable")  # stable: internal ids ascending within a key
        post = rows[order]
        counts = np.bincount(self.fwd_keys, minlength=n_keys)
        self.post_indptr = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(counts, out=self.post_indptr[1:])
        if self.den is not None:
            dens = self.den[post].astype(np.int64)
            big = np.iinfo(np.int32).max
            self.den_min = np.full(n_keys, big, dtype=np.int64)
            nonempty = counts > 0
            if len(dens):
                self.den_min[nonempty] = np.minimum.reduceat(dens, self.post_indptr[:-1][nonempty])
            self.den_min[self.den_min <= 0] = 1
            max_num = int(self.den.max()) if n else 0
            del dens
        else:
            self.den_min = None
            max_num = 1 << 20
        self._acc_dtype = np.int16 if max_num < np.iinfo(np.int16).max else np.int32
        self._pool: list = []
        self._pool_lock = threading.Lock()
        # segments; postings are stored per segment as offsets from its start (uint16) when the
        # per-segment offsets fit, else as internal ids (int32, and then there is no kernel)
        self.seg_start, self.seg_den, self.seg_mixed = _segments(self.den, n)
        n_seg = len(self.seg_start) - 1
        self._seg_max = int(np.diff(self.seg_start).max()) if n_seg else 0
        self.local = self._seg_max <= 1 << 16 and n_keys * (n_seg + 1) * 4 <= SEGMENT_OFFSETS_MAX_BYTES
        if self.local:
            seg_of = np.repeat(np.arange(n_seg, dtype=np.int64), np.diff(self.seg_start))[post]
            key_of = self.fwd_keys[order].astype(np.int64)
            per_segment = np.bincount(key_of * n_seg + seg_of, minlength=n_keys * n_seg)
            self.seg_off = np.zeros((n_keys, n_seg + 1), dtype=np.int32)
            np.cumsum(per_segment.reshape(n_keys, n_seg), axis=1, out=self.seg_off[:, 1:])
            self.post_ids = (post - self.seg_start[seg_of]).astype(np.uint16)
            del seg_of, key_of, per_segment
        else:
            self.seg_off = None
            self.post_ids = post
        del post, order
        self.kernel = None
        if kernel or (kernel is None and n >= KERNEL_MIN_TARGETS):
            if not self.local:
                module = None
            elif isinstance(kernel, bool | None):
                module = kernel_module()
            else:
                module = kernel  # the module itself (the self-test)
            if module is None and kernel:
                raise RuntimeError(
                    "the compiled matching kernel is not available: "
                    + (kernel_unavailable_reason() or "Numba is turned off or the index is too large")
                )
            if module is not None:
                self._build_signatures(rows)
                self.kernel = module
        del rows

    def _build_signatures(self, rows: np.ndarray) -> None:
        """Per target, which of the ``SIGNATURE_GROUPS`` groups with the most postings it holds."""
        n, n_keys = self.n, self.n_keys
        groups = self.fwd_keys.astype(np.int64) // self.keys_per_group
        n_groups = (n_keys + self.keys_per_group - 1) // self.keys_per_group
        popular = np.argsort(-np.bincount(groups, minlength=n_groups), kind="stable")[:SIGNATURE_GROUPS]
        self.bitpos = np.full(n_groups, -1, dtype=np.int64)
        self.bitpos[popular] = np.arange(len(popular))
        bits = self.bitpos[groups]
        has = bits >= 0
        flag = (self.fwd_keys[has].astype(np.int64) & self.flag_mask) != 0
        # one bit per (target, word, group): word 1 for groups held with a flagged key
        code = np.sort((rows[has].astype(np.int64) * 2 + flag) * 64 + bits[has])
        code = code[np.r_[True, code[1:] != code[:-1]]] if len(code) else code
        self.sig = np.zeros(2 * n, dtype=np.uint64)
        if len(code):
            word = code >> 6
            values = np.left_shift(np.uint64(1), (code & 63).astype(np.uint64))
            first = np.flatnonzero(np.r_[True, word[1:] != word[:-1]])
            self.sig[word[first]] = np.add.reduceat(values, first)

    @property
    def nbytes(self) -> int:
        parts = [
            self.fwd_indptr,
            self.fwd_keys,
            self.post_ids,
            self.post_indptr,
            self.perm,
            self.inv,
            self.seg_start,
            self.seg_den,
            self.seg_mixed,
        ]
        if self.den is not None:
            parts += [self.den, self.den_min]
        if self.seg_off is not None:
            parts.append(self.seg_off)
        if self.kernel is not None:
            parts += [self.sig, self.bitpos]
        with self._pool_lock:
            work = sum(a.nbytes for ws in self._pool for a in ws)
        return sum(p.nbytes for p in parts) + (work or self.n * np.dtype(self._acc_dtype).itemsize)

    # ----- public helpers (original ids) -----

    def row(self, target: int) -> np.ndarray:
        """The keys of one target (original id), in stored order."""
        i = int(self.inv[target])
        return self.fwd_keys[self.fwd_indptr[i] : self.fwd_indptr[i + 1]]

    def postings(self, key: int) -> np.ndarray:
        """Original ids of the targets with ``key`` (ascending when targets are not renumbered)."""
        ids = self._list(key)
        return ids if self.identity else self.perm[ids]

    def exact(self, ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Exact score numerators of ``ids`` (original) for the query ``table``."""
        return self._exact(self.inv[np.asarray(ids, dtype=np.int64)], table)

    def scores(self, ids: np.ndarray, table: np.ndarray, den: int | None = None) -> np.ndarray:
        """Exact scores of ``ids`` (original)."""
        return self._scores(self.inv[np.asarray(ids, dtype=np.int64)], table, den)

    def top(
        self,
        table: np.ndarray,
        k: int = 10,
        allow: Allow = None,
        den: int | None = None,
        *,
        kernel: bool | None = None,
        keys: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and scores of the best ``k`` allowed targets with a score above 0 (exact).

        ``allow``: a bool array per (original) target id, or a function from ids to bools, or ``None``.
        ``kernel``: ``None`` uses the compiled kernel when this index has it; ``False`` the numpy path.
        ``keys``: the keys with ``table > 0``, ascending, when the caller has them (saves a pass).
        """
        if k <= 0 or self.n == 0 or (den is not None and den <= 0):
            self.last = {"postings": 0, "accumulated": 0, "verified": 0}
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if kernel is None:
            kernel = self.kernel is not None
        if kernel:
            if self.kernel is None:
                raise RuntimeError("this index has no compiled kernel")
            return self._top_kernel(np.asarray(table), k, allow, den, keys)
        return self._top_numpy(np.asarray(table), k, allow, den)

    # ----- internal ids from here on -----

    def _list(self, key: int) -> np.ndarray:
        """Internal ids of the targets with ``key``, ascending."""
        ids = self.post_ids[self.post_indptr[key] : self.post_indptr[key + 1]]
        if not self.local:
            return ids
        return ids + np.repeat(self.seg_start[:-1], np.diff(self.seg_off[key]))

    def _exact(self, ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        pos, lens = _rows(self.fwd_indptr, ids)
        vals = table[self.fwd_keys[pos]]
        return np.bincount(np.repeat(np.arange(len(ids)), lens), weights=vals, minlength=len(ids))

    def _scores(self, ids: np.ndarray, table: np.ndarray, den: int | None = None) -> np.ndarray:
        num = self._exact(ids, table)
        dens = self.den[ids] if den is None else np.full(len(ids), den)
        out = np.zeros(len(ids), dtype=np.float64)
        np.divide(num, dens, out=out, where=dens > 0)
        return out

    def _allowed(self, allow: Allow, ids: np.ndarray) -> np.ndarray:
        if allow is None:
            return np.ones(len(ids), dtype=bool)
        orig = ids if self.identity else self.perm[ids]
        if callable(allow):
            return np.asarray(allow(orig), dtype=bool)
        return np.asarray(allow, dtype=bool)[orig]

    def _workspace(self, kind: str, dtype) -> tuple:
        with self._pool_lock:
            for i, ws in enumerate(self._pool):
                if ws[0].dtype == dtype and (kind == "numpy") == (len(ws) == 1):
                    return self._pool.pop(i)
        if kind == "numpy":
            return (np.zeros(self.n, dtype=dtype),)
        touched = np.zeros(max(self._seg_max, self.kernel.SAMPLE), dtype=np.int32)
        return np.zeros(self._seg_max, dtype=dtype), touched

    def _release(self, ws: tuple) -> None:
        with self._pool_lock:
            self._pool.append(ws)

    def _top_kernel(self, table, k, allow, den, keys) -> tuple[np.ndarray, np.ndarray]:
        table = np.ascontiguousarray(table, dtype=np.int32)
        keys = np.flatnonzero(table > 0) if keys is None else np.asarray(keys, dtype=np.int64)
        keys = keys[self.post_indptr[keys + 1] > self.post_indptr[keys]]
        if allow is None:
            mask = np.zeros(0, dtype=np.uint8)
        else:
            if callable(allow):
                allow = allow(np.arange(self.n))
            mask = np.ascontiguousarray(allow, dtype=bool).view(np.uint8)
        top_value = int(table[keys].max()) if len(keys) else 0
        dtype = np.int16 if top_value * self.max_row < np.iinfo(np.int16).max else np.int32
        out_orig = np.zeros(k, dtype=np.int64)
        out_num = np.zeros(k, dtype=np.int64)
        out_den = np.ones(k, dtype=np.int64)
        stats = np.zeros(3, dtype=np.int64)
        acc, touched = self._workspace("kernel", dtype)
        try:
            count = self.kernel.top(
                table,
                keys,
                int(k),
                int(self.keys_per_group),
                self.post_indptr,
                self.post_ids,
                self.seg_start,
                self.seg_den,
                self.seg_mixed,
                self.seg_off,
                self.fwd_indptr,
                self.fwd_keys,
                self.den if self.den is not None else np.ones(1, dtype=np.int32),
                0 if den is None else int(den),
                self.sig,
                self.bitpos,
                self.flag_mask,
                self.perm,
                mask,
                acc,
                touched,
                out_orig,
                out_num,
                out_den,
                stats,
            )
        finally:
            self._release((acc, touched))
        self.last = {"postings": int(stats[2]), "accumulated": int(stats[0]), "verified": int(stats[1])}
        return out_orig[:count], out_num[:count] / out_den[:count]

    def _top_numpy(self, table, k, allow, den) -> tuple[np.ndarray, np.ndarray]:
        keys = np.flatnonzero(table > 0)
        df = self.post_indptr[keys + 1] - self.post_indptr[keys]
        keys, df = keys[df > 0], df[df > 0]
        if len(keys) == 0:
            self.last = {"postings": 0, "accumulated": 0, "verified": 0}
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        mult = table[keys].astype(np.int64)
        ub = mult / (self.den_min[keys] if den is None else den)
        groups = keys // self.keys_per_group
        order = np.argsort(df, kind="stable")
        (acc,) = self._workspace("numpy", self._acc_dtype)
        try:
            acc[:] = 0
            return self._top_numpy_acc(acc, table, k, allow, den, keys, df, mult, ub, groups, order)
        finally:
            self._release((acc,))

    def _top_numpy_acc(self, acc, table, k, allow, den, keys, df, mult, ub, groups, order):
        done = np.zeros(len(keys), dtype=bool)
        theta, best, used = 0.0, np.zeros(0, dtype=np.int64), 0
        skip, skipped_num = np.zeros(len(keys), dtype=bool), {}
        budget = BOOTSTRAP_POSTINGS
        while True:
            todo = order[~done[order] & ~skip[order]]
            if len(todo) == 0:
                break
            # accumulate the rarest lists that cannot be skipped, up to the budget
            chunk = []
            for i in todo:
                if chunk and used >= budget:
                    break
                ids = self._list(keys[i])
                acc[ids] += mult[i]
                chunk.append(ids)
                used += int(df[i])
                done[i] = True
            # raise theta from the best targets seen so far, then max-score over the lists not yet done
            sample, size = [best], 0
            for ids in chunk:  # the targets of at most THETA_SAMPLE postings of this round
                if size and size + len(ids) > THETA_SAMPLE:
                    break
                sample.append(ids)
                size += len(ids)
            theta, best = self._theta(acc, np.concatenate(sample), table, k, allow, den, theta)
            skip, skipped_num = self._skippable(order[~done[order]], done, groups, ub, mult, theta)
            budget = used * 4
        self.last = {"postings": int(df.sum()), "accumulated": used, "theta0": theta}
        extra = sum(skipped_num.values())
        dmin = (int(self.den_min[keys].min()) if den is None else den) if theta > 0 else 0
        threshold = max(0.5, float(np.floor(theta * dmin - extra - 1e-6)))
        cands = np.flatnonzero(acc >= threshold)
        if theta > 0 and len(cands):
            dens = self.den[cands] if den is None else den
            cands = cands[(acc[cands] + extra) >= theta * dens * (1 - SLACK)]
        cands = cands[self._allowed(allow, cands)]
        if len(cands) > k:
            # the accumulated part is a lower bound of each score: raise theta, cut again
            dens = self.den[cands] if den is None else den
            low = acc[cands].astype(np.float64) / dens
            theta = max(theta, float(np.partition(low, len(low) - k)[len(low) - k]))
            cands = cands[(acc[cands] + extra) >= theta * dens * (1 - SLACK)]
        self.last["verified"] = len(cands)
        if extra:
            scores = self._scores(cands, table, den)
        else:
            scores = acc[cands].astype(np.float64) / (self.den[cands] if den is None else den)
        keep = scores > 0
        orig = cands[keep] if self.identity else self.perm[cands[keep]].astype(np.int64)
        return rank(orig, scores[keep], k)

    def _theta(self, acc, ids, table, k, allow, den, theta):
        """A lower bound of the k-th best allowed score, and the best targets by accumulated part."""
        partial = acc[ids] / (self.den[ids] if den is None else den)
        if len(ids) > BOOTSTRAP_CANDIDATES:
            ids = ids[np.argpartition(-partial, BOOTSTRAP_CANDIDATES)[:BOOTSTRAP_CANDIDATES]]
        best = np.unique(ids)
        ids = best[self._allowed(allow, best)]
        if len(ids) < k:
            return theta, best
        exact = self._scores(ids, table, den)
        return max(theta, float(np.partition(exact, len(exact) - k)[len(exact) - k])), best

    def _skippable(self, remaining, done, groups, ub, mult, theta):
        """Greedy max-score: skip the longest remaining lists while their summed bound stays below theta."""
        skip = np.zeros(len(done), dtype=bool)
        skipped_ub: dict[int, float] = {}
        skipped_num: dict[int, int] = {}
        bound = 0.0
        if theta <= 0:
            return skip, skipped_num
        for i in remaining[::-1]:
            g = int(groups[i])
            old = skipped_ub.get(g, 0.0)
            new_bound = bound - old + max(old, ub[i])
            if new_bound < theta * (1 - SLACK):
                bound = new_bound
                skipped_ub[g] = max(old, ub[i])
                skipped_num[g] = max(skipped_num.get(g, 0), int(mult[i]))
                skip[i] = True
        return skip, skipped_num
