"""Exact top-k over an inverted index with integer contributions and max-score pruning.

Targets (opportunities or persons) are rows of a forward index ``fwd_indptr``/``fwd_keys``; a key is
a (competency, level[, essential]) column, ``keys_per_group`` consecutive keys belong to one
competency and a target has at most one key per competency. A query is a dense integer ``table``
over keys: the exact score numerator of target ``t`` is ``sum(table[k] for k in row t)`` and its
score is ``numerator / den[t]`` (or ``/ den`` for a scalar denominator).

Top-k (``TopK.top``), exact, ties by target id ascending:

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

from collections.abc import Callable

import numpy as np

Allow = np.ndarray | Callable[[np.ndarray], np.ndarray] | None

BOOTSTRAP_POSTINGS = 20_000
BOOTSTRAP_CANDIDATES = 256
THETA_SAMPLE = 20_000
SLACK = 1e-9


def _rows(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of all entries of ``rows`` in a CSR layout, and the row lengths."""
    starts = indptr[rows]
    lens = (indptr[rows + 1] - starts).astype(np.int64)
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), lens
    shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return shift + np.arange(total, dtype=np.int64), lens


def _allowed(allow: Allow, ids: np.ndarray) -> np.ndarray:
    if allow is None:
        return np.ones(len(ids), dtype=bool)
    if callable(allow):
        return np.asarray(allow(ids), dtype=bool)
    return allow[ids]


def rank(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The best ``k`` by score descending, then id ascending."""
    order = np.lexsort((ids, -scores))[:k]
    return ids[order], scores[order]


class TopK:
    """Inverted index over the keys of a forward index (see the module docstring)."""

    def __init__(
        self,
        fwd_indptr: np.ndarray,
        fwd_keys: np.ndarray,
        n_keys: int,
        keys_per_group: int,
        den: np.ndarray | None = None,
    ):
        self.n = len(fwd_indptr) - 1
        self.n_keys = n_keys
        self.keys_per_group = keys_per_group
        self.fwd_indptr = np.ascontiguousarray(fwd_indptr, dtype=np.int64)
        key_dtype = np.uint16 if n_keys <= np.iinfo(np.uint16).max else np.int32
        self.fwd_keys = np.ascontiguousarray(fwd_keys, dtype=key_dtype)
        self.den = None if den is None else np.ascontiguousarray(den, dtype=np.int32)
        self.last: dict = {}  # figures of the last query: postings, accumulated, verified, theta0
        rows = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.fwd_indptr))
        order = np.argsort(self.fwd_keys, kind="stable")  # stable: ids ascending within a key
        self.post_ids = rows[order]
        counts = np.bincount(self.fwd_keys, minlength=n_keys)
        self.post_indptr = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(counts, out=self.post_indptr[1:])
        if self.den is not None:
            dens = self.den[self.post_ids].astype(np.int64)
            big = np.iinfo(np.int32).max
            self.den_min = np.full(n_keys, big, dtype=np.int64)
            nonempty = counts > 0
            if len(dens):
                self.den_min[nonempty] = np.minimum.reduceat(dens, self.post_indptr[:-1][nonempty])
            self.den_min[self.den_min <= 0] = 1
            max_num = int(self.den.max()) if self.n else 0
        else:
            self.den_min = None
            max_num = 1 << 20
        acc_dtype = np.int16 if max_num < np.iinfo(np.int16).max else np.int32
        self._acc = np.zeros(self.n, dtype=acc_dtype)

    @property
    def nbytes(self) -> int:
        parts = [self.fwd_indptr, self.fwd_keys, self.post_ids, self.post_indptr, self._acc]
        if self.den is not None:
            parts += [self.den, self.den_min]
        return sum(p.nbytes for p in parts)

    def exact(self, ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Exact score numerators of ``ids`` for the query ``table``."""
        ids = np.asarray(ids, dtype=np.int64)
        pos, lens = _rows(self.fwd_indptr, ids)
        vals = table[self.fwd_keys[pos]]
        return np.bincount(np.repeat(np.arange(len(ids)), lens), weights=vals, minlength=len(ids))

    def scores(self, ids: np.ndarray, table: np.ndarray, den: int | None = None) -> np.ndarray:
        num = self.exact(ids, table)
        dens = self.den[ids] if den is None else np.full(len(ids), den)
        out = np.zeros(len(ids), dtype=np.float64)
        np.divide(num, dens, out=out, where=dens > 0)
        return out

    def top(
        self, table: np.ndarray, k: int = 10, allow: Allow = None, den: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and scores of the best ``k`` allowed targets with a score above 0 (exact)."""
        if k <= 0 or self.n == 0 or (den is not None and den <= 0):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        keys = np.flatnonzero(table > 0)
        starts, ends = self.post_indptr[keys], self.post_indptr[keys + 1]
        df = ends - starts
        present = df > 0
        keys, starts, ends, df = keys[present], starts[present], ends[present], df[present]
        if len(keys) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        mult = table[keys].astype(np.int64)
        ub = mult / (self.den_min[keys] if den is None else den)
        groups = keys // self.keys_per_group
        order = np.argsort(df, kind="stable")
        acc = self._acc
        acc[:] = 0
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
                ids = self.post_ids[starts[i] : ends[i]]
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
        cands = cands[_allowed(allow, cands)]
        if len(cands) > k:
            # the accumulated part is a lower bound of each score: raise theta, cut again
            dens = self.den[cands] if den is None else den
            low = acc[cands].astype(np.float64) / dens
            theta = max(theta, float(np.partition(low, len(low) - k)[len(low) - k]))
            cands = cands[(acc[cands] + extra) >= theta * dens * (1 - SLACK)]
        self.last["verified"] = len(cands)
        if extra:
            scores = self.scores(cands, table, den)
        else:
            scores = acc[cands].astype(np.float64) / (self.den[cands] if den is None else den)
        keep = scores > 0
        return rank(cands[keep], scores[keep], k)

    def _theta(self, acc, ids, table, k, allow, den, theta):
        """A lower bound of the k-th best allowed score, and the best targets by accumulated part."""
        partial = acc[ids] / (self.den[ids] if den is None else den)
        if len(ids) > BOOTSTRAP_CANDIDATES:
            ids = ids[np.argpartition(-partial, BOOTSTRAP_CANDIDATES)[:BOOTSTRAP_CANDIDATES]]
        best = np.unique(ids)
        ids = best[_allowed(allow, best)]
        if len(ids) < k:
            return theta, best
        exact = self.scores(ids, table, den)
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
