"""Align two editions: which blocks and sections of one became which of the other.

Paragraph numbers are not identity — editions renumber throughout — so blocks
are matched on content, and renumbering is reported separately. The design
borrows from known approaches: patience diff (unique lines as anchors, the
longest increasing subsequence for order), a line diff's habit of pairing
changed lines between unchanged ones, GumTree (match what is identical
first, then containers by the share of matched content they hold, ambiguous
ones by their parents and neighbours), and the move detectors of git and
redlines (a move must be unambiguous). Every step is near-linear: candidates
come from windows and an inverted index, never from comparing every block
with every other. Similarity is the Indel similarity of word sequences (each
word mapped to an integer; rapidfuzz), which renumbering does not touch and a
term replaced throughout changes only a little. The steps:

(a) **Anchors.** Blocks whose comparison text occurs exactly once in each
    edition are paired at once; repeated texts are paired in order when both
    editions repeat them equally often.
(b) **Blocks that kept their place.** An unpaired block is compared with the
    blocks in its *window* — between the counterparts of its paired
    neighbours — and with the block right next to the counterpart of each
    neighbour (so the lead-in of a list that moved goes with its items);
    pairs are taken from the most similar down over a low threshold, twice,
    as new pairs narrow the windows. Footnotes of paired blocks are paired
    with each other.
(c) **Splits and merges.** A block whose words are spread over several
    consecutive blocks of the other edition's section (each largely contained
    in it) is paired with all of them when that closes a good part of the
    gap the single pair leaves; pieces at the ends that add nothing are
    trimmed.
(d) **Blocks that moved.** Candidates come from an inverted index of each
    unpaired block's rarest word pairs (by frequency across both editions);
    a pair is made only when each block is the other's best candidate by a
    clear margin (or nearly identical and unique), and a short block only
    when nearly the same. Then windows once more; a footnote stays paired
    only if the blocks citing it are paired with each other; and leftovers
    standing between the same paired neighbours are paired on a much lower
    threshold, as a line diff pairs changed lines between anchors.
(e) **Sections.** Headings are paired by how much matched content they
    share (a Dice coefficient over matched words, of the whole subtree or of
    the blocks directly under the heading, whichever is higher, so that
    deleted and added blocks do not count against a pair and plain text's
    flattened heading levels do not either), plus title similarity; greedily,
    then again with a bonus for pairs whose neighbouring sections are paired,
    improved along augmenting paths. Leftovers with the same title, or
    sharing content under paired parents, are paired; a leaf section whose
    content went to several sibling leaves is split, several into one merged.
(f) **Moves.** A block is *moved* when its section's counterpart is not the
    section it now stands in, or when it is out of order inside its section
    pair (not on the heaviest increasing subsequence, weighted by words, so
    that of two things that swapped, the smaller is the one that moved). A
    section is moved when its parent changed or it is out of order among its
    siblings. A chapter that moved is one moved section: its paragraphs do
    not count as moved. A wrong "moved" costs a reader more than a missed
    one, so a moved pair must be convincing — four words or more, similar
    enough, a list item nearly the same — unless it moved with a neighbour
    or with the block citing it; else it is a deletion and an insertion.
(g) **Order.** Records follow the new edition; a deleted block stands just
    after the block that preceded it in the old edition.

``python -m wtdiff.eval`` measures all this against generated revisions with a
known true mapping; ``benchmarks/bench_align.py`` times it.
"""

from __future__ import annotations

import gc
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Indel

from .model import Block, Document, Section
from .normalize import WORD_RE, fold

__all__ = ["Alignment", "BlockMatch", "SectionMatch", "align"]


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


def align(old: Document, new: Document) -> Alignment:
    """Pair the blocks and sections of ``old`` and ``new`` (see the module docstring)."""
    # Alignment makes hundreds of thousands of small lists, sets and tuples, none of them in
    # reference cycles; the cyclic collector would scan every live object again and again
    # (a fifth of the time on long editions), so it waits until the alignment is done.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _align(old, new)
    finally:
        if paused:
            gc.enable()


