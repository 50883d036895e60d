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
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["NAME_WORDS", "REAL", "SHAPES", "Planted", "Rename", "apply", "carriers", "plan", "plant", "shaped"]

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
    "enterprise", "compact", "consortium", "collaborative", "board", "service", "agency", "office", "centre",
    "institute", "authority", "team", "group", "committee", "network", "foundation", "academy", "college",
    "support", "practice", "review", "family", "kin", "guardianship", "fostering", "adoption", "welfare",
    "justice", "offender", "victim", "witness", "harm", "risk", "exploitation", "missing", "contextual",
    "digital", "online", "health", "medical", "nursing", "maternity", "perinatal", "adolescent", "infant",
    "parenting", "carer", "respite", "residential", "supported", "lodgings", "pathway", "leaving", "virtual",
    "school", "inclusion", "attendance", "exclusion", "alternative", "provision", "tutoring", "bridging",
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
    pool = sorted({w for w in NAME_WORDS if w not in avoid})
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


# --- planting renames in an edition -----------------------------------------------------------

#: words a carrier phrase must not hold: they decide how sentences read
_FUNCTION = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as", "at",
                       "be", "is", "are", "this", "that", "it", "its", "their", "they", "from", "must", "should",
                       "may", "will", "can", "could", "shall", "not", "who", "which", "what", "when", "where",
                       "how", "all", "any", "each", "every", "other", "such", "these", "those", "has", "have"})


@dataclass
class Planted:
    """A rename planted in a base edition and applied to its revision: the truth to score."""

    rename: Rename
    #: occurrences replaced in the revision, and the revision's blocks left with the old name
    replaced: int = 0
    stragglers: tuple[str, ...] = ()


def _phrase_re(phrase: str) -> re.Pattern[str]:
    """``phrase`` at word boundaries, written with either apostrophe."""
    body = "".join("['\u2019]" if c in "'\u2019" else re.escape(c) for c in phrase)
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])")


def _replace(text: str, old: str, new: str) -> tuple[str, int]:
    """``old`` → ``new`` at word boundaries (a capitalised ``old`` gives a capitalised ``new``)."""
    text, n = _phrase_re(old).subn(new, text)
    if old[:1].islower():
        text, m = _phrase_re(old[0].upper() + old[1:]).subn(new[0].upper() + new[1:], text)
        n += m
    return text, n


def carriers(texts: list[str], rng: random.Random, count: int) -> list[str]:
    """Phrases of two or three words the edition uses in several blocks (at least six, at most a
    quarter), sharing no word with one another, in lower case: where renames are planted.

    A name stands in varied sentences: no word stands before (or after) a carrier in half its
    places or more — a phrase always inside the same longer phrase is not a name of its own."""
    seen: dict[str, set[int]] = {}
    before: dict[str, Counter[str]] = {}
    after: dict[str, Counter[str]] = {}
    for k, text in enumerate(texts):
        toks = re.findall(r"[A-Za-z][a-z]+(?:-[a-z]+)*|\S", text)
        for n in (2, 3):
            for i in range(len(toks) - n + 1):
                gram = toks[i:i + n]
                if all(t.isalpha() and t.islower() and t not in _FUNCTION and len(t) > 2 for t in gram):
                    g = " ".join(gram)
                    seen.setdefault(g, set()).add(k)
                    before.setdefault(g, Counter())[toks[i - 1].lower() if i else ""] += 1
                    after.setdefault(g, Counter())[toks[i + n].lower() if i + n < len(toks) else ""] += 1

    def varied(g: str) -> bool:
        n = sum(before[g].values())
        return all(2 * c < n for side in (before[g], after[g]) for c in side.values())

    fit = sorted(g for g, ks in seen.items() if 6 <= len(ks) <= max(6, len(texts) // 4) and varied(g))
    rng.shuffle(fit)
    out: list[str] = []
    used: set[str] = set()
    for g in fit:
        words = set(g.split())
        if words & used or any(g in o or o in g for o in out):
            continue
        out.append(g)
        used |= words
        if len(out) == count:
            break
    return out


def plan(rng: random.Random, count: int, avoid: frozenset[str]) -> list[Rename]:
    """``count`` renames going round :data:`SHAPES`: for each shape a real rename of that shape
    or a generated one, at random."""
    out: list[Rename] = []
    for k in range(count):
        shape = SHAPES[k % len(SHAPES)]
        taken = {w for r in out for w in key_words(r)}
        real = [r for r in REAL if r[2] == shape and not taken & key_words(Rename(r[0], r[1], r[2]))]
        if real and rng.random() < 0.5:
            out.append(Rename.of(*rng.choice(real)))
        else:
            out.append(shaped(rng, shape, avoid=avoid | taken))
    return out


def key_words(r: Rename) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'-]+", r.old + " " + r.new)}


def plant(texts: list[str], carrier: str, rename: Rename) -> list[str]:
    """Write the old name where ``carrier`` stands: for an acronym pair, the expansion with the
    acronym in the first two blocks, the acronym alone in every other block after, the expansion
    alone in the rest."""
    out, k = [], 0
    for text in texts:
        if not _phrase_re(carrier).search(text) and not _phrase_re(carrier.capitalize()).search(text):
            out.append(text)
            continue
        old = rename.old
        if rename.old_acronym:
            forms = rename.forms
            old = forms[0][0] if k < 2 else forms[1][0] if k % 2 else forms[2][0]
        out.append(_replace(text, carrier, old)[0])
        k += 1
    return out


def apply(texts: list[str], rename: Rename, rng: random.Random, *, partial: bool) -> tuple[list[str], int, list[int]]:
    """Rename in ``texts`` (the revision's blocks); when ``partial``, one or two blocks keep the
    old name (never more than a third of the places). Returns the texts, the occurrences
    replaced and the indices of the blocks left with the old name."""
    holding = [k for k, t in enumerate(texts) if any(_phrase_re(o).search(t) or _phrase_re(o.capitalize()).search(t)
                                                      for o, _ in rename.forms)]
    keep: list[int] = []
    if partial and len(holding) >= 6:
        keep = sorted(rng.sample(holding, rng.randint(1, 2)))
    out, replaced = list(texts), 0
    for k in holding:
        if k in keep:
            continue
        for o, n in rename.forms:
            out[k], m = _replace(out[k], o, n)
            replaced += m
    return out, replaced, keep
