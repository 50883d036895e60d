"""Align two editions: which blocks and sections of one became which of the other.

Paragraph numbers are not identity — editions renumber throughout — so blocks
are matched on content, and renumbering is reported separately. The steps:

(a) **Anchors.** Blocks whose comparison text occurs exactly once in each
    edition are paired at once (the patience-diff idea); repeated texts are
    paired in order when both editions repeat them equally often.
(b) **Similar blocks.** The rest are compared on their word sequences (each
    word mapped to an integer, Indel similarity via rapidfuzz's ``cdist``) and
    paired greedily from the most similar down, over a threshold that is
    stricter for short blocks; ties go to the pair whose relative position in
    the two documents agrees best.
    Leftovers standing between the same paired neighbours in both editions
    are then paired on a much lower threshold, as a line diff pairs changed
    lines between anchors.
(c) **Splits and merges.** A block whose words are spread over several
    consecutive blocks of the other edition (each largely contained in it) is
    paired with all of them when that raises the similarity clearly.
(d) **Sections.** Headings are paired by how many matched words their
    contents share, plus their title similarity; a leaf section whose content
    went to several new sections is split, several into one merged.
(e) **Moves.** A block is *moved* when its section's counterpart is not the
    section it now stands in, or when it is out of order inside its section
    pair (not on the heaviest increasing subsequence, weighted by words, so
    that of two things that swapped, the smaller is the one that moved). A
    section is moved when its parent changed or it is out of order among its
    siblings. A chapter
    that moved is one moved section: its paragraphs do not count as moved.
(f) **Order.** Records follow the new edition; a deleted block stands just
    after the block that preceded it in the old edition.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from .model import Block, Document, Section
from .normalize import fold, words

__all__ = ["BlockMatch", "SectionMatch", "Alignment", "align"]


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


# Thresholds for pairing two different blocks in step (b).
MIN_SIMILARITY = 0.5
MIN_SIMILARITY_SHORT = 0.75  # blocks of fewer than SHORT words
SHORT = 6
# Blocks between paired neighbours need only this much in common.
GAP_SIMILARITY = 0.3
# Step (c): how much of a piece must lie inside the whole, and the gain needed.
MIN_CONTAINMENT = 0.6
SPLIT_GAIN = 0.08
_COMPATIBLE = {
    "paragraph": {"paragraph", "list-item", "definition"},
    "list-item": {"paragraph", "list-item", "definition"},
    "definition": {"paragraph", "list-item", "definition"},
    "table-row": {"table-row"},
    "footnote": {"footnote"},
}


class _Side:
    """One edition's blocks with the data alignment needs, by reading-order index."""

    def __init__(self, doc: Document, vocab: dict[str, int]) -> None:
        self.doc = doc
        self.blocks: list[Block] = list(doc.blocks())
        self.keys = [fold(b.text).lower() for b in self.blocks]
        self.toks = [[vocab.setdefault(w, len(vocab)) for w in words(b.text)] for b in self.blocks]
        self.section_of: list[Section | None] = []
        self.parent: dict[str, Section | None] = {}
        self.sections: list[Section] = []
        self._index_sections(doc.children, None)
        self.sec_pos = {s.id: i for i, s in enumerate(self.sections)}

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
        return max(1, len(self.toks[i]))


def align(old: Document, new: Document) -> Alignment:
    """Pair the blocks and sections of ``old`` and ``new`` (see the module docstring)."""
    vocab: dict[str, int] = {}
    a, b = _Side(old, vocab), _Side(new, vocab)
    pairs = _anchor(a, b)
    _similar(a, b, pairs)
    groups = _fill_gaps(a, b, _split_merge(a, b, pairs))
    sec_groups, sec_of_old, sec_of_new = _align_sections(a, b, groups)
    moved = _block_moves(a, b, groups, sec_of_old, sec_of_new)
    sec_moved = _section_moves(a, b, sec_groups)
    records = _order(a, b, groups, moved)
    section_records = _order_sections(a, b, sec_groups, sec_moved)
    return Alignment(old=old, new=new, blocks=tuple(records), sections=tuple(section_records))


# (a) Anchors -------------------------------------------------------------------------------

def _anchor(a: _Side, b: _Side) -> dict[int, int]:
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for i, k in enumerate(a.keys):
        where_a.setdefault(k, []).append(i)
    for j, k in enumerate(b.keys):
        where_b.setdefault(k, []).append(j)
    pairs: dict[int, int] = {}
    for k, ia in where_a.items():
        jb = where_b.get(k)
        if jb and len(ia) == len(jb):
            for i, j in zip(ia, jb):
                if _compatible(a.blocks[i], b.blocks[j]):
                    pairs[i] = j
    return pairs


