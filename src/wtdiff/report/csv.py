"""Every change as a row of a spreadsheet (``--format csv``).

One row per block record that a reader must look at (everything but
unchanged-in-place), in the new edition's order, with both editions' ids,
printed numbers, pages and heading paths, the categories and obligation
changes, both texts, and the drafted line and reason that cover it (see
:mod:`.amendments`) — so a policy officer can sort, filter and annotate the
changes, and find any line of the briefing again by its id.

RFC 4180 CSV (comma-separated, double quotes, CRLF line ends) in UTF-8 with a
byte-order mark, which is what spreadsheet programs need to read the curly
quotes and dashes of the guidance correctly. Deterministic like every report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..annotations import Annotation
from ..comparison import Comparison
from ..model import Block
from .amendments import Draft, Item, Places, draft

__all__ = ["COLUMNS", "render", "rows"]

#: the columns, in order
COLUMNS = (
    "id", "chapter", "status", "moved", "renumbered", "categories", "obligations", "similarity",
    "old_ids", "old_numbers", "old_pages", "old_path",
    "new_ids", "new_numbers", "new_pages", "new_path",
    "summary", "reason", "old_text", "new_text",
)


def _numbers(blocks: tuple[Block, ...]) -> str:
    return "; ".join(b.term if b.kind == "definition" and b.term else (b.number or "") for b in blocks)


def _pages(blocks: tuple[Block, ...]) -> str:
    return "; ".join(dict.fromkeys(b.page_label or str(b.page) for b in blocks if b.page is not None))


def _path(blocks: tuple[Block, ...]) -> str:
    return " › ".join(blocks[0].path) if blocks else ""


def rows(comparison: Comparison, *, d: Draft | None = None) -> list[dict[str, str]]:
    """The rows as dictionaries keyed by :data:`COLUMNS`."""
    d = d or draft(comparison, show_editorial=True)
    at = Places(d)
    line: dict[str, Item] = {}
    for drafted in d.items:
        for ch in drafted.changes:
            line.setdefault(ch.id, drafted)
    out = []
    chapter = ""
    for c in comparison.changes:
        if c.new:
            chapter = c.new[0].path[0] if c.new[0].path else ""
        if not c.is_change:
            continue
        item = line.get(c.id)
        summary = ""
        if item is not None:
            where = at(item)
            summary = item.text + (f" ({where})" if where else "")
        out.append({
            "id": c.id, "chapter": chapter, "status": c.status, "moved": "yes" if c.moved else "",
            "renumbered": "yes" if c.renumbered else "", "categories": "; ".join(c.categories),
            "obligations": "; ".join(f"{o.old or '(none)'} → {o.new or '(none)'} ({o.direction})"
                                     for o in c.obligations),
            "similarity": f"{c.similarity:.2f}",
            "old_ids": "; ".join(b.id for b in c.old), "old_numbers": _numbers(c.old),
            "old_pages": _pages(c.old), "old_path": _path(c.old),
            "new_ids": "; ".join(b.id for b in c.new), "new_numbers": _numbers(c.new),
            "new_pages": _pages(c.new), "new_path": _path(c.new),
            "summary": summary, "reason": item.reason if item is not None else "",
            "old_text": c.old_text, "new_text": c.new_text,
        })
    return out


def render(comparison: Comparison, *, annotations: Sequence[Annotation] = ()) -> str:
    """The CSV text, starting with a byte-order mark."""
    d = draft(comparison, show_editorial=True, annotations=annotations)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows(comparison, d=d))
    return "\ufeff" + buffer.getvalue()
