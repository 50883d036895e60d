"""Words decide what changed: the stretches between anchors compared as streams of words.

The aligner pairs *blocks*, but two files of one text may break the same words into
blocks differently: a PDF and its layout text, a Word export and the Word file, two
editions whose typesetter moved a page break. A paragraph read as two, a list item
glued to its lead-in, a footnote attached to another block or to none, a footnote
marker glued to the word before it or spaced, a figure's boxes read in another order
— the words are the same; nothing a reader of the guidance would call a change.

So after pairing, each edition is read as two streams of words: the **body** (every
block but footnotes, in reading order) and the **notes** (footnotes, by their own
text). Each stream is cut at *anchors*: records pairing one block with one block, in
place (not moved), with the same text, in the same order in both editions. Between two
consecutive anchors lies a *region*; the tokens of its blocks (words and punctuation,
typography folded, bullet glyphs and a flow chart's arrows ignored) are diffed as one sequence. What differs
there is first set aside when it is not a change of words:

* **spacing** — the deleted and inserted tokens spell the same characters
  ("199823" / "1998 23", "uk1F" / "uk 1F");
* **footnote markers** — what differs is only the reference number of a footnote
  cited in the region, in either edition, glued to a word or standing alone
  ("help.4" / "help."), or a word processor's hidden reference token ("0F", "schools9F");
* **moved runs** — a run of :data:`MOVED_RUN` or more tokens deleted in one place of
  the region and inserted in another (a box or a footnote read before or after the
  paragraph beside it), a run that is a footnote in one edition and body text in
  the other (a note the reader did not recognise), and a note's text that stands in
  another region of the notes (a footnote attached to another block);
* **figures and tables** — the words of a ``figure`` block, or of a table row, are a
  bag, not a sentence (one file reads a table cell by cell, another line by line
  across its columns): those found anywhere among the other edition's leftover words
  of the region match.

Every record of the region is then judged by the changes on its own words: with none
left it is **layout** (the same words set differently), and otherwise it is
categorised from just those changes, each with a few words of context
(:class:`Verdict`), so that a comma changed in a paragraph the other file breaks in two
is editorial, and a sentence really added beside it is substantive.

Records that moved, and records whose blocks lie in different regions, keep their own
block-to-block diff — except a figure paired out of place: a flow chart's boxes may be read
before or after the text beside them (a text box floats where the page has room), so its
place in the reading order is no more to be trusted than the order of its words, and it is
judged in its region like any other block (a figure moved far, to another region, still
keeps its own diff). Everything here is linear in the size of the regions (one
diff-match-patch run on each), and deterministic.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Block, Document, Section
from .normalize import fold
from .worddiff import Op, coalesce, equal_runs_many, increasing, new_text, old_text

__all__ = ["Verdict", "MOVED_RUN", "judge", "label_end", "tokens_of"]

#: how many tokens a run must have to count as moved text rather than chance
MOVED_RUN = 6
#: share of a figure's (or table row's) leftover words that must be found to take it as re-read
BAG_FOUND = 0.8
#: words of context kept on each side of a change for categorising it
CONTEXT = 12

_TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")
_BULLETS = set("•●▪■◦○◆➢►\u2022\uf0b7\uf0a7\uf076\uf0d8")
#: arrows — the Unicode Arrows blocks, the dingbat arrows and the arrows of Miscellaneous Symbols and
#: Arrows — are drawing: the connectors between a flow chart's boxes, which one file prints as a
#: line of their own and another leaves out or reads into a box; they are not words of the edition
_ARROW = re.compile("[\u2190-\u21ff\u2794-\u27bf\u27f0-\u27ff\u2900-\u297f\u2b00-\u2b4f\u2b60-\u2bff]")
# a word processor's hidden footnote-reference token, alone or glued to a word
_HIDDEN_REF = re.compile(r"^(.*?)(\d{1,3}F)$")
#: blocks whose words are compared as a bag: a figure's boxes, and a table's cells, which one
#: file reads cell by cell and another line by line across the columns
_UNORDERED = frozenset({"figure", "table-row"})
_DIGITS = re.compile(r"^(.*?\D)?(\d{1,3})$")
#: a number or letter printed before a block's first word ("1.", "(a)", "iv)"): a label, which
#: one reader takes for the paragraph's or list item's number and another leaves in the text
_LABEL = re.compile(r"\s*(?:\d{1,3}[.)]|\(\d{1,3}\)|\(?(?:[a-z]|[ivx]{1,5})\))\s+")


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one record's words compare with the other edition's, region by region.

    ``layout`` — no word of the record differs: only how the words are set.
    Otherwise ``ops`` holds the record's real changes, each with up to
    :data:`CONTEXT` words either side (segments joined by an ellipsis), in the
    shape of :func:`~wtdiff.worddiff.diff_words`'s output, to be categorised;
    ``local`` is true when those changes are exactly what the record's own
    block-to-block diff shows (nothing of it was set aside), so its own diff is
    categorised instead, and ``ops`` is left empty: building the context of every
    change of a block added or deleted whole would be work thrown away (two unrelated
    editions have thousands).
    """

    layout: bool
    ops: tuple[Op, ...] = ()
    local: bool = False

    @property
    def old_text(self) -> str:
        return old_text(list(self.ops))

    @property
    def new_text(self) -> str:
        return new_text(list(self.ops))