def _compatible(x: Block, y: Block) -> bool:
    return y.kind in _COMPATIBLE.get(x.kind, {x.kind})


# (b) Similar blocks ------------------------------------------------------------------------

def _similar(a: _Side, b: _Side, pairs: dict[int, int]) -> None:
    taken = set(pairs.values())
    ra = [i for i in range(len(a.blocks)) if i not in pairs]
    rb = [j for j in range(len(b.blocks)) if j not in taken]
    if not ra or not rb:
        return
    matrix = cdist([a.toks[i] for i in ra], [b.toks[j] for j in rb],
                   scorer=Indel.normalized_similarity, workers=1)
    na, nb = max(1, len(a.blocks) - 1), max(1, len(b.blocks) - 1)
    candidates: list[tuple[float, float, int, int]] = []
    for x, i in enumerate(ra):
        row = matrix[x]
        for y, j in enumerate(rb):
            sim = float(row[y])
            if sim < MIN_SIMILARITY:
                continue
            short = min(a.size(i), b.size(j)) < SHORT
            if short and sim < MIN_SIMILARITY_SHORT:
                continue
            if not _compatible(a.blocks[i], b.blocks[j]):
                continue
            drift = abs(i / na - j / nb)
            candidates.append((-round(sim, 6), drift, i, j))
    candidates.sort()
    used_b: set[int] = set()
    for _, _, i, j in candidates:
        if i in pairs or j in used_b:
            continue
        pairs[i] = j
        used_b.add(j)


