"""Text normalisation shared by every stage.

Two forms of each piece of text are kept:

* the **display text** — what the document prints, with white space collapsed,
  soft hyphens and zero-width characters removed, ligature glyphs expanded and
  private-use bullet glyphs mapped to "•"; the reports show it and the word diff
  runs on it, so a redline rebuilds exactly the text a reader sees;
* the **comparison text** — the display text further folded (Unicode NFKC,
  curly quotes to straight ones, every dash to "-", non-breaking spaces to
  spaces, case kept) so that typography alone never makes two paragraphs differ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["clean", "fold", "words", "WORD_RE"]

# Characters removed outright from display text.
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe\uffff\x7f"),
     *(c for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c")],
    None,
)
# Ligature glyphs and glyph artefacts fixed in display text as well.
_DISPLAY_MAP = {
    ord("\ufb00"): "ff",
    ord("\ufb01"): "fi",
    ord("\ufb02"): "fl",
    ord("\ufb03"): "ffi",
    ord("\ufb04"): "ffl",
    ord("\ufb05"): "st",
    ord("\ufb06"): "st",
    ord("\uf0b7"): "•",  # Symbol-font bullet in Word exports
    ord("\uf0a7"): "▪",
    ord("\uf02d"): "-",
}
_SPACE_RE = re.compile(r"\s+")
# Folding for comparison only.
_FOLD_MAP = {
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    ord("\u00a0"): " ",
    ord("\u2026"): "...",
}

# Each table's characters, to find: ``str.translate`` looks every character of a text up in
# its table, and most texts hold none of them (a regular expression finds that many times faster).
_HAS_INVISIBLE, _HAS_DISPLAY, _HAS_FOLD = (
    re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")
    for table in (_INVISIBLE, _DISPLAY_MAP, _FOLD_MAP))

#: A word token: letters/digits joined by internal hyphens or apostrophes.
WORD_RE = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")


def clean(text: str) -> str:
    """Return the display form of ``text``: artefacts removed, white space collapsed."""
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if _HAS_DISPLAY.search(text):
        text = text.translate(_DISPLAY_MAP)
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Return the comparison form of ``text`` (typography folded, case kept). Pure, and asked
    again and again of the same words and blocks by the comparison's stages, so remembered."""
    text = unicodedata.normalize("NFKC", clean(text))
    if _HAS_FOLD.search(text):
        text = text.translate(_FOLD_MAP)
    return _SPACE_RE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The lower-cased word tokens of the comparison form of ``text``."""
    return [w.lower() for w in WORD_RE.findall(fold(text))]
