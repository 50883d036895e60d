"""Renderers: one module per output format, each a function of a Comparison to text.

``html``, ``md`` and ``json`` report every change; ``amendments``, ``table``
(alias ``annex``) and ``csv`` are the drafted briefings of :mod:`.amendments`,
:mod:`.table` and :mod:`.csv`; ``docx`` (:mod:`.docx`, bytes rather than text, see
:func:`render_bytes`) is the new edition with tracked changes against the old.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..collector import paused

if TYPE_CHECKING:
    from ..annotations import Annotation
    from ..comparison import Comparison

__all__ = ["render", "render_bytes", "to_dict", "FORMATS", "BINARY_FORMATS", "SUMMARY_FORMATS", "attribution",
           "licence",
           "own_changes_note"]


@dataclass(frozen=True)
class _Format:
    """Where a format's renderer is, and which options it takes."""

    #: the module of this package whose ``render(comparison, **options)`` writes the format
    module: str
    editorial: bool = False  # takes ``show_editorial``
    annotations: bool = False  # takes ``annotations``
    binary: bool = False  # returns bytes


#: every output format of ``wtdiff compare`` but ``site``: its renderer, imported when first used
_FORMATS: dict[str, _Format] = {
    "html": _Format("html", editorial=True, annotations=True),
    "md": _Format("markdown", editorial=True),
    "markdown": _Format("markdown", editorial=True),
    "json": _Format("json"),
    "amendments": _Format("amendments", editorial=True, annotations=True),
    "table": _Format("table", editorial=True, annotations=True),
    "annex": _Format("table", editorial=True, annotations=True),
    "csv": _Format("csv", annotations=True),
    "docx": _Format("docx", annotations=True, binary=True),
}
#: output formats of ``wtdiff compare`` rendered as text, by :func:`render`
FORMATS = ("html", "md", "json", "amendments", "table", "annex", "csv")
#: output formats that are files rather than text, rendered by :func:`render_bytes`
BINARY_FORMATS = ("docx",)
#: the formats an annotations file applies to: those drafting summary lines, and the
#: tracked-changes document, whose comments carry the annotated reasons
SUMMARY_FORMATS = ("html", "amendments", "table", "annex", "csv", "docx")


def _render(comparison: Comparison, format: str, binary: bool, show_editorial: bool | None,
            annotations: Sequence[Annotation]) -> Any:
    spec = _FORMATS.get(format)
    if spec is None or spec.binary != binary:
        raise ValueError(f"unknown {'file' if binary else 'report'} format {format!r}")
    options: dict[str, Any] = {}
    if spec.editorial and show_editorial is not None:
        options["show_editorial"] = show_editorial
    if spec.annotations:
        options["annotations"] = annotations
    renderer: Callable[..., Any] = importlib.import_module(f".{spec.module}", __name__).render
    with paused():  # a report is many small pieces of text in no cycles
        return renderer(comparison, **options)


def render(comparison: Comparison, format: str, *, show_editorial: bool | None = True,
           annotations: Sequence[Annotation] = ()) -> str:
    """Render ``comparison`` in one of :data:`FORMATS`.

    ``show_editorial=False`` leaves editorial changes out of the Markdown and
    HTML reports and the drafted summaries (they are counted, and the report
    says so); the JSON and CSV always hold every change; ``None`` takes the
    format's own default. ``annotations`` correct the drafted summary lines
    (:mod:`wtdiff.annotations`).
    """
    text: str = _render(comparison, format, False, show_editorial, annotations)
    return text


def render_bytes(comparison: Comparison, format: str, *, annotations: Sequence[Annotation] = ()) -> bytes:
    """Render ``comparison`` in one of :data:`BINARY_FORMATS`."""
    data: bytes = _render(comparison, format, True, None, annotations)
    return data


def to_dict(comparison: Comparison) -> dict[str, object]:
    """The comparison as the JSON contract's object (``wtdiff/comparison@1``)."""
    from .json import to_dict as json_dict

    return json_dict(comparison)


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
