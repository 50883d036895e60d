"""Key phrases of a piece of text: what the words added or removed by a change are about.

The drafted summaries (:mod:`.amendments`, :mod:`.table`) say *what* a change
added or removed in the guidance's own words — "Additions to include reference
to controlling or coercive behaviour and economic abuse" — so they need the key
noun phrases of the inserted or deleted text. This is a small, deterministic
RAKE (Rapid Automatic Keyword Extraction; Rose, Engel, Cramer and Cowley, 2010):

1. **Candidates** — the text is split into runs of content words at stop words
   (articles, prepositions, pronouns, auxiliaries, modal verbs, common adverbs)
   and at punctuation. One refinement for guidance text: a stop word joining
   two capitalised words stays inside the run, so the titles of Acts,
   documents and bodies come out whole ("Secretary of State", "Child Death
   Review Statutory and Operational Guidance", "Data Protection Act 2018").
2. **Word scores** — over all candidates, a word's *degree* is the total
   length (in words) of the candidates it occurs in and its *frequency* the
   number of them; its score is degree / frequency, which favours words that
   occur in long phrases.
3. **Phrase scores** — the sum of its words' scores, each optionally weighted
   by how rare the word is in the whole document (:func:`rarity`, an inverse
   document frequency, so that "children" and "safeguarding" do not win every
   time); the best few phrases are
   kept (ties go to the earlier phrase; lone words only when there is no
   phrase of several words), a phrase contained in a better one is dropped, and the survivors are returned in the order they appear in the
   text, in its own spelling and case.

Everything is a pure function of the text: the same input gives the same
phrases on every machine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["EDGE_WORDS", "FUNCTION_WORDS", "STOP_WORDS", "Phrase", "candidates", "join", "key_phrases", "rarity", "trim"]

#: words with no meaning of their own: two pieces of text that differ only in them do not say
#: different things
FUNCTION_WORDS: frozenset[str] = frozenset("""
a an the and or nor but of to in on at by for from with as into onto upon than that which who whom
whose this these those it its is are was were be been being
""".split())  # noqa: SIM905

#: words that end a candidate phrase (lower case): function words, pronouns, auxiliaries, modal
#: verbs, common adverbs and the commonest verbs, so that candidates are mostly noun phrases
#: (not "help", "need" or "support", which the guidance uses as nouns: "early help", "child in need")
STOP_WORDS: frozenset[str] = FUNCTION_WORDS | frozenset("""
about above across after again against all almost along already also although always am among
another any anyone anything around because before below between both can cannot could did do does
doing done during each either else etc even ever every further had has have having he her here hers
herself him himself his how however i if itself just least less like made make makes many may me
might more most much must my myself neither no not now off often once one only other others
otherwise our ours ourselves out over own per perhaps rather same shall she should since so some
such their theirs them themselves then there they though through throughout thus too under unless
until up us very via we well what whatever when whenever where whereas whether while whoever why
will within without would yet you your yours yourself yourselves including include includes included
additional first last next aware able unable ready likely unlikely important necessary possible
available responsible ask asks asked agree agrees agreed become becomes came come comes consider
considers considered decide decides decided describe describes described find finds found get gets
give gives given go goes happen happens happened hold holds held keep keeps kept
know knows known let lets look looks looked mean means meant put raise raises
raised read reads say says said see seek seeks sought seem seems set sets show shows shown take
takes taken tell tells told think thinks try tries tried use uses used using want wants wanted feel
feels felt ensure ensures ensured sure apply applies applied require requires required remain
remains remained nothing something everything someone everyone you're it's they're we're don't
doesn't isn't aren't can't won't recognise recognises recognised provide provides provided
""".split())  # noqa: SIM905

#: stop words that may join two capitalised words inside a title ("and" and "the" may not:
#: they join one title to the next more often than they sit inside one)
_TITLE_GLUE = frozenset({"of", "for", "in", "on", "to", "&"})

# A word: letters or digits, with inner apostrophes, hyphens, slashes, dots or ampersands
# ("child's", "co-ordinated", "parent/carer", "GOV.UK").
_TOKEN = re.compile(r"\w+(?:[’'\-/.&]\w+)*")
#: the longest candidate kept whole (longer runs are cut)
MAX_WORDS = 9


@dataclass(frozen=True, slots=True)
class Phrase:
    """A candidate phrase: its text as written, its position, and its RAKE score."""

    text: str
    start: int
    words: tuple[str, ...]
    score: float = 0.0


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) == 4)  # a year ends many titles


def _in_title(run: list[tuple[str, int, int]], tokens: list[tuple[str, int, int]], k: int, text: str) -> bool:
    """Whether the glue word ``tokens[k]`` joins two capitalised words ("Secretary of (the) State")."""
    before = [w for w, _, _ in run if w.lower() not in _TITLE_GLUE]
    if not before or not _capitalised(before[-1]):
        return False
    j = k
    while j + 1 < len(tokens) and not text[tokens[j][2]:tokens[j + 1][1]].strip():
        j += 1
        if tokens[j][0].lower() not in _TITLE_GLUE:
            return _capitalised(tokens[j][0])
    return False


def candidates(text: str) -> list[Phrase]:
    """The candidate phrases of ``text`` in reading order (unscored)."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []

    def close() -> None:
        # A title's glue words may not end a run: "Children Act 1989 and" → "Children Act 1989".
        while run and run[-1][0].lower() in STOP_WORDS:
            run.pop()
        if run:
            runs.append(run[:])
        run.clear()

    for k, (word, start, end) in enumerate(tokens):
        gap = text[tokens[k - 1][2]:start] if k else ""
        if run and gap.strip():
            close()  # punctuation between the words
        lower = word.lower()
        if lower in STOP_WORDS:
            if lower in _TITLE_GLUE and _in_title(run, tokens, k, text):
                run.append((word, start, end))
            else:
                close()
            continue
        if len(run) >= MAX_WORDS:
            close()
        run.append((word, start, end))
    close()
    out = []
    for r in runs:
        words = tuple(w for w, _, _ in r)
        if all(w.isdigit() for w in words) or (len(words) == 1 and len(words[0]) < 3):
            continue
        out.append(Phrase(text=text[r[0][1]:r[-1][2]], start=r[0][1], words=words))
    return out


