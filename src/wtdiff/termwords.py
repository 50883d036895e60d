"""Words for term rules: folded keys, name patterns, records as tokens, phrase counts.

The word level of :mod:`wtdiff.termrules`: a word's *key* (case, typography,
apostrophes, hyphens, a possessive and a plural ignored), the pattern that
finds a name in any of those variants, a record's word diff as two token
sequences with its changes as token ranges, and whole-word counts of key
phrases in an edition.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalize import WORD_RE, fold
from .worddiff import Op, change_spans

__all__ = ["STOP", "Keys", "Record", "Side", "content_words", "form_pattern", "key", "key_phrase", "record",
           "surface"]

STOP = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as", "at",
                  "be", "is", "are", "this", "that", "it", "its", "their", "they", "from"})
#: words ending in "s" that are not plurals
_NOT_PLURAL = STOP | {"this", "was", "has", "does", "thus", "his", "us", "yes", "whereas", "across", "unless",
                      "always", "perhaps", "various", "previous", "serious", "status", "basis", "analysis"}
_BRACKET = re.compile(r"[()\[\]]")
# punctuation between clauses, and the ellipsis joining the segments of a region's changes:
# a name does not run across them
_HARD = re.compile(r"[.,;:!?\n\u2026]")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """``word`` without a possessive or plural ending, typography folded (case kept)."""
    w = fold(word)
    if len(w) >= 3 and w[-1] == "s" and w[:-1].isupper():
        return w[:-1]  # an acronym's plural: "TRs", "CPSs", "ITs" (not the word "its")
    if w.lower() in _NOT_PLURAL:
        return w
    if w.lower().endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.lower().endswith("ies"):
        return w[:-3] + ("Y" if w[-3].isupper() else "y")
    if len(w) > 3 and w[-1] in "sS" and w[-2] not in "sS'" and w[-2].isalpha():
        return w[:-1]
    return w


def _acronym(stem: str) -> bool:
    """An acronym: two or more capital letters ("DSL", "IT", "HOW")."""
    return len(stem) >= 2 and stem.isupper() and stem.isalpha()


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """A word's folded key: case, typography, apostrophes, hyphens, possessive and plural ignored.

    An acronym keeps its capitals: "AT" (Alliance Tuition), "IT", "CAN", "HOW" or "WHO" is a
    name, not the word "at", "can", "how" or "who"."""
    stem = _stem(word)
    if _acronym(stem):
        return stem
    return stem.lower().replace("'", "").replace("-", "")


def content_words(keys: Sequence[str]) -> bool:
    return any(k not in STOP and not k.isdigit() for k in keys)


@lru_cache(maxsize=4096)
def form_pattern(phrase: str) -> re.Pattern[str]:
    """Where ``phrase`` stands in a text, whatever its case, plural, possessive or typography.

    An acronym in it matches only in capitals: "HOW" or "WHO" is a name, "how" and "who"
    are words."""
    parts = []
    for w in WORD_RE.findall(phrase):
        stem = _stem(w)
        body = "".join("[-\u2010\u2011 ]?" if c == "-" else "['\u2019]?" if c == "'" else re.escape(c)
                       for c in stem)
        if stem[-1:] in "yY" and len(stem) > 3:
            body = body[:-1] + "(?:y|ies)"
        if _acronym(stem):
            body = f"(?-i:{body})"
        parts.append(body + r"(?:['\u2019]s|s['\u2019]?|es|['\u2019])?")
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)" + r"\W{1,3}".join(parts) + r"(?!\w)", re.IGNORECASE)


# --- records as tokens ------------------------------------------------------------------


@dataclass
class Side:
    text: str
    keys: list[str]
    spans: list[tuple[int, int]]
    #: hard[i]: sentence punctuation stands between token i-1 and token i
    hard: list[bool]
    #: edge[i]: punctuation or a bracket stands there: a name is not widened across it
    edge: list[bool]
    #: ends[i]: where token i ends (increasing: the tokens do not overlap), for bisecting
    ends: list[int]


def side(text: str) -> Side:
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    hard: list[bool] = []
    edge: list[bool] = []
    last = 0
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        if start - last == 1 and text[last] == " " and keys:
            hard.append(False)  # the usual gap, one space: no punctuation, no bracket
            edge.append(False)
        else:
            hard.append(bool(_HARD.search(text, last, start)) if keys else False)
            edge.append(hard[-1] or bool(_BRACKET.search(text, last, start)))
        keys.append(key(m.group()))
        spans.append((start, end))
        last = end
    return Side(text, keys, spans, hard, edge, [b for _, b in spans])


@dataclass
class Record:
    old: Side
    new: Side
    #: each change as token ranges (old start, old end, new start, new end)
    hunks: list[tuple[int, int, int, int]]


def record(ops: Sequence[Op] | Sequence[Sequence[str]]) -> Record:
    old = side("".join(t for op, t in ops if op != "+"))
    new = side("".join(t for op, t in ops if op != "-"))
    hunks: list[tuple[int, int, int, int]] = []
    for so, po, sn, pn in change_spans(ops):
        o0, o1 = _token_range(old, so, po)
        n0, n1 = _token_range(new, sn, pn)
        if hunks and (o0 < hunks[-1][1] or n0 < hunks[-1][3]):  # a word split by the diff
            p = hunks.pop()
            o0, n0 = min(o0, p[0]), min(n0, p[2])
            o1, n1 = max(o1, p[1]), max(n1, p[3])
        # words equal once folded ("Safeguarding" → "Lead safeguarding") are not changed
        while o0 < o1 and n0 < n1 and old.keys[o0] == new.keys[n0]:
            o0, n0 = o0 + 1, n0 + 1
        while o1 > o0 and n1 > n0 and old.keys[o1 - 1] == new.keys[n1 - 1]:
            o1, n1 = o1 - 1, n1 - 1
        if old.keys[o0:o1] != new.keys[n0:n1]:
            hunks.append((o0, o1, n0, n1))
    return Record(old, new, hunks)


def _token_range(side: Side, start: int, end: int) -> tuple[int, int]:
    """Tokens overlapping ``[start, end)``; for an empty range, the empty range where it stands.

    The first is the first token ending after ``start``, found by bisection: a record's tokens
    are in order, and a long record has many changes."""
    first = bisect.bisect_right(side.ends, start)
    last = first
    while last < len(side.spans) and side.spans[last][0] < end:
        last += 1
    return first, last


# --- counting phrases in a whole edition ------------------------------------------------


class Keys:
    """The keys of an edition's words, block by block, for counting key phrases."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.keys: list[str] = []
        self.block: list[int] = []
        for b, text in enumerate(texts):
            found = list(map(key, WORD_RE.findall(text)))
            self.keys += found
            self.block += [b] * len(found)
        where: defaultdict[str, list[int]] = defaultdict(list)
        for p, k in enumerate(self.keys):
            where[k].append(p)
        self.where: dict[str, list[int]] = where
        self._cache: dict[tuple[str, ...], list[int]] = {}

    def find(self, phrase: tuple[str, ...]) -> list[int]:
        """Start positions of ``phrase`` (a run of keys within one block)."""
        got = self._cache.get(phrase)
        if got is None:
            got = []
            if phrase:
                rare = min(range(len(phrase)), key=lambda k: len(self.where.get(phrase[k], ())))
                n = len(phrase)
                for p in self.where.get(phrase[rare], ()):
                    s = p - rare
                    if s >= 0 and s + n <= len(self.keys) and tuple(self.keys[s:s + n]) == phrase \
                            and self.block[s] == self.block[s + n - 1]:
                        got.append(s)
            self._cache[phrase] = got
        return got

    def count(self, phrase: tuple[str, ...]) -> int:
        return len(self.find(phrase))


def surface(side: Side, a: int, b: int) -> str:
    """The text of tokens ``a:b``, with a closing bracket it opened."""
    start, end = side.spans[a][0], side.spans[b - 1][1]
    text = side.text[start:end]
    while text.count("(") > text.count(")") and side.text[end:end + 1] == ")":
        end += 1
        text = side.text[start:end]
    return re.sub(r"\s+", " ", text)


def key_phrase(text: str) -> tuple[str, ...]:
    """The keys of a phrase's words (see :func:`key`)."""
    return tuple(key(w) for w in WORD_RE.findall(text))

