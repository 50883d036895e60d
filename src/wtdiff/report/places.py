"""Where a drafted line's text stands in each edition: pages and paragraph numbers.

"page 36, paragraph 129; previously page 35, paragraph 128": the new edition's
pages (when it has pages) and printed numbers, then the old edition's where
they differ. Blocks without a number of their own are named by the numbered
paragraph they belong to ("list in paragraph 142", "footnote 41 to paragraph
140") or by their heading ("under ‘Child sexual abuse’"); consecutive numbers
are ranges ("paragraphs 184–187").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..classify import TermRule
from ..model import Block, Document
from .phrases import join

if TYPE_CHECKING:
    from .amendments import Draft, Item

__all__ = ["Anchors", "Places", "pages", "place", "plural", "ranges", "remaining_places", "term_extent"]


def ranges(values: Sequence[str]) -> list[str]:
    """"3", "5", "6", "7" → ["3", "5–7"]; anything not a number stays as it is."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run.clear()

    for v in dict.fromkeys(values):
        if v.isdigit():
            if run and int(v) == run[-1] + 1:
                run.append(int(v))
                continue
            flush()
            run.append(int(v))
        else:
            flush()
            out.append(v)
    flush()
    return out


def plural(word: str, values: list[str]) -> str:
    many = len(values) > 1 or any("–" in v for v in values)
    return f"{word}s {join(values)}" if many else f"{word} {values[0]}"


def pages(blocks: Iterable[Block]) -> str:
    """"page 36", "pages 50–51", "" when the source has no pages."""
    labels = [b.page_label or str(b.page) for b in blocks if b.page is not None]
    return plural("page", ranges(labels)) if labels else ""


class Anchors:
    """For each unnumbered block, the numbered paragraph it belongs to (the one before it,
    under the same heading)."""

    def __init__(self, doc: Document) -> None:
        self.number: dict[str, str] = {}
        #: footnote id → the numbered paragraph citing it
        self.cited_by: dict[str, str] = {}
        last: tuple[tuple[str, ...], str] | None = None
        for b in doc.blocks(notes=False):
            if b.kind == "paragraph" and b.number:
                last = (b.path, b.number)
            elif last is not None and last[0] == b.path:
                self.number[b.id] = last[1]
            citing = b.number if b.kind == "paragraph" and b.number else self.number.get(b.id)
            for note in b.notes:
                if citing:
                    self.cited_by[note.id] = citing


def _block_names(blocks: Sequence[Block], anchors: Anchors) -> list[str]:
    numbered = [b.number for b in blocks if b.kind == "paragraph" and b.number]
    names: list[str] = []
    if numbered:
        names.append(plural("paragraph", ranges(numbered)))
    for b in blocks:
        if b.kind == "paragraph" and b.number:
            continue
        if b.kind == "footnote":
            name = f"footnote {b.number}" if b.number else "a footnote"
            if b.id in anchors.cited_by and anchors.cited_by[b.id] not in numbered:
                name += f" to paragraph {anchors.cited_by[b.id]}"
        elif b.kind == "definition":
            continue  # a definition is named by its term in the line itself
        elif b.id in anchors.number and b.kind in ("list-item", "table-row"):
            what = "list" if b.kind == "list-item" else "table"
            name = f"{what} in paragraph {anchors.number[b.id]}"
        elif b.path:
            name = f"under ‘{b.path[-1]}’"
        else:
            name = "at the start"
        if name not in names and not (numbered and b.id in anchors.number
                                      and anchors.number[b.id] in numbered):
            names.append(name)
    return names


def _side(blocks: Sequence[Block], anchors: Anchors) -> str:
    parts = [p for p in (pages(blocks), join(_block_names(blocks, anchors))) if p]
    return ", ".join(parts)


def place(item: Item, old: Anchors, new: Anchors) -> str:
    """Where a line's text stands: "page 36, paragraph 129; previously page 35, paragraph 128"."""
    if item.where is not None:
        return item.where
    n, o = _side(item.new, new), _side(item.old, old)
    if n and o:
        return n if n == o else f"{n}; previously {o}"
    if o:
        return f"previously {o}"
    return n


@dataclass
class Places:
    """The place of each line, computed once per draft (paragraph anchors of both editions)."""

    draft: Draft
    old: Anchors = field(init=False)
    new: Anchors = field(init=False)

    def __post_init__(self) -> None:
        self.old = Anchors(self.draft.comparison.old)
        self.new = Anchors(self.draft.comparison.new)

    def __call__(self, item: Item) -> str:
        return place(item, self.old, self.new)


def remaining_places(rule: TermRule, doc: Document) -> str:
    """Where a term rule's old name still stands in ``doc`` (the new edition): "paragraphs 40,
    112 and 230", a block without a number named by the paragraph it belongs to, else by its
    page or heading; "" when nowhere."""
    anchors = Anchors(doc)
    by_id = {b.id: b for b in doc.blocks()}
    numbers: list[str] = []
    others: list[str] = []
    for bid in rule.remaining:
        b = by_id.get(bid)
        if b is None:
            continue
        number = b.number if b.kind == "paragraph" and b.number else anchors.number.get(b.id)
        if number:
            numbers.append(number)
        elif b.page is not None:
            others.append(f"page {b.page_label or b.page}")
        else:
            others.append(f"‘{b.path[-1]}’" if b.path else "the opening text")
    labels = ([plural("paragraph", ranges(numbers))] if numbers else []) + list(dict.fromkeys(others))
    return join(labels)


def term_extent(rule: TermRule, doc: Document) -> str:
    """How far a term rule went in ``doc`` (the new edition): "12 places", or, for a partial
    rename, "replaced in 18 of 21 places; the old name remains in paragraphs 40, 112 and 230"."""
    if not rule.remaining:
        return f"{rule.count} place{'s' if rule.count != 1 else ''}"
    return (f"replaced in {rule.count} of {rule.total} places; the old name remains in "
            f"{remaining_places(rule, doc) or 'the new edition'}")
