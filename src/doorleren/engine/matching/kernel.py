"""The compiled (Numba) exact top-k kernel; ``topk.py`` holds the data layout, docs/matching.md the story.

Importing this module imports Numba and may compile the kernel (seconds the first time, then loaded
from Numba's on-disk cache). ``topk`` imports it lazily and falls back to the numpy path when Numba
is missing or does not work; ADR 0003 explains why a compiled kernel exists at all.

``top`` answers one query, exactly, ties by original id ascending. Values are integers (numerators
of the score), so every comparison below is exact integer arithmetic.

- Targets are numbered internally by denominator (then id) and cut into segments: runs of one
  denominator (or of a few nearby ones, ``seg_mixed``), at most ``topk.SEGMENT_MAX`` targets. A
  segment is a contiguous id range and every posting list splits into one contiguous part per
  segment (``seg_off``), stored as offsets from the segment's start (uint16).
- Segments go in order of increasing denominator: small denominators give the high scores, so the
  k-th best score ``theta`` rises fast. In a segment with (smallest) denominator ``D`` a target needs a
  numerator of at least ``T = ceil(theta * D)``.
- Max-score per segment: the query's lists are skipped greedily (most postings per unit of value
  first) while the sum over groups (competencies) of the largest skipped value, ``bound``, stays below
  ``T - MARGIN``. A target in none of the other lists cannot reach ``theta``, not even to tie; a target
  needs ``acc >= T - bound > MARGIN``, so one list (values are at most ``MARGIN``) is never enough.
- The other lists are added into an accumulator of the segment's length, rarest first. Until the
  top-k is full this goes in rounds (``BOOTSTRAP`` postings, then four times more): between rounds
  the best sampled targets (by their accumulated part, a lower bound) are scored exactly to raise
  ``theta``, and the skip set is chosen again.
- A scan of the accumulator finds the targets with ``acc >= T - bound``. Each gets the tighter bound
  ``acc + the skipped groups it really has``: a target's signature marks which of the 64 groups with
  the most postings it holds (one 64-bit word for keys without the flag bit, one with: essential and
  optional requirements), and the skipped values are summed with a few popcounts (a skipped group
  outside the signature always counts). Targets whose bound reaches ``theta`` with their own
  denominator are scored exactly from the forward rows, filtered by the mask and offered to the top-k.
- Memory reads that would miss the cache (signatures, forward rows, the start of each list part) are
  requested ahead with prefetch instructions.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

#: Postings accumulated before theta is raised the first time in a segment (then four times more).
BOOTSTRAP = 20_000
#: Targets looked at, and scored exactly, to raise theta between rounds.
SAMPLE = 1_024
PICK = 32
#: Value classes (popcounts) per signature word.
CLASSES = 4
#: Postings of each list part requested ahead (32 uint16 per cache line).
PREFETCH_POSTINGS = 256
#: Skipped lists leave this much of T unused: the largest value of one key (2 x 12, an essential
#: requirement fully met), so a target found in one list only is dismissed without reading its
#: signature; this costs some more postings and saves many random reads.
MARGIN = 24


@intrinsic
def _popcount(typingctx, x):
    """Number of set bits of a uint64 (LLVM ``ctpop``, one instruction on current CPUs)."""
    if not isinstance(x, types.Integer):
        return None

    def codegen(context, builder, signature, args):
        fnty = ir.FunctionType(ir.IntType(64), [ir.IntType(64)])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.ctpop.i64")
        return builder.call(fn, [args[0]])

    return types.int64(types.uint64), codegen


@intrinsic
def _prefetch(typingctx, arr, idx):
    """Ask the CPU to start loading ``arr[idx]`` into the cache (LLVM ``prefetch``; no result)."""
    if not isinstance(arr, types.Array) or not isinstance(idx, types.Integer):
        return None

    def codegen(context, builder, signature, args):
        aryty, idxty = signature.args
        ary = context.make_array(aryty)(context, builder, args[0])
        i = context.cast(builder, args[1], idxty, types.intp)
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [i], wraparound=False)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        builder.call(fn, [builder.bitcast(ptr, i8p), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return types.void(arr, idx), codegen


@njit(cache=True, nogil=True)
def _threshold(tn, td, d, full):
    """The smallest numerator ``x >= 1`` with ``x / d >= tn / td`` (1 while the top-k is not full)."""
    if not full:
        return 1
    t = (tn * d + td - 1) // td
    return t if t > 1 else 1


@njit(cache=True, nogil=True)
def _exact(v, table, fwd_indptr, fwd_keys):
    s = 0
    for j in range(fwd_indptr[v], fwd_indptr[v + 1]):
        s += table[fwd_keys[j]]
    return s


@njit(cache=True, nogil=True)
def _offer(bnum, bden, borig, cnt, k, num, d, orig):
    """Insert (num / d, orig) into the best list (score desc, id asc); returns the new count."""
    for j in range(cnt):
        if borig[j] == orig:
            return cnt
    pos = cnt
    for j in range(cnt):
        lhs = num * bden[j]
        rhs = bnum[j] * d
        if lhs > rhs or (lhs == rhs and orig < borig[j]):
            pos = j
            break
    if pos >= k:
        return cnt
    last = cnt if cnt < k else k - 1
    for j in range(last, pos, -1):
        bnum[j] = bnum[j - 1]
        bden[j] = bden[j - 1]
        borig[j] = borig[j - 1]
    bnum[pos] = num
    bden[pos] = d
    borig[pos] = orig
    return cnt + 1 if cnt < k else k


@njit(cache=True, nogil=True)
def _accumulate(acc, post_ids, lo, hi, value):
    """Add ``value`` for the targets ``post_ids[lo:hi]`` (offsets in the segment)."""
    for p in range(lo, hi):
        acc[post_ids[p]] += value


@njit(cache=True, nogil=True)
def _classes(gmax, gflag, gbit, cls_val, cls_mask, n_cls):
    """The skipped groups' bound, for the two signature words (groups held with a key without and
    with the flag bit): value classes of signature bits, at most ``CLASSES`` per word (values rounded
    up when there are more), in ``cls_val[w]``/``cls_mask[w]``/``n_cls[w]``. Returns the bound of the
    skipped groups outside the signature (always counted)."""
    always = 0
    n_cls[0] = 0
    n_cls[1] = 0
    for g in range(len(gmax)):
        if gmax[g] == 0:
            continue
        if gbit[g] < 0:
            always += gmax[g]
            continue
        bit = np.uint64(1) << np.uint64(gbit[g])
        for w in range(2):
            value = gflag[w, g]
            if value == 0:
                continue
            n = n_cls[w]
            found = False
            for c in range(n):
                if cls_val[w, c] == value:
                    cls_mask[w, c] |= bit
                    found = True
            if not found and n < cls_val.shape[1]:
                cls_val[w, n] = value
                cls_mask[w, n] = bit
                n_cls[w] = n + 1
            elif not found:  # no room (only with unusual tables): round up into the largest class
                top = 0
                for c in range(n):
                    if cls_val[w, c] > cls_val[w, top]:
                        top = c
                cls_mask[w, top] |= bit
                if value > cls_val[w, top]:
                    cls_val[w, top] = value
    for w in range(2):
        n = n_cls[w]
        # sort by value, then merge the closest neighbours (the lower value rounded up) down to CLASSES
        for i in range(1, n):
            j = i
            while j > 0 and cls_val[w, j - 1] > cls_val[w, j]:
                cls_val[w, j - 1], cls_val[w, j] = cls_val[w, j], cls_val[w, j - 1]
                cls_mask[w, j - 1], cls_mask[w, j] = cls_mask[w, j], cls_mask[w, j - 1]
                j -= 1
        while n > CLASSES:
            best = 0
            for i in range(1, n - 1):
                if cls_val[w, i + 1] * cls_val[w, best] < cls_val[w, best + 1] * cls_val[w, i]:
                    best = i
            cls_mask[w, best + 1] |= cls_mask[w, best]
            for i in range(best, n - 1):
                cls_val[w, i] = cls_val[w, i + 1]
                cls_mask[w, i] = cls_mask[w, i + 1]
            n -= 1
        n_cls[w] = n
    return always


@njit(cache=True, nogil=True)
def _candidates(
    acc,
    length,
    touched,
    base,
    always,
    bound,
    cls_val,
    cls_mask,
    n_cls,
    sig,
    mixed,
    den,
    d_seg,
    table,
    fwd_indptr,
    fwd_keys,
    perm,
    mask,
    use_mask,
    bnum,
    bden,
    borig,
    cnt,
    k,
):
    """Find the segment's targets that can still reach theta and offer them; reset ``acc``.

    Returns the new count and how many targets were scored exactly."""
    scored = 0
    full = cnt == k
    # 1. targets whose accumulated part reaches theta with every skipped group (a scan of the
    # segment's accumulator is cheaper than listing targets while accumulating)
    least = _threshold(bnum[k - 1], bden[k - 1], d_seg, True) - bound if full else 1
    if least < 1:
        least = 1
    m = 0
    for local in range(length):
        if acc[local] >= least:
            touched[m] = local
            m += 1
            _prefetch(sig, 2 * (base + local))  # here, not in a loop of its own: overlaps the scan
    # 2. with the skipped groups they really have (signature)
    m2 = 0
    for j in range(m):
        local = touched[j]
        v = base + local
        ub = acc[local] + always
        x = sig[2 * v]
        for c in range(n_cls[0]):
            ub += cls_val[0, c] * _popcount(x & cls_mask[0, c])
        x = sig[2 * v + 1]
        for c in range(n_cls[1]):
            ub += cls_val[1, c] * _popcount(x & cls_mask[1, c])
        dv = den[v] if mixed else d_seg
        if not (full and ub * bden[k - 1] < bnum[k - 1] * dv):
            touched[m2] = local
            m2 += 1
            _prefetch(fwd_indptr, v)
    acc[:length] = 0
    for j in range(m2):
        _prefetch(fwd_keys, fwd_indptr[base + touched[j]])
    # 3. score them exactly and offer them
    for j in range(m2):
        v = base + touched[j]
        dv = den[v] if mixed else d_seg
        num = _exact(v, table, fwd_indptr, fwd_keys)
        scored += 1
        if num == 0 or (cnt == k and num * bden[k - 1] < bnum[k - 1] * dv):
            continue
        orig = perm[v]
        if use_mask and not mask[orig]:
            continue
        cnt = _offer(bnum, bden, borig, cnt, k, num, dv, orig)
    return cnt, scored


@njit(cache=True, nogil=True)
def top(
    table,
    qkeys,
    k,
    keys_per_group,
    post_indptr,
    post_ids,
    seg_start,
    seg_den,
    seg_mixed,
    seg_off,
    fwd_indptr,
    fwd_keys,
    den,
    den_scalar,
    sig,
    bitpos,
    flag_mask,
    perm,
    mask,
    acc,
    touched,
    out_orig,
    out_num,
    out_den,
    stats,
):
    """Exact top-k of one query; fills ``out_*`` (original ids, numerators, denominators), returns the count.

    ``table``: value per key; ``qkeys``: the keys with a value above 0, ascending. ``post_ids``: the
    postings as offsets from their segment's start. ``sig[2 v]``, ``sig[2 v + 1]``: the signature
    bits (``bitpos``) of the groups target ``v`` holds with a key without / with ``flag_mask`` set.
    ``den_scalar > 0`` is one denominator for every target (``den`` is then unused), else ``den``
    holds them per target. ``mask``: allowed per original id (empty: no mask). ``acc`` (all zero,
    zero again on return) and ``touched`` are scratch space of the largest segment's length (at
    least ``SAMPLE``). ``stats``: postings accumulated, targets scored exactly, postings in total.
    """
    nq = len(qkeys)
    n_seg = len(seg_start) - 1
    use_mask = len(mask) > 0
    per_target = den_scalar <= 0
    qval = np.empty(nq, np.int64)
    lg = np.empty(nq, np.int64)  # the query's local group number of each key
    qdf = np.empty(nq, np.float64)
    n_groups = 0
    last_group = -1
    for i in range(nq):
        key = qkeys[i]
        qval[i] = table[key]
        g = key // keys_per_group
        if g != last_group:
            n_groups += 1
            last_group = g
        lg[i] = n_groups - 1
        qdf[i] = post_indptr[key + 1] - post_indptr[key]
    gbit = np.full(n_groups, -1, np.int64)
    for i in range(nq):
        gbit[lg[i]] = bitpos[qkeys[i] // keys_per_group]
    # list orders from whole lists (each segment holds about the same share of every list)
    by_df = np.argsort(qdf)  # accumulated rarest first
    by_ratio = np.argsort(-qdf / qval)  # skipped most postings per unit of value first
    gmax = np.zeros(n_groups, np.int64)
    gflag = np.zeros((2, n_groups), np.int64)  # the same, split by the key's flag bit
    qflag = np.empty(nq, np.int64)
    for i in range(nq):
        qflag[i] = 1 if qkeys[i] & flag_mask else 0
    lo = np.empty(nq, np.int64)
    hi = np.empty(nq, np.int64)
    done = np.zeros(nq, np.bool_)
    skip = np.zeros(nq, np.bool_)
    cls_val = np.zeros((2, 16), np.int64)
    cls_mask = np.zeros((2, 16), np.uint64)
    n_cls = np.zeros(2, np.int64)
    sample_key = np.empty(SAMPLE, np.int64)
    bnum = np.zeros(k, np.int64)
    bden = np.ones(k, np.int64)
    borig = np.zeros(k, np.int64)
    cnt = 0
    accumulated = 0
    scored = 0
    total = 0
    for s in range(n_seg):
        base = seg_start[s]
        d_seg = seg_den[s] if per_target else den_scalar
        mixed = per_target and seg_mixed[s]
        seg_total = 0
        for i in range(nq):
            key = qkeys[i]
            lo[i] = post_indptr[key] + seg_off[key, s]
            hi[i] = post_indptr[key] + seg_off[key, s + 1]
            done[i] = hi[i] == lo[i]
            seg_total += hi[i] - lo[i]
        total += seg_total
        if seg_total == 0:
            continue
        # rounds (raising theta between them) only until the top-k is full; then one round
        budget = BOOTSTRAP if cnt < k else post_ids.shape[0] + 1
        seg_accumulated = 0
        while True:
            full = cnt == k
            t_seg = _threshold(bnum[k - 1] if full else 0, bden[k - 1] if full else 1, d_seg, full)
            # max-score: skip lists (most postings per unit of value first) while the bound stays below T
            for g in range(n_groups):
                gmax[g] = 0
                gflag[0, g] = 0
                gflag[1, g] = 0
            bound = 0
            for j in range(nq):
                i = by_ratio[j]
                skip[i] = False
                if done[i]:
                    continue
                old = gmax[lg[i]]
                extra = qval[i] - old if qval[i] > old else 0
                if bound + extra < t_seg - MARGIN:
                    bound += extra
                    if qval[i] > old:
                        gmax[lg[i]] = qval[i]
                    if qval[i] > gflag[qflag[i], lg[i]]:
                        gflag[qflag[i], lg[i]] = qval[i]
                    skip[i] = True
            # accumulate the other lists, rarest first, up to the budget; their first cache lines are
            # requested up front (the parts are short and scattered, so each start would be a miss)
            for j in range(nq):
                i = by_df[j]
                if not (done[i] or skip[i]):
                    for p in range(lo[i], min(hi[i], lo[i] + PREFETCH_POSTINGS), 32):
                        _prefetch(post_ids, p)
            this_round = 0
            left = False
            n_sample = 0
            for j in range(nq):
                i = by_df[j]
                if done[i] or skip[i]:
                    continue
                if this_round >= budget:
                    left = True
                    break
                _accumulate(acc, post_ids, lo[i], hi[i], qval[i])
                done[i] = True
                this_round += hi[i] - lo[i]
                for p in range(lo[i], min(hi[i], lo[i] + SAMPLE - n_sample)):
                    touched[n_sample] = post_ids[p]
                    n_sample += 1
            accumulated += this_round
            seg_accumulated += this_round
            if not left:
                break
            # raise theta: score exactly the best sampled targets by accumulated part (a lower bound)
            for j in range(n_sample):
                local = touched[j]
                dv = den[base + local] if mixed else d_seg
                sample_key[j] = -((acc[local] * 1_000_000) // dv)
            order = np.argsort(sample_key[:n_sample])
            for j in range(min(PICK, n_sample)):
                v = base + touched[order[j]]
                num = _exact(v, table, fwd_indptr, fwd_keys)
                scored += 1
                orig = perm[v]
                if num > 0 and not (use_mask and not mask[orig]):
                    cnt = _offer(bnum, bden, borig, cnt, k, num, den[v] if mixed else d_seg, orig)
            budget *= 4
        if seg_accumulated == 0:
            continue  # every list skipped: no target here can reach theta
        always = _classes(gmax, gflag, gbit, cls_val, cls_mask, n_cls)
        cnt, checked = _candidates(
            acc,
            seg_start[s + 1] - base,
            touched,
            base,
            always,
            bound,
            cls_val,
            cls_mask,
            n_cls,
            sig,
            mixed,
            den,
            d_seg,
            table,
            fwd_indptr,
            fwd_keys,
            perm,
            mask,
            use_mask,
            bnum,
            bden,
            borig,
            cnt,
            k,
        )
        scored += checked
    for j in range(cnt):
        out_orig[j] = borig[j]
        out_num[j] = bnum[j]
        out_den[j] = bden[j]
    stats[0] = accumulated
    stats[1] = scored
    stats[2] = total
    return cnt
