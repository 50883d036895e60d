"""Score a comparison against the ground truth of a generated revision.

The truth is read from the ``origin`` of every node of the revised edition
(see :mod:`wtdiff.eval.generate`): blocks joined by origins form the true
groups — one old and one new block (kept, moved, reworded), one old and several
new (split), several old and one new (merged), or one side empty (deleted,
added) — and sections likewise.

*Moved* follows the contract's definition exactly as the aligner applies it:
a true group is moved when the innermost section its old block stood in does
not truly correspond to the section its new block stands in, or when, inside
a truly corresponding pair of sections, it is off the heaviest (by words)
increasing subsequence of true pairs. So a paragraph inside a chapter that
moved is not moved; a paragraph moved to another section is.

Blocks whose texts are identical within one edition cannot be told apart by
any aligner, so pairs are compared by text class (identical texts form one
class) with multiset counts; for editions without repeated texts this is
plain set comparison.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..align.moves import _heaviest_increasing
from ..classify import TermRule
from ..comparison import Comparison
from ..termrules import key_phrase
from ..model import Block, Document, Section
from ..normalize import fold, words
from .generate import GDoc
from .renames import Planted
from .render import RoundTrip

__all__ = ["Score", "Truth", "degenerate", "score", "score_renames", "term_core", "truth"]

Group = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass
class Truth:
    """True groups of generated uids, which of them moved, and their statuses."""

    groups: list[Group]
    moved: list[bool]
    status: list[str]


def _components(pairs: Iterable[tuple[str, str]], olds: list[str], news: list[str]) -> list[Group]:
    """Connected components of the bipartite graph old uid — new uid, in reading order."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o in olds:
        find(("o", o))
    for n in news:
        find(("n", n))
    for o, n in pairs:
        if ("o", o) in parent and ("n", n) in parent:
            ra, rb = find(("o", o)), find(("n", n))
            if ra != rb:
                parent[rb] = ra
    members: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for o in olds:
        members.setdefault(find(("o", o)), ([], []))[0].append(o)
    for n in news:
        members.setdefault(find(("n", n)), ([], []))[1].append(n)
    return [(tuple(a), tuple(b)) for a, b in members.values()]


def _innermost(doc: Document) -> dict[str, str | None]:
    """Block id -> id of the innermost section holding it (footnotes: their block's)."""
    out: dict[str, str | None] = {}

    def walk(children: tuple[Section | Block, ...], owner: str | None) -> None:
        for c in children:
            if isinstance(c, Section):
                walk(c.children, c.id)
            else:
                out[c.id] = owner
                for n in c.notes:
                    out[n.id] = owner

    walk(doc.children, None)
    return out


