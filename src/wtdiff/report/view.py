"""What the human-readable reports show, computed once for Markdown and HTML.

The JSON report lists every record; a person wants the changes only, grouped
by chapter, each told as "paragraph 24 (was 31), moved from Chapter 1 ›
Principles", with changes explained by a term rule shown once under that rule
rather than again in every paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..comparison import Change, Comparison, SectionChange
from ..model import Block

__all__ = ["Entry", "Group", "View", "view", "label", "where"]

_KIND_NAMES = {"paragraph": "Paragraph", "list-item": "List item", "table-row": "Table row",
               "footnote": "Footnote", "definition": "Definition"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One change as a report shows it."""

    change: Change
    title: str            # "Paragraph 24 (was 31)"
    status_text: str      # "modified", "moved", "split into 2", …
    context: str          # "Moved from Chapter 1 › Principles", or ""
    links: tuple[str, ...]  # "Link changed: old → new" lines


@dataclass(frozen=True, slots=True)
class Group:
    """The changes within one chapter (top-level heading) of the new edition."""

    title: str
    anchor: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class View:
    comparison: Comparison
    groups: tuple[Group, ...]
    sections: tuple[SectionChange, ...]
    hidden_terminology: int
    counts: tuple[tuple[str, int], ...]


def _number(b: Block) -> str:
    if b.kind == "definition" and b.term:
        return f"“{b.term}”"
    return b.number or ""


def label(blocks: tuple[Block, ...]) -> str:
    """'Paragraph 24', 'Paragraphs 24 and 25', 'List item under paragraph 3', …"""
    if not blocks:
        return ""
    first = blocks[0]
    numbers = [n for n in (_number(b) for b in blocks) if n]
    name = _KIND_NAMES.get(first.kind, "Block")
    if first.kind == "paragraph" and numbers:
        if len(numbers) == 1:
            return f"Paragraph {numbers[0]}"
        return f"Paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"
    if numbers:
        return f"{name} {numbers[0]}" + ("" if len(blocks) == 1 else f" (+{len(blocks) - 1})")
    return name + ("" if len(blocks) == 1 else f"s ({len(blocks)})")


def where(blocks: tuple[Block, ...]) -> str:
    """The heading path of the first block, joined with ›."""
    return " › ".join(blocks[0].path) if blocks and blocks[0].path else "the start of the document"


def _title(c: Change) -> str:
    new, old = label(c.new), label(c.old)
    if not c.new:
        return f"{old} of the old edition"
    if c.new and c.old and old != new and (c.renumbered or c.status in ("split", "merged")):
        return f"{new} (was {old[0].lower() + old[1:]})"
    return new or old


def _status_text(c: Change) -> str:
    if c.status == "split":
        text = f"split into {len(c.new)}"
    elif c.status == "merged":
        text = f"merged from {len(c.old)}"
    else:
        text = c.status
    if c.moved:
        text = "moved" if c.status == "unchanged" else f"{text}, moved"
    return text


def _context(c: Change) -> str:
    if c.moved and c.old:
        ref = label(c.old)
        return f"Moved from {where(c.old)} ({ref[0].lower() + ref[1:]} of the old edition)."
    if c.status == "deleted":
        return f"Was in {where(c.old)}."
    return ""


def _links(c: Change) -> tuple[str, ...]:
    old = [u for b in c.old for u in b.links]
    new = [u for b in c.new for u in b.links]
    if not c.old or not c.new or old == new:
        return ()
    gone = [u for u in old if u not in new]
    came = [u for u in new if u not in old]
    lines = [f"Link changed: {o} → {n}" for o, n in zip(gone, came)]
    lines += [f"Link removed: {o}" for o in gone[len(came):]]
    lines += [f"Link added: {n}" for n in came[len(gone):]]
    return tuple(lines)


def view(comparison: Comparison) -> View:
    """Group the changes a person reads, in new-edition order, by chapter."""
    groups: list[tuple[str, list[Entry]]] = []
    hidden = 0
    current = ""
    for c in comparison.changes:
        if c.new:
            current = c.new[0].path[0] if c.new[0].path else ""
        if not c.is_change:
            continue
        if c.status == "modified" and not c.moved and set(c.categories) == {"terminology"}:
            hidden += 1
            continue
        entry = Entry(change=c, title=_title(c), status_text=_status_text(c), context=_context(c),
                      links=_links(c))
        if not groups or groups[-1][0] != current:
            groups.append((current, []))
        groups[-1][1].append(entry)
    out = []
    for n, (title, entries) in enumerate(groups, 1):
        out.append(Group(title=title or "Before the first chapter", anchor=f"group-{n}",
                         entries=tuple(entries)))
    s = comparison.summary
    counts = (
        ("Modified", s["modified"]), ("Added", s["added"]), ("Deleted", s["deleted"]),
        ("Moved", s["moved"]), ("Split", s["split"]), ("Merged", s["merged"]),
        ("Unchanged", s["unchanged"]), ("Renumbered", s["renumbered"]),
    )
    sections = tuple(x for x in comparison.sections
                     if x.status not in ("unchanged", "modified") or x.moved or x.renamed)
    return View(comparison=comparison, groups=tuple(out), sections=sections,
                hidden_terminology=hidden, counts=counts)


def section_line(s: SectionChange) -> str:
    """One sentence on how a heading changed."""
    old = " / ".join(x.title for x in s.old)
    new = " / ".join(x.title for x in s.new)
    if s.status == "added":
        return f"New section: {new}"
    if s.status == "deleted":
        return f"Section removed: {old}"
    if s.status == "split":
        return f"{old} was split into {new}"
    if s.status == "merged":
        return f"{old} were merged into {new}"
    parts = []
    if s.renamed:
        parts.append(f"“{old}” renamed “{new}”")
    if s.moved:
        parts.append(f"{new} moved" + (f" (was under {' › '.join(s.old[0].path[:-1])})"
                                        if len(s.old[0].path) > 1 else ""))
    if not parts:
        parts.append(f"{new}: content changed")
    return "; ".join(parts)