@dataclass(slots=True)
class _Tok:
    key: str
    block: int  # index into the side's block list
    start: int
    end: int
    #: set aside as layout (or matched by the region diff)
    same: bool = False


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str | None:
    """A token's comparison key, or None for a bullet glyph or an arrow (an edition's words
    repeat, so each is folded once)."""
    if token in _BULLETS or _ARROW.fullmatch(token):
        return None
    return fold(token)


def label_end(text: str) -> int:
    """Where the label a block's text opens with (:data:`_LABEL`: "1.", "(a)", "iv)") ends; 0 when
    it has none."""
    found = _LABEL.match(text)
    return found.end() if found else 0


def tokens_of(text: str) -> list[tuple[str, int, int]]:
    """The comparison tokens of a block's text: (key, start, end); bullet glyphs and arrows
    (:data:`_ARROW`) skipped."""
    out = []
    for m in _TOKEN.finditer(text):
        key = _token_key(m.group())
        if key is not None:
            out.append((key, *m.span()))
    return out


@dataclass(slots=True)
class _Side:
    blocks: list[Block]
    record: list[int]  # record index of each block
    #: the tokens of each block asked for (only blocks in a region are: most are anchors)
    toks: dict[int, list[_Tok]] = field(default_factory=dict)

    def tok(self, k: int) -> list[_Tok]:
        got = self.toks.get(k)
        if got is None:
            got = self.toks[k] = [_Tok(key, k, s, e) for key, s, e in tokens_of(self.blocks[k].text)]
        return got


# --- the layout rules -------------------------------------------------------------------------


def _strip_marker(key: str, markers: set[int]) -> str:
    """A token with a footnote marker taken off: "199823" → "1998" when note 23 is cited,
    "help4" → "help", "schools0F" → "schools"; a marker alone becomes ""."""
    m = _HIDDEN_REF.match(key)
    if m:
        return m.group(1)
    m = _DIGITS.match(key)
    if m and int(m.group(2)) in markers and not m.group(2).startswith("0"):
        head = m.group(1) or ""
        if not head or re.search(r"[^\W\d_]", head) or re.fullmatch(r"\d{4}", head):
            return head
    return key


def _hunk_is_layout(dels: list[_Tok], ins: list[_Tok], markers: set[int], stripped: dict[str, str]) -> bool:
    """The spacing and footnote-marker rules for one hunk of a region diff; ``stripped``
    remembers each key with its marker taken off (for the region's ``markers``: its words
    repeat from hunk to hunk)."""
    d = "".join(t.key for t in dels)
    i = "".join(t.key for t in ins)
    if d == i:
        return True  # spacing

    def strip(key: str) -> str:
        got = stripped.get(key)
        if got is None:
            got = stripped[key] = _strip_marker(key, markers)
        return got

    return "".join(strip(t.key) for t in dels) == "".join(strip(t.key) for t in ins)