def truth(new: GDoc, old_doc: Document, new_doc: Document) -> Truth:
    """The true alignment of two generated editions (``*_doc`` from :func:`~.generate.to_document`)."""
    old_ids = [b.id for b in old_doc.blocks()]
    new_ids = [b.id for b in new_doc.blocks()]
    origin = {b.uid: b.origin for b in new.blocks()}
    groups = _components(((o, n) for n in new_ids for o in origin.get(n, ())), old_ids, new_ids)
    sec_origin = {s.uid: s.origin for s in new.sections()}
    old_secs = [s.id for s in old_doc.sections()]
    new_secs = [s.id for s in new_doc.sections()]
    sec_groups = _components(((o, n) for n in new_secs for o in sec_origin.get(n, ())), old_secs, new_secs)
    sg_old = {s: k for k, (olds, _) in enumerate(sec_groups) for s in olds}
    sg_new = {s: k for k, (_, news) in enumerate(sec_groups) for s in news}
    in_old, in_new = _innermost(old_doc), _innermost(new_doc)
    pos_old = {b: k for k, b in enumerate(old_ids)}
    pos_new = {b: k for k, b in enumerate(new_ids)}
    text_old = {b.id: b.text for b in old_doc.blocks()}
    text_new = {b.id: b.text for b in new_doc.blocks()}
    groups = [(tuple(sorted(o, key=pos_old.__getitem__)), tuple(sorted(n, key=pos_new.__getitem__)))
              for o, n in groups]
    groups.sort(key=lambda g: (pos_new[g[1][0]] if g[1] else -1, pos_old[g[0][0]] if g[0] else -1))
    moved = [False] * len(groups)
    by_pair: dict[int, list[tuple[int, int, int, float]]] = {}
    for k, (olds, news) in enumerate(groups):
        if not olds or not news:
            continue
        sa, sb = in_old[olds[0]], in_new[news[0]]
        if sa is None and sb is None:
            g: int | None = -1
        elif sa is None or sb is None:
            g = None
        else:
            g = sg_old.get(sa) if sg_old.get(sa) == sg_new.get(sb) else None
        if g is None:
            moved[k] = True
            continue
        weight = float(sum(max(1, len(words(text_old[o]))) for o in olds))
        by_pair.setdefault(g, []).append((pos_old[olds[0]], pos_new[news[0]], k, weight))
    for members in by_pair.values():
        members.sort()
        keep = _heaviest_increasing([(j, k, w) for _, j, k, w in members])
        for _, _, k, _ in members:
            if k not in keep:
                moved[k] = True
    status = []
    for olds, news in groups:
        if not olds:
            status.append("added")
        elif not news:
            status.append("deleted")
        elif len(olds) > 1:
            status.append("merged")
        elif len(news) > 1:
            status.append("split")
        else:
            status.append("unchanged" if text_old[olds[0]] == text_new[news[0]] else "modified")
    return Truth(groups=groups, moved=moved, status=status)


def term_core(old: str, new: str) -> tuple[str, str]:
    """A replacement with the words both sides share at its ends taken off, lower-cased."""
    a, b = fold(old).lower().split(), fold(new).lower().split()
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    return " ".join(a), " ".join(b)


