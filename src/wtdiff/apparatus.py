"""An edition's own account of its changes: kept out of the comparison.

Statutory guidance often ends with a table of the changes since the last
edition (KCSIE's "Annex F: Table of changes from …", a "Summary of changes",
"What has changed"). That part does not guide anyone; it describes this
edition against the one before, and each edition replaces it whole. Compared
row by row with the previous edition's table it would report every row of
both tables as a change — changes of the change list, not of the guidance —
and bury the real ones.

So before aligning, a section whose title names it as such a table
(:func:`is_own_changes`) keeps its heading — a new title is still reported, like
any heading — but its body is set aside: it is not aligned or diffed, and the
reports show the new edition's table as published, as the edition's own
summary beside wtdiff's.

The rule is stated on titles, for any edition of this guidance family and any
reader: "table", "summary", "list" or "schedule" of (substantive, main, key …)
"changes", "amendments" or "revisions"; "changes (made) from / since / to" an
edition, version or year; "what has changed".
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Block, Document, Node, Section

__all__ = ["is_own_changes", "set_aside"]

_OWN_CHANGES = re.compile(
    r"\b(?:table|summary|list|schedule)\s+of\s+(?:[\w-]+\s+){0,2}(?:changes|amendments|revisions)\b"
    r"|\b(?:changes|amendments|revisions)\s+(?:made\s+)?(?:from|since|to)\s+(?:the\s+)?"
    r"(?:\S+\s+){0,4}?(?:\d{4}|version|edition)\b"
    r"|\bwhat(?:'s|\u2019s|\s+has)\s+changed\b",
    re.IGNORECASE,
)


def is_own_changes(title: str) -> bool:
    """Whether a heading names the edition's own table (or summary) of changes."""
    return bool(_OWN_CHANGES.search(title))


def set_aside(doc: Document) -> tuple[Document, tuple[Section, ...]]:
    """The edition without the bodies of its own-changes sections, and those sections whole.

    The outermost such section is taken with everything below it; its heading stays
    in the returned document, so that it is still aligned, with only the footnotes no
    block cites that a reader left at the end of the edition.
    """
    found: list[Section] = []

    def walk(children: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        changed = False
        for child in children:
            if isinstance(child, Section):
                if is_own_changes(child.title) and any(True for _ in child.blocks()):
                    table, orphans = _without_orphans(child)
                    found.append(table)
                    # notes no block cites that the reader left at the end stay in the edition
                    out.append(replace(child, children=orphans))
                    changed = True
                    continue
                kept = walk(child.children)
                if kept is not child.children:
                    child = replace(child, children=kept)
                    changed = True
            out.append(child)
        return tuple(out) if changed else children

    children = walk(doc.children)
    if not found:
        return doc, ()
    return replace(doc, children=children, _index={}), tuple(found)


def _without_orphans(section: Section) -> tuple[Section, tuple[Block, ...]]:
    """The section without the footnotes standing as blocks of their own (cited by no block),
    at any depth, and those footnotes."""
    orphans: list[Block] = []

    def strip(children: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        for c in children:
            if isinstance(c, Block) and c.kind == "footnote":
                orphans.append(c)
            elif isinstance(c, Section):
                out.append(replace(c, children=strip(c.children)))
            else:
                out.append(c)
        return tuple(out)

    return replace(section, children=strip(section.children)), tuple(orphans)
