"""Step (c′) of the alignment, **stretches re-cut**: where both editions hold the same words
between two unchanged blocks, the blocks in between are paired by where their words fall.

Two files of one text may cut the same words into blocks differently — a paragraph broken at a
page end, two paragraphs run together, a list item glued to its lead-in — and when the words
repeat from block to block ("Under arrangement 2, safeguarding partners …", "Under arrangement
3, safeguarding partners …"), similarity alone may pair a piece of one paragraph with the
paragraph after it, out of order: a move, and two changes of wording, that no reader of the two
editions would see. Words decide, not blocks:

* an *anchor* is a pair of one block with one block of the same text, in the order both
  editions agree on (footnotes aside: they are read in a stream of their own, and a reader may
  set them anywhere on their page);
* between two consecutive anchors lies a *stretch*; when the body blocks of the stretch, read in
  order, hold exactly the same comparison tokens in both editions (:func:`~wtdiff.regions.tokens_of`:
  words and punctuation, typography folded; the label a block opens with, "2." or "(b)", aside:
  :func:`~wtdiff.regions.label_end`), each block goes with the blocks of the other edition
  its tokens overlap: the cuts both editions share close a group — one block with one (a pair),
  one with several (a split), several with one (a merge);
* the stretch is re-cut only when every block in it has words, no group would join several
  blocks with several, and no pair made so far joins a block of the stretch with one outside it
  (that is a real move, for the later steps to judge).

A stretch whose words differ at all is left to the other steps: this one changes nothing that
words could dispute.
"""

from __future__ import annotations

from ..regions import label_end, tokens_of
from ..worddiff import increasing
from .base import Groups, _Side

__all__: list[str] = []


def _keys(side: _Side, k: int, memo: dict[int, list[str]]) -> list[str]:
    """A block's comparison tokens, the label it opens with aside (one reader leaves a list item's
    "2." in its text where another takes it for the item's number)."""
    got = memo.get(k)
    if got is None:
        text = side.blocks[k].text
        label = label_end(text)
        got = memo[k] = [key for key, start, _ in tokens_of(text) if start >= label]
    return got


def _cut(olds: list[int], news: list[int], a: _Side, b: _Side, memo_a: dict[int, list[str]],
         memo_b: dict[int, list[str]]) -> list[tuple[list[int], list[int]]] | None:
    """The groups of a stretch whose blocks hold the same tokens in both editions, or None."""
    if not olds or not news or len(olds) == len(news) == 1:
        return None
    ka = [_keys(a, i, memo_a) for i in olds]
    kb = [_keys(b, j, memo_b) for j in news]
    if not all(ka) or not all(kb) or [t for k in ka for t in k] != [t for k in kb for t in k]:
        return None
    groups: list[tuple[list[int], list[int]]] = []
    x = y = 0  # the next block of each side
    end_a, end_b = len(ka[0]), len(kb[0])  # where the current block of each side ends
    group: tuple[list[int], list[int]] = ([olds[0]], [news[0]])
    while True:
        if end_a == end_b:  # a cut both editions share: the group is closed
            if len(group[0]) > 1 and len(group[1]) > 1:
                return None
            groups.append(group)
            x, y = x + 1, y + 1
            if x == len(olds):
                return groups
            end_a += len(ka[x])
            end_b += len(kb[y])
            group = ([olds[x]], [news[y]])
        elif end_a < end_b:
            x += 1
            end_a += len(ka[x])
            group[0].append(olds[x])
        else:
            y += 1
            end_b += len(kb[y])
            group[1].append(news[y])


def _recut(a: _Side, b: _Side, groups: Groups) -> Groups:
    """``groups`` with every stretch of the same words between anchors re-cut (see the module
    docstring)."""
    body_a = [i for i, blk in enumerate(a.blocks) if blk.kind != "footnote"]
    body_b = [j for j, blk in enumerate(b.blocks) if blk.kind != "footnote"]
    pos_a = {i: p for p, i in enumerate(body_a)}
    pos_b = {j: p for p, j in enumerate(body_b)}
    anchors = increasing(sorted(
        (pos_a[olds[0]], pos_b[news[0]]) for olds, news in groups
        if len(olds) == 1 and len(news) == 1 and olds[0] in pos_a and news[0] in pos_b
        and a.blocks[olds[0]].text == b.blocks[news[0]].text))
    group_of_a: dict[int, int] = {}
    group_of_b: dict[int, int] = {}
    for n, (olds, news) in enumerate(groups):
        group_of_a.update((i, n) for i in olds)
        group_of_b.update((j, n) for j in news)
    memo_a: dict[int, list[str]] = {}
    memo_b: dict[int, list[str]] = {}
    dropped: set[int] = set()
    made: list[tuple[list[int], list[int]]] = []
    for (p0, q0), (p1, q1) in zip([(-1, -1), *anchors], [*anchors, (len(body_a), len(body_b))]):
        olds, news = body_a[p0 + 1:p1], body_b[q0 + 1:q1]
        cut = _cut(olds, news, a, b, memo_a, memo_b)
        if cut is None:
            continue
        inside_a, inside_b = set(olds), set(news)
        touched = {group_of_a[i] for i in olds if i in group_of_a} | {group_of_b[j] for j in news if j in group_of_b}
        if any(not set(groups[n][0]) <= inside_a or not set(groups[n][1]) <= inside_b for n in touched):
            continue  # a pair reaching out of the stretch: a move, judged later
        if sorted((sorted(groups[n][0]), sorted(groups[n][1])) for n in touched) == sorted(cut):
            continue  # paired so already
        dropped |= touched
        made += cut
    if not made:
        return groups
    return [g for n, g in enumerate(groups) if n not in dropped] + made