def _is_label(toks: list[_Tok], side: _Side) -> bool:
    """Whether the tokens are just the label a block opens with (:data:`_LABEL`): a list item's
    "1." or "(a)" left in one file's text where the other took it for the block's number — no
    words of the edition (a label that changed with the numbering is renumbering)."""
    if not toks or any(t.block != toks[0].block for t in toks):
        return False
    block = side.tok(toks[0].block)
    label = label_end(side.blocks[toks[0].block].text)
    return bool(label) and toks[0] is block[0] and toks[-1].end <= label \
        and (len(block) == len(toks) or block[len(toks)].start >= label)


def _slides_to_label(run: list[_Tok], region: _Region, side: int, owner: _Side,
                     places: list[dict[int, int] | None]) -> bool:
    """Whether a run of tokens only one edition's side of the region has could as well be cut
    where it is exactly the label a block opens with (:func:`_is_label`).

    Where the tokens next to a deleted (or inserted) run repeat its own, the diff may cut it one
    place or the other: of "… local authority. 3. Safeguarding …" against "… local authority.
    Safeguarding …", the label "3." deleted, or the full stop before it and the "3". A run
    slides one token right while the matched token after it is the same as its first, left while
    the matched token before it is the same as its last — the same tokens matched, only other ones
    of them. When one of those places is a label, the run is that label and its neighbours matched:
    layout, as the label rule has it. ``places`` remembers each side's token positions, found only
    for a region that has such a run."""
    toks, matched = region.toks[side], region.matched[side]
    index = places[side]
    if index is None:
        index = places[side] = {id(t): k for k, t in enumerate(toks)}
    first = index.get(id(run[0]))
    if first is None or index.get(id(run[-1])) != first + len(run) - 1:
        return False  # not one stretch of this side's tokens
    for step in (1, -1):
        i, j = first, first + len(run) - 1
        while True:
            nxt = j + 1 if step > 0 else i - 1
            if not 0 <= nxt < len(toks) or not matched[nxt] or toks[nxt].key != toks[i if step > 0 else j].key:
                break
            i, j = i + step, j + step
            if _is_label(toks[i:j + 1], owner):
                return True
    return False


def _cancel_runs(pairs: Sequence[tuple[list[_Tok], list[_Tok]]], min_run: int) -> None:
    """Mark runs of at least ``min_run`` equal tokens between two leftover sequences as same,
    for each pair (independent pairs: no token in two of them; diffed side by side)."""
    found = equal_runs_many([([t.key for t in a], [t.key for t in b]) for a, b in pairs])
    for (a, b), runs in zip(pairs, found, strict=True):
        for i, j, n in runs:
            if n >= min_run:
                for k in range(n):
                    a[i + k].same = b[j + k].same = True


def _parts(key: str) -> list[str]:
    """A word's parts for bag matching: "multi-disciplinary" is "multi" and "disciplinary", since
    a box set in a narrow column may break a compound at its hyphen, and the words of the box
    beside it then stand between the two halves."""
    return [p for p in re.split(r"[-\u2010\u2011]", key.lower()) if p]


def _cancel_bag(figure: list[_Tok], other: list[_Tok]) -> None:
    """Words of a figure (or table row) match the other edition's leftover words wherever they
    stand, in any case — when nearly all of that block's leftover words are found
    (:data:`BAG_FOUND`): a block re-read in another order has its words, a new row has not.
    Words are matched by their parts (:func:`_parts`), so a compound broken at its hyphen on
    one side is the same word. A figure's punctuation says nothing (its boxes are not sentences)."""
    pool: dict[str, list[_Tok]] = {}
    owed: dict[int, int] = {}  # id of an other-side token -> its parts not yet matched
    for t in other:
        if not t.same:
            for part in _parts(t.key):
                pool.setdefault(part, []).append(t)
                owed[id(t)] = owed.get(id(t), 0) + 1
    by_block: dict[int, list[_Tok]] = {}
    for t in figure:
        by_block.setdefault(t.block, []).append(t)
    for toks in by_block.values():
        words = [t for t in toks if t.key[0].isalnum()]
        taken: list[tuple[_Tok, str, _Tok]] = []
        missing = 0
        for t in words:
            whole = t.key.lower()
            for part in _parts(t.key):
                got = pool.get(part)
                if got:
                    # the same word rather than a compound holding it, where there is one
                    k = next((k for k, o in enumerate(got) if o.key.lower() == whole), 0)
                    taken.append((t, part, got.pop(k)))
                else:
                    missing += 1
        if len(taken) < BAG_FOUND * (len(taken) + missing):
            for _, part, o in reversed(taken):  # not this block's words in another order: put them back
                pool[part].insert(0, o)
            continue
        for t, _, o in taken:
            owed[id(o)] -= 1
            if not owed[id(o)]:
                o.same = True
        found = Counter(id(t) for t, _, _ in taken)
        for t in toks:
            if not t.key[0].isalnum() or found[id(t)] == len(_parts(t.key)):
                t.same = True


