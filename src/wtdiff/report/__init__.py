"""Renderers: one module per output format, each a function of a Comparison to text.

``html``, ``md`` and ``json`` report every change; ``amendments``, ``table``
(alias ``annex``) and ``csv`` are the drafted briefings of :mod:`.amendments`,
:mod:`.table` and :mod:`.csv`; ``docx`` (:mod:`.docx`, bytes rather than text, see
:func:`render_bytes`) is the new edition with tracked changes against the old.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..comparison import Comparison

if TYPE_CHECKING:
    from ..annotations import Annotation

__all__ = ["render", "render_bytes", "FORMATS", "BINARY_FORMATS", "SUMMARY_FORMATS", "attribution", "licence",
           "own_changes_note"]

#: output formats of ``wtdiff compare`` and the function that renders each
FORMATS = ("html", "md", "json", "amendments", "table", "annex", "csv")
#: output formats that are files rather than text, rendered by :func:`render_bytes`
BINARY_FORMATS = ("docx",)
#: the formats an annotations file applies to: those drafting summary lines, and the
#: tracked-changes document, whose comments carry the annotated reasons
SUMMARY_FORMATS = ("html", "amendments", "table", "annex", "csv", "docx")


def render(comparison: Comparison, format: str, *, show_editorial: bool = True,
           annotations: Sequence[Annotation] = ()) -> str:
    """Render ``comparison`` in one of :data:`FORMATS`.

    ``show_editorial=False`` leaves editorial changes out of the Markdown and
    HTML reports and the drafted summaries (they are counted, and the report
    says so); the JSON and CSV always hold every change. ``annotations``
    correct the drafted summary lines (:mod:`wtdiff.annotations`).
    """
    if format == "json":
        return comparison.to_json()
    if format in ("md", "markdown"):
        return comparison.to_markdown(show_editorial=show_editorial)
    if format == "html":
        return comparison.to_html(show_editorial=show_editorial, annotations=annotations)
    if format == "amendments":
        from .amendments import render as amendments

        return amendments(comparison, show_editorial=show_editorial, annotations=annotations)
    if format in ("table", "annex"):
        from .table import render as table

        return table(comparison, show_editorial=show_editorial, annotations=annotations)
    if format == "csv":
        from .csv import render as csv

        return csv(comparison, annotations=annotations)
    raise ValueError(f"unknown report format {format!r}")


def render_bytes(comparison: Comparison, format: str, *, annotations: Sequence[Annotation] = ()) -> bytes:
    """Render ``comparison`` in one of :data:`BINARY_FORMATS`."""
    if format == "docx":
        return comparison.to_docx(annotations=annotations)
    raise ValueError(f"unknown file format {format!r}")


def attribution(comparison: Comparison) -> str:
    """The licence line every report carries."""
    return licence((comparison.old.edition, comparison.new.edition))


def licence(editions: Sequence[str | None]) -> str:
    """The licence line of a report made from these editions (registry ids or specimen names)."""
    if editions and all((e or "").startswith("specimen") for e in editions):
        return ("The specimen editions are fictional texts written by the wtdiff project to demonstrate "
                "the tool; they are not official guidance.")
    return ("Contains public sector information licensed under the Open Government Licence v3.0 "
            "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
            "Official editions are Crown copyright.")


def own_changes_note(comparison: Comparison) -> str | None:
    """The sentence telling the reader that the new edition's own table of changes was read
    as published, not compared entry by entry (:mod:`wtdiff.apparatus`); None without one."""
    old, new = comparison.own_changes
    if not new and not old:
        return None

    def named(sections: tuple[object, ...]) -> str:
        return " and ".join(f"‘{s.title}’" for s in sections)  # type: ignore[attr-defined]

    if new:
        blocks = [b for s in new for b in s.blocks(notes=False)]
        rows = [b for b in blocks if b.kind == "table-row" and not b.header]
        n, unit = (len(rows), "row") if rows else (len(blocks), "paragraph")
        pages = [b.page_label or str(b.page) for b in blocks if b.page]
        where = (f", page {pages[0]}" if pages[0] == pages[-1] else f", pages {pages[0]}–{pages[-1]}") \
            if pages else ""
        text = (f"The new edition’s own table of changes, {named(new)} ({n} {unit}{'s' if n != 1 else ''}"
                f"{where}), is not compared entry by entry")
        text += f" with the old edition’s, {named(old)}" if old else ""
        return text + "; read it beside this report."
    return (f"The old edition’s own table of changes, {named(old)}, describes that edition; it is not "
            f"compared with the new edition.")
