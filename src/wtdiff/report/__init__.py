"""Renderers: one module per output format, each a function of a Comparison to text."""

from __future__ import annotations

from ..comparison import Comparison

__all__ = ["render", "FORMATS", "attribution"]

#: output formats of ``wtdiff compare`` and the function that renders each
FORMATS = ("html", "md", "json")


def render(comparison: Comparison, format: str) -> str:
    """Render ``comparison`` in one of :data:`FORMATS`."""
    if format == "json":
        return comparison.to_json()
    if format in ("md", "markdown"):
        return comparison.to_markdown()
    if format == "html":
        return comparison.to_html()
    raise ValueError(f"unknown report format {format!r}")


def attribution(comparison: Comparison) -> str:
    """The licence line every report carries."""
    specimen = [d for d in (comparison.old, comparison.new) if (d.edition or "").startswith("specimen")]
    if len(specimen) == 2:
        return ("The specimen editions are fictional texts written by the wtdiff project to demonstrate "
                "the tool; they are not official guidance.")
    return ("Contains public sector information licensed under the Open Government Licence v3.0 "
            "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
            "Official editions are Crown copyright.")