def _align(old: Document, new: Document) -> Alignment:
    vocab: dict[str, int] = {}
    a, b = _Side(old, vocab), _Side(new, vocab)
    m = _Matching(a, b)
    _anchor(a, b, m)
    _window_pass(a, b, m)
    _window_pass(a, b, m)
    _footnote_pass(a, b, m)
    cands = _index_candidates(a, b, m, len(vocab) + 1)
    _split_merge(a, b, m, cands)
    _footnote_pass(a, b, m)
    _move_pass(a, b, m, cands)
    _footnote_pass(a, b, m)
    _window_pass(a, b, m)
    _footnote_check(a, b, m)
    groups = _fill_gaps(a, b, m.groups())
    sec_groups, sec_of_old, sec_of_new = _align_sections(a, b, groups)
    moved = _block_moves(a, b, groups, sec_of_old, sec_of_new)
    groups, moved = _doubtful_moves(a, b, groups, moved, sec_of_old, sec_of_new)
    sec_moved = _section_moves(a, b, sec_groups)
    records = _order(a, b, groups, moved)
    section_records = _order_sections(a, b, sec_groups, sec_moved)
    return Alignment(old=old, new=new, blocks=tuple(records), sections=tuple(section_records))


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
        picked = heapq.nsmallest(RARE_FEATURES, fs, key=lambda f: (df[f], f))
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
            best = {y for y, _ in heapq.nsmallest(INDEX_CANDIDATES, acc.items(), key=lambda kv: (-kv[1], kv[0]))}
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


# (c) Splits and merges ---------------------------------------------------------------------

def _containment(part: Counter[int], whole: Counter[int]) -> float:
    """The share of ``part``'s words (with repeats) that ``whole`` has too."""
    size = sum(part.values())
    if not size:
        return 0.0
    return sum(min(n, whole[t]) for t, n in part.items()) / size


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


# (e) Sections ------------------------------------------------------------------------------

