"""Steps (d) and (f) of the alignment, **moves**: blocks that moved found through an inverted
index of their rarest word pairs, and which pairs and sections are reported as moved — off the
heaviest increasing subsequence, or out of their section's counterpart — with doubtful moves
undone (see :mod:`wtdiff.align`).
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import pairwise

from rapidfuzz.distance import Indel

from ..model import Section
from .anchors import _compatible
from .base import (
    INDEX_CANDIDATES,
    MIN_SIMILARITY,
    MIN_SIMILARITY_SHORT,
    MOVE_LONG,
    MOVE_MARGIN,
    MOVE_MIN_SIMILARITY,
    MOVE_MIN_WORDS,
    MOVE_SURE,
    RARE_FEATURES,
    SHORT,
    Groups,
    _Matching,
    _Side,
)
from .windows import _neighbour


class _Candidates:
    """Candidate counterparts of the blocks still unpaired, from the inverted index.

    ``of_a[i]`` holds old block i's best new blocks and ``of_b[j]`` new block
    j's best old blocks, at most :data:`INDEX_CANDIDATES` each, so that a
    block that resembles many others does not drag in work for all of them.
    """

    def __init__(self) -> None:
        self.of_a: dict[int, set[int]] = {}
        self.of_b: dict[int, set[int]] = {}

    def pairs(self) -> list[tuple[int, int]]:
        found = {(i, j) for i, js in self.of_a.items() for j in js}
        found.update((i, j) for j, is_ in self.of_b.items() for i in is_)
        return sorted(found)


def _features(toks: list[int], base: int) -> set[int]:
    """Word pairs (and, in short blocks, single words) as integers."""
    out = {x * base + y for x, y in pairwise(toks)}
    if len(toks) < SHORT:
        out.update(-1 - t for t in toks)
    return out


def _index_candidates(a: _Side, b: _Side, m: _Matching, base: int) -> _Candidates:
    """For each unpaired block, the unpaired blocks of the other edition sharing most of its rare word pairs.

    Each block is indexed under its :data:`RARE_FEATURES` rarest word pairs
    (document frequency over both editions), so posting lists stay short and
    the cost grows with the number of blocks, not its square.
    """
    cands = _Candidates()
    ra, rb = m.free_a(), m.free_b()
    if not ra or not rb:
        return cands
    df: Counter[int] = Counter()
    feats: list[list[set[int]]] = []
    for side in (a, b):
        fs = [_features(t, base) for t in side.toks]
        for f in fs:
            df.update(f)
        feats.append(fs)
    total = len(a.blocks) + len(b.blocks)

    def rarest(fs: set[int]) -> list[tuple[int, float]]:
        # the rarest first, ties by value: sorted by value, then (stably) by document frequency
        picked = sorted(sorted(fs), key=df.__getitem__)[:RARE_FEATURES]
        return [(f, math.log(total / df[f])) for f in picked]

    rare_a = {i: rarest(feats[0][i]) for i in ra}
    rare_b = {j: rarest(feats[1][j]) for j in rb}
    for rare_x, rare_y, flip in ((rare_a, rare_b, False), (rare_b, rare_a, True)):
        postings: dict[int, list[int]] = {}
        for y, rare in rare_y.items():
            for feature, _ in rare:
                postings.setdefault(feature, []).append(y)
        for x, rare in rare_x.items():
            acc: dict[int, float] = {}
            for feature, weight in rare:
                for y in postings.get(feature, ()):
                    acc[y] = acc.get(y, 0.0) + weight
            # the heaviest first, ties by index (a stable sort keeps ties in order, reversed too)
            best = set(sorted(sorted(acc), key=acc.__getitem__, reverse=True)[:INDEX_CANDIDATES])
            (cands.of_b if flip else cands.of_a)[x] = best
    return cands


def _move_pass(a: _Side, b: _Side, m: _Matching, cands: _Candidates) -> None:
    """Pair blocks that changed place: index candidates, mutual best, clearly ahead of the runner-up.

    A block that moved has no position to vouch for it, so its counterpart must
    be the most similar block for it *and* it for its counterpart, by a margin,
    unless the two are nearly identical.
    """
    sims: dict[tuple[int, int], float] = {}
    best_a: dict[int, list[float]] = {}
    best_b: dict[int, list[float]] = {}
    for i, j in cands.pairs():
        if i in m.used_a or j in m.used_b or i in a.owner or j in b.owner or \
                not _compatible(a.blocks[i], b.blocks[j]):
            continue
        sim = Indel.normalized_similarity(a.toks[i], b.toks[j])
        sims[i, j] = sim
        best_a.setdefault(i, []).append(sim)
        best_b.setdefault(j, []).append(sim)
    for lst in (*best_a.values(), *best_b.values()):
        lst.sort(reverse=True)
    order = sorted(sims.items(), key=lambda kv: (-round(kv[1], 6), kv[0]))
    for (i, j), sim in order:
        if i in m.used_a or j in m.used_b:
            continue
        if sim < MIN_SIMILARITY:
            break
        if sim < MIN_SIMILARITY_SHORT and min(a.size(i), b.size(j)) < MOVE_LONG:
            continue  # a short block needs to be nearly the same to be trusted on its own
        la, lb = best_a[i], best_b[j]
        if sim < la[0] or sim < lb[0]:
            continue
        runner_up = max(la[1] if len(la) > 1 else 0.0, lb[1] if len(lb) > 1 else 0.0)
        if sim - runner_up >= MOVE_MARGIN or (sim >= MOVE_SURE and runner_up < MOVE_SURE):
            m.pair(i, j)


# (f) Moves ---------------------------------------------------------------------------------

def _heaviest_increasing(seq: list[tuple[int, int, float]]) -> set[int]:
    """Keys of the heaviest strictly increasing subsequence of ``(value, key, weight)``.

    The longest-increasing-subsequence idea of patience diff, weighted by the
    words each item carries, so that of two paragraphs or chapters that swapped
    places the smaller one is the one reported as moved: the reading that
    moves the least text. A Fenwick tree of running maxima keeps it O(n log n).
    """
    if not seq:
        return set()
    ranks = {v: r for r, v in enumerate(sorted({v for v, _, _ in seq}), 1)}
    size = len(ranks)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    best = [0.0] * len(seq)
    back = [-1] * len(seq)
    for n, (v, _, w) in enumerate(seq):
        r = ranks[v] - 1
        top = (0.0, -1)
        while r > 0:
            top = max(top, tree[r])
            r -= r & -r
        best[n], back[n] = top[0] + w, top[1]
        r = ranks[v]
        while r <= size:
            tree[r] = max(tree[r], (best[n], n))
            r += r & -r
    n = max(range(len(seq)), key=lambda k: (best[k], -k))
    keep: set[int] = set()
    while n >= 0:
        keep.add(seq[n][1])
        n = back[n]
    return keep


def _same_group(sec_a: Section | None, sec_b: Section | None,
                sec_of_old: dict[str, int], sec_of_new: dict[str, int]) -> int | None:
    """The section group both blocks belong to, -1 for the preamble, else None."""
    if sec_a is None and sec_b is None:
        return -1
    if sec_a is None or sec_b is None:
        return None
    g = sec_of_old.get(sec_a.id)
    return g if g is not None and g == sec_of_new.get(sec_b.id) else None


def _standing(side: _Side, sec: Section | None, sec_of: dict[str, int], paired: set[int]) -> Section | None:
    """The section a block stands in, for telling whether it moved.

    A heading only one edition has (one added over paragraphs that stayed, or
    one removed from above them) does not move those paragraphs: they are
    taken to stand in the nearest section before that heading which both
    editions have.
    """
    if sec is None or sec_of.get(sec.id) in paired:
        return sec
    for k in range(side.sec_pos[sec.id] - 1, -1, -1):
        before = side.sections[k]
        if sec_of.get(before.id) in paired:
            return before
    return None


def _block_moves(
    a: _Side, b: _Side, groups: Groups, sec_of_old: dict[str, int], sec_of_new: dict[str, int],
) -> set[int]:
    moved: set[int] = set()
    by_section: dict[int, list[tuple[int, int, int, float]]] = {}
    paired = set(sec_of_old.values()) & set(sec_of_new.values())
    for n, (olds, news) in enumerate(groups):
        if not olds or not news:
            continue
        g = _same_group(_standing(a, a.section_of[olds[0]], sec_of_old, paired),
                        _standing(b, b.section_of[news[0]], sec_of_new, paired), sec_of_old, sec_of_new)
        if g is None:
            moved.add(n)
        else:
            weight = float(sum(a.size(i) for i in olds))
            by_section.setdefault(g, []).append((olds[0], news[0], n, weight))
    for members in by_section.values():
        members.sort()
        keep = _heaviest_increasing([(j, n, w) for _, j, n, w in members])
        moved.update(n for _, _, n, _ in members if n not in keep)
    return moved


def _doubtful_moves(
    a: _Side, b: _Side, groups: Groups, moved: set[int],
    sec_of_old: dict[str, int], sec_of_new: dict[str, int],
) -> tuple[Groups, set[int]]:
    """Undo moved 1:1 pairs too short or too unlike to be sure of; they become a deletion and an insertion.

    A pair that moved together with a neighbour (the blocks next to it are
    paired with the blocks next to its counterpart) or with the block citing
    it (a footnote) has company to vouch for it and is kept.
    """
    pair_of: dict[int, int] = {}
    for olds, news in groups:
        if olds and news:
            pair_of.update((i, news[0]) for i in olds)
    doubtful = set()
    for n in moved:
        olds, news = groups[n]
        if len(olds) != 1 or len(news) != 1:
            continue
        i, j = olds[0], news[0]
        if a.keys[i] == b.keys[j] and min(a.size(i), b.size(j)) >= MOVE_MIN_WORDS:
            continue
        if i in a.owner or any(pair_of.get(_neighbour(a, i, step)) == _neighbour(b, j, step) for step in (-1, 1)):
            continue
        sim = Indel.normalized_similarity(a.toks[i], b.toks[j])
        if sim < MOVE_MIN_SIMILARITY or min(a.size(i), b.size(j)) < MOVE_MIN_WORDS:
            doubtful.add(n)
        elif sim < MOVE_SURE and "list-item" in (a.blocks[i].kind, b.blocks[j].kind):
            doubtful.add(n)  # list items share their list's pattern; one alone must be nearly the same
    if not doubtful:
        return groups, moved
    kept = [g for n, g in enumerate(groups) if n not in doubtful]
    for n in sorted(doubtful):
        (i,), (j,) = groups[n]
        kept += [([i], []), ([], [j])]
    return kept, _block_moves(a, b, kept, sec_of_old, sec_of_new)


def _section_moves(a: _Side, b: _Side, groups: list[tuple[list[str], list[str], float]]) -> set[int]:
    group_of_a = {sid: n for n, (olds, _, _) in enumerate(groups) for sid in olds}
    group_of_b = {tid: n for n, (_, news, _) in enumerate(groups) for tid in news}
    words = Counter[str]()
    for i in range(len(a.blocks)):
        for s in a.ancestors_of(i):
            words[s.id] += a.size(i)
    moved: set[int] = set()
    siblings: dict[object, list[tuple[int, int, int, float]]] = {}
    for n, (olds, news, _) in enumerate(groups):
        if not olds or not news:
            continue
        pa, pb = a.parent[olds[0]], b.parent[news[0]]
        ga = group_of_a.get(pa.id) if pa else -1
        gb = group_of_b.get(pb.id) if pb else -1
        if ga != gb:
            moved.add(n)
        else:
            weight = float(sum(words[s] for s in olds)) + 1.0
            siblings.setdefault(ga, []).append((a.sec_pos[olds[0]], b.sec_pos[news[0]], n, weight))
    for members in siblings.values():
        members.sort()
        keep = _heaviest_increasing([(j, n, w) for _, j, n, w in members])
        moved.update(n for _, _, n, _ in members if n not in keep)
    return moved