# --- regions ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Region:
    old: list[int]  # block indexes on the old side
    new: list[int]
    # the region diff in order: (op, token) with op "=", "-" or "+"
    script: list[tuple[str, _Tok]] = field(default_factory=list)
    #: each side's tokens in order, and which of them the region diff matched
    toks: tuple[list[_Tok], list[_Tok]] = ([], [])
    matched: tuple[list[bool], list[bool]] = ([], [])


def _diff_regions(regions: Sequence[tuple[_Region, _Side, _Side]]) -> None:
    """Each region's tokens diffed as one sequence, old against new, and its script set
    (regions hold no token in common: their diffs run side by side)."""
    toks = [([t for k in region.old for t in a.tok(k)], [t for k in region.new for t in b.tok(k)])
            for region, a, b in regions]
    found = equal_runs_many([([t.key for t in ta], [t.key for t in tb]) for ta, tb in toks])
    for (region, _, _), (ta, tb), runs in zip(regions, toks, found, strict=True):
        script: list[tuple[str, _Tok]] = []
        i = j = 0
        for si, sj, n in runs + [(len(ta), len(tb), 0)]:
            script += [("-", t) for t in ta[i:si]] + [("+", t) for t in tb[j:sj]]
            for k in range(n):
                ta[si + k].same = tb[sj + k].same = True
                script.append(("=", tb[sj + k]))
            i, j = si + n, sj + n
        region.script = script
        region.toks = (ta, tb)
        region.matched = ([t.same for t in ta], [t.same for t in tb])


def _hunks(script: list[tuple[str, _Tok]]) -> list[tuple[list[_Tok], list[_Tok], int, int]]:
    """Maximal runs of tokens not (yet) the same, as (deleted, inserted, first, last position)."""
    out: list[tuple[list[_Tok], list[_Tok], int, int]] = []
    dels: list[_Tok] = []
    ins: list[_Tok] = []
    first = 0
    for k, (op, t) in enumerate(script + [("=", None)]):  # type: ignore[list-item]
        if op == "=" or t.same:
            if dels or ins:
                out.append((dels, ins, first, k - 1))
            dels, ins = [], []
        else:
            if not dels and not ins:
                first = k
            (dels if op == "-" else ins).append(t)
    return out


def _markers(blocks: Sequence[Block]) -> set[int]:
    out = set()
    for b in blocks:
        for n in b.notes:
            if n.number and n.number.isdigit():
                out.add(int(n.number))
        if b.kind == "footnote" and b.number and b.number.isdigit():
            out.add(int(b.number))
    return out


def _regions(a: _Side, b: _Side, anchors: list[tuple[int, int]], free_a: list[int],
             free_b: list[int]) -> list[_Region]:
    """Cut the free blocks of both sides at the anchors (pairs of block indexes, in order)."""
    bounds_a = [i for i, _ in anchors]
    bounds_b = [j for _, j in anchors]
    regions = [_Region([], []) for _ in range(len(anchors) + 1)]
    for k in free_a:
        regions[bisect.bisect_left(bounds_a, k)].old.append(k)
    for k in free_b:
        regions[bisect.bisect_left(bounds_b, k)].new.append(k)
    return [r for r in regions if r.old or r.new]


