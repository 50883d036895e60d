"""Step (e) of the alignment, **sections**: headings paired by the matched content they share,
their titles and their neighbours; sections split and merged (see :mod:`wtdiff.align`).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from rapidfuzz.distance import Indel

from ..model import Section
from .base import CHAPTER_BONUS, CHAPTER_PENALTY, SIBLING_BONUS, _MAJOR, Groups, _Side


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
