"""An edition sequence and the links that carry each block from one edition to the next.

A :class:`Chain` holds editions in date order (oldest first) and, computed
when first needed, two kinds of :class:`Link`:

* **steps** — the alignment of each edition with the next
  (:func:`~wtdiff.align.align`, through the alignment cache), one link per
  record: 1:1, 1:n for a split, n:1 for a merge, 1:0 for a deletion, 0:1 for
  an addition;
* **restorations** — a block deleted in one edition and back in a later one.
  A consecutive alignment cannot see this: the block is a deletion in one
  step and an addition some steps later. So, after the steps, every block
  added in edition *m* is compared with every *dormant* block — one whose
  step link was a deletion from an edition *j* ≤ *m* − 2, not restored since —
  and pairs of the same family of kinds (text, table row, footnote) are
  linked, best first, each block at most once, the most recently deleted
  preferred on a tie, when they have at least :data:`RESTORE_SIMILARITY`
  word-sequence similarity — or, for footnotes and blocks shorter than
  :data:`RESTORE_LONG` words, the very same words — and at least
  :data:`RESTORE_MIN_WORDS` words. A paragraph restored an edition or two
  later usually comes back nearly word for word, while short bullets and
  footnotes are formulaic ("See section 20 of the Children Act 1989" is not
  "section 22"), so the bar is high; anything less is reported as deleted
  and added.

Navigation: :meth:`Chain.forward` and :meth:`Chain.backward` give the link
that carries a block into the next (previous) edition, a restoration taking
the place of a deletion (addition) it explains.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from ..errors import UsageError
from ..model import Block, Document, Section
from ..normalize import WORD_RE, fold
from .cache import AlignmentCache, Derived, Pair, aligned_pairs
from .refs import EditionInfo, Found, Ref, citation_labels, edition_label, find_blocks

__all__ = [
    "RESTORE_LONG",
    "RESTORE_MIN_WORDS",
    "RESTORE_SIMILARITY",
    "Chain",
    "Edition",
    "Editions",
    "Link",
    "as_chain",
    "build",
]

log = logging.getLogger(__name__)

#: how alike a restored block must be to the one deleted earlier (word-sequence similarity)
RESTORE_SIMILARITY = 0.85
#: ... and how long, in words (shorter blocks are too alike by chance)
RESTORE_MIN_WORDS = 5
#: blocks shorter than this (in words) must come back word for word to count as restored
RESTORE_LONG = 20
#: the closest successor of a removed block must share at least this much with it
SUCCESSOR_MIN = 0.2

_FAMILY = {"paragraph": "text", "list-item": "text", "definition": "text", "table-row": "row", "footnote": "note",
           "figure": "figure"}

@dataclass(frozen=True, slots=True)
class Link:
    """Blocks of edition ``old_edition`` carried into edition ``new_edition`` (ids)."""

    old_edition: int
    new_edition: int
    old: tuple[str, ...]
    new: tuple[str, ...]
    similarity: float
    moved: bool = False

    @property
    def restored(self) -> bool:
        """A restoration: the old block was absent from the editions in between."""
        return self.new_edition - self.old_edition > 1


class Edition:
    """One edition of a chain: its document, label, blocks in reading order and their citation labels."""

    def __init__(self, index: int, label: str, doc: Document) -> None:
        self.index = index
        self.label = label
        self.doc = doc
        self.blocks: tuple[Block, ...] = tuple(doc.blocks())
        self.by_id: dict[str, Block] = {b.id: b for b in self.blocks}
        self.position: dict[str, int] = {b.id: i for i, b in enumerate(self.blocks)}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Block id → citation label (:func:`~wtdiff.track.refs.citation_labels`)."""
        return citation_labels(self.doc)

    @cached_property
    def top(self) -> dict[str, Section | None]:
        """Block id → the outermost section holding it (its chapter, annex …), None before the first."""
        out: dict[str, Section | None] = {}

        def walk(children: tuple[object, ...], top: Section | None) -> None:
            for child in children:
                if isinstance(child, Section):
                    walk(child.children, top or child)
                elif isinstance(child, Block):
                    out[child.id] = top
                    out.update((n.id, top) for n in child.notes)

        walk(self.doc.children, None)
        return out

    @cached_property
    def info(self) -> EditionInfo:
        d = self.doc
        return EditionInfo(label=self.label, title=d.title, source=d.source, sha256=d.sha256, edition=d.edition)

    def ref(self, block_id: str) -> Ref:
        b = self.by_id[block_id]
        return Ref(edition=self.label, id=b.id, kind=b.kind, label=self.labels[b.id], number=b.number,
                   page=b.page, page_label=b.page_label, path=b.path, text=b.text)

    def refs(self, ids: Iterable[str]) -> tuple[Ref, ...]:
        """Refs of ``ids`` in reading order."""
        return tuple(self.ref(i) for i in sorted(ids, key=self.position.__getitem__))

    def text(self, ids: Iterable[str]) -> str:
        """The texts of ``ids`` in reading order, joined by a space (as a split or merge is diffed)."""
        return " ".join(self.by_id[i].text for i in sorted(ids, key=self.position.__getitem__))

    def find(self, query: str) -> Found:
        """The blocks ``query`` names (:func:`~wtdiff.track.refs.find_blocks`)."""
        tops = {bid: (s.number if s else None) for bid, s in self.top.items()}
        return find_blocks(list(self.blocks), self.labels, tops, query, edition=self.label)