def _fill_gaps(
    a: _Side, b: _Side, groups: list[tuple[list[int], list[int]]]
) -> list[tuple[list[int], list[int]]]:
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
                if _compatible(a.blocks[x], b.blocks[y]) and (
                    Indel.normalized_similarity(a.toks[x], b.toks[y]) >= GAP_SIMILARITY
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

def _containment(part: list[int], whole: Counter[int]) -> float:
    if not part:
        return 0.0
    have = Counter(part)
    return sum(min(n, whole[t]) for t, n in have.items()) / len(part)


def _grow(
    seed: int, whole: Counter[int], side: _Side, free: set[int], kinds: Block
) -> list[int]:
    """Consecutive free blocks around ``seed`` (skipping footnotes) largely inside ``whole``."""
    group = [seed]
    for step in (-1, 1):
        k = seed + step
        while 0 <= k < len(side.blocks):
            blk = side.blocks[k]
            if blk.kind == "footnote" and kinds.kind != "footnote":
                k += step
                continue
            if k in free and _compatible(kinds, blk) and _containment(side.toks[k], whole) >= MIN_CONTAINMENT:
                group.append(k)
                k += step
            else:
                break
    return sorted(group)


def _split_merge(a: _Side, b: _Side, pairs: dict[int, int]) -> list[tuple[list[int], list[int]]]:
    """Turn 1:1 pairs into groups, widening those that are really splits or merges."""
    inverse = {j: i for i, j in pairs.items()}
    free_a = {i for i in range(len(a.blocks)) if i not in pairs}
    free_b = {j for j in range(len(b.blocks)) if j not in inverse}
    groups: dict[int, tuple[list[int], list[int]]] = {}  # keyed by first old index
    # Splits: one old block, several new blocks.
    for i in range(len(a.blocks)):
        if a.blocks[i].kind == "footnote":
            continue
        whole = Counter(a.toks[i])
        j0 = pairs.get(i)
        if j0 is None:
            scored = [(_containment(b.toks[j], whole) * min(1.0, len(b.toks[j]) / max(1, len(a.toks[i]))), j)
                      for j in free_b if _compatible(a.blocks[i], b.blocks[j])]
            scored = [s for s in scored if s[0] > 0.15]
            if not scored:
                continue
            j0 = max(scored)[1]
            if _containment(b.toks[j0], whole) < MIN_CONTAINMENT:
                continue
        group = _grow(j0, whole, b, free_b | {j0}, a.blocks[i])
        if len(group) < 2:
            continue
        joined = [t for j in group for t in b.toks[j]]
        sim_group = Indel.normalized_similarity(a.toks[i], joined)
        sim_single = Indel.normalized_similarity(a.toks[i], b.toks[j0]) if i in pairs else 0.0
        if sim_group >= MIN_SIMILARITY and sim_group >= sim_single + SPLIT_GAIN:
            for j in group:
                free_b.discard(j)
            free_a.discard(i)
            pairs.pop(i, None)
            groups[i] = ([i], group)
    # Merges: several old blocks, one new block.
    inverse = {j: i for i, j in pairs.items()}
    for j in range(len(b.blocks)):
        if b.blocks[j].kind == "footnote" or any(j in g[1] for g in groups.values()):
            continue
        whole = Counter(b.toks[j])
        i0 = inverse.get(j)
        if i0 is None:
            scored = [(_containment(a.toks[i], whole) * min(1.0, len(a.toks[i]) / max(1, len(b.toks[j]))), i)
                      for i in free_a if _compatible(a.blocks[i], b.blocks[j])]
            scored = [s for s in scored if s[0] > 0.15]
            if not scored:
                continue
            i0 = max(scored)[1]
            if _containment(a.toks[i0], whole) < MIN_CONTAINMENT:
                continue
        group = _grow(i0, whole, a, free_a | {i0}, b.blocks[j])
        if len(group) < 2:
            continue
        joined = [t for i in group for t in a.toks[i]]
        sim_group = Indel.normalized_similarity(joined, b.toks[j])
        sim_single = Indel.normalized_similarity(a.toks[i0], b.toks[j]) if j in inverse else 0.0
        if sim_group >= MIN_SIMILARITY and sim_group >= sim_single + SPLIT_GAIN:
            for i in group:
                free_a.discard(i)
                pairs.pop(i, None)
            free_b.discard(j)
            groups[group[0]] = (group, [j])
    out = [([i], [j]) for i, j in pairs.items()] + list(groups.values())
    matched_a = {i for g in out for i in g[0]}
    matched_b = {j for g in out for j in g[1]}
    out += [([i], []) for i in range(len(a.blocks)) if i not in matched_a]
    out += [([], [j]) for j in range(len(b.blocks)) if j not in matched_b]
    return out


# (d) Sections ------------------------------------------------------------------------------

def _align_sections(
    a: _Side, b: _Side, groups: list[tuple[list[int], list[int]]]
) -> tuple[list[tuple[list[str], list[str], float]], dict[str, int], dict[str, int]]:
    """Pair sections; returns the groups (old ids, new ids, similarity) and a
    map from each section id to its group number on each side."""
    # Words of matched content shared by (old section, new section), counted
    # for every enclosing section too.
    shared: Counter[tuple[str, str]] = Counter()
    size_a: Counter[str] = Counter()
    size_b: Counter[str] = Counter()
    for i in range(len(a.blocks)):
        for s in _ancestors(a, a.section_of[i]):
            size_a[s.id] += a.size(i)
    for j in range(len(b.blocks)):
        for s in _ancestors(b, b.section_of[j]):
            size_b[s.id] += b.size(j)
    for olds, news in groups:
        if not olds or not news:
            continue
        weight = min(sum(a.size(i) for i in olds), sum(b.size(j) for j in news))
        per = weight / (len(olds) * len(news))
        for i in olds:
            for j in news:
                for s in _ancestors(a, a.section_of[i]):
                    for t in _ancestors(b, b.section_of[j]):
                        shared[s.id, t.id] += per
    title_sim = {}
    cands: list[tuple[float, int, int, str, str]] = []
    for s in a.sections:
        for t in b.sections:
            w = shared.get((s.id, t.id), 0.0)
            tsim = Indel.normalized_similarity(s.key.lower(), t.key.lower())
            title_sim[s.id, t.id] = tsim
            dice = 2 * w / (size_a[s.id] + size_b[t.id]) if size_a[s.id] + size_b[t.id] else 0.0
            if size_a[s.id] == 0 and size_b[t.id] == 0:
                score = tsim
            else:
                score = 0.8 * dice + 0.2 * tsim
            score -= 0.05 * abs(s.level - t.level)
            if score >= 0.45 or (dice >= 0.3 and tsim >= 0.6) or (tsim == 1.0 and dice > 0):
                cands.append((-round(score, 6), a.sec_pos[s.id], b.sec_pos[t.id], s.id, t.id))
    cands.sort()
    pair_a: dict[str, str] = {}
    pair_b: dict[str, str] = {}
    scores: dict[tuple[str, str], float] = {}
    for neg, _, _, sid, tid in cands:
        if sid in pair_a or tid in pair_b:
            continue
        pair_a[sid], pair_b[tid] = tid, sid
        scores[sid, tid] = -neg
    # Leaf splits and merges: content shared at 25 % or more with 2+ unpaired leaves.
    leaves_a = [s for s in a.sections if not any(isinstance(c, Section) for c in s.children)]
    leaves_b = [t for t in b.sections if not any(isinstance(c, Section) for c in t.children)]
    out: list[tuple[list[str], list[str], float]] = []
    done_a: set[str] = set()
    done_b: set[str] = set()
    for s in leaves_a:
        if not size_a[s.id]:
            continue
        parts = [t.id for t in leaves_b
                 if shared.get((s.id, t.id), 0) >= 0.25 * min(size_a[s.id], size_b[t.id])
                 and pair_b.get(t.id, s.id) == s.id and t.id not in done_b]
        if len(parts) >= 2:
            out.append(([s.id], parts, sum(shared[s.id, t] for t in parts) / size_a[s.id]))
            done_a.add(s.id)
            done_b.update(parts)
    for t in leaves_b:
        if not size_b[t.id] or t.id in done_b:
            continue
        parts = [s.id for s in leaves_a
                 if shared.get((s.id, t.id), 0) >= 0.25 * min(size_a[s.id], size_b[t.id])
                 and pair_a.get(s.id, t.id) == t.id and s.id not in done_a]
        if len(parts) >= 2:
            out.append((parts, [t.id], sum(shared[s, t.id] for s in parts) / size_b[t.id]))
            done_a.update(parts)
            done_b.add(t.id)
    for sid, tid in pair_a.items():
        if sid not in done_a and tid not in done_b:
            out.append(([sid], [tid], min(1.0, scores[sid, tid])))
            done_a.add(sid)
            done_b.add(tid)
    out += [([s.id], [], 0.0) for s in a.sections if s.id not in done_a]
    out += [([], [t.id], 0.0) for t in b.sections if t.id not in done_b]
    sec_of_old = {sid: n for n, (olds, _, _) in enumerate(out) for sid in olds}
    sec_of_new = {tid: n for n, (_, news, _) in enumerate(out) for tid in news}
    return out, sec_of_old, sec_of_new


def _ancestors(side: _Side, sec: Section | None) -> list[Section]:
    out = []
    while sec is not None:
        out.append(sec)
        sec = side.parent.get(sec.id)
    return out


# (e) Moves ---------------------------------------------------------------------------------

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


def _block_moves(
    a: _Side, b: _Side, groups: list[tuple[list[int], list[int]]],
    sec_of_old: dict[str, int], sec_of_new: dict[str, int],
) -> set[int]:
    moved: set[int] = set()
    by_section: dict[int, list[tuple[int, int, int, float]]] = {}
    for n, (olds, news) in enumerate(groups):
        if not olds or not news:
            continue
        g = _same_group(a.section_of[olds[0]], b.section_of[news[0]], sec_of_old, sec_of_new)
        if g is None:
            moved.add(n)
        else:
            weight = float(sum(a.size(i) for i in olds))
            by_section.setdefault(g, []).append((olds[0], news[0], n, weight))
    for members in by_section.values():
        members.sort()
        keep = _heaviest_increasing([(j, n, w) for _, j, n, w in members])
        moved.update(n for _, _, n, _ in members if n not in keep)
    # A footnote travels with its block: it is moved only if it left its owner.
    return moved


def _section_moves(a: _Side, b: _Side, groups: list[tuple[list[str], list[str], float]]) -> set[int]:
    group_of_a = {sid: n for n, (olds, _, _) in enumerate(groups) for sid in olds}
    group_of_b = {tid: n for n, (_, news, _) in enumerate(groups) for tid in news}
    words = Counter[str]()
    for i, sec in enumerate(a.section_of):
        for s in _ancestors(a, sec):
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


# (f) Order ---------------------------------------------------------------------------------

def _interleave(groups: Sequence[tuple[list[int], list[int]]], n_old: int) -> list[int]:
    """Group numbers in new-edition order, deleted ones after their old predecessor."""
    with_new = sorted((min(news), n) for n, (_, news) in enumerate(groups) if news)
    order = [n for _, n in with_new]
    group_of_old: dict[int, int] = {}
    for n, (olds, _) in enumerate(groups):
        for i in olds:
            group_of_old[i] = n
    after: dict[int, list[int]] = {}  # group number (or -1 for the start) -> deleted groups
    deleted = sorted((olds[0], n) for n, (olds, news) in enumerate(groups) if not news)
    for i, n in deleted:
        anchor = -1
        k = i - 1
        while k >= 0:
            g = group_of_old.get(k)
            if g is not None and groups[g][1]:
                anchor = g
                break
            k -= 1
        after.setdefault(anchor, []).append(n)
    out = list(after.get(-1, []))
    for n in order:
        out.append(n)
        out.extend(after.get(n, []))
    return out


def _order(a: _Side, b: _Side, groups: list[tuple[list[int], list[int]]], moved: set[int]) -> list[BlockMatch]:
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
