"""Step (c) of the alignment, **splits and merges**: a block whose words are spread over
several consecutive blocks of the other edition is paired with all of them when that closes a
good part of the gap a single pair leaves (see :mod:`wtdiff.align`).
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Indel

from ..model import Block
from .anchors import _compatible
from .base import MIN_CONTAINMENT, MIN_SIMILARITY, SPLIT_GAIN, _Matching, _Side
from .moves import _Candidates
from .windows import _windows


# (c) Splits and merges ---------------------------------------------------------------------

def _containment(part: Counter[int], whole: Counter[int]) -> float:
    """The share of ``part``'s words (with repeats) that ``whole`` has too."""
    size = sum(part.values())
    if not size:
        return 0.0
    return sum(min(part[t], whole[t]) for t in part.keys() & whole.keys()) / size


def _grow(seed: int, whole: Counter[int], side: _Side, used: set[int], kinds: Block) -> list[int]:
    """Consecutive unpaired blocks of ``seed``'s section around it (skipping footnotes) largely inside ``whole``."""
    group = [seed]
    home = side.section_of[seed]
    for step in (-1, 1):
        k = seed + step
        while 0 <= k < len(side.blocks) and side.section_of[k] is home:
            blk = side.blocks[k]
            if blk.kind == "footnote" and kinds.kind != "footnote":
                k += step
                continue
            if k not in used and _compatible(kinds, blk) and _containment(side.bag(k), whole) >= MIN_CONTAINMENT:
                group.append(k)
                k += step
            else:
                break
    return sorted(group)


def _widen(
    x: int, this: _Side, other: _Side, paired: int | None, used_other: set[int], near: set[int]
) -> list[int] | None:
    """The run of ``other``'s blocks that block ``x`` of ``this`` was split into, if any.

    ``paired`` is x's 1:1 counterpart, if it has one; ``near`` its candidates.
    Returns the run when it beats the single pair clearly.
    """
    whole = this.bag(x)
    seed = paired
    if seed is None:
        # A piece of x is not much longer than x.
        limit = 1.2 * len(this.toks[x])
        scored = [(_containment(other.bag(y), whole) * min(1.0, len(other.toks[y]) / max(1, len(this.toks[x]))), y)
                  for y in sorted(near) if y not in used_other and len(other.toks[y]) <= limit
                  and _compatible(this.blocks[x], other.blocks[y])]
        scored = [s for s in scored if s[0] > 0.15]
        if not scored:
            return None
        seed = max(scored)[1]
        if _containment(other.bag(seed), whole) < MIN_CONTAINMENT:
            return None
    group = _grow(seed, whole, other, used_other, this.blocks[x])
    if len(group) < 2:
        return None

    def sim_of(run: list[int]) -> float:
        return Indel.normalized_similarity(this.toks[x], [t for y in run for t in other.toks[y]])

    sim_group = sim_of(group)
    # Trim pieces at either end that add nothing (a short neighbour made of common words).
    while len(group) > 2:
        ends = [g for g in (group[1:], group[:-1]) if seed in g]
        best = max(ends, key=sim_of)
        if sim_of(best) < sim_group - 0.005:
            break
        group, sim_group = best, sim_of(best)
    sim_single = Indel.normalized_similarity(this.toks[x], other.toks[seed]) if paired is not None else 0.0
    # The group must close a good part of the gap the single pair leaves.
    if sim_group >= MIN_SIMILARITY and sim_group >= sim_single + min(SPLIT_GAIN, (1 - sim_single) / 2):
        return group
    return None


def _split_merge(a: _Side, b: _Side, m: _Matching, cands: _Candidates) -> None:
    """Widen 1:1 pairs (or unpaired blocks) that are really splits or merges."""
    windows = _windows(a, m)
    # Splits: one old block, several new blocks. Only a block that lost words can have been split.
    for i in range(len(a.blocks)):
        if a.blocks[i].kind == "footnote" or (i in m.used_a and i not in m.pairs):
            continue
        j0 = m.pairs.get(i)
        if j0 is not None and (a.keys[i] == b.keys[j0] or not _has_free_neighbour(j0, m.used_b, b)):
            continue
        near = set() if j0 is not None else cands.of_a.get(i, set()) | set(windows.get(i, ()))
        found = _widen(i, a, b, j0, m.used_b, near)
        if found:
            m.group([i], found)
    # Merges: several old blocks, one new block.
    inverse = m.inverse
    in_window: dict[int, set[int]] = {}
    for i, window in windows.items():
        for j in window:
            in_window.setdefault(j, set()).add(i)
    for j in range(len(b.blocks)):
        if b.blocks[j].kind == "footnote" or (j in m.used_b and j not in inverse):
            continue
        i0 = inverse.get(j)
        if i0 is not None and (a.keys[i0] == b.keys[j] or not _has_free_neighbour(i0, m.used_a, a)):
            continue
        near = set() if i0 is not None else cands.of_b.get(j, set()) | in_window.get(j, set())
        found = _widen(j, b, a, i0, m.used_a, near)
        if found:
            m.group(found, [j])


def _has_free_neighbour(k: int, used: set[int], side: _Side) -> bool:
    """Whether the nearest non-footnote block on either side of ``k`` is unpaired."""
    for step in (-1, 1):
        n = k + step
        while 0 <= n < len(side.blocks) and side.blocks[n].kind == "footnote":
            n += step
        if 0 <= n < len(side.blocks) and n not in used:
            return True
    return False
