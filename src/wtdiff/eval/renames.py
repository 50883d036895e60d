"""Renames of every shape the guidance family uses, real and generated, for evaluating term rules.

The shapes (see the project's research notes on renames): a *replacement* of
every word; a replacement sharing words with the old name; words *inserted*;
words *deleted*; one name becoming *two*; an *acronym* renamed together with
its expansion. :data:`REAL` holds renames the Department made, each with its
shape; :func:`shaped` makes a new one of a given shape from :data:`NAME_WORDS`,
words that name bodies and services in this guidance but that the generated
editions do not otherwise use as a run.

A :class:`Rename` knows its *forms*: the names used in an edition's text — for
an acronym pair, "Expansion (ACR)" where it is introduced, the acronym alone
elsewhere, the expansion alone — and the rule a reader expects:
:attr:`Rename.old` → :attr:`Rename.new`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["NAME_WORDS", "REAL", "SHAPES", "Rename", "shaped"]

SHAPES = ("replacement", "shared", "inserted", "deleted", "one-to-two", "acronym")

#: Words that build names of bodies, services and processes (title or lower case).
NAME_WORDS = (
    "regional", "integrated", "resettlement", "assurance", "partnership", "commissioning", "panel",
    "council", "network", "alliance", "commission", "bureau", "directorate", "tribunal", "forum",
    "hub", "unit", "trust", "registry", "inspectorate", "outreach", "kinship", "tuition", "custody",
    "liaison", "probation", "youth", "community", "neighbourhood", "strategic", "clinical",
    "therapeutic", "restorative", "intensive", "specialist", "secure", "public", "protection",
    "resilience", "wellbeing", "transition", "placement", "advocacy", "mentoring", "monitoring",
    "oversight", "scrutiny", "quality", "improvement", "disparities", "security", "education",
)

#: Renames made in this guidance family, with their shapes (old, new, shape).
REAL: tuple[tuple[str, str, str], ...] = (
    ("Clinical Commissioning Groups (CCGs)", "Integrated Care Boards (ICBs)", "acronym"),
    ("serious case reviews", "local child safeguarding practice reviews", "shared"),
    ("Primary Care Trusts", "Clinical Commissioning Groups", "replacement"),
    ("Public Health England", "UK Health Security Agency and Office for Health Improvement and Disparities",
     "one-to-two"),
    ("wider family", "family network", "shared"),
    ("Contextual Safeguarding", "assessment of risk outside the home", "replacement"),
    ("secure colleges", "secure children's homes and secure schools", "one-to-two"),
    ("senior paediatrician", "senior doctor", "shared"),
    ("safeguarding partners", "lead safeguarding partners", "inserted"),
    ("peer on peer abuse", "child-on-child abuse", "shared"),
    ("National College for Teaching and Leadership (NCTL)", "Teaching Regulation Agency (TRA)", "acronym"),
    ("Thinkuknow", "CEOP Education", "replacement"),
    ("autistic spectrum disorder", "autism", "deleted"),
    ("Probation Service", "Probation and Resettlement Service", "inserted"),
    ("local authority children's social care", "children's social care", "deleted"),
    ("Multi-Agency Public Protection Arrangements (MAPPA)", "Multi-Agency Risk Management Arrangements (MARMA)",
     "acronym"),
)


@dataclass(frozen=True)
class Rename:
    """One rename: the rule a reader expects, and the forms written in the editions."""

    old: str
    new: str
    shape: str
    #: for an acronym pair: the acronyms ("CCGs", "ICBs") and the expansions without them
    old_acronym: str = ""
    new_acronym: str = ""

    @property
    def forms(self) -> tuple[tuple[str, str], ...]:
        """(old, new) wordings to replace, the longest first."""
        if not self.old_acronym:
            return ((self.old, self.new),)
        return ((self.old, self.new), (self.old_acronym, self.new_acronym),
                (self.old.rsplit(" (", 1)[0], self.new.rsplit(" (", 1)[0]))

    @staticmethod
    def of(old: str, new: str, shape: str) -> Rename:
        if shape == "acronym":
            return Rename(old, new, shape, old.rsplit("(", 1)[1].rstrip(")"), new.rsplit("(", 1)[1].rstrip(")"))
        return Rename(old, new, shape)


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in ("and", "of", "for"))


def _case(words: list[str], title: bool) -> str:
    return " ".join(w.capitalize() if title and w != "and" else w for w in words)


def shaped(rng: random.Random, shape: str, *, avoid: frozenset[str] = frozenset()) -> Rename:
    """A new rename of ``shape`` (one of :data:`SHAPES`), its names built of :data:`NAME_WORDS`
    not in ``avoid``; names are in title case (bodies) or lower case (services, processes)."""
    pool = [w for w in NAME_WORDS if w not in avoid]
    rng.shuffle(pool)
    take = iter(pool)

    def words(n: int) -> list[str]:
        return [next(take) for _ in range(n)]

    title = shape == "acronym" or rng.random() < 0.5
    if shape == "replacement":
        old, new = words(rng.randint(2, 3)), words(rng.randint(1, 3))
        new = new if len(new) > 1 or len(old) > 1 else new + words(1)
    elif shape == "shared":
        old = words(rng.randint(2, 3))
        keep = rng.randrange(len(old))
        new = [w if k == keep else next(take) for k, w in enumerate(old)]
        if rng.random() < 0.5:
            new.insert(rng.randint(0, len(new)), next(take))
    elif shape == "inserted":
        old = words(2)
        new = list(old)
        where = rng.choice((0, 1, 1))
        new[where:where] = ["and", next(take)] if where == 1 and rng.random() < 0.5 else [next(take)]
    elif shape == "deleted":
        new = words(2)
        old = list(new)
        where = rng.choice((0, 1, 2))
        old[where:where] = words(rng.randint(1, 2))
    elif shape == "one-to-two":
        old = words(2)
        first, second = words(rng.randint(1, 2)), words(rng.randint(1, 2))
        if rng.random() < 0.5:
            first = [old[0], *first]
        new = [*first, "and", *second]
    elif shape == "acronym":
        old, new = words(3), words(rng.randint(2, 3))
        if rng.random() < 0.5:
            new[0] = old[0]  # the expansions share their first word
        while _initials(new) == _initials(old):
            new.append(next(take))
        o, n = _case(old, True), _case(new, True)
        return Rename(f"{o} ({_initials(old)})", f"{n} ({_initials(new)})", shape, _initials(old), _initials(new))
    else:
        raise ValueError(f"unknown rename shape {shape!r}; the shapes are {', '.join(SHAPES)}")
    return Rename(_case(old, title), _case(new, title), shape)