def _align_sections(
    a: _Side, b: _Side, groups: Groups
) -> tuple[list[tuple[list[str], list[str], float]], dict[str, int], dict[str, int]]:
    """Pair sections; returns the groups (old ids, new ids, similarity) and a
    map from each section id to its group number on each side.

    GumTree's bottom-up step: two sections correspond when much of the
    matched content of each is in the other (a Dice coefficient over matched
    words, so that what was deleted from one or added to the other does not
    count against them), helped a little by their titles. A leaf section
    whose matched content went to several leaves, each made mostly of it, was
    split; several leaves made into one were merged.
    """
    # Words of matched content: per section (with everything below it) and shared by a pair.
    shared: defaultdict[tuple[str, str], float] = defaultdict(float)
    size_a: defaultdict[str, float] = defaultdict(float)
    size_b: defaultdict[str, float] = defaultdict(float)
    # The same for the blocks directly under each section, without its subsections: plain text
    # loses heading levels, so one edition may nest under a heading what the other does not.
    own: defaultdict[tuple[str, str], float] = defaultdict(float)
    own_a: defaultdict[str, float] = defaultdict(float)
    own_b: defaultdict[str, float] = defaultdict(float)
    for olds, news in groups:
        if not olds or not news:
            continue
        weight = min(sum(a.size(i) for i in olds), sum(b.size(j) for j in news))
        for i in olds:
            for s in a.ancestors_of(i):
                size_a[s.id] += weight / len(olds)
        for j in news:
            for t in b.ancestors_of(j):
                size_b[t.id] += weight / len(news)
        per = weight / (len(olds) * len(news))
        for i in olds:
            sec_i = a.section_of[i]
            if sec_i is not None:
                own_a[sec_i.id] += weight / len(olds)
            for j in news:
                sec_j = b.section_of[j]
                if sec_i is not None and sec_j is not None:
                    own[sec_i.id, sec_j.id] += per
                for s in a.ancestors_of(i):
                    for t in b.ancestors_of(j):
                        shared[s.id, t.id] += per
        for j in news:
            sec_j = b.section_of[j]
            if sec_j is not None:
                own_b[sec_j.id] += weight / len(news)
    # Candidate pairs: sections sharing content, and sections with no matched content by title.
    pairs_considered = set(shared)
    bare_a = [s.id for s in a.sections if not size_a[s.id]]
    bare_b = [t.id for t in b.sections if not size_b[t.id]]
    if len(bare_a) * len(bare_b) <= 20_000:
        pairs_considered.update((x, y) for x in bare_a for y in bare_b)
    else:
        by_title: dict[str, list[str]] = {}
        for y in bare_b:
            by_title.setdefault(b.sec_key[y], []).append(y)
        pairs_considered.update((x, y) for x in bare_a for y in by_title.get(a.sec_key[x], ()))
    level_a = {s.id: s.level for s in a.sections}
    level_b = {t.id: t.level for t in b.sections}
    kind_a = {s.id: s.kind for s in a.sections}
    kind_b = {t.id: t.kind for t in b.sections}
    cands: list[tuple[float, int, int, str, str]] = []
    for sid, tid in pairs_considered:
        w = shared.get((sid, tid), 0.0)
        tsim = Indel.normalized_similarity(a.sec_key[sid], b.sec_key[tid])
        total = size_a[sid] + size_b[tid]
        dice = 2 * w / total if total else 0.0
        own_total = own_a[sid] + own_b[tid]
        if own_total:
            dice = max(dice, 2 * own.get((sid, tid), 0.0) / own_total)
        score = 0.8 * dice + 0.2 * tsim - 0.05 * abs(level_a[sid] - level_b[tid])
        # Chapters (and annexes, appendices, parts) stay chapters: a heading that only looks like
        # one in plain text ("Section 11 of the Children Act 2004") should not take a chapter's place.
        major_a, major_b = kind_a[sid] in _MAJOR, kind_b[tid] in _MAJOR
        score += CHAPTER_BONUS if major_a and major_b else -CHAPTER_PENALTY if major_a != major_b else 0.0
        if score >= 0.45 or (dice >= 0.3 and tsim >= 0.6) or (tsim == 1.0 and dice > 0) or (
                not total and tsim >= 0.7):
            cands.append((-round(max(score, tsim if not total else 0.0), 6), a.sec_pos[sid], b.sec_pos[tid],
                          sid, tid))
    cands.sort()  # (the candidates came from a set: order them before the greedy pass)
    pair_a, pair_b, scores = _greedy(cands)
    # Context, as a line diff trusts a changed line between unchanged ones: a pair whose
    # neighbouring sections are paired with each other scores higher; then pair again.
    prev_a, next_a = _sibling_links(a)
    prev_b, next_b = _sibling_links(b)
    rescored = []
    for neg, pos_a, pos_b, sid, tid in cands:
        agree = sum(1 for links_a, links_b in ((prev_a, prev_b), (next_a, next_b))
                    if sid in links_a and tid in links_b and pair_a.get(links_a[sid]) == links_b[tid])
        rescored.append((round(neg - SIBLING_BONUS * agree / 2, 6), pos_a, pos_b, sid, tid))
    rescored.sort()
    pair_a, pair_b, scores = _greedy(rescored)
    _improve(pair_a, pair_b, scores, {(sid, tid): -neg for neg, _, _, sid, tid in rescored},
             [s.id for s in a.sections], [t.id for t in b.sections])
    # Sections left over with the same title are the same section whose content all went
    # (paired in order, as anchors are).
    left_a: dict[str, list[str]] = {}
    left_b: dict[str, list[str]] = {}
    for s in a.sections:
        if s.id not in pair_a:
            left_a.setdefault(a.sec_key[s.id], []).append(s.id)
    for t in b.sections:
        if t.id not in pair_b:
            left_b.setdefault(b.sec_key[t.id], []).append(t.id)
    for key, sids in left_a.items():
        for sid, tid in zip(sids, left_b.get(key, ())):
            pair_a[sid], pair_b[tid] = tid, sid
            scores[sid, tid] = 0.2
    # Sections still left over under paired parents that share content are the same section,
    # renamed while paragraphs came and went (GumTree ranks ambiguous candidates by their parents).
    best_a: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (sid, tid), w in shared.items():
        if sid in pair_a or tid in pair_b:
            continue
        pa, pb = a.parent[sid], b.parent[tid]
        if (pa is None) != (pb is None) or (pa is not None and pb is not None and pair_a.get(pa.id) != pb.id):
            continue
        if w > best_a.get(sid, (0.0, ""))[0]:
            best_a[sid] = (w, tid)
        if w > best_b.get(tid, (0.0, ""))[0]:
            best_b[tid] = (w, sid)
    for sid, (w, tid) in sorted(best_a.items(), key=lambda kv: a.sec_pos[kv[0]]):
        if best_b.get(tid, (0.0, ""))[1] == sid and max(w / size_a[sid], w / size_b[tid]) >= 0.5:
            pair_a[sid], pair_b[tid] = tid, sid
            scores[sid, tid] = 2 * w / (size_a[sid] + size_b[tid])
    # Leaf splits and merges: sibling parts, each with the whole's title or with half or more of its
    # matched content (and a third of all of it) from the whole, and holding a tenth of the whole.
    full_a: defaultdict[str, float] = defaultdict(float)
    full_b: defaultdict[str, float] = defaultdict(float)
    for i in range(len(a.blocks)):
        for s in a.ancestors_of(i):
            full_a[s.id] += a.size(i)
    for j in range(len(b.blocks)):
        for t in b.ancestors_of(j):
            full_b[t.id] += b.size(j)
    is_leaf_a = {s.id: not any(isinstance(c, Section) for c in s.children) for s in a.sections}
    is_leaf_b = {t.id: not any(isinstance(c, Section) for c in t.children) for t in b.sections}
    split_parts: dict[str, list[str]] = {}
    merge_parts: dict[str, list[str]] = {}
    for (sid, tid), w in shared.items():
        if not (is_leaf_a[sid] and is_leaf_b[tid]):
            continue
        same_title = a.sec_key[sid] == b.sec_key[tid]  # a part that kept the title needs no more
        if pair_b.get(tid, sid) == sid and (same_title or (
                w >= 0.5 * size_b[tid] and w >= 0.3 * full_b[tid] and w >= 0.1 * size_a[sid])):
            split_parts.setdefault(sid, []).append(tid)
        if pair_a.get(sid, tid) == tid and (same_title or (
                w >= 0.5 * size_a[sid] and w >= 0.3 * full_a[sid] and w >= 0.1 * size_b[tid])):
            merge_parts.setdefault(tid, []).append(sid)
    out: list[tuple[list[str], list[str], float]] = []
    done_a: set[str] = set()
    done_b: set[str] = set()
    for s in a.sections:
        parts = sorted((t for t in split_parts.get(s.id, ()) if t not in done_b), key=b.sec_pos.__getitem__)
        if len(parts) >= 2 and pair_a.get(s.id, parts[0]) in parts and _siblings(b, parts):
            out.append(([s.id], parts, sum(shared[s.id, t] for t in parts) / size_a[s.id]))
            done_a.add(s.id)
            done_b.update(parts)
    for t in b.sections:
        if t.id in done_b:
            continue
        parts = sorted((s for s in merge_parts.get(t.id, ()) if s not in done_a), key=a.sec_pos.__getitem__)
        if len(parts) >= 2 and pair_b.get(t.id, parts[0]) in parts and _siblings(a, parts):
            out.append((parts, [t.id], sum(shared[s, t.id] for s in parts) / size_b[t.id]))
            done_a.update(parts)
            done_b.add(t.id)
    for sid, tid in sorted(pair_a.items(), key=lambda p: a.sec_pos[p[0]]):
        if sid not in done_a and tid not in done_b:
            out.append(([sid], [tid], min(1.0, scores[sid, tid])))
            done_a.add(sid)
            done_b.add(tid)
    out += [([s.id], [], 0.0) for s in a.sections if s.id not in done_a]
    out += [([], [t.id], 0.0) for t in b.sections if t.id not in done_b]
    sec_of_old = {sid: n for n, (olds, _, _) in enumerate(out) for sid in olds}
    sec_of_new = {tid: n for n, (_, news, _) in enumerate(out) for tid in news}
    return out, sec_of_old, sec_of_new


