"""What the commands write, made by the library: :mod:`wtdiff.cli` only parses arguments and
prints what these functions return.

* the format an output is written in: the one asked for, else the one the output file's
  extension names, else Markdown (:func:`format_for`);
* ``compare``: the annotations checked against the format (:func:`annotations_for`), the
  report of a comparison — narrowed to an audience, rendered, or written as a site —
  with the notes for the user (:func:`comparison_output`), and the one-line summary of a
  written report (:func:`summary`);
* ``parse``: a document tree as XML, JSON or Markdown (:func:`document_output`);
* the tracking commands: a chain of editions labelled as the user named them
  (:func:`labelled_chain`) and a result rendered (:func:`track_output`).

Nothing here prints; the notes are returned for the caller to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from .annotations import Annotation
    from .comparison import Comparison
    from .model import Document
    from .track import Chain

__all__ = ["REPORT_SUFFIXES", "ComparisonOutput", "annotations_for", "comparison_output", "document_output",
           "format_for", "labelled_chain", "summary", "track_output"]

#: output file extensions and the report format each names (formats every report command writes)
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def format_for(fmt: str | None, output: Path | None, *, also: Sequence[str] = ()) -> str:
    """``fmt`` when given, else the format the extension of ``output`` names (among
    :data:`REPORT_SUFFIXES` and the formats ``also`` allows, each named by its own extension:
    ``.csv``, ``.docx``), else ``md``."""
    if fmt is not None:
        return fmt
    suffixes = {**REPORT_SUFFIXES, **{f".{x}": x for x in also}}
    return suffixes.get(output.suffix.lower(), "md") if output else "md"


def annotations_for(path: Path | None, fmt: str) -> tuple[Annotation, ...]:
    """The annotations in ``path`` (none when not given), refused for a format that has no
    drafted lines to annotate."""
    if path is None:
        return ()
    from .report import SUMMARY_FORMATS

    if fmt not in SUMMARY_FORMATS:
        raise UsageError(f"--annotations does not apply to --format {fmt}.",
                         hint="Use it with --format amendments, table, csv, html or docx.")
    from .annotations import load

    return load(path)


@dataclass(frozen=True)
class ComparisonOutput:
    """A comparison's report: the comparison reported on (narrowed to an audience when one was
    asked for), the report's text or bytes (``None`` for a site, already written), the pages
    of a site, and notes for the user."""

    result: Comparison
    data: str | bytes | None
    pages: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def comparison_output(result: Comparison, fmt: str, *, audience: str | None = None, show_editorial: bool = False,
                      annotations: tuple[Annotation, ...] = (), folder: Path | None = None) -> ComparisonOutput:
    """The report of ``result`` in ``fmt``: only what concerns ``audience``, when given; a
    ``site`` is written into ``folder``. An annotation that matches no drafted line gives a
    note."""
    if audience is not None:
        from .duties.audience import comparison_for

        result = comparison_for(result, audience)
    if fmt == "site":
        from .report.site import write_site

        assert folder is not None
        return ComparisonOutput(result, None, pages=write_site(result, folder))
    if fmt == "docx":
        from .report import render_bytes

        return ComparisonOutput(result, render_bytes(result, fmt, annotations=annotations))
    from .report import render

    data = render(result, fmt, show_editorial=show_editorial, annotations=annotations)
    notes: list[str] = []
    if annotations:
        from .report.amendments import draft

        notes = [f"{unused.where}: this annotation matches no line."
                 for unused in draft(result, show_editorial=show_editorial, annotations=annotations).unmatched]
    return ComparisonOutput(result, data, notes=notes)


def summary(result: Comparison) -> str:
    """What a written report holds, in one line: the changes by kind and the term replacements."""
    s = result.summary
    return (f"{s['modified']} modified, {s['added']} added, {s['deleted']} deleted, "
            f"{s['moved']} moved, {s['split']} split, {s['merged']} merged; "
            f"{len(result.terms)} term replacement(s).")


def document_output(doc: Document, fmt: str) -> str | bytes:
    """A document tree as ``xml`` (bytes), ``json``, or ``text`` (the tree written back as Markdown)."""
    if fmt == "xml":
        from .xmlio import to_xml

        return to_xml(doc)
    from .export import to_json, to_markdown

    return to_json(doc) if fmt == "json" else to_markdown(doc)


def labelled_chain(refs: Sequence[str], docs: Sequence[Document]) -> Chain:
    """A chain of the editions ``docs``, labelled as the user named them: a registry edition
    by its id (``2018``), another by its file name."""
    from .sources import is_edition_ref
    from .track import Chain
    from .track.refs import edition_label

    return Chain(list(docs), labels=[r if is_edition_ref(r) else edition_label(d) for r, d in zip(refs, docs)])


def track_output(result: Any, fmt: str) -> str:
    """A tracking result (history, blame, location, concordance, citations, terms) in ``fmt``."""
    if fmt == "csv":
        return str(result.to_csv())
    return str({"html": result.to_html, "md": result.to_markdown, "json": result.to_json}[fmt]())
