"""The new edition as a Word document with tracked changes against the old (``--format docx``).

Word's reviewers accept or reject changes one by one; this renderer writes the
comparison so that **accepting every change gives the new edition's text and
rejecting every change gives the old one's**. How the two editions are laid
into one document:

* (a) **Units.** Each edition is read in order as headings (sections) and
  blocks; footnotes go with the block citing them. A change record (a block
  record, or a heading record) joins the units it pairs.
* (b) **Anchors.** A record pairing units of both editions, not moved, whose
  units are adjacent in each edition, can be shown in place. The longest chain
  of such records in the order of *both* editions (a longest increasing
  subsequence) is shown in place; any other pairing is shown as a move. So
  every unit of the old edition keeps its order, and every unit of the new
  edition its order, whatever the alignment says.
* (c) **In place.** An anchored record's word diff becomes ``w:del`` and
  ``w:ins`` runs. Where a paragraph was split, the new paragraph marks are
  inserted; where paragraphs were merged, the old marks are deleted. Printed
  paragraph numbers are text ("12.", a tab) and are diffed like words, so a
  renumbering is a tracked change too.
* (d) **Between anchors.** The old edition's units come first — deleted
  (content and paragraph mark in ``w:del``) or moved away (``w:moveFrom``
  inside a named move range) — then the new edition's: inserted, or moved here
  (``w:moveTo``). A moved and reworded paragraph keeps the words it lost as
  ``w:del`` at its old place and its new words as ``w:ins`` at its new place.
* (e) **Tables.** Consecutive table rows are one Word table. A row paired in
  place with the same number of cells is diffed cell by cell; any other row is
  a deleted row (``w:trPr/w:del``) or an inserted one (``w:trPr/w:ins``).
* (f) **Footnotes** are Word footnotes. A note paired with its counterpart
  and cited from the same in-place record has one reference and a diffed body;
  any other note's reference (and body) is deleted or inserted with its side.
* (f2) **Set aside.** Units no record covers — an edition's own table of
  changes, which :func:`~wtdiff.comparison.compare` keeps out of the alignment
  under its aligned heading — are deleted (the old edition's) or inserted (the
  new one's) as published, with one comment saying so.
* (g) **Comments.** Every record a reader must look at (everything but
  unchanged-in-place) carries a Word comment: what happened, its categories,
  the term rules that explain it, a modal verb's change, and the ``reason``
  of the first ``--annotations`` entry that matches it (by change id or by text
  of either edition, as :mod:`wtdiff.annotations` matches).

Every revision and comment is by "wtdiff", dated with the new edition's
publication date (from the registry when the edition is a registry edition,
else a year in its title, else 1980-01-01). Core properties carry the same
date, and the package is re-zipped with fixed timestamps, so the same
comparison gives the same bytes. Characters XML cannot hold (control
characters other than tab and newline) are dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..comparison import Change, Comparison, SectionChange
from ..model import Block, Document, Node, Section
from ..worddiff import Op, diff_words
from . import attribution
from .view import label, section_line, where

if TYPE_CHECKING:
    from ..annotations import Annotation

__all__ = ["render", "unit_text", "units", "AUTHOR", "FALLBACK_DATE"]

#: the author of every revision and comment
AUTHOR = "wtdiff"
#: the date used when an edition's publication date cannot be known
FALLBACK_DATE = "1980-01-01"
_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")

# Run and mark kinds: "=" plain, "-" deleted, "+" inserted, "mf" moved from, "mt" moved to.
Run = tuple[str, str]


# --- (a) units ------------------------------------------------------------------------------

def units(doc: Document) -> list[Node]:
    """The headings and blocks of ``doc`` in reading order, footnotes left with their blocks."""
    out: list[Node] = []

    def walk(children: tuple[Node, ...]) -> None:
        for child in children:
            out.append(child)
            if isinstance(child, Section):
                walk(child.children)

    walk(doc.children)
    return out


def _clean(text: str) -> str:
    return _BAD_XML.sub("", text)


def _prefix(b: Block) -> str:
    """The printed number as the document shows it: "12." and a tab (none for table rows)."""
    return f"{b.number}.\t" if b.number and b.kind not in ("table-row", "footnote") else ""


def unit_text(node: Node) -> str:
    """One unit's text as the document prints it: a heading's title; a block's number and
    text; a table row's cells joined with " | "."""
    if isinstance(node, Section):
        return _clean(node.title)
    if node.kind == "table-row":
        return " | ".join(_clean(c) for c in _cells(node))
    return _clean(_prefix(node) + node.text)