def _greedy(cands: list[tuple[float, int, int, str, str]]) -> tuple[
        dict[str, str], dict[str, str], dict[tuple[str, str], float]]:
    """Pair sections from the best-scoring candidate down (``cands`` sorted, scores negated)."""
    pair_a: dict[str, str] = {}
    pair_b: dict[str, str] = {}
    scores: dict[tuple[str, str], float] = {}
    for neg, _, _, sid, tid in cands:
        if sid in pair_a or tid in pair_b:
            continue
        pair_a[sid], pair_b[tid] = tid, sid
        scores[sid, tid] = -neg
    return pair_a, pair_b, scores


def _sibling_links(side: _Side) -> tuple[dict[str, str], dict[str, str]]:
    """Each section's previous and next sibling section."""
    prev: dict[str, str] = {}
    nxt: dict[str, str] = {}
    for parent in [None, *side.sections]:
        kids = [c.id for c in (parent.children if parent else side.doc.children) if isinstance(c, Section)]
        for x, y in pairwise(kids):
            nxt[x], prev[y] = y, x
    return prev, nxt


def _siblings(side: _Side, ids: list[str]) -> bool:
    """Whether the sections ``ids`` are children of one parent (a split or merge stays in its chapter)."""
    parent = side.parent[ids[0]]
    return all(side.parent[x] is parent for x in ids)