class _Records:
    """Which blocks each record holds, and where they stand."""

    def __init__(self, old: Document, new: Document,
                 records: Sequence[tuple[tuple[Block, ...], tuple[Block, ...], bool]]) -> None:
        self.records = records
        rec_old: dict[str, int] = {}
        rec_new: dict[str, int] = {}
        for r, (olds, news, _) in enumerate(records):
            for blk in olds:
                rec_old[blk.id] = r
            for blk in news:
                rec_new[blk.id] = r
        self.streams: list[tuple[_Side, _Side]] = []
        for notes in (False, True):
            sides = []
            for doc, rec in ((old, rec_old), (new, rec_new)):
                blocks = [x for x in _reading(doc) if (x.kind == "footnote") == notes and
                          (x.id in rec or x.kind == "heading")]
                sides.append(_Side(blocks, [rec.get(x.id, -1) for x in blocks]))
            self.streams.append((sides[0], sides[1]))


def _reading(doc: Document) -> Iterator[Block]:
    """Every block in reading order, and each heading as a block of kind "heading" (record -1):
    a heading in one file may be a paragraph in the other."""
    def walk(children: tuple[object, ...]) -> Iterator[Block]:
        for child in children:
            if isinstance(child, Block):
                yield child
                yield from child.notes
            elif isinstance(child, Section):
                yield Block(id=child.id, kind="heading", text=child.title)  # type: ignore[arg-type]
                yield from walk(child.children)
    return walk(doc.children)


def judge(old: Document, new: Document,
          records: Sequence[tuple[tuple[Block, ...], tuple[Block, ...], bool]]) -> dict[int, Verdict]:
    """Verdicts for the records (old blocks, new blocks, moved) that the regions decide.

    A record missing from the result keeps its own diff: it is unchanged, moved, or
    its blocks stand in different regions.
    """
    rec = _Records(old, new, records)
    anchor = {r for r, (olds, news, moved) in enumerate(records)
              if len(olds) == 1 and len(news) == 1 and not moved and olds[0].text == news[0].text}
    # records judged in their regions: all but the moved — save figures, whose place in the
    # reading order is no more to be trusted than the order of their words
    placed = {r for r, (olds, news, moved) in enumerate(records)
              if not moved or all(x.kind == "figure" for x in olds + news)}
    judged: dict[int, tuple[set[int], set[int]]] = {}  # record -> (region ids on each side)
    all_regions: list[tuple[_Region, _Side, _Side]] = []
    for a, b in rec.streams:
        pos_b = {blk.id: k for k, blk in enumerate(b.blocks)}
        pairs = sorted((i, pos_b[records[r][1][0].id]) for i, r in enumerate(a.record)
                       if r in anchor and records[r][1][0].id in pos_b)
        anchors = increasing(pairs)
        used_a = {i for i, _ in anchors}
        used_b = {j for _, j in anchors}
        free_a = [i for i, r in enumerate(a.record) if i not in used_a and (r < 0 or r in placed)]
        free_b = [j for j, r in enumerate(b.record) if j not in used_b and (r < 0 or r in placed)]
        for region in _regions(a, b, anchors, free_a, free_b):
            rid = len(all_regions)
            all_regions.append((region, a, b))
            for k in region.old:
                if a.record[k] >= 0:
                    judged.setdefault(a.record[k], (set(), set()))[0].add(rid)
            for k in region.new:
                if b.record[k] >= 0:
                    judged.setdefault(b.record[k], (set(), set()))[1].add(rid)
    # The regions share no token, so each step runs over all of them before the next: their
    # diffs then run side by side.
    _diff_regions(all_regions)
    lefts: list[tuple[list[_Tok], list[_Tok]]] = []
    for region, a, b in all_regions:
        markers = _markers([a.blocks[k] for k in region.old] + [b.blocks[k] for k in region.new])
        stripped: dict[str, str] = {}
        places: list[dict[int, int] | None] = [None, None]
        for dels, ins, _, _ in _hunks(region.script):
            if _hunk_is_layout(dels, ins, markers, stripped) or _is_label(dels, a) and not ins \
                    or _is_label(ins, b) and not dels \
                    or not ins and _slides_to_label(dels, region, 0, a, places) \
                    or not dels and _slides_to_label(ins, region, 1, b, places):
                for t in dels + ins:
                    t.same = True
        lefts.append(([t for op, t in region.script if op == "-" and not t.same],
                      [t for op, t in region.script if op == "+" and not t.same]))
    _cancel_runs(lefts, MOVED_RUN)
    for (region, a, b), (left_a, left_b) in zip(all_regions, lefts, strict=True):
        for figs, other, fside in ((left_a, left_b, a), (left_b, left_a, b)):
            fig = [t for t in figs if not t.same and fside.blocks[t.block].kind in _UNORDERED]
            if fig:
                _cancel_bag(fig, [t for t in other if not t.same])
    # a footnote read as body text in the other file
    (ba, bb), (na, nb) = rec.streams
    leftovers: dict[int, list[_Tok]] = {id(s): [] for s in (ba, bb, na, nb)}
    for region, x, y in all_regions:
        gone, came = leftovers[id(x)], leftovers[id(y)]
        for op, t in region.script:
            if not t.same:
                if op == "-":
                    gone.append(t)
                elif op == "+":
                    came.append(t)
    _cancel_runs([(leftovers[id(ba)], leftovers[id(nb)]), (leftovers[id(na)], leftovers[id(bb)])], MOVED_RUN)
    # a footnote attached to another block: the same note text in another region
    _cancel_runs([([t for t in leftovers[id(na)] if not t.same], [t for t in leftovers[id(nb)] if not t.same])],
                 MOVED_RUN)

    hunks_of: dict[int, list[_Hunk]] = {}
    touched: set[int] = set()  # records some of whose differing tokens were set aside
    for region, a, b in all_regions:
        for op, t in region.script:
            if op != "=" and t.same:
                touched.add((a if op == "-" else b).record[t.block])
        for dels, ins, first, last in _hunks(region.script):
            hunk = _Hunk(dels, ins, first, last, region, a, b)
            for r in sorted(({a.record[t.block] for t in dels} | {b.record[t.block] for t in ins}) - {-1}):
                hunks_of.setdefault(r, []).append(hunk)
    out: dict[int, Verdict] = {}
    for r, (ra, rb) in sorted(judged.items()):
        olds, news, moved = records[r]
        if r not in placed or r in anchor or len(ra | rb) != 1:
            continue
        mine = hunks_of.get(r)
        if not mine:
            out[r] = Verdict(layout=True)
        else:
            # the record's own view holds: a 1:1 pair nothing of whose diff was set aside, or a
            # block added or deleted whole
            local = r not in touched and (len(olds) == len(news) == 1 or not olds or not news)
            out[r] = Verdict(layout=False, ops=() if local else tuple(_context_ops(mine)), local=local)
    return out


