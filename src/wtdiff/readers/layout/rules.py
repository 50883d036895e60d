"""What the layout steps share: the patterns of paragraph numbers, bullets and list
markers, the punctuation that ends a sentence, how much bigger a heading's type is and over
how many lines a heading may wrap; how headings and contents entries are compared
(:func:`_key`) and how the lines of one block are joined (:func:`_join`)."""

from __future__ import annotations

import re

from ...normalize import fold
from ..lines import SENTENCE_END as _TERMINAL


_PARA_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$")
_PARA_START = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.\s+(?=\S)")
_BULLETS = "•●▪■◦○◆➢►–-*o\u2013\u2014\uf0b7\uf0a7"
_LETTERED = re.compile(r"^(\(?[a-z]{1,2}\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.|\(\d{1,2}\)|\d{1,2}[.)])$")
# a lettered or numbered item written in the line itself: "(a) the local authority", "1. Set the …"
_ITEM_START = re.compile(r"^(\(?[a-z]{1,2}\)|[a-z]\.|\(?[ivx]{1,5}\)|\(\d{1,2}\)|\d{1,2}[.)])\s+\S")
_MARKER_LINE = re.compile(r"^(\d{1,3})$")
#: type this much bigger than the body (in points) is a heading's
_BIGGER = 0.75
#: a heading wraps onto at most this many lines
_HEADING_LINES = 3


def _key(text: str) -> str:
    """Compare headings and contents entries loosely: case, typography, spacing."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()


def _join(a: str, b: str) -> str:
    """Join two lines of one block, undoing typographic hyphenation only."""
    if not a:
        return b
    if not b:
        return a
    if a.endswith(("\u00ad", "\u2010")) and b[:1].islower():
        return a[:-1] + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].isalpha():
        return a + b  # a hard hyphen at the line end: keep it (multi-agency)
    return a + " " + b

#: words a title does not end on (a question may end on "for", "to", "with": "Who this guidance is for")
_NO_TITLE_END = frozenset("a an the at of and or nor but than via per including such".split())