def _improve(pair_a: dict[str, str], pair_b: dict[str, str], scores: dict[tuple[str, str], float],
             options: dict[tuple[str, str], float], order_a: list[str], order_b: list[str]) -> None:
    """Improve a greedy pairing by re-pairing along augmenting paths of length three.

    Greedy pairing takes the best-scoring pair first, which can be wrong when
    a large section moved into a renamed chapter: the chapter it came from
    then looks like the renamed chapter's best counterpart. If an unpaired
    section can take a partner whose own partner has an unpaired alternative,
    and the total score rises, the pairs are swapped (a step of the
    Hungarian method, on the sparse graph of candidate pairs).
    """
    by_a: dict[str, list[tuple[float, str]]] = {}
    by_b: dict[str, list[tuple[float, str]]] = {}
    for (sid, tid), sc in options.items():
        by_a.setdefault(sid, []).append((sc, tid))
        by_b.setdefault(tid, []).append((sc, sid))
    for lst in (*by_a.values(), *by_b.values()):
        lst.sort(key=lambda x: (-x[0], x[1]))
    for _ in range(4):
        changed = False
        for mine, theirs, by_mine, by_theirs, order, flip in (
                (pair_a, pair_b, by_a, by_b, order_a, False), (pair_b, pair_a, by_b, by_a, order_b, True)):
            for x in order:
                if x in mine or x not in by_mine:
                    continue
                for sc, y in by_mine[x]:
                    x2 = theirs.get(y)
                    if x2 is None:
                        continue
                    current = scores[(x2, y) if not flip else (y, x2)]
                    alt = next(((sc2, y2) for sc2, y2 in by_mine.get(x2, ()) if y2 not in theirs), None)
                    if sc + (alt[0] if alt else 0.0) <= current + 1e-9:
                        continue
                    del scores[(x2, y) if not flip else (y, x2)]
                    mine[x], theirs[y] = y, x
                    scores[(x, y) if not flip else (y, x)] = sc
                    if alt:
                        mine[x2], theirs[alt[1]] = alt[1], x2
                        scores[(x2, alt[1]) if not flip else (alt[1], x2)] = alt[0]
                    else:
                        del mine[x2]
                    changed = True
                    break
        if not changed:
            break


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
