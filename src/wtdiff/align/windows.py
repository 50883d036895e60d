"""Steps (b) and the end of (d) of the alignment, **windows**: an unpaired block is compared
with the blocks between the counterparts of its paired neighbours; footnotes of paired blocks
are paired; leftovers between the same paired neighbours are paired on a low threshold
(see :mod:`wtdiff.align`).
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from .anchors import _compatible
from .base import (
    GAP_LONG,
    GAP_SIMILARITY,
    GAP_SIMILARITY_LONG,
    MIN_SIMILARITY,
    SHORT,
    WINDOW_MAX,
    WINDOW_SIMILARITY,
    WINDOW_SIMILARITY_SHORT,
    Groups,
    _Matching,
    _Side,
)


# (b), (d) Similar blocks: windows, footnotes, the index, moved blocks -------------------------

def _windows(a: _Side, m: _Matching) -> dict[int, list[int]]:
    """For each unpaired old block, the new blocks where its counterpart would stand if it kept its place.

    That is the *window* between the counterparts of its nearest paired
    neighbours (when those keep their order and the window is not too wide),
    plus the block right after the counterpart of the block before it and the
    block right before the counterpart of the block after it — so that the
    lead-in line of a list that moved goes with its items.
    """
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, j in m.pairs.items():
        first[i] = last[i] = j
    for olds, news in m.multi:
        for i in olds:
            first[i], last[i] = min(news), max(news)
    out: dict[int, list[int]] = {}
    lo = [-1] * m.n_a
    prev = -1
    for i in range(m.n_a):
        if i in last:
            prev = last[i]
        lo[i] = prev
    hi = m.n_b
    for i in range(m.n_a - 1, -1, -1):
        if i in first:
            hi = first[i]
            continue
        if i in m.used_a:
            continue
        near: list[int] = list(range(lo[i] + 1, hi)) if lo[i] < hi and hi - lo[i] - 1 <= WINDOW_MAX else []
        before, after = _neighbour(a, i, -1), _neighbour(a, i, 1)
        if before in last and last[before] + 1 < m.n_b:
            near.append(last[before] + 1)
        if after in first and first[after] > 0:
            near.append(first[after] - 1)
        if near:
            out[i] = sorted(set(near))
    return out


def _neighbour(side: _Side, k: int, step: int) -> int:
    """The nearest block before or after ``k`` that is not a footnote (-1 or len if none)."""
    n = k + step
    while 0 <= n < len(side.blocks) and side.blocks[n].kind == "footnote":
        n += step
    return n


def _window_pass(a: _Side, b: _Side, m: _Matching) -> None:
    """Pair edited blocks that kept their place: candidates inside each block's window."""
    scored: list[tuple[float, int, int, int]] = []
    for i, window in _windows(a, m).items():
        for j in window:
            if j in m.used_b or not _compatible(a.blocks[i], b.blocks[j]):
                continue
            sim = Indel.normalized_similarity(a.toks[i], b.toks[j])
            if sim >= (WINDOW_SIMILARITY_SHORT if min(a.size(i), b.size(j)) < SHORT else WINDOW_SIMILARITY):
                scored.append((-round(sim, 6), abs(j - i), i, j))
    scored.sort()
    for _, _, i, j in scored:
        if i not in m.used_a and j not in m.used_b:
            m.pair(i, j)


def _footnote_pass(a: _Side, b: _Side, m: _Matching) -> None:
    """Pair the footnotes of paired blocks: a footnote travels with the block citing it."""
    owners = [([i], [j]) for i, j in m.pairs.items()] + m.multi
    for olds, news in owners:
        notes_a = [n for i in olds for n in a.notes.get(i, ()) if n not in m.used_a]
        notes_b = [n for j in news for n in b.notes.get(j, ()) if n not in m.used_b]
        if not notes_a or not notes_b:
            continue
        scored = sorted((-round(Indel.normalized_similarity(a.toks[x], b.toks[y]), 6), x, y)
                        for x in notes_a for y in notes_b)
        for neg, x, y in scored:
            if -neg >= MIN_SIMILARITY and x not in m.used_a and y not in m.used_b:
                m.pair(x, y)


def _footnote_check(a: _Side, b: _Side, m: _Matching) -> None:
    """Unpair footnotes whose citing blocks are not paired with each other.

    The same citation in a deleted paragraph and in an added one is not a
    footnote that moved; a footnote follows the block that cites it.
    """
    group_a = {i: n for n, (olds, _) in enumerate(m.groups()) for i in olds}
    group_b = {j: n for n, (_, news) in enumerate(m.groups()) for j in news}
    for i, j in list(m.pairs.items()):
        oa, ob = a.owner.get(i), b.owner.get(j)
        if oa is None and ob is None:
            continue
        if oa is None or ob is None or group_a.get(oa) is None or group_a.get(oa) != group_b.get(ob):
            m.unpair(i)


def _fill_gaps(a: _Side, b: _Side, groups: Groups) -> Groups:
    """Pair leftovers that stand between the same paired neighbours in both editions.

    A short block with one word changed ("Practitioners should:" → "must:") is
    too short to trust on similarity alone, but when the blocks before and
    after it are paired with the blocks around its counterpart, position says
    it is the same block. Gaps of equal length are paired one to one. This
    runs after splits and merges are found, so that it never takes a piece of
    one of them.
    """
    group_a: dict[int, int] = {}
    group_b: dict[int, int] = {}
    for n, (olds, news) in enumerate(groups):
        if olds and news:
            group_a.update((i, n) for i in olds)
            group_b.update((j, n) for j in news)
    joined: set[tuple[int, int]] = set()
    i = 1
    while i < len(a.blocks):
        if i in group_a or (i - 1) not in group_a:
            i += 1
            continue
        start_a, start_b = i, max(groups[group_a[i - 1]][1]) + 1
        end_a, end_b = start_a, start_b
        while end_a < len(a.blocks) and end_a not in group_a:
            end_a += 1
        while end_b < len(b.blocks) and end_b not in group_b:
            end_b += 1
        closed = (end_a == len(a.blocks) and end_b == len(b.blocks)) or (
            end_a in group_a and end_b in group_b and group_a[end_a] == group_b[end_b]
            and end_a == min(groups[group_a[end_a]][0]) and end_b == min(groups[group_b[end_b]][1]))
        if closed and end_a - start_a == end_b - start_b:
            for k in range(end_a - start_a):
                x, y = start_a + k, start_b + k
                floor = GAP_SIMILARITY_LONG if min(a.size(x), b.size(y)) >= GAP_LONG else GAP_SIMILARITY
                if _compatible(a.blocks[x], b.blocks[y]) and (
                    Indel.normalized_similarity(a.toks[x], b.toks[y]) >= floor
                ):
                    joined.add((x, y))
        i = end_a + 1
    if not joined:
        return groups
    xs = {x for x, _ in joined}
    ys = {y for _, y in joined}
    kept = [g for g in groups if not (g[0] and not g[1] and g[0][0] in xs)
            and not (g[1] and not g[0] and g[1][0] in ys)]
    return kept + [([x], [y]) for x, y in sorted(joined)]
