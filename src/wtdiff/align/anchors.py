"""Step (a) of the alignment, **anchors**: blocks whose comparison text occurs exactly once in
each edition are paired at once (see :mod:`wtdiff.align`).
"""

from __future__ import annotations

from ..model import Block
from .base import _COMPATIBLE, _Matching, _Side


# (a) Anchors -------------------------------------------------------------------------------

def _anchor(a: _Side, b: _Side, m: _Matching) -> None:
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for i, k in enumerate(a.keys):
        where_a.setdefault(k, []).append(i)
    for j, k in enumerate(b.keys):
        where_b.setdefault(k, []).append(j)
    for k, ia in where_a.items():
        jb = where_b.get(k)
        if jb and len(ia) == len(jb):
            for i, j in zip(ia, jb):
                if _compatible(a.blocks[i], b.blocks[j]):
                    m.pair(i, j)


def _compatible(x: Block, y: Block) -> bool:
    return y.kind in _COMPATIBLE.get(x.kind, {x.kind})