def _cells(b: Block) -> tuple[str, ...]:
    return b.cells or (b.text,)


# --- (b) records and anchors ----------------------------------------------------------------

@dataclass
class _Group:
    old: list[int]             # unit indexes in the old edition
    new: list[int]
    change: Change | None = None
    section: SectionChange | None = None
    ops: tuple[Op, ...] | None = None
    anchored: bool = False
    #: the name pairing its move ranges, once it has one
    move_name: str | None = None
    #: its first paragraph on each side, once written
    first: dict[str, "_Para"] = field(default_factory=dict)


def _uncovered(covered: dict[int, _Group], count: int) -> list[list[int]]:
    """Runs of consecutive units no record covers: an edition's own table of changes, which
    :func:`~wtdiff.comparison.compare` sets aside (its heading stays and is aligned)."""
    runs: list[list[int]] = []
    for i in range(count):
        if i in covered:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _key(node: Node) -> tuple[bool, str]:
    """A unit's identity within its edition: ids are unique among sections and among blocks."""
    return isinstance(node, Section), node.id


def _groups(c: Comparison, old_units: list[Node], new_units: list[Node],
            notes: set[str]) -> list[_Group]:
    old_at = {_key(n): i for i, n in enumerate(old_units)}
    new_at = {_key(n): i for i, n in enumerate(new_units)}
    out: list[_Group] = []
    for ch in c.changes:
        old = [b for b in ch.old if b.id not in notes or _key(b) in old_at]
        new = [b for b in ch.new if b.id not in notes or _key(b) in new_at]
        if not old and not new:
            continue  # a footnote record: shown with its citing block
        mixed = len(old) != len(ch.old) or len(new) != len(ch.new)
        if mixed and old and new:
            # a footnote paired with a body block: each body side stands alone
            out.append(_Group([old_at[_key(b)] for b in old], [], change=ch))
            out.append(_Group([], [new_at[_key(b)] for b in new], change=ch))
            continue
        out.append(_Group([old_at[_key(b)] for b in old], [new_at[_key(b)] for b in new], change=ch,
                          ops=ch.diff if not mixed else None))
    for s in c.sections:
        olds, news = [old_at[_key(x)] for x in s.old], [new_at[_key(x)] for x in s.new]
        if olds and news and len(olds) == len(news) == 1:
            ops = tuple(diff_words(_clean(s.old[0].title), _clean(s.new[0].title)))
            out.append(_Group(olds, news, section=s, ops=ops))
        else:
            out.extend(_Group([o], [], section=s) for o in olds)
            out.extend(_Group([], [n], section=s) for n in news)
    return out


def _adjacent(ix: list[int]) -> bool:
    return ix == list(range(ix[0], ix[0] + len(ix)))


def _is_row(node: Node) -> bool:
    return isinstance(node, Block) and node.kind == "table-row"


