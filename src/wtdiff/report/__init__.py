"""Renderers: one module per output format, each a function of a Comparison to text.

``html``, ``md`` and ``json`` report every change; ``amendments``, ``table``
(alias ``annex``) and ``csv`` are the drafted briefings of :mod:`.amendments`,
:mod:`.table` and :mod:`.csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..comparison import Comparison

if TYPE_CHECKING:
    from ..annotations import Annotation

__all__ = ["render", "FORMATS", "SUMMARY_FORMATS", "attribution", "licence"]

#: output formats of ``wtdiff compare`` and the function that renders each
FORMATS = ("html", "md", "json", "amendments", "table", "annex", "csv")
#: the formats that draft summary lines, which an annotations file can correct
SUMMARY_FORMATS = ("html", "amendments", "table", "annex", "csv")


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
