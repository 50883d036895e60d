"""The table of clarifications and their reasons (``--format table``, alias ``annex``).

Annex B of the 2023 consultation on *Working Together* listed the drafting
changes in two columns, "Clarification/Update" and "Reason for change". This
drafts the same table from the lines of :func:`.amendments.draft`: the first
column is the drafted line with its place in both editions, the second the
reason inferred from the line's category
(:data:`~wtdiff.report.amendments.REASONS`: "Updated to reflect changes in
legislation", "… in naming", "… new guidance", …), or the one an annotations
file gives (:mod:`wtdiff.annotations`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import __version__
from ..annotations import Annotation
from ..comparison import Comparison
from . import attribution
from .amendments import Draft, Places, draft, esc, notes, title

__all__ = ["HEADER", "render"]

#: the column headings, as the DfE's table has them
HEADER = ("Clarification/Update", "Reason for change")


def _cell(text: str) -> str:
    return esc(" ".join(text.split()))


def render(comparison: Comparison, *, show_editorial: bool = False, annotations: Sequence[Annotation] = (),
           d: Draft | None = None) -> str:
    """The table in Markdown: one row per drafted line, in the new edition's order."""
    d = d or draft(comparison, show_editorial=show_editorial, annotations=annotations)
    at = Places(d)
    c = comparison
    lines = [
        f"# Technical clarifications and amendments: {esc(title(c))}",
        "",
        (f"Drafted by wtdiff from a comparison of {esc(c.old.title or c.old.source)} ({esc(c.old.source)}) "
         f"with {esc(c.new.title or c.new.source)} ({esc(c.new.source)}). The reasons are inferred from the "
         "kind of each change; an annotations file (`--annotations`) gives the real ones."),
        "",
    ]
    if not d.items:
        lines += ["No amendments.", ""]
    else:
        lines += [f"| {HEADER[0]} | {HEADER[1]} |", "|---|---|"]
        for item in d.items:
            where = at(item)
            update = item.text + (f" ({where})" if where else "")
            lines.append(f"| {_cell(update)} | {_cell(item.reason)} |")
        lines.append("")
    lines += notes(d)
    if notes(d):
        lines.append("")
    lines += ["---", "", f"Made by wtdiff {__version__}. {esc(attribution(c))}", ""]
    return "\n".join(lines)