@dataclass(slots=True)
class _Hunk:
    dels: list[_Tok]
    ins: list[_Tok]
    first: int  # positions in the region's script
    last: int
    region: _Region
    a: _Side
    b: _Side


def _text(side: _Side, toks: Sequence[_Tok]) -> str:
    """The printed text of consecutive tokens of one side (blocks joined by a space)."""
    parts: list[str] = []
    k = 0
    while k < len(toks):
        first = toks[k]
        last = first
        while k + 1 < len(toks) and toks[k + 1].block == first.block:
            k += 1
            last = toks[k]
        parts.append(side.blocks[first.block].text[first.start:last.end])
        k += 1
    return " ".join(parts)


def _context_ops(hunks: list[_Hunk]) -> list[Op]:
    """Each real change with up to CONTEXT equal tokens either side, as one diff."""
    ops: list[Op] = []
    for h in hunks:
        before = _equal_run(h.region.script, h.first - 1, -1)
        after = _equal_run(h.region.script, h.last + 1, +1)
        if ops:
            ops.append(("=", " … "))
        if before:
            ops.append(("=", _text(h.b, before) + " "))
        if h.dels:
            ops.append(("-", _text(h.a, h.dels)))
        if h.ins:
            ops.append(("+", _text(h.b, h.ins)))
        if after:
            ops.append(("=", " " + _text(h.b, after)))
    return coalesce(ops)


def _equal_run(script: list[tuple[str, _Tok]], k: int, step: int) -> list[_Tok]:
    """Up to CONTEXT tokens of the new side that are the same, from ``k`` going ``step``."""
    out: list[_Tok] = []
    while 0 <= k < len(script) and len(out) < CONTEXT:
        op, t = script[k]
        if op == "=":
            out.append(t)
        elif not t.same:
            break
        k += step
    return out[::-1] if step < 0 else out
