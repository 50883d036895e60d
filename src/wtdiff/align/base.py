"""What every step of the alignment shares: the records an alignment is made of
(:class:`BlockMatch`, :class:`SectionMatch`, :class:`Alignment`), each step's thresholds, an
edition as the steps see it (``_Side``) and the pairs made so far (``_Matching``).
The steps themselves are described in :mod:`wtdiff.align`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block, Document, Section
from ..normalize import WORD_RE, fold


@dataclass(frozen=True, slots=True)
class BlockMatch:
    """Blocks of the old edition paired with blocks of the new one.

    One old and no new block: deleted. No old and one new: added. One and one:
    unchanged or modified. One old and several new: split. Several and one: merged.
    """

    old: tuple[Block, ...]
    new: tuple[Block, ...]
    similarity: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class SectionMatch:
    """Headings of the old edition paired with headings of the new one."""

    old: tuple[Section, ...]
    new: tuple[Section, ...]
    similarity: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of :func:`align`: both editions and their pairing."""

    old: Document
    new: Document
    blocks: tuple[BlockMatch, ...]
    sections: tuple[SectionMatch, ...]


# Step (b): how similar two blocks must be to pair when one stands where the other was.
WINDOW_SIMILARITY = 0.45
WINDOW_SIMILARITY_SHORT = 0.5  # blocks of fewer than SHORT words
SHORT = 6
WINDOW_MAX = 40  # windows wider than this (in new blocks) are left to the index
# Step (c): how much of a piece must lie inside the whole, and the gain a split or merge needs.
MIN_CONTAINMENT = 0.6
SPLIT_GAIN = 0.08
# Step (d): a moved pair must be this similar and each other's best by MOVE_MARGIN.
MIN_SIMILARITY = 0.5
MIN_SIMILARITY_SHORT = 0.8  # blocks of fewer than MOVE_LONG words
MOVE_LONG = 12
MOVE_MARGIN = 0.15
MOVE_SURE = 0.9  # so similar that no margin is needed, if unique
INDEX_CANDIDATES = 6  # best index candidates kept per block, each way
RARE_FEATURES = 24  # a block is indexed under this many of its rarest word pairs
# ... leftovers between the same paired neighbours need only this much in common.
GAP_SIMILARITY = 0.3
GAP_SIMILARITY_LONG = 0.45  # ... when both have at least GAP_LONG words
GAP_LONG = 12
# Step (e): added to a section pair whose neighbouring sections are paired with each other; added
# to a pair of chapters, taken from a chapter paired with a lesser heading.
SIBLING_BONUS = 0.2
CHAPTER_BONUS = 0.1
CHAPTER_PENALTY = 0.3
_MAJOR = {"chapter", "annex", "appendix", "part"}
# Step (f): what a moved 1:1 pair needs, unless it moved with a neighbour; else it is undone.
MOVE_MIN_SIMILARITY = 0.6
MOVE_MIN_WORDS = 4
_COMPATIBLE = {
    "paragraph": {"paragraph", "list-item", "definition", "figure"},
    "list-item": {"paragraph", "list-item", "definition"},
    "definition": {"paragraph", "list-item", "definition"},
    "table-row": {"table-row", "figure"},
    "footnote": {"footnote"},
    "figure": {"figure", "paragraph", "table-row"},
}

Groups = list[tuple[list[int], list[int]]]


class _Side:
    """One edition's blocks with the data alignment needs, by reading-order index."""

    def __init__(self, doc: Document, vocab: dict[str, int]) -> None:
        self.doc = doc
        self.blocks: list[Block] = list(doc.blocks())
        folded = [fold(b.text) for b in self.blocks]
        self.keys = [k.lower() for k in folded]
        self.toks = [[vocab.setdefault(w.lower(), len(vocab)) for w in WORD_RE.findall(k)] for k in folded]
        self.sizes = [max(1, len(t)) for t in self.toks]
        self.section_of: list[Section | None] = []
        self.parent: dict[str, Section | None] = {}
        self.sections: list[Section] = []
        self._index_sections(doc.children, None)
        self.sec_pos = {s.id: i for i, s in enumerate(self.sections)}
        self.sec_key = {s.id: s.key.lower() for s in self.sections}
        self.ancestors: dict[str | None, list[Section]] = {None: []}
        for s in self.sections:
            p = self.parent[s.id]
            self.ancestors[s.id] = [s] + self.ancestors[p.id if p else None]
        self._bags: dict[int, Counter[int]] = {}
        #: for a footnote, the index of the block citing it; for other blocks, the indices of their footnotes
        self.owner: dict[int, int] = {}
        self.notes: dict[int, list[int]] = {}
        for k, blk in enumerate(self.blocks):
            if blk.notes and k not in self.owner:
                self.notes[k] = list(range(k + 1, k + 1 + len(blk.notes)))
                self.owner.update((n, k) for n in self.notes[k])

    def _index_sections(self, children: Sequence[object], owner: Section | None) -> None:
        for child in children:
            if isinstance(child, Section):
                self.parent[child.id] = owner
                self.sections.append(child)
                self._index_sections(child.children, child)
            elif isinstance(child, Block):
                self.section_of.append(owner)
                self.section_of.extend(owner for _ in child.notes)

    def size(self, i: int) -> int:
        return self.sizes[i]

    def bag(self, i: int) -> Counter[int]:
        got = self._bags.get(i)
        if got is None:
            got = self._bags[i] = Counter(self.toks[i])
        return got

    def ancestors_of(self, i: int) -> list[Section]:
        sec = self.section_of[i]
        return self.ancestors[sec.id if sec else None]


class _Matching:
    """The pairing so far: 1:1 pairs and split/merge groups, by reading-order index."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.n_a, self.n_b = len(a.blocks), len(b.blocks)
        self.pairs: dict[int, int] = {}
        self.inverse: dict[int, int] = {}
        self.multi: list[tuple[list[int], list[int]]] = []
        self.used_a: set[int] = set()
        self.used_b: set[int] = set()

    def pair(self, i: int, j: int) -> None:
        self.pairs[i] = j
        self.inverse[j] = i
        self.used_a.add(i)
        self.used_b.add(j)

    def unpair(self, i: int) -> None:
        j = self.pairs.pop(i)
        del self.inverse[j]
        self.used_a.discard(i)
        self.used_b.discard(j)

    def group(self, olds: list[int], news: list[int]) -> None:
        for i in olds:
            if i in self.pairs:
                self.unpair(i)
        for j in news:
            if j in self.inverse:
                self.unpair(self.inverse[j])
        self.multi.append((olds, news))
        self.used_a.update(olds)
        self.used_b.update(news)

    def free_a(self) -> list[int]:
        return [i for i in range(self.n_a) if i not in self.used_a]

    def free_b(self) -> list[int]:
        return [j for j in range(self.n_b) if j not in self.used_b]

    def groups(self) -> Groups:
        out = [([i], [j]) for i, j in self.pairs.items()] + [(list(o), list(n)) for o, n in self.multi]
        out += [([i], []) for i in self.free_a()]
        out += [([], [j]) for j in self.free_b()]
        return out
