"""Terms across editions: where a phrase occurs in each edition, and the term rules mined between two.

:func:`terms` counts whole-word occurrences of each phrase in every edition —
case, typography (curly quotes, dashes) and spacing ignored, and a plural
``s``/``es`` on the last word allowed ("Local Safeguarding Children Board"
also counts "Boards") — and lists the blocks holding them. From the counts it
tells when a term *came* (first found after an edition without it) and
*went* (absent after an edition with it).

:func:`term_changes` gives the term rules of
:func:`~wtdiff.classify.mine_terms` — names replaced consistently, such as
"Clinical Commissioning Groups → Integrated Care Boards", each with the
blocks of the newer edition where the old name remains — between two
editions (their direct alignment, cached), or for every consecutive pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..classify import TermRule, mine_terms
from ..errors import UsageError
from ..model import Document
from ..normalize import fold
from ..worddiff import diff_words
from .chain import Chain, Editions, as_chain
from .refs import EditionInfo, Ref

__all__ = [
    "Place",
    "TermChanges",
    "TermEdition",
    "TermReport",
    "TermStep",
    "TermUse",
    "count_phrase",
    "term_changes",
    "terms",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A block where a term occurs, and how often."""

    block: Ref
    count: int


@dataclass(frozen=True, slots=True)
class TermEdition:
    """A term in one edition."""

    edition: str
    count: int
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class TermUse:
    """A term across the editions."""

    phrase: str
    editions: tuple[TermEdition, ...]
    #: editions where it appears after an edition without it (or the first edition, if there)
    came: tuple[str, ...]
    #: editions without it after an edition with it
    went: tuple[str, ...]


@dataclass(frozen=True)
class TermReport:
    """The answer of :func:`terms`."""

    editions: tuple[EditionInfo, ...]
    terms: tuple[TermUse, ...]

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import terms_dict

        return terms_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .markdown import terms_md

        return terms_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("terms", self)


@dataclass(frozen=True, slots=True)
class TermStep:
    """The term rules mined between two editions."""

    old: str
    new: str
    rules: tuple[TermRule, ...]
    #: for each rule, the new edition's blocks where the old name remains
    remaining: tuple[tuple[Ref, ...], ...] = ()


@dataclass(frozen=True)
class TermChanges:
    """The answer of :func:`term_changes`."""

    editions: tuple[EditionInfo, ...]
    steps: tuple[TermStep, ...]

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import term_changes_dict

        return term_changes_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .markdown import term_changes_md

        return term_changes_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("term_changes", self)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = fold(phrase).split()
    if not words:
        raise UsageError("an empty term.", hint='Give a phrase, e.g. "Local Safeguarding Children Board".')
    body = r"\s+".join(re.escape(w) for w in words)
    plural = "(?:s|es)?" if words[-1][-1:].isalnum() else ""
    return re.compile(rf"(?<!\w){body}{plural}(?!\w)", re.IGNORECASE)


def count_phrase(phrase: str, text: str) -> int:
    """Whole-word occurrences of ``phrase`` in ``text`` (as :func:`terms` counts them)."""
    return len(_pattern(phrase).findall(fold(text)))


def terms(editions: Chain | Sequence[str | Path | Document], phrases: Sequence[str]) -> TermReport:
    """Where each of ``phrases`` occurs in every edition (no alignment is needed)."""
    chain = as_chain(editions)
    if not phrases:
        raise UsageError("no terms given.", hint='Name one or more, e.g. "Local Safeguarding Children Board".')
    out = []
    for phrase in phrases:
        pattern = _pattern(phrase)
        per: list[TermEdition] = []
        for ed in chain.editions:
            places = []
            for b in ed.blocks:
                n = len(pattern.findall(fold(b.text)))
                if n:
                    places.append(Place(ed.ref(b.id), n))
            per.append(TermEdition(ed.label, sum(p.count for p in places), tuple(places)))
        came = tuple(t.edition for k, t in enumerate(per) if t.count and (k == 0 or not per[k - 1].count))
        went = tuple(t.edition for k, t in enumerate(per) if k and not t.count and per[k - 1].count)
        out.append(TermUse(phrase, tuple(per), came, went))
    return TermReport(editions=tuple(e.info for e in chain.editions), terms=tuple(out))


def _rules(chain: Chain, i: int, j: int) -> tuple[TermRule, ...]:
    a, b = chain.editions[i], chain.editions[j]
    diffs = []
    for p in chain.pairs(i, j):
        if p.old and p.new:
            old_t, new_t = a.text(p.old), b.text(p.new)
            if old_t != new_t:
                diffs.append(diff_words(old_t, new_t))
    return tuple(mine_terms(diffs, (x.text for x in a.blocks), {x.id: x.text for x in b.blocks}))


def term_changes(editions: Editions, old: str | int | None = None, new: str | int | None = None) -> TermChanges:
    """Term rules between ``old`` and ``new``; with neither, between every two consecutive editions."""
    chain = as_chain(editions)
    if (old is None) != (new is None):
        raise UsageError("give both editions for term changes, or neither (every consecutive pair).")
    if old is not None and new is not None:
        pairs = [(chain.edition(old).index, chain.edition(new).index)]
    else:
        pairs = [(k, k + 1) for k in range(len(chain) - 1)]
    found: list[TermStep] = []
    for i, j in pairs:
        rules = _rules(chain, i, j)
        new = chain.editions[j]
        found.append(TermStep(chain.editions[i].label, new.label, rules,
                              tuple(tuple(new.ref(b) for b in r.remaining) for r in rules)))
    return TermChanges(editions=tuple(e.info for e in chain.editions), steps=tuple(found))
