"""Reader for layout text: what ``pdftotext -layout`` makes of an official PDF.

Many users only have such text. Pages are separated by form feeds, columns
are kept with runs of spaces, the printed page number stands at the foot and
footnotes below the body; :mod:`wtdiff.readers.layout` does the rest, with
the same rules the PDF reader uses.
"""

from __future__ import annotations

from ..structure import Items
from . import decode
from .layout import analyse
from .lines import text_pages

__all__ = ["items", "looks_like_layout_text"]


def items(data: bytes) -> Items:
    """The items of a layout-text file."""
    return analyse(text_pages(decode(data)))


def looks_like_layout_text(head: bytes) -> bool:
    """Form feeds between pages are the mark of ``pdftotext -layout`` output."""
    return head.count(b"\f") >= 2
