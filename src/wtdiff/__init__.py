"""wtdiff — track how *Working Together to Safeguard Children* changes between editions.

    >>> import wtdiff
    >>> old = wtdiff.parse("working-together-2018.md")
    >>> new = wtdiff.parse("working-together-2023.html")
    >>> result = wtdiff.compare(old, new)
    >>> result.summary["moved"]
    >>> open("changes.html", "w").write(result.to_html())

The pipeline, one module per stage: :mod:`wtdiff.readers` (a file to items) →
:mod:`wtdiff.structure` (items to a :class:`Document` tree) →
:mod:`wtdiff.align` (pair blocks and sections) → :mod:`wtdiff.worddiff`
(word-level redlines) → :mod:`wtdiff.classify` (term rules, categories) →
:mod:`wtdiff.report` (JSON, Markdown, HTML).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import WtdiffError

if TYPE_CHECKING:
    from .comparison import Change, Comparison, SectionChange
    from .model import Block, Document, Section

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "parse",
    "compare",
    "Document",
    "Section",
    "Block",
    "Comparison",
    "Change",
    "SectionChange",
    "WtdiffError",
]


def __getattr__(name: str) -> Any:
    # The comparison stages (alignment, word diffs, term rules) take a while to import, and
    # ``wtdiff --help`` or ``import wtdiff`` for parsing need none of them: imported on first use.
    if name in ("Change", "Comparison", "SectionChange"):
        from . import comparison

        return getattr(comparison, name)
    if name in ("Block", "Document", "Section"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse(source: str | Path | Document, *, format: str | None = None) -> Document:
    """Read one edition into a :class:`Document`.

    ``source`` is a path to a Markdown, text or HTML file, the name of a bundled
    specimen edition (``specimen-a``, ``specimen-b``), or an already parsed
    document (returned as it is). ``format`` forces a reader.
    """
    from .model import Document

    if isinstance(source, Document):
        return source
    from . import sources

    return sources.load(source, format=format)


def compare(old: str | Path | Document, new: str | Path | Document) -> Comparison:
    """Compare two editions (paths, specimen names or parsed documents)."""
    from .comparison import compare as _compare

    return _compare(parse(old), parse(new))