@dataclass
class Score:
    """Counts behind the scorecard's rates (see :func:`score`)."""

    pairs_tp: int = 0
    pairs_pred: int = 0
    pairs_true: int = 0
    moved_tp: int = 0
    moved_pred: int = 0
    moved_true: int = 0
    sm_tp: int = 0
    sm_pred: int = 0
    sm_true: int = 0
    status_ok: int = 0
    status_all: int = 0
    terms_found: int = 0
    terms_true: int = 0
    terms_extra: int = 0
    #: renames of the renames profile: made in 3+ places, found as exactly one whole rule
    renames_true: int = 0
    renames_found: int = 0
    #: rules beside a rename's own that touch its names (fragments), per case
    renames_extra: int = 0
    #: rules a reader would not accept (see :func:`degenerate`), and rules matching no rename
    rules_degenerate: int = 0
    rules_spurious: int = 0
    #: blocks of the revision left with a rename's old name, and how many of them its rule lists
    stragglers_true: int = 0
    stragglers_found: int = 0
    #: renames missed or fragmented, for the record
    rename_misses: list[str] = field(default_factory=list)
    lost_blocks: int = 0
    #: words of the blocks drawn as flow charts, and how many of them were read back (both editions)
    figure_words: int = 0
    figure_words_found: int = 0
    #: the truth's make-up: statuses and moves, for the record
    make_up: Counter[str] = field(default_factory=Counter)

    @staticmethod
    def rate(num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def precision(self) -> float:
        return self.rate(self.pairs_tp, self.pairs_pred)

    @property
    def recall(self) -> float:
        return self.rate(self.pairs_tp, self.pairs_true)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def moved_precision(self) -> float:
        return self.rate(self.moved_tp, self.moved_pred)

    @property
    def moved_recall(self) -> float:
        return self.rate(self.moved_tp, self.moved_true)

    @property
    def sm_recall(self) -> float:
        return self.rate(self.sm_tp, self.sm_true)

    @property
    def sm_precision(self) -> float:
        return self.rate(self.sm_tp, self.sm_pred)

    @property
    def status_accuracy(self) -> float:
        return self.rate(self.status_ok, self.status_all)

    @property
    def term_recall(self) -> float:
        return self.rate(self.terms_found, self.terms_true)

    @property
    def rename_recall(self) -> float:
        return self.rate(self.renames_found, self.renames_true)

    @property
    def straggler_recall(self) -> float:
        return self.rate(self.stragglers_found, self.stragglers_true)

    @property
    def figure_recall(self) -> float:
        return self.rate(self.figure_words_found, self.figure_words)


def score(result: Comparison, true: Truth, old_rt: RoundTrip, new_rt: RoundTrip,
          old_doc: Document, new_doc: Document, terms: list[tuple[str, str]]) -> Score:
    """Compare ``result`` (on the parsed editions) with the truth (on generated uids)."""
    back_old = {p: g for g, p in old_rt.block_id.items()}
    back_new = {p: g for g, p in new_rt.block_id.items()}
    cls_old = {b.id: fold(b.text).lower() for b in old_doc.blocks()}
    cls_new = {b.id: fold(b.text).lower() for b in new_doc.blocks()}
    predicted: list[tuple[tuple[str, ...], tuple[str, ...], bool, str]] = []
    for ch in result.changes:
        olds = tuple(back_old[b.id] for b in ch.old if b.id in back_old)
        news = tuple(back_new[b.id] for b in ch.new if b.id in back_new)
        if olds or news:
            predicted.append((olds, news, ch.moved, ch.status))

    def pairs(groups: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> Counter[tuple[str, str]]:
        return Counter((cls_old[o], cls_new[n]) for olds, news in groups for o in olds for n in news)

    def shapes(groups: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> Counter[object]:
        return Counter((frozenset(cls_old[o] for o in olds), frozenset(cls_new[n] for n in news))
                       for olds, news in groups if len(olds) > 1 or len(news) > 1)

    s = Score(lost_blocks=old_rt.lost_blocks + new_rt.lost_blocks,
              figure_words=old_rt.figure_words + new_rt.figure_words,
              figure_words_found=old_rt.figure_words_found + new_rt.figure_words_found)
    if old_rt.figures or new_rt.figures:  # a flow chart's blocks are scored by their words, not paired
        keep = [k for k, (olds, news) in enumerate(true.groups)
                if not (old_rt.figures.intersection(olds) or new_rt.figures.intersection(news))]
        true = Truth(groups=[true.groups[k] for k in keep], moved=[true.moved[k] for k in keep],
                     status=[true.status[k] for k in keep])
    t_pairs = pairs(g for g in true.groups)
    p_pairs = pairs((o, n) for o, n, _, _ in predicted)
    s.pairs_tp, s.pairs_pred, s.pairs_true = (sum((t_pairs & p_pairs).values()), sum(p_pairs.values()),
                                              sum(t_pairs.values()))
    t_moved = pairs(g for g, m in zip(true.groups, true.moved) if m)
    p_moved = pairs((o, n) for o, n, m, _ in predicted if m)
    s.moved_tp, s.moved_pred, s.moved_true = (sum((t_moved & p_moved).values()), sum(p_moved.values()),
                                              sum(t_moved.values()))
    t_sm = shapes(true.groups)
    p_sm = shapes((o, n) for o, n, _, _ in predicted)
    s.sm_tp, s.sm_pred, s.sm_true = sum((t_sm & p_sm).values()), sum(p_sm.values()), sum(t_sm.values())
    true_status: dict[tuple[str, str], str] = {}
    for (olds, news), st in zip(true.groups, true.status):
        true_status.update({("o", o): st for o in olds})
        true_status.update({("n", n): st for n in news})
    for olds, news, _, st in predicted:
        for key in [("o", o) for o in olds] + [("n", n) for n in news]:
            s.status_all += 1
            s.status_ok += true_status.get(key) == st
    cores = {term_core(o, n) for o, n in terms}
    got = {term_core(t.old, t.new) for t in result.terms}
    s.terms_true, s.terms_found = len(cores), len(cores & got)
    s.terms_extra = len(got - cores)
    s.make_up = Counter(true.status)
    s.make_up["moved"] = sum(1 for g, m in zip(true.groups, true.moved) if m for _ in g[0])
    return s


_STOP = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as", "at",
                   "be", "is", "are", "this", "that", "it", "its", "their", "they", "from"})


def degenerate(rule: TermRule, result: Comparison) -> str | None:
    """Why a reader would not accept ``rule`` as a rename, or None: a side of stop words or
    numbers only, or starting or ending with a stop word; sides equal once case, plurals,
    hyphens and apostrophes are folded; a word doubled ("the local local"); all its places in
    one record."""
    for side in (rule.old, rule.new):
        words = [w.lower() for w in re.findall(r"[\w'’-]+", side)]
        if not words or all(w in _STOP or w.isdigit() for w in words):
            return f"a side of stop words or numbers: {side!r}"
        if words[0] in _STOP or words[-1] in _STOP:
            return f"a side starting or ending with a stop word: {side!r}"
        if any(a == b for a, b in zip(words, words[1:])):
            return f"a doubled word: {side!r}"
    if "".join(key_phrase(rule.old)) == "".join(key_phrase(rule.new)):
        return "sides equal once folded"
    if sum(1 for c in result.changes if c.old and c.new and rule.applies(c.old_text, c.new_text)) < 2:
        return "all its places in one record"
    return None


def score_renames(s: Score, result: Comparison, planted: list[Planted], new_rt: RoundTrip) -> None:
    """Add the scores of the renames profile to ``s``: a rename made in three or more places is
    found when exactly one rule names its whole names (folded for case, plurals and apostrophes);
    other rules touching its names (sharing a word with its old name and one with its new name)
    are fragments; its stragglers are found when its rule lists the blocks holding them."""
    matched: set[int] = set()
    for p in planted:
        want = (key_phrase(p.rename.old), key_phrase(p.rename.new))
        olds = {w for o, _ in p.rename.forms for w in key_phrase(o)} - _STOP
        news = {w for _, n in p.rename.forms for w in key_phrase(n)} - _STOP
        exact = [k for k, r in enumerate(result.terms) if (key_phrase(r.old), key_phrase(r.new)) == want]
        touching = [k for k, r in enumerate(result.terms)
                    if k not in exact and olds & set(key_phrase(r.old)) and news & set(key_phrase(r.new))]
        matched.update(exact + touching)
        if p.replaced >= 3:
            s.renames_true += 1
            s.renames_found += len(exact) == 1
            s.renames_extra += len(touching)
            if len(exact) != 1 or touching:
                got = [f"{result.terms[k].old} → {result.terms[k].new}" for k in exact + touching]
                s.rename_misses.append(f"{p.rename.shape}: {p.rename.old} → {p.rename.new} ({p.replaced}): "
                                       + ("; ".join(got) or "not found"))
        # compared as blocks read back (a block the round trip lost is counted as lost, not here)
        listed = {b for k in exact for b in result.terms[k].remaining}
        true = {new_rt.block_id[u] for u in p.stragglers if u in new_rt.block_id}
        s.stragglers_true += len(true)
        s.stragglers_found += len(true & listed)
    for k, rule in enumerate(result.terms):
        why = degenerate(rule, result)
        if why:
            s.rules_degenerate += 1
            s.rename_misses.append(f"degenerate rule {rule.old} → {rule.new}: {why}")
        elif k not in matched:
            s.rules_spurious += 1
            s.rename_misses.append(f"rule matching no rename: {rule.old} → {rule.new} ({rule.count})")