def _anchor(groups: list[_Group], old_units: list[Node], new_units: list[Node]) -> None:
    """Mark the longest chain of in-place pairs that keeps the order of both editions.

    A pair can stand in place when it is not moved and its units are adjacent in
    each edition; table rows only one to one, row to row, with as many cells.
    """
    candidates = []
    for g in groups:
        moved = g.change.moved if g.change else bool(g.section and g.section.moved)
        if not g.old or not g.new or moved or not _adjacent(g.old) or not _adjacent(g.new):
            continue
        rows = [_is_row(old_units[i]) for i in g.old] + [_is_row(new_units[i]) for i in g.new]
        if any(rows):
            o, n = old_units[g.old[0]], new_units[g.new[0]]
            if not all(rows) or len(rows) != 2 or len(_cells(o)) != len(_cells(n)):  # type: ignore[arg-type]
                continue
        candidates.append(g)
    candidates.sort(key=lambda g: g.new[0])
    # patience sorting: the longest strictly increasing run of old positions
    tails: list[int] = []      # old position at the end of the best chain of each length
    tail_at: list[int] = []    # the candidate ending it
    back: list[int] = []
    for k, g in enumerate(candidates):
        pos = bisect.bisect_left(tails, g.old[0])
        back.append(tail_at[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(g.old[0])
            tail_at.append(k)
        else:
            tails[pos] = g.old[0]
            tail_at[pos] = k
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        candidates[k].anchored = True
        k = back[k]


# --- paragraphs as runs ---------------------------------------------------------------------

@dataclass
class _Para:
    """One paragraph (or table row) to write."""

    kind: str                  # a block kind, or "heading"
    level: int
    runs: list[Run]
    mark: str                  # how its paragraph mark is tracked
    cells: list[list[Run]] | None = None
    header: bool = False
    #: it starts with a printed paragraph number
    numbered: bool = False
    notes: list[tuple[str, Block | None, Block | None]] = field(default_factory=list)
    comment_start: list[int] = field(default_factory=list)
    comment_end: list[int] = field(default_factory=list)
    move_start: list[tuple[str, str]] = field(default_factory=list)  # (side, name)
    move_end: list[tuple[str, str]] = field(default_factory=list)


def _style_of(node: Node) -> tuple[str, int]:
    if isinstance(node, Section):
        return "heading", max(1, min(node.level, 9))
    return node.kind, node.level


def _number_ops(old: Block | None, new: Block | None) -> list[Op]:
    """The printed numbers starting a paragraph as a diff: kept, or the old deleted and the new
    inserted (the tab after them kept)."""
    a, b = (_prefix(old) if old else ""), (_prefix(new) if new else "")
    if a == b:
        return [("=", a)] if a else []
    return [op for op in (("-", a[:-1]), ("+", b[:-1])) if op[1]] + [("=", "\t")] if a and b else \
        [op for op in (("-", a), ("+", b)) if op[1]]


def _boundaries(texts: list[str]) -> set[int]:
    """Offsets of the joining spaces between the texts of several blocks."""
    out, at = set(), 0
    for t in texts[:-1]:
        at += len(t)
        out.add(at)
        at += 1
    return out


def _in_place(old: list[Block], new: list[Block], ops: Sequence[Op]) -> list[tuple[list[Run], str, int, int]]:
    """The pieces (runs, mark, old block index, new block index) of an anchored block record."""
    old_b = _boundaries([b.text for b in old])
    new_b = _boundaries([b.text for b in new])
    pieces: list[tuple[list[Run], str, int, int]] = []
    runs: list[Run] = list(_number_ops(old[0], new[0]))
    i = j = 0
    o = n = 0

    def cut(mark: str, next_old: Block | None, next_new: Block | None) -> None:
        nonlocal runs
        pieces.append((runs, mark, i, j))
        runs = list(_number_ops(next_old, next_new))

    for op, text in ops:
        start = 0
        for k, ch in enumerate(text):
            at_old = op in "=-" and o in old_b
            at_new = op in "=+" and n in new_b
            if at_old or at_new:
                if k > start:
                    runs.append((op, text[start:k]))
                start = k + 1
                if op == "=" and at_old and at_new:
                    cut("=", old[i + 1], new[j + 1])
                    i, j = i + 1, j + 1
                elif at_old:
                    if op == "=":
                        runs.append(("+", ch))
                    cut("-", old[i + 1], None)
                    i += 1
                else:
                    if op == "=":
                        runs.append(("-", ch))
                    cut("+", None, new[j + 1])
                    j += 1
            if op in "=-":
                o += 1
            if op in "=+":
                n += 1
        if start < len(text):
            runs.append((op, text[start:]))
    pieces.append((runs, "=", i, j))
    return [([(k, _clean(t)) for k, t in r if t], m, a, b) for r, m, a, b in pieces]


def _one_side(blocks: list[Block], ops: Sequence[Op] | None, side: str, same: str, changed: str
              ) -> list[list[Run]]:
    """Each block of one side of a record as runs: words both sides share as ``same``, words
    only this side has as ``changed``."""
    if ops is None:
        return [[(same, _clean(_prefix(b) + b.text))] for b in blocks]
    keep = "=-" if side == "old" else "=+"
    bounds = _boundaries([b.text for b in blocks])
    out: list[list[Run]] = [[(same, _prefix(blocks[0]))]]
    at = 0
    for op, text in ops:
        if op not in keep:
            continue
        kind = same if op == "=" else changed
        start = 0
        for k in range(len(text)):
            if at in bounds:
                out[-1].append((kind, text[start:k]))
                out.append([(same, _prefix(blocks[len(out)]))])
                start = k + 1
            at += 1
        out[-1].append((kind, text[start:]))
    return [[(k, _clean(t)) for k, t in r if t] for r in out]


# --- (g) comments ---------------------------------------------------------------------------

def _place(blocks: tuple[Block, ...]) -> str:
    """"paragraph 24 in Chapter 2 › Scope", or "in Chapter 2 › Scope" for unnumbered blocks."""
    name = label(blocks)
    numbered = any(b.number or b.term for b in blocks)
    return (f"{name[0].lower() + name[1:]} in " if numbered else "in ") + where(blocks)


def _comment(g: _Group, terms: Sequence[tuple[str, str, int]], annotations: Sequence[Annotation],
             side: str = "", moved: bool = False) -> list[str] | None:
    """The comment's paragraphs for a record, or None when there is nothing to read.

    ``side`` is "from" for the comment where a moved record left; ``moved`` says the record is
    shown as a move (it may be, without the alignment's flag, when its chapter moved).
    """
    if g.section is None and g.change is None:
        return [f"Not compared: set aside as the {'old' if g.old else 'new'} edition's own account of its "
                "changes, and shown as published."]
    if g.section is not None:
        s = g.section
        if s.status in ("unchanged", "modified") and not (s.moved or s.renamed or moved):
            return None  # a heading whose words and place are kept: its paragraphs say what changed
        if moved and not s.moved:  # its chapter moved around it
            return [f"Heading moved: {' / '.join(x.title for x in s.new)}"]
        return [section_line(s)]
    c = g.change
    if c is None or not (c.is_change or moved):
        return None
    what = {"split": f"Split into {len(c.new)}", "merged": f"Merged from {len(c.old)}"}.get(
        c.status, c.status.capitalize())
    if c.moved or moved:
        what = "Moved" if c.status == "unchanged" else f"{what} and moved"
    if side == "from":
        lines = [f"{what}: now {_place(c.new)}."]
    else:
        lines = [what + (f": was {_place(c.old)}." if (c.moved or moved) and c.old else ".")]
    if c.categories:
        lines.append("Categories: " + ", ".join(c.categories) + ".")
    for o in c.obligations:
        lines.append(f"Obligation {o.direction}: {o.old or '(none)'} → {o.new or '(none)'}.")
    old_t, new_t = c.old_text.lower(), c.new_text.lower()
    for old, new, count in terms:
        if old.lower() in old_t and new.lower() in new_t:
            lines.append(f"Term rule: “{old}” → “{new}” (replaced in {count} places).")
    texts = (c.old_text, c.new_text)
    for a in annotations:
        if a.reason and a.matches((c.id,), texts):
            lines.append(f"Reason: {a.reason}")
            break
    return lines


# --- the writer -----------------------------------------------------------------------------

class _Writer:
    def __init__(self, comparison: Comparison, annotations: Sequence[Annotation]) -> None:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        self.c = comparison
        self.annotations = annotations
        self.date = _date(comparison.new) + "T00:00:00Z"
        self.doc = docx.Document()
        styles = self.doc.styles
        for name, kind in (("Footnote Text", WD_STYLE_TYPE.PARAGRAPH), ("Comment Text", WD_STYLE_TYPE.PARAGRAPH),
                           ("Footnote Reference", WD_STYLE_TYPE.CHARACTER),
                           ("Comment Reference", WD_STYLE_TYPE.CHARACTER)):
            st = styles.add_style(name, kind)
            if kind == WD_STYLE_TYPE.PARAGRAPH:
                st.base_style = styles["Normal"]
                st.font.size = Pt(10)
            elif name == "Footnote Reference":
                st.font.superscript = True
        self.rev = 0
        self.comments: list[tuple[int, list[str]]] = []
        self.footnotes: list[tuple[int, list[Run]]] = []
        self.moves = 0
        self.terms = tuple((t.old, t.new, t.count) for t in comparison.terms)

    def next_id(self) -> int:
        self.rev += 1
        return self.rev

    # -- (d) building the stream of paragraphs --

    def stream(self) -> list[_Para]:
        old_units, new_units = units(self.c.old), units(self.c.new)
        notes = {n.id for d in (self.c.old, self.c.new) for b in d.blocks(notes=False) for n in b.notes}
        groups = _groups(self.c, old_units, new_units, notes)
        _anchor(groups, old_units, new_units)
        self.note_pairs = _note_pairs(self.c, notes)
        old_of = {i: g for g in groups for i in g.old}
        new_of = {i: g for g in groups for i in g.new}
        for of, side, count in ((old_of, "old", len(old_units)), (new_of, "new", len(new_units))):
            for run in _uncovered(of, count):
                g = _Group(run if side == "old" else [], run if side == "new" else [])
                of.update((i, g) for i in run)
        out: list[_Para] = []
        oi = ni = 0
        anchors = sorted((g for g in groups if g.anchored), key=lambda g: g.new[0])
        for g in [*anchors, None]:
            o_stop = g.old[0] if g else len(old_units)
            n_stop = g.new[0] if g else len(new_units)
            for k in range(oi, o_stop):
                out.extend(self.alone(old_of[k], old_units, k, "old"))
            for k in range(ni, n_stop):
                out.extend(self.alone(new_of[k], new_units, k, "new"))
            if g is not None:
                out.extend(self.anchored(g, old_units, new_units))
                oi, ni = g.old[-1] + 1, g.new[-1] + 1
        return out

    def anchored(self, g: _Group, old_units: list[Node], new_units: list[Node]) -> list[_Para]:
        """A record shown in place: its word diff, split and merged paragraph marks tracked."""
        olds, news = [old_units[i] for i in g.old], [new_units[i] for i in g.new]
        kind, level = _style_of(news[0])
        o, n = olds[0], news[0]
        if isinstance(n, Section):
            paras = [_Para(kind, level, list(g.ops or [("=", unit_text(n))]), "=")]
        elif isinstance(o, Block) and n.kind == "table-row":
            cells = [[(op, _clean(t)) for op, t in diff_words(a, b)] for a, b in zip(_cells(o), _cells(n))]
            paras = [_Para("table-row", 0, [], "=", cells=cells, header=n.header)]
            self.attach_notes(paras[0], [o], [n])
        else:
            ob = [b for b in olds if isinstance(b, Block)]
            nb = [b for b in news if isinstance(b, Block)]
            ops = g.ops if g.ops is not None else diff_words(" ".join(b.text for b in ob),
                                                             " ".join(b.text for b in nb))
            pieces = _in_place(ob, nb, ops)
            paras = [_Para(kind, level, runs, mark, numbered=bool(_prefix(nb[j]) or _prefix(ob[i])))
                     for runs, mark, i, j in pieces]
            # each reference goes to the last piece of the block citing it, on its side
            notes = _Para(kind, level, [], "=")
            self.attach_notes(notes, ob, nb)
            cited_old = {x.id: k for k, b in enumerate(ob) for x in b.notes}
            cited_new = {x.id: k for k, b in enumerate(nb) for x in b.notes}
            at = 0  # never before an earlier reference, so both editions keep their order
            for ref in notes.notes:
                _, old_note, new_note = ref
                if new_note is not None:
                    want = max(p for p, piece in enumerate(pieces) if piece[3] == cited_new[new_note.id])
                else:
                    assert old_note is not None
                    want = max(p for p, piece in enumerate(pieces) if piece[2] == cited_old[old_note.id])
                at = max(at, want)
                paras[at].notes.append(ref)
        self.comment(g, paras[0], paras[-1])
        return paras

    def alone(self, g: _Group, units: list[Node], k: int, side: str) -> list[_Para]:
        """A unit shown on one side only: deleted or inserted, or one end of a move."""
        node = units[k]
        ix = g.old if side == "old" else g.new
        moved = (bool(g.old and g.new) and _adjacent(g.old) and _adjacent(g.new)
                 and not any(_is_row(u) for u in (units[i] for i in ix)))
        changed = "-" if side == "old" else "+"
        same = ("mf" if side == "old" else "mt") if moved else changed
        kind, level = _style_of(node)
        if isinstance(node, Block) and node.kind == "table-row":
            para = _Para("table-row", 0, [], changed, cells=[[(changed, _clean(t))] for t in _cells(node)],
                         header=node.header)
        elif g.ops is None:
            para = _Para(kind, level, [(same, unit_text(node))], same)
        elif isinstance(node, Section):
            keep = "=-" if side == "old" else "=+"
            para = _Para(kind, level, [(same if op == "=" else changed, t) for op, t in g.ops if op in keep and t],
                         same)
        else:
            sided = [u for u in (units[i] for i in ix) if isinstance(u, Block)]
            para = _Para(kind, level, _one_side(sided, g.ops, side, same, changed)[ix.index(k)], same)
        if isinstance(node, Block):
            para.numbered = bool(_prefix(node))
            for n in node.notes:
                para.notes.append((same, n, None) if side == "old" else (same, None, n))
        if moved:
            if g.move_name is None:
                self.moves += 1
                g.move_name = f"move{self.moves}"
            end = "from" if side == "old" else "to"
            if k == ix[0]:
                para.move_start.append((end, g.move_name))
            if k == ix[-1]:
                para.move_end.append((end, g.move_name))
        if k == ix[0]:
            g.first[side] = para
        if k == ix[-1]:
            if side == "new" or not g.new:
                self.comment(g, g.first[side], para)
            elif moved:
                self.comment(g, g.first[side], para, side="from")
        return [para]

    def attach_notes(self, para: _Para, old: list[Block], new: list[Block]) -> None:
        """Footnote references at the end of ``para`` for the notes of an in-place record's blocks.

        A new note paired with an old one of the record is one reference, when the pairs keep
        both editions' order (as the anchors do); the old notes in between are deleted.
        """
        old_list = [n for b in old for n in b.notes]
        old_pos = {n.id: k for k, n in enumerate(old_list)}
        used = -1
        for n in (n for b in new for n in b.notes):
            partner = self.note_pairs.get(("new", n.id))
            p = old_pos.get(partner.id, -1) if partner is not None else -1
            if p > used:
                para.notes.extend(("-", m, None) for m in old_list[used + 1:p])
                para.notes.append(("=", partner, n))
                used = p
            else:
                para.notes.append(("+", None, n))
        para.notes.extend(("-", m, None) for m in old_list[used + 1:])

    def comment(self, g: _Group, first: _Para, last: _Para, side: str = "") -> None:
        text = _comment(g, self.terms, self.annotations, side, moved=g.move_name is not None)
        if text is None:
            return
        cid = len(self.comments)
        self.comments.append((cid, text))
        first.comment_start.append(cid)
        last.comment_end.append(cid)


def _note_pairs(c: Comparison, notes: set[str]) -> dict[tuple[str, str], Block]:
    """Footnotes paired one to one: ("old", id) → new note and ("new", id) → old note."""
    out: dict[tuple[str, str], Block] = {}
    for ch in c.changes:
        if len(ch.old) == len(ch.new) == 1 and ch.old[0].id in notes and ch.new[0].id in notes:
            out[("old", ch.old[0].id)] = ch.new[0]
            out[("new", ch.new[0].id)] = ch.old[0]
    return out


def _date(doc: Document) -> str:
    """The edition's publication date as YYYY-MM-DD (see the module docstring)."""
    if doc.edition:
        try:
            from ..registry import load

            found = load().find(doc.edition)
        except Exception:  # noqa: BLE001 - a broken registry only costs the date
            found = None
        if found is not None and found.published:
            parts = found.published.split("-") + ["01", "01"]
            return "-".join(parts[:3])
    m = _YEAR.search(doc.title)
    return f"{m.group(1)}-01-01" if m else FALLBACK_DATE


def render(comparison: Comparison, *, annotations: Sequence[Annotation] = ()) -> bytes:
    """The tracked-changes Word document as bytes (deterministic)."""
    from .wordxml import write

    w = _Writer(comparison, annotations)
    paras = w.stream()
    return write(w, paras, _title_page(comparison, w.date[:10], _date(comparison.old)))


def _title_page(c: Comparison, new_date: str, old_date: str) -> list[tuple[str, str]]:
    """The first page: (style, text) paragraphs naming both editions."""
    s = c.summary
    out = [("Title", "Changes between editions"),
           ("Normal", "This is the new edition with every change against the old one tracked. In Word, "
                      "Review › Accept All Changes gives the new edition's text; Reject All Changes gives "
                      "the old one's. Each change has a comment saying what kind of change it is.")]
    for name, doc, date in (("Old edition", c.old, old_date), ("New edition", c.new, new_date)):
        out.append(("Heading 2", name))
        out.append(("Normal", doc.title or doc.source))
        out.append(("Normal", f"Published: {date}" if date != FALLBACK_DATE else "Published: not known"))
        out.append(("Normal", f"Source: {doc.source}"))
        out.append(("Normal", f"SHA-256: {doc.sha256}"))
    out.append(("Normal", f"{s['modified']} modified, {s['added']} added, {s['deleted']} deleted, "
                          f"{s['moved']} moved, {s['split']} split, {s['merged']} merged; "
                          f"{len(c.terms)} term replacement(s)."))
    out.append(("Normal", attribution(c)))
    return [(st, _clean(t)) for st, t in out]
