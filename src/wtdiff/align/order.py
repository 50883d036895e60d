"""Step (g) of the alignment, **order**: records follow the new edition, a deleted block just
after the block that preceded it in the old one (see :mod:`wtdiff.align`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from .base import BlockMatch, Groups, SectionMatch, _Side


# (g) Order ---------------------------------------------------------------------------------

def _interleave(groups: Sequence[tuple[list[int], list[int]]], n_old: int) -> list[int]:
    """Group numbers in new-edition order, deleted ones after their old predecessor."""
    order = [n for _, n in sorted((min(news), n) for n, (_, news) in enumerate(groups) if news)]
    # For each old index, the group of the nearest block at or before it that is still in the new edition.
    kept_group: dict[int, int] = {}
    for n, (olds, news) in enumerate(groups):
        if news:
            for i in olds:
                kept_group[i] = n
    anchor_at = [-1] * (n_old + 1)
    last = -1
    for i in range(n_old):
        anchor_at[i + 1] = last = kept_group.get(i, last)
    after: dict[int, list[int]] = {}  # group number (or -1 for the start) -> deleted groups
    for i, n in sorted((olds[0], n) for n, (olds, news) in enumerate(groups) if not news):
        after.setdefault(anchor_at[i], []).append(n)
    out = list(after.get(-1, []))
    for n in order:
        out.append(n)
        out.extend(after.get(n, []))
    return out


def _order(a: _Side, b: _Side, groups: Groups, moved: set[int]) -> list[BlockMatch]:
    records = []
    for n in _interleave(groups, len(a.blocks)):
        olds, news = groups[n]
        if olds and news:
            if len(olds) == 1 and len(news) == 1 and a.keys[olds[0]] == b.keys[news[0]]:
                sim = 1.0
            else:
                sim = Indel.normalized_similarity(
                    [t for i in olds for t in a.toks[i]], [t for j in news for t in b.toks[j]])
        else:
            sim = 0.0
        records.append(BlockMatch(
            old=tuple(a.blocks[i] for i in olds), new=tuple(b.blocks[j] for j in news),
            similarity=round(sim, 4), moved=n in moved,
        ))
    return records


def _order_sections(
    a: _Side, b: _Side, groups: list[tuple[list[str], list[str], float]], moved: set[int]
) -> list[SectionMatch]:
    pos_a = [[a.sec_pos[s] for s in olds] for olds, _, _ in groups]
    pos_b = [[b.sec_pos[t] for t in news] for _, news, _ in groups]
    order = _interleave(list(zip(pos_a, pos_b)), len(a.sections))
    by_id_a = {s.id: s for s in a.sections}
    by_id_b = {t.id: t for t in b.sections}
    return [
        SectionMatch(
            old=tuple(by_id_a[s] for s in groups[n][0]), new=tuple(by_id_b[t] for t in groups[n][1]),
            similarity=round(groups[n][2], 4), moved=n in moved,
        )
        for n in order
    ]
