"""Drafted change summaries in the DfE's own style, and the list of amendments (``--format amendments``).

The DfE has published two forms of the "what changed" briefing: a list of
amendments ("Additions to include reference to …", "Deletion of references to
…", each with a page number; December 2020) and a table of clarifications and
their reasons (Annex B of the 2023 consultation). Both are drafted here from one
list of :class:`Item` — one line per meaningful change — which
:func:`draft` builds from a :class:`~wtdiff.comparison.Comparison`:

* a **term rule** is one line ("Replacement of ‘Clinical Commissioning Groups’
  with ‘Integrated Care Boards’ throughout (10 places: …)"), and the paragraphs
  it alone explains get no line of their own;
* an **added or deleted section** is one line naming its heading and what it is
  about; its paragraphs get no line of their own. Renamed, moved, split and
  merged headings get a line each;
* **glossary definitions** added, removed or changed are told by their term;
* neighbouring paragraphs **added** (or deleted) together under one heading
  share a line ("Paragraphs 169 and 170");
* every other change gets a line of clauses, each phrased from the text
  itself (:mod:`.wording`): obligations strengthened or weakened (with the
  sentence that carries the duty), citations of legislation replaced, added or
  removed, cross-references and links changed, and the words added or removed
  — quoted when they are few, else their key phrases (:mod:`.phrases`).

After the chapters, the list names each duty strengthened, weakened or
reversed by whom it falls on, one line each ("Paragraph 42: safeguarding
partners must now (was: should) publish…", :func:`.duties.strength_lines`).

Each line refers to the exact blocks of both editions (:mod:`.places`): the
new edition's pages and paragraph numbers (paragraph numbers alone where it
has no pages), and "previously …" for the old edition's where they differ.
Editorial changes (punctuation, case, spelling, numbering, a paragraph broken
differently by the reader, or a change whose every word is explained away) are
counted but not listed unless asked for. Each line's reason for change is
inferred from its category (:data:`REASONS`). An annotations file
(:mod:`wtdiff.annotations`) can reword, re-reason or hide any line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .. import __version__
from ..annotations import Annotation
from ..classify import _norm_words, citations, titles_figure
from ..comparison import (
    Change,
    Comparison,
    SectionChange,
    links_comparable,
    renumbering_of,
)
from ..model import Block, Document, Section
from ..normalize import fold
from . import attribution, own_changes_note
from .duties import strength_lines
from .phrases import join, rarity
from .places import Places, pages, plural, ranges, remaining_places
from .wording import (
    QUOTE_WORDS,
    Explainer,
    Hunk,
    about,
    count_words,
    cross_references,
    editorial,
    hunks,
    legislation,
    link_clauses,
    noun,
    obligations,
    on,
    quote,
    sentence,
    told,
    wording,
)

__all__ = ["REASONS", "Draft", "Item", "Places", "draft", "render"]

#: the title of the group of lines that apply to the whole document
THROUGHOUT = "Throughout the document"
#: the title used for text before the first heading
FRONT_MATTER = "Before the first chapter"

#: the reason for change inferred from a line's category (the Annex B column)
REASONS = {
    "legislation": "Updated to reflect changes in legislation",
    "terminology": "Updated to reflect changes in naming",
    "reference": "Updated to reflect new guidance",
    "definition": "Updated to reflect new definitions",
    "strengthened": "To strengthen existing requirements",
    "weakened": "To reduce existing requirements",
    "obligation": "To clarify existing requirements",
    "substantive": "Updated to reflect changes to policy",
    "structure": "Restructured; wording unchanged",
    "editorial": "Editorial correction",
}

#: the categories in the JSON contract's order
_ORDER = ("terminology", "obligation", "legislation", "reference", "editorial", "substantive")


@dataclass(frozen=True, slots=True)
class Item:
    """One drafted line: what changed, where in both editions, and why (inferred)."""

    #: stable id: the first change's id, ``term:`` and the old phrase, or ``section:`` and a heading id
    id: str
    #: what the line tells: term, section-added, section-deleted, section, definition, added,
    #: deleted, modified, split, merged, moved, editorial
    kind: str
    #: the category the reason is inferred from (a key of :data:`REASONS`)
    category: str
    #: every category of the changes it covers, in the contract's order
    categories: tuple[str, ...]
    #: the drafted wording, without the place
    text: str
    #: the new edition's chapter it is listed under
    chapter: str
    #: the block records it covers (none for a heading-only line)
    changes: tuple[Change, ...]
    #: the blocks it refers to in each edition
    old: tuple[Block, ...]
    new: tuple[Block, ...]
    #: the reason for change: inferred, or from an annotation
    reason: str
    #: the ids an annotation may name (its own, its changes', its sections')
    ids: tuple[str, ...] = ()
    #: texts an annotation's ``match`` is looked for in
    texts: tuple[str, ...] = ()
    #: the annotations that applied to it
    annotations: tuple[Annotation, ...] = ()
    #: the place, when it is not given by the blocks (term rules: every place)
    where: str | None = None
    #: the order it is listed in (index of its first record in the comparison)
    order: int = 0

    @property
    def editorial(self) -> bool:
        return self.category == "editorial"


@dataclass(frozen=True)
class Draft:
    """The drafted lines of a comparison, grouped by chapter of the new edition."""

    comparison: Comparison
    groups: tuple[tuple[str, tuple[Item, ...]], ...]
    #: editorial changes counted but not listed
    hidden_editorial: int
    #: lines left out by an annotation's ``hide``
    hidden_by_annotation: int
    #: annotations that matched no line (their file and line, to tell the user)
    unmatched: tuple[Annotation, ...] = ()
    #: editorial changes are listed
    show_editorial: bool = False

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for _, items in self.groups for i in items)


# --- the lines -------------------------------------------------------------------------


def _restructured(c: Change) -> bool:
    """A split or merge of numbered paragraphs ("paragraph 191 split into 189 and 190"), not
    a paragraph broken in other places by a reader (at most one numbered paragraph among the
    several blocks)."""
    many = c.new if c.status == "split" else c.old
    return sum(1 for b in many if b.kind == "paragraph" and b.number) >= 2


def _layout_only(c: Change) -> bool:
    """A split or merge that is only where a reader broke the text, with no change of words."""
    return not _restructured(c) and set(c.categories) <= {"editorial"}


def _primary(c: Change, categories: Iterable[str]) -> str:
    cats = set(categories)
    for name in ("legislation", "obligation", "terminology", "reference", "substantive", "editorial"):
        if name in cats:
            if name == "obligation":
                directions = {o.direction for o in c.obligations}
                if c.status in ("added", "deleted"):
                    continue  # a paragraph that came or went: its substance is the reason
                if directions == {"strengthened"}:
                    return "strengthened"
                if directions == {"weakened"}:
                    return "weakened"
            return name
    return "structure"


class _Drafter:
    def __init__(self, comparison: Comparison, show_editorial: bool) -> None:
        self.c = comparison
        self.show_editorial = show_editorial
        self.links = links_comparable(comparison.old, comparison.new)
        # a "rule" of numbers only ("267-268" → "266-267") is renumbering, not a term
        self.rules = [r for r in comparison.terms if re.search(r"[^\W\d_]", r.old + r.new)]
        self.explainer = Explainer(self.rules, renumbering_of(((ch.old, ch.new) for ch in comparison.changes),
                                                                ((x.old, x.new) for x in comparison.sections)))
        self.weight = rarity(b.text for doc in (comparison.old, comparison.new) for b in doc.blocks())
        self.items: list[Item] = []
        self.hidden_editorial = 0
        self.covered: set[str] = set()
        self.index = {ch.id: k for k, ch in enumerate(comparison.changes)}
        self.layout = _Layout(comparison)
        self.after_new = self._after(comparison.new, new=True)
        self.after_old = self._after(comparison.old, new=False)
        self.chapter: list[str] = []
        current = ""
        for ch in comparison.changes:
            if ch.new:
                current = ch.new[0].path[0] if ch.new[0].path else ""
            self.chapter.append(current or FRONT_MATTER)

    # -- helpers
    def _after(self, doc: Document, *, new: bool) -> dict[str, int]:
        """Section id → index of the record holding the first block at or after its heading."""
        record = {b.id: k for k, ch in enumerate(self.c.changes) for b in (ch.new if new else ch.old)}
        out: dict[str, int] = {}
        pending: list[str] = []

        def walk(children: tuple[Section | Block, ...]) -> None:
            for child in children:
                if isinstance(child, Section):
                    pending.append(child.id)
                    walk(child.children)
                elif child.id in record:
                    for sid in pending:
                        out[sid] = record[child.id]
                    pending.clear()

        walk(doc.children)
        return out

    def add(self, *, id: str, kind: str, category: str, categories: Iterable[str], text: str,
            changes: Sequence[Change] = (), old: Sequence[Block] = (), new: Sequence[Block] = (),
            ids: Iterable[str] = (), texts: Iterable[str] = (), where: str | None = None,
            order: int | None = None, chapter: str | None = None) -> None:
        changes = tuple(changes)
        for ch in changes:
            self.covered.add(ch.id)
        if order is None:
            order = min((self.index[ch.id] for ch in changes), default=0)
        if chapter is None:
            chapter = self.chapter[order] if self.chapter and changes else THROUGHOUT
        cats = [k for k in _ORDER if k in set(categories)]
        all_ids = (id, *(ch.id for ch in changes), *ids)
        all_texts = (text, *(b.text for ch in changes for b in (*ch.old, *ch.new)), *texts)
        self.items.append(Item(
            id=id, kind=kind, category=category, categories=tuple(cats), text=text, chapter=chapter,
            changes=changes, old=tuple(old), new=tuple(new), reason=REASONS[category],
            ids=tuple(dict.fromkeys(all_ids)), texts=tuple(dict.fromkeys(all_texts)), where=where, order=order))

    def section_blocks(self, sections: Sequence[Section]) -> set[str]:
        return {b.id for s in sections for b in s.blocks()}

    # -- term rules
    def terms(self) -> None:
        for rule in self.rules:
            places = [ch for ch in self.c.changes if "terminology" in ch.categories
                      and rule.applies(ch.old_text, ch.new_text)]
            blocks = [ch.new[0] for ch in places if ch.new]
            where_pages = pages(blocks)
            numbers = ranges([b.number for b in blocks if b.kind == "paragraph" and b.number])
            count = f"{rule.count} place{'s' if rule.count != 1 else ''}"
            if rule.remaining:
                count = f"{rule.count} of {rule.total} places"
            where = f"{count}: {where_pages}" if where_pages else (
                f"{count}: {plural('paragraph', numbers)}" if numbers else count)
            if rule.remaining:
                where += f"; the old name remains in {remaining_places(rule, self.c.new) or 'the new edition'}"
            legislation = bool(citations(rule.old) or citations(rule.new))
            # the paragraphs changed by nothing else are told by this line, not one of their own
            only = [ch for ch in places if ch.id not in self.covered and ch.status == "modified"
                    and not ch.moved and set(ch.categories) == {"terminology"}]
            self.add(id=f"term:{rule.old}", kind="term", category="legislation" if legislation else "terminology",
                     categories=["terminology"] + (["legislation"] if legislation else []),
                     text=f"Replacement of {quote(rule.old)} with {quote(rule.new)}"
                          + ("" if rule.remaining else " throughout"),
                     changes=only, new=blocks, old=[b for ch in places for b in ch.old],
                     texts=(rule.old, rule.new), where=where, order=-1, chapter=THROUGHOUT)
        # Paragraphs changed only by several rules are told by them; by rules of numbers only
        # ("paragraphs 267-268" → "266-267" in two places), they are renumbering: editorial.
        for ch in self.c.changes:
            if ch.id in self.covered or ch.status != "modified" or ch.moved or set(ch.categories) != {"terminology"}:
                continue
            if any(r.applies(ch.old_text, ch.new_text) for r in self.rules):
                self.covered.add(ch.id)
            else:
                self.editorial(ch)

    # -- headings
    def sections(self) -> None:
        done_new: set[tuple[str, ...]] = set()
        done_old: set[tuple[str, ...]] = set()
        for s in self.c.sections:
            if s.status == "added":
                self.whole_section(s, s.new, "added", done_new)
            elif s.status == "deleted":
                self.whole_section(s, s.old, "deleted", done_old)
            else:
                self.heading(s)

    def whole_section(self, s: SectionChange, secs: tuple[Section, ...], status: str,
                      done: set[tuple[str, ...]]) -> None:
        sec = secs[0]
        if any(sec.path[:len(p)] == p for p in done):
            return  # inside a section already told as a whole
        done.add(sec.path)
        inner = self.section_blocks(secs)
        changes = [ch for ch in self.c.changes if ch.status == status
                   and any(b.id in inner for b in _side_of(ch, status))]
        blocks = [b for ch in changes for b in _side_of(ch, status)]
        text = " ".join(b.text for b in blocks if b.kind != "footnote")
        summary = f": {about(text, weight=self.weight)[0]}" if count_words(text) > QUOTE_WORDS else ""
        title = quote(sec.title)
        if not changes and self.layout.heading(sec, status):
            self.hidden_editorial += not self.show_editorial
            return  # the heading's words are a paragraph of the other edition: layout only
        if not changes:  # a heading with nothing under it
            line = f"New heading {title}" if status == "added" else f"Deletion of the heading {title}"
        elif status == "added":
            line = f"New section {title}{summary}"
        else:
            line = f"Deletion of the section {title}{summary}"
        cats: set[str] = {c for ch in changes for c in ch.categories} | {"substantive"}
        category = "structure" if not changes else "legislation" if "legislation" in cats else "substantive"
        order = min((self.index[ch.id] for ch in changes), default=self.section_order(s))
        self.add(id=f"section:{sec.id}", kind=f"section-{status}", category=category,
                 categories=cats if changes else (), text=line, changes=changes,
                 old=blocks if status == "deleted" else (), new=blocks if status == "added" else (),
                 ids=(f"section:{x.id}" for x in secs), texts=(x.title for x in secs), order=order,
                 chapter=self.chapter[order] if self.chapter else FRONT_MATTER,
                 where=None if changes else _heading_place(s))

    def section_order(self, s: SectionChange) -> int:
        """Where a heading-only line stands: at the record of the first block at or after the
        heading, in the new edition (the old one for a heading that was deleted)."""
        if s.new:
            return self.after_new.get(s.new[0].id, len(self.c.changes) - 1)
        if s.old:
            return self.after_old.get(s.old[0].id, len(self.c.changes) - 1)
        return max(0, len(self.c.changes) - 1)

    def heading(self, s: SectionChange) -> None:
        old = " / ".join(x.title for x in s.old)
        new = " / ".join(x.title for x in s.new)
        clauses = []
        if s.status == "split" and not self.layout.split(s):
            clauses.append(f"section {quote(old)} split into {join([quote(x.title) for x in s.new])}")
        elif s.status == "merged" and not self.layout.merged(s):
            clauses.append(f"sections {join([quote(x.title) for x in s.old])} merged into {quote(new)}")
        elif s.renamed and not _renumbered_title(old, new) and _norm_words(old) != _norm_words(new):
            clauses.append(f"heading {quote(old)} changed to {quote(new)}")
        if s.moved and s.old and s.new:
            o, n = s.old[0], s.new[0]
            if len(n.path) == 1 and o.kind == n.kind != "heading" and o.number and n.number:
                # a chapter (annex, appendix) that changed place: "Chapter 4 … moved to become Chapter 2"
                kind = n.kind.capitalize()
                subject = n.title.partition(":")[2].strip() or n.title
                clauses.append(f"{kind.lower()} {quote(subject)} moved" + (
                    f" to become {kind} {n.number} (previously {kind} {o.number})" if o.number != n.number else ""))
            else:
                was = " › ".join(o.path[:-1]) or "the top level"
                now = " › ".join(n.path[:-1]) or "the top level"
                clauses.append(f"section {quote(n.title)} moved" + (f" from {was} to {now}" if was != now else ""))
        if not clauses:
            return
        order = self.section_order(s)
        sec = (s.new or s.old)[0]
        # a heading that only changed its words is a change of naming ("Contextual safeguarding" →
        # "Assessment of risk outside the home"); one that moved, split or merged is structure
        renamed_only = s.renamed and not s.moved and s.status not in ("split", "merged")
        if s.new and s.new[0].id not in self.after_new and s.new[0].path:
            chapter = s.new[0].path[0]  # a heading with no block after it (the edition's last, set aside)
        else:
            chapter = self.chapter[order] if self.chapter else FRONT_MATTER
        self.add(id=f"section:{sec.id}", kind="section", category="terminology" if renamed_only else "structure",
                 categories=("terminology",) if renamed_only else (), text=sentence(clauses), order=order,
                 ids=tuple(f"section:{x.id}" for x in (*s.old, *s.new)), texts=(old, new),
                 where=_heading_place(s), chapter=chapter)

    # -- blocks
    def blocks(self) -> None:
        changes = self.c.changes
        k = 0
        while k < len(changes):
            ch = changes[k]
            if ch.id in self.covered or not ch.is_change:
                k += 1
                continue
            if not ch.moved and set(ch.categories) == {"layout"} and not _restructured(ch):
                self.editorial(ch, "the same words set differently")
                k += 1
                continue
            if ch.status in ("added", "deleted") and not ch.moved and self.layout.block(ch):
                self.editorial(ch, "a heading set as a paragraph" if ch.status == "added"
                               else "a paragraph set as a heading")
                k += 1
                continue
            if ch.status in ("added", "deleted") and not ch.moved and set(ch.categories) == {"editorial"}:
                self.editorial(ch, "a figure's number or caption")
                k += 1
                continue
            if ch.status in ("added", "deleted") and not ch.moved and not _definition(ch):
                run = [ch]
                while (k + len(run) < len(changes) and (nxt := changes[k + len(run)]).status == ch.status
                       and not nxt.moved and nxt.id not in self.covered and not _definition(nxt)
                       and _side_of(nxt, ch.status)[0].path == _side_of(ch, ch.status)[0].path):
                    run.append(nxt)
                self.added_or_deleted(run)
                k += len(run)
                continue
            self.one(ch)
            k += 1

    def added_or_deleted(self, run: list[Change]) -> None:
        added = run[0].status == "added"
        blocks = [b for ch in run for b in (ch.new if added else ch.old)]
        text = " ".join(b.text for b in blocks if b.kind != "footnote") or " ".join(b.text for b in blocks)
        what = noun(blocks)
        subject = about(text, weight=self.weight)
        line = f"New {on(what, subject, colon=True)}" if added else f"Deletion of the {on(what, subject)}"
        cats = {c for ch in run for c in ch.categories}
        category = _primary(run[0], cats)
        if all(b.kind == "footnote" for b in blocks) and "legislation" not in cats:
            category = "reference"
        self.add(id=run[0].id, kind=run[0].status, category=category, categories=cats, text=line, changes=run,
                 old=() if added else blocks, new=blocks if added else ())

    def one(self, ch: Change) -> None:
        cats = set(ch.categories)
        if ch.status in ("split", "merged") and _layout_only(ch):
            cats = {"editorial"}
        editorial = cats <= {"editorial"} and not ch.moved and ch.status in ("modified", "split", "merged") \
            and (ch.status == "modified" or _layout_only(ch))
        if editorial:
            self.editorial(ch)
            return
        if _definition(ch):
            self.definition(ch)
            return
        clauses: list[str] = []
        if ch.status == "split" and _restructured(ch):
            clauses.append(f"split into {len(ch.new)} {noun(ch.new)}")
        elif ch.status == "merged" and _restructured(ch):
            clauses.append(f"{len(ch.old)} {noun(ch.old)} merged into one")
        if ch.moved and ch.old:
            clauses.append(f"{on(noun(ch.new), about(ch.new_text, 2, self.weight))} moved from "
                           f"{_where(ch.old[0])}")
        told = self.text_clauses(ch)
        if not told and not clauses and ch.status == "modified":
            # Every word that changed is explained away (renumbered cross-references, footnote
            # markers, spelling): an editorial change after all.
            self.editorial(ch)
            return
        clauses += told
        if not clauses:
            clauses.append(f"wording amended: {about(ch.new_text, 2, self.weight)[0]}")
        self.add(id=ch.id, kind="moved" if ch.status == "unchanged" else ch.status,
                 category=_primary(ch, cats) if ch.status != "unchanged" else "structure",
                 categories=cats, text=sentence(clauses), changes=[ch], old=ch.old, new=ch.new)

    def text_clauses(self, ch: Change) -> list[str]:
        if ch.diff is None:
            return []
        clauses = obligations(ch)
        quoted = " ".join(clauses)
        clauses += legislation(ch.old_text, ch.new_text)
        clauses += cross_references(ch.old_text, ch.new_text, self.explainer.renumbered)
        if self.links:
            clauses += link_clauses(ch)
        parts = hunks(ch.diff)
        left = []
        for h in parts:
            if not self.explainer.significant(h, ch):
                continue
            if told(h, quoted):  # the quoted sentence shows the words inserted; not those removed
                if not h.deleted.strip():
                    continue
                h = Hunk(h.before, h.deleted, "", h.after)
            left.append(self.explainer.without_years(h))
        clauses += wording(left, self.weight)
        if self.show_editorial:
            minor = [h for h in parts if self.explainer.editorial(h)]
            if minor:
                clauses.append(f"editorial: {editorial(minor)}")
        return list(dict.fromkeys(clauses))

    def editorial(self, ch: Change, note: str = "") -> None:
        """An editorial change: counted, and listed only when asked for."""
        if not self.show_editorial:
            self.hidden_editorial += 1
            self.covered.add(ch.id)
            return
        told = [note] if note else self.editorial_clauses(ch)
        self.add(id=ch.id, kind="editorial", category="editorial", categories={"editorial"},
                 text="Editorial change" + "".join(f": {x}" for x in told),
                 changes=[ch], old=ch.old, new=ch.new)

    def editorial_clauses(self, ch: Change) -> list[str]:
        parts = hunks(ch.diff) if ch.diff is not None else []
        return [editorial(parts)] if parts else []

    def definition(self, ch: Change) -> None:
        block = (ch.new or ch.old)[0]
        term = quote(block.term or "")
        if ch.status == "added":
            line = f"New definition of {term}"
        elif ch.status == "deleted":
            line = f"Deletion of the definition of {term}"
        else:
            was = ch.old[0].term if ch.old else None
            head = f"updated definition of {term}" + (f" (previously {quote(was)})" if was and was != block.term
                                                       else "")
            clauses = self.text_clauses(ch)
            line = sentence([head]) + (": " + "; ".join(clauses) if clauses else "")
        cats = set(ch.categories)
        category = "legislation" if "legislation" in cats else "terminology" if cats == {"terminology"} \
            else "definition"
        self.add(id=ch.id, kind="definition", category=category, categories=cats, text=line, changes=[ch],
                 old=ch.old, new=ch.new)


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split()).rstrip("?:.;")


class _Layout:
    """Headings of one edition that are paragraphs of the other, word for word ("What will the
    local authority do?" in bold in one file and plain in the other): a change of layout
    only, which readers of different formats also produce."""

    def __init__(self, c: Comparison) -> None:
        self.gone = {_key(x.title) for s in c.sections for x in
                     (s.old[1:] if s.status == "merged" else s.old if s.status == "deleted" else ())}
        self.came = {_key(x.title) for s in c.sections for x in
                     (s.new[1:] if s.status == "split" else s.new if s.status == "added" else ())}
        self.added = {_key(b.text) for ch in c.changes if ch.status == "added" for b in ch.new}
        self.deleted = {_key(b.text) for ch in c.changes if ch.status == "deleted" for b in ch.old}
        # figures' captions added (deleted) as an editorial change: a heading gone (come) where one
        # stands is the figure's title in another form (classify.titles_figure)
        self.captions_added = [b.text for ch in c.changes if ch.status == "added" and ch.categories == ("editorial",)
                               for b in ch.new]
        self.captions_deleted = [b.text for ch in c.changes if ch.status == "deleted"
                                 and ch.categories == ("editorial",) for b in ch.old]
        # words inserted into (deleted from) paragraphs that stayed, for headings that became part of one
        self.inserted = "\n".join(_key(t) for ch in c.changes if ch.diff for op, t in ch.diff if op == "+")
        self.removed = "\n".join(_key(t) for ch in c.changes if ch.diff for op, t in ch.diff if op == "-")

    def block(self, ch: Change) -> bool:
        """An added paragraph that was a heading, or a deleted one that became a heading."""
        if len(ch.new) == 1 and ch.status == "added":
            return _key(ch.new[0].text) in self.gone
        if len(ch.old) == 1 and ch.status == "deleted":
            return _key(ch.old[0].text) in self.came
        return False

    def captioned(self, title: str, status: str) -> bool:
        """A heading added (``status``) or gone that is a figure's caption in the other edition."""
        return any(titles_figure(t, title) for t in (self.captions_deleted if status == "added"
                                                      else self.captions_added))

    def heading(self, sec: Section, status: str) -> bool:
        key = _key(sec.title)
        if key in (self.deleted if status == "added" else self.added) or self.captioned(sec.title, status):
            return True
        # a heading of several words now inside a paragraph (a title broken off by one reader)
        return len(key.split()) >= 4 and key in (self.removed if status == "added" else self.inserted)

    def merged(self, s: SectionChange) -> bool:
        return all(_key(x.title) in self.added or self.captioned(x.title, "deleted") for x in s.old[1:])

    def split(self, s: SectionChange) -> bool:
        return all(_key(x.title) in self.deleted or self.captioned(x.title, "added") for x in s.new[1:])


def _side_of(ch: Change, status: str) -> tuple[Block, ...]:
    """The blocks of an added (new side) or deleted (old side) record."""
    return ch.new if status == "added" else ch.old


def _definition(ch: Change) -> bool:
    return any(b.kind == "definition" for b in (*ch.old, *ch.new))


def _renumbered_title(old: str, new: str) -> bool:
    """"Chapter 3: Organisational responsibilities" → "Chapter 4: Organisational responsibilities"."""
    return old.partition(":")[2].strip() == new.partition(":")[2].strip() != "" and old != new


def _where(b: Block) -> str:
    if not b.path:
        return "the start of the old edition"
    if len(b.path) == 1:
        return quote(b.path[0])
    return f"{quote(b.path[-1])} ({b.path[0]})"


def _heading_place(s: SectionChange) -> str:
    def side(secs: tuple[Section, ...]) -> str:
        labels = [x.page_label or str(x.page) for x in secs if x.page is not None]
        return plural("page", ranges(labels)) if labels else ""
    n, o = side(s.new), side(s.old)
    if n and o and n != o:
        return f"{n}; previously {o}"
    return n or (f"previously {o}" if o else "")


def _merge_repeats(items: list[Item]) -> list[Item]:
    """Neighbouring lines of one chapter that say the same thing become one line with both
    places ("Replacement of reference to the Data Protection Act 1998 with … (paragraph 30
    and footnote 3 to paragraph 29)")."""
    out: list[Item] = []
    for item in items:
        last = out[-1] if out else None
        if (last is not None and last.text == item.text and last.chapter == item.chapter and item.changes
                and last.changes and last.where is None and item.where is None):
            out[-1] = replace(last, changes=last.changes + item.changes, old=last.old + item.old,
                              new=last.new + item.new, ids=tuple(dict.fromkeys(last.ids + item.ids)),
                              texts=tuple(dict.fromkeys(last.texts + item.texts)),
                              categories=tuple(k for k in _ORDER if k in {*last.categories, *item.categories}))
        else:
            out.append(item)
    return out


def _apply(items: list[Item], annotations: Sequence[Annotation]) -> tuple[list[Item], int, tuple[Annotation, ...]]:
    used: set[int] = set()
    out: list[Item] = []
    hidden = 0
    for item in items:
        found = [(k, a) for k, a in enumerate(annotations) if a.matches(item.ids, item.texts)]
        used.update(k for k, _ in found)
        if any(a.hide for _, a in found):
            hidden += 1
            continue
        reason = next((a.reason for _, a in found if a.reason), item.reason)
        text = next((a.text for _, a in found if a.text), item.text)
        out.append(replace(item, reason=reason, text=text, annotations=tuple(a for _, a in found)))
    unmatched = tuple(a for k, a in enumerate(annotations) if k not in used)
    return out, hidden, unmatched


def draft(comparison: Comparison, *, show_editorial: bool = False,
          annotations: Sequence[Annotation] = ()) -> Draft:
    """One line per meaningful change, grouped by chapter of the new edition.

    Lines stand in the new edition's reading order (term rules first, under
    :data:`THROUGHOUT`); a deletion stands where the deleted text used to be.
    """
    d = _Drafter(comparison, show_editorial)
    d.terms()
    d.sections()
    d.blocks()
    items = sorted(d.items, key=lambda i: (i.order, i.kind not in ("section-added", "section-deleted", "section")))
    items = _merge_repeats(items)
    items, hidden, unmatched = _apply(items, annotations)
    groups: list[tuple[str, list[Item]]] = []
    for item in items:
        if not groups or groups[-1][0] != item.chapter:
            groups.append((item.chapter, []))
        groups[-1][1].append(item)
    return Draft(comparison=comparison, groups=tuple((t, tuple(i)) for t, i in groups),
                 hidden_editorial=d.hidden_editorial, hidden_by_annotation=hidden, unmatched=unmatched,
                 show_editorial=show_editorial)


# --- Markdown ----------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_<>\[\]|#])")


def esc(text: str) -> str:
    """``text`` with Markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def notes(d: Draft) -> list[str]:
    """What the draft leaves out, in sentences for the foot of a summary."""
    out = []
    if d.hidden_editorial:
        n = d.hidden_editorial
        out.append(f"{n} editorial change{'s' if n != 1 else ''} (punctuation, case, spelling, numbering or "
                   f"layout only) {'is' if n == 1 else 'are'} not listed; `--show-editorial` lists them.")
    if d.hidden_by_annotation:
        n = d.hidden_by_annotation
        out.append(f"{n} line{'s' if n != 1 else ''} hidden by the annotations file.")
    own = own_changes_note(d.comparison)
    if own:
        out.append(esc(own))
    return out


def title(c: Comparison) -> str:
    return c.new.title or c.new.source


def render(comparison: Comparison, *, show_editorial: bool = False, annotations: Sequence[Annotation] = (),
           d: Draft | None = None) -> str:
    """The list of amendments, in Markdown, as the DfE's December 2020 list reads."""
    d = d or draft(comparison, show_editorial=show_editorial, annotations=annotations)
    at = Places(d)
    c = comparison
    where_from = "page numbers" if c.new.pages or any(b.page for b in c.new.blocks()) else "paragraph numbers"
    lines = [
        f"# Amendments to {esc(title(c))}",
        "",
        (f"Drafted by wtdiff from a comparison of {esc(c.old.title or c.old.source)} ({esc(c.old.source)}) "
         f"with {esc(c.new.title or c.new.source)} ({esc(c.new.source)}). Places are the new edition’s "
         f"{where_from}; “previously” gives the old edition’s where they differ."),
        "",
        "A list of the amendments is as follows:",
        "",
    ]
    if not d.groups:
        lines += ["No amendments.", ""]
    for chapter, items in d.groups:
        lines += [f"## {esc(chapter)}", ""]
        for item in items:
            where = at(item)
            lines.append(f"- {esc(item.text)}" + (f" ({esc(where)})" if where else ""))
        lines.append("")
    strength = strength_lines(c)
    if strength:
        lines += ["## Duties strengthened or weakened", "",
                  "One line for each duty whose strength changed, naming whom it falls on (the new edition’s "
                  "places):", ""]
        lines += [f"- {esc(str(x))}" for x in strength] + [""]
    for note in notes(d):
        lines += [note, ""]
    lines += ["---", "", f"Made by wtdiff {__version__}. {esc(attribution(c))}", ""]
    return "\n".join(lines)
