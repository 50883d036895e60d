"""Small helpers the tests share."""

from __future__ import annotations

import os
from pathlib import Path

import wtdiff
from wtdiff.comparison import Change, Comparison
from wtdiff.model import Document
from wtdiff.readers import read_bytes

HERE = Path(__file__).parent
REAL = Path(os.environ.get("WTDIFF_REAL_DIR", HERE.parent.parent / "shared" / "real"))


def parse_md(text: str, *, format: str = "markdown", source: str = "test.md") -> Document:
    """Parse Markdown (or another reader's input) given as a string."""
    return read_bytes(text.encode("utf-8"), source=source, format=format)


def compare_md(old: str, new: str, *, format: str = "markdown") -> Comparison:
    return wtdiff.compare(parse_md(old, format=format, source="old"), parse_md(new, format=format, source="new"))


def by_number(c: Comparison, number: str, side: str = "new") -> Change:
    """The record whose new (or old) side holds the paragraph with this printed number."""
    for ch in c.changes:
        blocks = ch.new if side == "new" else ch.old
        if any(b.number == number and b.kind == "paragraph" for b in blocks):
            return ch
    raise AssertionError(f"no record with {side} paragraph {number}")


def changed(c: Comparison) -> list[Change]:
    return [ch for ch in c.changes if ch.is_change]