def _unique_labels(labels: list[str]) -> list[str]:
    out: list[str] = []
    for label in labels:
        name, n = label, 1
        while name in out:
            n += 1
            name = f"{label} ({n})"
        out.append(name)
    return out


class Chain:
    """Editions in date order, with the links between them (see the module docstring)."""

    def __init__(self, docs: Sequence[Document], *, labels: Sequence[str] | None = None,
                 cache: AlignmentCache | None = None, use_cache: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> None:
        if not docs:
            raise UsageError("no editions to track.", hint="Give two or more editions, oldest first.")
        if labels is not None and len(labels) != len(docs):
            raise UsageError(f"{len(labels)} labels for {len(docs)} editions.",
                             hint="Give one label per edition, or none.")
        names = _unique_labels(list(labels) if labels is not None else [edition_label(d) for d in docs])
        self.editions: tuple[Edition, ...] = tuple(Edition(i, n, d) for i, (n, d) in enumerate(zip(names, docs)))
        self._cache, self._use_cache, self._progress = cache, use_cache, progress
        self._vocab: dict[str, str] = {}
        self._encoded: dict[int, list[str]] = {}
        self._memo: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.editions)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.editions)

    def edition(self, which: str | int) -> Edition:
        """An edition by index or label (``2018`` also finds ``wt:2018``)."""
        if isinstance(which, int):
            if -len(self.editions) <= which < len(self.editions):
                return self.editions[which]
            raise UsageError(f"edition {which}: there are only {len(self.editions)} editions.")
        key = which.strip().casefold()
        for e in self.editions:
            if e.label.casefold() == key:
                return e
        tail = [e for e in self.editions if e.label.casefold().rpartition(":")[2] == key.rpartition(":")[2]]
        if len(tail) == 1:
            return tail[0]
        raise UsageError(f"{which}: not one of the editions given.",
                         hint=f"The editions are: {', '.join(self.labels)}.")

    # -- links -----------------------------------------------------------------------------------

    def pairs(self, i: int, j: int) -> tuple[Pair, ...]:
        """The direct alignment of editions ``i`` and ``j`` (from the alignment cache when it has it)."""
        return aligned_pairs(self.editions[i].doc, self.editions[j].doc, cache=self._cache,
                             use_cache=self._use_cache)

    @cached_property
    def steps(self) -> tuple[tuple[Link, ...], ...]:
        """``steps[k]``: the links from edition ``k`` to edition ``k + 1``."""
        out = []
        total = len(self.editions) - 1
        for k in range(total):
            pairs = self.pairs(k, k + 1)
            out.append(tuple(Link(k, k + 1, p.old, p.new, p.similarity, p.moved) for p in pairs))
            if self._progress is not None:
                self._progress(k + 1, total)
        return tuple(out)

    @cached_property
    def _derived(self) -> Derived:
        """Restorations and successors: from the cache, else found and cached."""
        store = None
        if self._use_cache and AlignmentCache.enabled():
            store = self._cache if self._cache is not None else AlignmentCache()
        docs = [e.doc for e in self.editions]
        steps = self.steps  # aligned (or read) first, so a damaged cache never hides a failure to align
        if store is not None:
            found = store.get_derived(docs)
            if found is not None:
                return found
        restorations = self._find_restorations(steps)
        derived = Derived(
            restorations=tuple((t.old_edition, t.new_edition, t.old[0], t.new[0], t.similarity)
                               for t in restorations),
            successors=self._find_successors(steps))
        if store is not None:
            store.put_derived(docs, derived)
        return derived

    @cached_property
    def restorations(self) -> tuple[Link, ...]:
        """Blocks deleted and restored editions later (see the module docstring)."""
        return tuple(Link(j, m, (o,), (n,), x) for j, m, o, n, x in self._derived.restorations)

    def successor(self, edition: int, block_id: str) -> tuple[str | None, float]:
        """For a block deleted after ``edition``: the block of the next edition most like it, and how much."""
        got = self._successors.get((edition, block_id))
        if got is None:
            raise KeyError(f"{block_id} of edition {edition} was not deleted")
        return got

    @cached_property
    def _successors(self) -> dict[tuple[int, str], tuple[str | None, float]]:
        return {(k, b): (t, x) for k, b, t, x in self._derived.successors}

    def _find_restorations(self, steps: tuple[tuple[Link, ...], ...]) -> list[Link]:
        found: list[Link] = []
        dormant: list[tuple[int, str]] = []  # (edition, block id) deleted at that edition's step
        for m in range(1, len(self.editions)):
            step = steps[m - 1]
            added = [link.new[0] for link in step if not link.old]
            eligible = [(j, bid) for j, bid in dormant if j <= m - 2]
            if added and eligible:
                taken = self._restore(m, added, eligible)
                found.extend(taken)
                gone = {(t.old_edition, t.old[0]) for t in taken}
                dormant = [d for d in dormant if d not in gone]
            dormant += [(m - 1, link.old[0]) for link in step if not link.new]
        return sorted(found, key=lambda t: (t.new_edition, self.editions[t.new_edition].position[t.new[0]]))

    def _find_successors(self, steps: tuple[tuple[Link, ...], ...]) -> tuple[tuple[int, str, str | None, float], ...]:
        """The closest block of the next edition to each deleted block, all of a step at once."""
        out: list[tuple[int, str, str | None, float]] = []
        for k, step in enumerate(steps):
            gone = [link.old[0] for link in step if not link.new]
            if not gone:
                continue
            nxt = self.editions[k + 1]
            scores = process.cdist([self._encode(k, b) for b in gone], self._encoded_edition(k + 1),
                                   scorer=Indel.normalized_similarity, score_cutoff=SUCCESSOR_MIN, workers=1,
                                   dtype=np.float64)
            for bid, row in zip(gone, scores):
                best = int(row.argmax()) if len(row) else 0
                sim = float(row[best]) if len(row) else 0.0
                if sim > 0:
                    out.append((k, bid, nxt.blocks[best].id, round(sim, 4)))
                else:
                    out.append((k, bid, None, 0.0))
        return tuple(out)

    def _restore(self, m: int, added: list[str], eligible: list[tuple[int, str]]) -> list[Link]:
        new_ed = self.editions[m]
        queries = [self._encode(m, bid) for bid in added]
        choices = [self._encode(j, bid) for j, bid in eligible]
        scores = process.cdist(queries, choices, scorer=Indel.normalized_similarity,
                               score_cutoff=RESTORE_SIMILARITY, workers=1, dtype=np.float64)
        cands: list[tuple[float, int, int, int, int]] = []
        for qi, row in enumerate(scores):
            for ci in row.nonzero()[0]:
                q, c = queries[qi], choices[int(ci)]
                j, old_id = eligible[int(ci)]
                a, b = new_ed.by_id[added[qi]], self.editions[j].by_id[old_id]
                words = min(len(q), len(c))
                sim = float(row[ci])
                short = words < RESTORE_LONG or a.kind == "footnote"
                if words < RESTORE_MIN_WORDS or (short and q != c) or _FAMILY.get(a.kind) != _FAMILY.get(b.kind):
                    continue
                cands.append((-round(sim, 6), -j, new_ed.position[added[qi]],
                              self.editions[j].position[old_id], int(ci) * len(added) + qi))
        cands.sort()
        used_new: set[int] = set()
        used_old: set[int] = set()
        out = []
        for neg, _, _, _, code in cands:
            ci, qi = divmod(code, len(added))
            if ci in used_old or qi in used_new:
                continue
            used_old.add(ci)
            used_new.add(qi)
            j, old_id = eligible[ci]
            out.append(Link(j, m, (old_id,), (added[qi],), round(-neg, 4)))
        return out

    @cached_property
    def _forward(self) -> dict[tuple[int, str], Link]:
        out: dict[tuple[int, str], Link] = {}
        for step in self.steps:
            for link in step:
                for bid in link.old:
                    out[link.old_edition, bid] = link
        for link in self.restorations:
            out[link.old_edition, link.old[0]] = link
        return out

    @cached_property
    def _backward(self) -> dict[tuple[int, str], Link]:
        out: dict[tuple[int, str], Link] = {}
        for step in self.steps:
            for link in step:
                for bid in link.new:
                    out[link.new_edition, bid] = link
        for link in self.restorations:
            out[link.new_edition, link.new[0]] = link
        return out

    def status(self, link: Link) -> str:
        """What a link did: added, deleted, restored, merged, split, unchanged or modified."""
        if not link.old:
            return "added"
        if not link.new:
            return "deleted"
        if link.restored:
            return "restored"
        if len(link.old) > 1:
            return "merged"
        if len(link.new) > 1:
            return "split"
        a = self.editions[link.old_edition].by_id[link.old[0]]
        b = self.editions[link.new_edition].by_id[link.new[0]]
        return "unchanged" if a.text == b.text and a.links == b.links else "modified"

    def renumbered(self, link: Link) -> bool:
        """A 1:1 link whose block is cited differently in the two editions."""
        if len(link.old) != 1 or len(link.new) != 1:
            return False
        return (self.editions[link.old_edition].labels[link.old[0]]
                != self.editions[link.new_edition].labels[link.new[0]])

    def forward(self, edition: int, block_id: str) -> Link | None:
        """The link carrying a block into a later edition (None in the newest edition)."""
        return self._forward.get((edition, block_id))

    def backward(self, edition: int, block_id: str) -> Link | None:
        """The link carrying a block in from an earlier edition (None in the oldest edition)."""
        return self._backward.get((edition, block_id))

    # -- similarity ------------------------------------------------------------------------------

    def _encoded_edition(self, edition: int) -> list[str]:
        got = self._encoded.get(edition)
        if got is None:
            got = self._encoded[edition] = [self.encode_text(b.text) for b in self.editions[edition].blocks]
        return got

    def _encode(self, edition: int, block_id: str) -> str:
        """A block's words (case folded) as a string of one character per word, for word-level scoring."""
        return self._encoded_edition(edition)[self.editions[edition].position[block_id]]

    def encode_text(self, text: str) -> str:
        got = self._memo.get(text)
        if got is not None:
            return got
        vocab = self._vocab
        out = []
        for w in WORD_RE.findall(fold(text).lower()):
            ch = vocab.get(w)
            if ch is None:
                ch = vocab[w] = chr(0x10000 + len(vocab))
            out.append(ch)
        got = self._memo[text] = "".join(out)
        return got

    def similarity(self, a: str, b: str) -> float:
        """Word-sequence similarity of two texts (0..1), as the aligner measures it."""
        return round(float(Indel.normalized_similarity(self.encode_text(a), self.encode_text(b))), 4)

    def gone_after(self, edition: int, ids: frozenset[str] | set[str], text: str,
                   forward: bool = True) -> tuple[str | None, float]:
        """The closest successor of ``ids`` of ``edition`` in the next edition (previous, going back)."""
        if forward and len(ids) == 1:
            (bid,) = ids
            if (edition, bid) in self._successors:
                return self._successors[edition, bid]
        return self.closest(edition + (1 if forward else -1), text)

    def closest(self, edition: int, text: str, *, among: Iterable[str] | None = None) -> tuple[str | None, float]:
        """The block of ``edition`` (or of ``among``) most like ``text``, and the similarity; None below
        :data:`SUCCESSOR_MIN`."""
        ed = self.editions[edition]
        if among is None:
            ids, choices = [b.id for b in ed.blocks], self._encoded_edition(edition)
        else:
            ids = list(among)
            choices = [self._encode(edition, i) for i in ids]
        if not ids:
            return None, 0.0
        best = process.extractOne(self.encode_text(text), choices, scorer=Indel.normalized_similarity,
                                  score_cutoff=SUCCESSOR_MIN)
        if best is None:
            return None, 0.0
        return ids[best[2]], round(float(best[1]), 4)


def build(editions: Sequence[str | Path | Document], *, labels: Sequence[str] | None = None,
          cache: AlignmentCache | None = None, use_cache: bool = True,
          progress: Callable[[int, int], None] | None = None) -> Chain:
    """A chain of ``editions`` (oldest first): paths, specimen names, ids or parsed documents.

    ``labels`` name the editions in reports (default: each document's
    registry id, else its file name without extension). Alignments are made
    when first needed and cached on disk (``use_cache=False`` to skip);
    ``progress(done, total)`` is called after each consecutive alignment.
    """
    from .. import parse

    return Chain([parse(e) for e in editions], labels=labels, cache=cache, use_cache=use_cache,
                 progress=progress)


#: what a tracking function accepts: a built chain, or editions (paths, specimen names, ids, documents)
Editions = Chain | Sequence[str | Path | Document]


def as_chain(editions: Editions) -> Chain:
    """``editions`` itself when it is a chain, else a chain built from it."""
    return editions if isinstance(editions, Chain) else build(editions)