def _scored(phrases: list[Phrase], weight: Mapping[str, float] | None) -> list[Phrase]:
    freq: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for p in phrases:
        content = [w.lower() for w in p.words if w.lower() not in STOP_WORDS]
        for w in content:
            freq[w] += 1
            degree[w] += len(content)
    out = []
    for p in phrases:
        words = [w for w in (x.lower() for x in p.words) if w in freq]
        score = sum(degree[w] / freq[w] * (weight.get(w, 1.0) if weight else 1.0) for w in words)
        out.append(Phrase(text=p.text, start=p.start, words=p.words, score=score))
    return out


def rarity(texts: Iterable[str]) -> dict[str, float]:
    """Inverse document frequency of each word over ``texts`` (lower case):
    ``log((N + 1) / (df + 1)) + 1``.

    Passed to :func:`key_phrases` as ``weight``, it makes the words a whole
    document uses everywhere ("children", "safeguarding") count for less than
    the ones particular to the text at hand ("modern slavery").
    """
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        df.update({m.group(0).lower() for m in _TOKEN.finditer(text)})
    return {w: math.log((n + 1) / (k + 1)) + 1 for w, k in df.items()}


def key_phrases(text: str, limit: int = 3, *, weight: Mapping[str, float] | None = None) -> list[str]:
    """The ``limit`` best key phrases of ``text``, in the order they appear in it.

    ``weight`` multiplies each word's score (see :func:`rarity`); without it this is plain RAKE.
    """
    if limit <= 0:
        return []
    scored = _scored(candidates(text), weight)
    best: list[Phrase] = []
    seen: set[str] = set()
    # Phrases of several words first: a lone word says little about a text ("context", "hear"),
    # so lone words are taken only when there is no phrase of several words.
    for p in sorted(scored, key=lambda p: (len(p.words) == 1, -p.score, p.start)):
        key = " ".join(p.words).lower()
        if key in seen or any(key in " ".join(b.words).lower() for b in best):
            continue
        if len(p.words) == 1 and any(len(b.words) > 1 for b in best):
            break
        seen.add(key)
        best.append(p)
        if len(best) == limit:
            break
    return [p.text for p in sorted(best, key=lambda p: p.start)]


#: the words :func:`trim` takes off the ends of a quotation
EDGE_WORDS = frozenset({"a", "an", "the", "and", "or", "but"})


def trim(text: str) -> str:
    """``text`` without articles and conjunctions, punctuation and white space at its ends.

    What is quoted when a change adds or removes only a few words: "and the
    impact this has on children," → "impact this has on children". Other words
    stay ("In addition" is not "addition"); a text of nothing but such words
    ("or" → "and") is kept whole.
    """
    tokens = list(_TOKEN.finditer(text))
    lo, hi = 0, len(tokens)
    while lo < hi and tokens[lo].group(0).lower() in EDGE_WORDS:
        lo += 1
    while hi > lo and tokens[hi - 1].group(0).lower() in EDGE_WORDS:
        hi -= 1
    if lo >= hi:
        lo, hi = 0, len(tokens)
    if lo >= hi:
        return ""
    start, end = tokens[lo].start(), tokens[hi - 1].end()
    # Keep a bracket or quotation mark that closes one opened inside: "England and Wales (2023)".
    for opening, closing in ("()", "[]", "‘’", "“”"):
        inside = text[start:end]
        if inside.count(opening) > inside.count(closing) and text[end:end + 1] == closing:
            end += 1
    return re.sub(r"\s+", " ", text[start:end])


def join(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
