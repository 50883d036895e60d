"""Term rules: names the new edition replaced consistently, mined from the word diffs.

Part of the classify stage (:mod:`wtdiff.classify` re-exports :func:`mine_terms`
and :class:`TermRule`). A *rule* is one rename — "Clinical Commissioning Groups
(CCGs) → Integrated Care Boards (ICBs)" — told once, with the number of places
it was made and the places of the new edition where the old name still stands.

How the rules are found, for any shape of rename:

1. **Words are compared folded.** A word's *key* ignores case, typography,
   apostrophes, hyphens, a possessive ``'s`` and a plural ``s``/``ies``, so
   "Early Help", "early help" and "early help's" are one name, and
   "Board"/"Boards" one word (:func:`key`).
2. **Each change is a candidate, and so are neighbouring changes together.**
   Every run of up to three changes of one record separated by at most two
   unchanged words (and no punctuation between clauses) is a candidate, so a
   rename sharing words with its successor ("wider family" → "family network",
   "multi-agency safeguarding arrangements" → "local safeguarding
   partnerships") is seen whole; a change may be empty on one side (words
   inserted, words deleted). The same change with the same :data:`WINDOW`
   words around it (within its segment), reported for two records, is one place.
3. **The most supported candidates win** (most places first, then those made
   of more changes): a candidate made in at least :data:`MIN_TERM_SUPPORT`
   places, in at least two records, whose places are not yet taken by a rule,
   becomes a rule once it is a whole name (4.), not degenerate (5.), and mostly
   gone (6.).
4. **The whole name.** A side left with no content word (an insertion
   "+and Resettlement", a deletion "-local authority") takes the unchanged
   words around it that every place shares (or that two thirds of them share,
   the others left to other candidates); then the name grows by a
   neighbouring word every place (or four fifths of them, the others left to
   other candidates) shares when that word follows (or precedes)
   the name in at least half of the name's occurrences in the old edition (in
   the new one, for words inserted: "lead safeguarding" grows to "lead
   safeguarding partners"), and in :data:`MIN_EVIDENCE` of them at least. So "early" → "family" grows to "early help" →
   "family help", but a word that merely happens to follow in every place, as
   "services" after "early help", does not. A stop word is only taken with the
   content word after it; a modal verb or a number never, nor a word that
   would double one ("the local local").
5. **No degenerate rules**: each side holds a content word and no number or
   modal verb, and neither starts or ends with a stop word ("and Annex B");
   the two sides differ once folded (hyphens and spaces too: "anti-Semitism"
   → "antisemitism" is editorial); no side repeats a word ("the local
   local"); at most :data:`MAX_TERM_WORDS` words a side.
6. **Partial renames.** The old name's remaining occurrences in the new
   edition (outside the new name, which may contain it) are listed as
   ``remaining``; a candidate whose old name remains in more places than it
   was replaced in is a change of wording, not a rename — unless taking in
   up to two neighbouring words every place shares gives a longer name that
   has gone ("placement" stays, "secure placement" went) — and is no rule.
7. **One rule per rename.** Two rules standing side by side in (nearly)
   every place are one rename cut in two, joined. An acronym rule ("MAPPA" →
   "MARMA") and the rule of its expansion (the leading words whose initials
   make it, alone or with words around them, or followed by it in brackets)
   are one rule, written "Expansion (ACRONYM)", which also counts the acronym
   or the expansion alone where no other rule took the change; a rule whose
   two sides lie inside another rule's sides is part of it; the counts add
   up, an acronym beside its expansion counting once.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .normalize import fold
from .termwords import (
    STOP,
    Keys,
    Record,
    Side,
    content_words,
    form_pattern,
    key,
    key_phrase,
    record,
    surface,
)
from .worddiff import Op

__all__ = ["MAX_TERM_WORDS", "MIN_TERM_SUPPORT", "TermRule", "key", "key_phrase", "mine_terms"]

#: places a rename must be made in to be a rule
MIN_TERM_SUPPORT = 2
#: words a side of a rule may hold at most
MAX_TERM_WORDS = 12
#: unchanged words that may stand between two changes of one rename
MAX_GAP = 2
#: changes of one record one candidate may join
MAX_RUN = 3
#: uses of a name with a neighbouring word needed before the word is taken to be part of it
MIN_EVIDENCE = 3

_MODAL = frozenset({"must", "should", "shall", "may", "will", "could", "can", "mustn't", "shouldn't"})
_BRACKETED = re.compile(r"(.+?)\s*\(([^()]+)\)")  # "Expansion (ACR)"
_POSSESSIVE = re.compile(r"['\u2019]s$")
#: unchanged words either side that tell two places apart (one change seen twice is one place)
WINDOW = 4


@dataclass(frozen=True, slots=True)
class TermRule:
    """A name replaced consistently: ``old`` → ``new`` in ``count`` places.

    ``remaining`` holds the ids of the new edition's blocks where the old name
    still stands (``remaining_count`` occurrences in all); ``forms`` every
    wording the rule was found in — the name and its acronym, say — as
    ``(old, new)`` pairs, the rule's own first.
    """

    old: str
    new: str
    count: int
    remaining: tuple[str, ...] = ()
    remaining_count: int = 0
    forms: tuple[tuple[str, str], ...] = field(default=())

    @property
    def all_forms(self) -> tuple[tuple[str, str], ...]:
        return self.forms or ((self.old, self.new),)

    @property
    def total(self) -> int:
        """Places the old name stood in: replaced, or remaining."""
        return self.count + self.remaining_count

    def old_spans(self, text: str) -> list[tuple[int, int]]:
        """Where any old form stands in ``text`` (case, plural, possessive, typography ignored)."""
        return sorted({m.span() for o, _ in self.all_forms for m in form_pattern(o).finditer(text)})

    def new_spans(self, text: str) -> list[tuple[int, int]]:
        """Where any new form stands in ``text``."""
        return sorted({m.span() for _, n in self.all_forms for m in form_pattern(n).finditer(text)})

    def applies(self, old_text: str, new_text: str) -> bool:
        """Whether the rule can explain a change from ``old_text`` to ``new_text``."""
        return any(form_pattern(o).search(old_text) and form_pattern(n).search(new_text)
                   for o, n in self.all_forms)


# --- mining -----------------------------------------------------------------------------

Place = tuple[int, int, int]  # record, first change, last change


@dataclass
class _Span:
    record: int
    o0: int
    o1: int
    n0: int
    n1: int


@dataclass
class _Found:
    old: tuple[str, ...]
    new: tuple[str, ...]
    count: int
    surfaces: Counter[tuple[str, str]]
    forms: list[tuple[tuple[str, ...], tuple[str, ...]]]
    #: where it was made: (record, first old word, end of old words, first new word, end of new words)
    sites: list[tuple[int, int, int, int, int]]
    #: the wording the rule is told in, once another rule was merged into it
    shown: tuple[str, str] | None = None

    def places(self) -> int:
        """Places made: an acronym beside its expansion is one place with it."""
        n, last = 0, (-1, -1, -1)
        for site in sorted(self.sites):
            if site[0] != last[0] or site[1] > last[2] + MAX_GAP:
                n += 1
                last = site[:3]
            else:
                last = (last[0], last[1], max(last[2], site[2]))
        return n


def _candidates(records: Sequence[Record]) -> dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[Place, _Span]]]:
    out: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[Place, _Span]]] = {}
    signatures: dict[tuple[tuple[str, ...], tuple[str, ...]], set[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for r, rec in enumerate(records):
        hs = rec.hunks
        for j in range(len(hs)):
            for last in range(j, min(len(hs), j + MAX_RUN)):
                if last > j:
                    gap0, gap1 = hs[last - 1][1], hs[last][0]
                    if gap1 - gap0 > MAX_GAP or any(rec.old.hard[gap0 + 1:gap1 + 1]):
                        break
                o0, o1, n0, n1 = hs[j][0], hs[last][1], hs[j][2], hs[last][3]
                if o1 - o0 > MAX_TERM_WORDS or n1 - n0 > MAX_TERM_WORDS:
                    break
                if any(rec.old.hard[o0 + 1:o1]) or any(rec.new.hard[n0 + 1:n1]):
                    break
                spans = [(o0, o1, n0, n1)]
                # the same change without the stop words at its edges ("the early" → "a family")
                a, b, c, d = o0, o1, n0, n1
                while a < b and rec.old.keys[a] in STOP:
                    a += 1
                while b > a and rec.old.keys[b - 1] in STOP:
                    b -= 1
                while c < d and rec.new.keys[c] in STOP:
                    c += 1
                while d > c and rec.new.keys[d - 1] in STOP:
                    d -= 1
                if (a, b, c, d) != spans[0]:
                    spans.append((a, b, c, d))
                for a, b, c, d in spans:
                    ok, nk = tuple(rec.old.keys[a:b]), tuple(rec.new.keys[c:d])
                    if not _plausible(ok, nk):
                        continue
                    seen = (_window(rec.old, a, b), _window(rec.new, c, d))
                    if seen in signatures.setdefault((ok, nk), set()):
                        continue  # the same change reported for two records (a region's)
                    signatures[ok, nk].add(seen)
                    out.setdefault((ok, nk), []).append(((r, j, last), _Span(r, a, b, c, d)))
    return out


def _window(side: Side, a: int, b: int) -> tuple[str, ...]:
    """The words ``a:b`` with up to :data:`WINDOW` words either side, not across the ellipsis
    joining the segments of a region's changes."""
    def cut(i: int) -> bool:  # an ellipsis before token i
        return 0 < i < len(side.spans) and "\u2026" in side.text[side.spans[i - 1][1]:side.spans[i][0]]

    start = a
    while start > max(0, a - WINDOW) and not cut(start):
        start -= 1
    end = b
    while end < min(len(side.keys), b + WINDOW) and not cut(end):
        end += 1
    return tuple(side.keys[start:end])


def _plausible(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether a change may be (part of) a rename: words on some side, no numbers, no modals."""
    if not old and not new or "".join(old) == "".join(new):
        return False
    if any(any(ch.isdigit() for ch in k) or k in _MODAL for k in old + new):
        return False
    return content_words(old) or content_words(new)


def _degenerate(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Rule 5 of the module docstring."""
    if not content_words(old) or not content_words(new) or "".join(old) == "".join(new):
        return True
    if len(old) > MAX_TERM_WORDS or len(new) > MAX_TERM_WORDS:
        return True
    if any(any(ch.isdigit() for ch in k) or k in _MODAL for k in old + new):
        return True
    if old[0] in STOP or old[-1] in STOP or new[0] in STOP or new[-1] in STOP:
        return True  # "and Annex B", "this guidance": a name does not start or end with a stop word
    return any(a == b for side in (old, new) for a, b in zip(side, side[1:]))


class _Miner:
    def __init__(self, records: Sequence[Record], old: Keys, new: Keys) -> None:
        self.records, self.old, self.new = records, old, new

    def _next(self, s: _Span, right: bool, step: int) -> str | None:
        """The ``step``-th unchanged word beside a place (1 = adjacent), if both sides share it."""
        rec = self.records[s.record]
        # punctuation between the word and the place's words; a side with no words (where words
        # were inserted or deleted) leaves the other side to tell
        o_empty, n_empty = s.o0 == s.o1, s.n0 == s.n1
        if right:
            i, j = s.o1 + step - 1, s.n1 + step - 1
            if i >= len(rec.old.keys) or j >= len(rec.new.keys) or any(rec.old.edge[s.o1 + o_empty:i + 1]) \
                    or any(rec.new.edge[s.n1 + n_empty:j + 1]):
                return None
        else:
            i, j = s.o0 - step, s.n0 - step
            if i < 0 or j < 0 or any(rec.old.edge[i + 1:s.o0 + 1 - o_empty]) \
                    or any(rec.new.edge[j + 1:s.n0 + 1 - n_empty]):
                return None
        return rec.old.keys[i] if rec.old.keys[i] == rec.new.keys[j] else None

    def _agreed(self, spans: Sequence[_Span], right: bool, step: int = 1) -> str | None:
        words = {self._next(s, right, step) for s in spans}
        return words.pop() if len(words) == 1 and None not in words else None

    def _shared(self, spans: list[_Span], right: bool) -> tuple[str, list[_Span]] | None:
        """The word beside the places on one side that all of them share, or four fifths of
        them (a reader's slip or a re-set line elsewhere), with those places."""
        words = Counter(self._next(s, right, 1) for s in spans)
        words.pop(None, None)
        if not words:
            return None
        w = min(words, key=lambda x: (-words[x], x or ""))
        group = [s for s in spans if self._next(s, right, 1) == w]
        if w is None or 5 * len(group) < 4 * len(spans) or len(group) < MIN_TERM_SUPPORT \
                or len({s.record for s in group}) < 2:
            return None
        return w, group

    def _most(self, spans: list[_Span]) -> list[_Span] | None:
        """The places sharing the word most of them have on one side, if they are at least two
        thirds of them (and :data:`MIN_TERM_SUPPORT`, in two records)."""
        best: list[_Span] = []
        for right in (True, False):
            words = Counter(self._next(s, right, 1) for s in spans)
            words.pop(None, None)
            for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0] or ""))[:1]:
                group = [s for s in spans if self._next(s, right, 1) == w]
                if len(group) > len(best):
                    best = group
        if 3 * len(best) < 2 * len(spans) or len(best) < MIN_TERM_SUPPORT or len({s.record for s in best}) < 2:
            return None
        return best

    @staticmethod
    def _grow(spans: Sequence[_Span], right: bool, n: int) -> None:
        for s in spans:
            if right:
                s.o1 += n
                s.n1 += n
            else:
                s.o0 -= n
                s.n0 -= n

    def _keys(self, spans: Sequence[_Span]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        s = spans[0]
        rec = self.records[s.record]
        return tuple(rec.old.keys[s.o0:s.o1]), tuple(rec.new.keys[s.n0:s.n1])

    def whole(self, spans: list[_Span]) -> bool:
        """Grow the places to the whole name (rule 4); False when no whole name is found.

        Whether a neighbouring word belongs to the name is judged in the edition where the
        change has words of its own: the old one, or the new one for words inserted (the new
        edition's new name always has the words its places share)."""
        inserted = not self._keys(spans)[0]
        while True:
            old, new = self._keys(spans)
            if content_words(old) and content_words(new):
                break
            if len(old) >= MAX_TERM_WORDS:
                return False
            left, right = self._agreed(spans, False), self._agreed(spans, True)
            if left is None and right is None:
                # most places share a neighbour: the others are some other change
                side = self._most(spans)
                if side is None:
                    return False
                spans[:] = side
                continue
            if right is not None:
                self._grow(spans, True, 1)
            if left is not None:
                self._grow(spans, False, 1)
        grown = True
        while grown:
            grown = False
            for right in (True, False):
                old, new = self._keys(spans)
                shared = self._shared(spans, right)
                if shared is None:
                    continue
                w, group = shared
                unit: tuple[str, ...] = (w,)
                if w in STOP:
                    w2 = self._agreed(group, right, 2)
                    if w2 is None or w2 in STOP:
                        continue
                    unit = (w, w2) if right else (w2, w)
                if any(u in _MODAL or any(ch.isdigit() for ch in u) for u in unit):
                    continue  # a verb or a number after a name is not part of it
                ext_old, ext_new = (old + unit, new + unit) if right else (unit + old, unit + new)
                if len(ext_old) > MAX_TERM_WORDS or len(ext_new) > MAX_TERM_WORDS:
                    continue
                if any(a == b for side in (ext_old, ext_new) for a, b in zip(side, side[1:])):
                    continue
                if self._belongs(new, ext_new, self.new) if inserted else self._belongs(old, ext_old, self.old):
                    spans[:] = group
                    self._grow(spans, right, len(unit))
                    grown = True
        self._complete_expansion(spans)
        return not _degenerate(*self._keys(spans))

    def _complete_expansion(self, spans: list[_Span]) -> None:
        """An expansion before its acronym in brackets takes in the shared words before it
        until its initials make the acronym ("Supported Service (TSS)" → "Tribunal Supported
        Service (TSS)"), however few its uses."""
        for grown in range(4):
            s = spans[0]
            rec = self.records[s.record]
            mo = _BRACKETED.fullmatch(surface(rec.old, s.o0, s.o1)) if s.o1 > s.o0 else None
            mn = _BRACKETED.fullmatch(surface(rec.new, s.n0, s.n1)) if s.n1 > s.n0 else None
            if not (mo and mn and _acronym(mo.group(2)) and _acronym(mn.group(2))):
                break
            if _expansion(mo.group(1), key(mo.group(2))) and _expansion(mn.group(1), key(mn.group(2))):
                return
            if grown == 3 or self._agreed(spans, False) is None:
                break
            self._grow(spans, False, 1)
        self._grow(spans, False, -grown)  # no such words: as it was

    def found(self, spans: list[_Span], new_keys: Keys) -> _Found | None:
        """The rule of the places, if its old name has mostly gone (rule 6): if not, the
        neighbouring words all places share are taken in, up to two, until it has."""
        for _ in range(3):
            old, new = self._keys(spans)
            f = _Found(old, new, len(spans), self.surfaces(spans), [(old, new)],
                       [(s.record, s.o0, s.o1, s.n0, s.n1) for s in spans])
            if _remaining(f, new_keys)[1] <= f.count:
                return f
            for right in (False, True):
                shared = self._shared(spans, right)
                if shared is None:
                    continue
                w, group = shared
                if w not in STOP and w not in _MODAL and not _degenerate(
                        *((old + (w,), new + (w,)) if right else ((w,) + old, (w,) + new))):
                    spans[:] = group
                    self._grow(spans, right, 1)
                    break
            else:
                return None
        return None

    @staticmethod
    def _belongs(phrase: tuple[str, ...], extended: tuple[str, ...], keys: Keys) -> bool:
        """Whether ``extended`` stands in at least half the places ``phrase`` stands in, and in
        :data:`MIN_EVIDENCE` places or more (two uses say nothing of a name's bounds)."""
        n, m = keys.count(phrase), keys.count(extended)
        return m >= MIN_EVIDENCE and 2 * m >= n

    def surfaces(self, spans: Sequence[_Span]) -> Counter[tuple[str, str]]:
        out: Counter[tuple[str, str]] = Counter()
        for s in spans:
            rec = self.records[s.record]
            out[surface(rec.old, s.o0, s.o1), surface(rec.new, s.n0, s.n1)] += 1
        return out


def _remaining(found: _Found, new_keys: Keys) -> tuple[list[int], int]:
    """Blocks of the new edition where an old form stands, not as part of a new form, and how often.

    Whether a place lies inside a place of a new form is asked of the new forms' places sorted
    by start, with the furthest end reached so far: the one ending furthest of those starting
    at or before it."""
    inside = sorted((q, q + len(n)) for _, n in found.forms for q in new_keys.find(n))
    starts = [a for a, _ in inside]
    reach = list(itertools.accumulate((b for _, b in inside), max))
    blocks: list[int] = []
    count = 0
    seen: set[int] = set()
    for o, _ in found.forms:
        for p in new_keys.find(o):
            before = bisect.bisect_right(starts, p)
            if p in seen or (before and reach[before - 1] >= p + len(o)):
                continue  # part of the new name ("safeguarding partners" in "lead safeguarding partners")
            seen.add(p)
            count += 1
            blocks.append(new_keys.block[p])
    return sorted(set(blocks)), count


def _expansion(surface: str, acronym: str) -> str | None:
    """The leading words of ``surface`` (a bracketed part left out) whose initials make
    ``acronym`` (folded), hyphenated words counting each part; None if none do."""
    words = re.sub(r"\s*\([^)]*\)?", " ", fold(surface)).split()
    acronym = acronym.lower()  # an acronym spelled like a stop word keeps its capitals as a key ("TO")
    full = content = ""
    for k, w in enumerate(words):
        parts = [p for p in re.split(r"-", w) if p and p[0].isalnum()]
        full += "".join(p[0] for p in parts).lower()
        if w.lower() not in STOP:
            content += "".join(p[0] for p in parts).lower()
        if acronym in (full, content):
            return " ".join(words[:k + 1])
    return None


def _acronym(surface: str) -> str | None:
    """The folded acronym if ``surface`` is one word of capitals ("ICBs", "MAPPA")."""
    w = surface.strip()
    if not re.fullmatch(r"[A-Z][A-Z&]{1,9}s?", w):
        return None
    return key(w)


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[k:k + n] == inner for k in range(len(outer) - n + 1))


def _merge(found: list[_Found]) -> list[_Found]:
    """Rule 7 of the module docstring: acronyms with their expansions, parts into wholes."""
    out = sorted(found, key=lambda f: (-f.count, f.old, f.new))
    merged = True
    while merged:
        merged = False
        for a in out:
            for b in out:
                if a is b:
                    continue
                if _same_rename(a, b):
                    wo, wn = _display(b)
                    ao, an = _display(a)
                    eo, en = _expansion(wo, key(ao)), _expansion(wn, key(an))
                    if _acronym(ao) and _acronym(an) and eo and en and key(ao) not in b.old:
                        wo, wn = f"{eo} ({ao})", f"{en} ({an})"  # "Expansion (ACRONYM)"
                    b.shown = (wo, wn)
                    b.sites += a.sites
                    b.count = b.places()
                    b.surfaces += a.surfaces
                    b.forms += [f for f in a.forms if f not in b.forms]
                    out.remove(a)
                    merged = True
                    break
            if merged:
                break
    return out


def _display(f: _Found) -> tuple[str, str]:
    """The wording a rule is told in: its most used form, without a possessive ending, in the
    case most of its places write it in; between forms used as often, the one written
    mid-sentence (lower case first), then the first in alphabetical order."""
    if f.shown:
        return f.shown
    forms: Counter[tuple[str, str]] = Counter()
    for (o, n), times in f.surfaces.items():
        forms[_POSSESSIVE.sub("", o), _POSSESSIVE.sub("", n)] += times
    groups: Counter[tuple[str, str]] = Counter()
    for (o, n), times in forms.items():
        groups[o.lower(), n.lower()] += times
    group = min(groups, key=lambda g: (-groups[g], g))
    return min((x for x in forms if (x[0].lower(), x[1].lower()) == group),
               key=lambda x: (-forms[x], not x[0][:1].islower(), x))


def _same_rename(part: _Found, whole: _Found) -> bool:
    """Whether ``part`` is the acronym of ``whole`` or its expansion (alone, or with words
    around it), or lies inside it on both sides."""
    po, pn = _display(part)
    ao, an = _acronym(po), _acronym(pn)
    if ao and an and len(part.old) == len(part.new) == 1:
        wo, wn = _display(whole)
        if ao in whole.old and an in whole.new:
            return True  # "Expansion (ACRONYM)"
        if _expansion(wo, ao) and _expansion(wn, an):
            return True
    wo, wn = _display(whole)
    bo, bn = _BRACKETED.fullmatch(wo), _BRACKETED.fullmatch(wn)
    if bo and bn and _acronym(bo.group(2)) and _acronym(bn.group(2)):
        eo, en = key_phrase(bo.group(1)), key_phrase(bn.group(1))
        if _contains(part.old, eo) and _contains(part.new, en):
            return True  # the expansion alone, with words around it or not
    if (len(part.old), len(part.new)) != (len(whole.old), len(whole.new)) and \
            _contains(whole.old, part.old) and _contains(whole.new, part.new):
        return True
    return False


def _join(found: list[_Found], records: Sequence[Record]) -> list[_Found]:
    """Rules standing side by side in (nearly) every place are one rename cut in two ("Public
    Health" → "UK Health" beside "Health England" → "Health Security Agency and ..."): joined,
    told by the words from the first's start to the second's end."""
    joined = True
    while joined:
        joined = False
        for a in found:
            for b in found:
                if a is b:
                    continue
                pairs = [(x, y) for x in a.sites for y in b.sites
                         if x[0] == y[0] and x[1] <= y[1] <= x[2] + MAX_GAP and x[3] <= y[3] <= x[4] + MAX_GAP]
                if not pairs or 5 * len(pairs) < 4 * max(len(a.sites), len(b.sites)):
                    continue
                surfaces: Counter[tuple[str, str]] = Counter()
                sites = []
                for x, y in pairs:
                    rec = records[x[0]]
                    o0, o1, n0, n1 = x[1], max(x[2], y[2]), x[3], max(x[4], y[4])
                    surfaces[surface(rec.old, o0, o1), surface(rec.new, n0, n1)] += 1
                    sites.append((x[0], o0, o1, n0, n1))
                rec, (r, o0, o1, n0, n1) = records[sites[0][0]], sites[0]
                keys = (tuple(rec.old.keys[o0:o1]), tuple(rec.new.keys[n0:n1]))
                if _degenerate(*keys):
                    continue
                used = {x for x, _ in pairs} | {y for _, y in pairs}
                rest = [x for x in a.sites + b.sites if x not in used]
                f = _Found(keys[0], keys[1], 0, surfaces, [keys], sites + rest)
                f.count = f.places()
                found = [g for g in found if g is not a and g is not b] + [f]
                joined = True
                break
            if joined:
                break
    return found


def _adopt(f: _Found, candidates: Mapping[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[Place, _Span]]],
           taken: set[tuple[int, int]]) -> None:
    """Count a rule's other forms where no rule took the change: "ACR" → "ACR2" alone, and
    the expansion alone, for a rule found as "Expansion (ACR)" → "Expansion2 (ACR2)"."""
    o, n = _display(f)
    m_old, m_new = _BRACKETED.fullmatch(o), _BRACKETED.fullmatch(n)
    if not (m_old and m_new and _acronym(m_old.group(2)) and _acronym(m_new.group(2))):
        return
    for form in ((key_phrase(m_old.group(2)), key_phrase(m_new.group(2))),
                 (key_phrase(m_old.group(1)), key_phrase(m_new.group(1)))):
        for place, span in candidates.get(form, ()):
            hunks = {(place[0], h) for h in range(place[1], place[2] + 1)}
            if hunks & taken:
                continue
            taken.update(hunks)
            f.sites.append((span.record, span.o0, span.o1, span.n0, span.n1))
        if form not in f.forms:
            f.forms.append(form)
    f.count = f.places()


def mine_terms(
    diffs: Iterable[Sequence[Op] | Sequence[Sequence[str]]],
    old_text: str | Iterable[str],
    new_text: str | Mapping[str, str],
) -> list[TermRule]:
    """The rename rules explaining the word diffs (see the module docstring).

    ``old_text`` is the old edition (its text, or its blocks' texts);
    ``new_text`` the new one (its text, or its blocks' texts by block id, which
    ``remaining`` then names). Rules come most places first.
    """
    records = [record(list(ops)) for ops in diffs]
    olds = [old_text] if isinstance(old_text, str) else list(old_text)
    news = {"": new_text} if isinstance(new_text, str) else dict(new_text)
    ids = list(news)
    old_keys, new_keys = Keys(olds), Keys(news.values())
    miner = _Miner(records, old_keys, new_keys)
    candidates = _candidates(records)
    # most places first; then the candidates joining more changes, then the longer (a change
    # with its stop words before the same change without them)
    order = sorted(candidates, key=lambda k: (-len({p for p, _ in candidates[k]}),
                                              -sum(p[2] - p[1] for p, _ in candidates[k]),
                                              -len(k[0]) - len(k[1]), k))
    taken: set[tuple[int, int]] = set()
    found: list[_Found] = []
    for k in order:
        places: list[tuple[Place, _Span]] = []
        for place, span in candidates[k]:
            hunks = {(place[0], h) for h in range(place[1], place[2] + 1)}
            if not hunks & taken and place not in {p for p, _ in places}:
                places.append((place, _Span(span.record, span.o0, span.o1, span.n0, span.n1)))
        if len(places) < MIN_TERM_SUPPORT or len({p[0] for p, _ in places}) < 2:
            continue
        spans = [s for _, s in places]
        if not miner.whole(spans):
            continue
        f = miner.found(spans, new_keys)
        if f is None:
            continue  # the old wording mostly stays: not a rename
        kept = {id(s) for s in spans}
        places = [(p, s) for p, s in places if id(s) in kept]
        for place, _ in places:
            taken.update((place[0], h) for h in range(place[1], place[2] + 1))
        found.append(f)
    for f in found:
        _adopt(f, candidates, taken)
    found = _join(found, records)
    rules = []
    for f in _merge(found):
        blocks, left = _remaining(f, new_keys)
        old, new = _display(f)
        forms = [(old, new)]
        for fo in sorted(f.surfaces, key=lambda s: (-f.surfaces[s], s)):
            if (key_phrase(fo[0]), key_phrase(fo[1])) not in {(key_phrase(a), key_phrase(b)) for a, b in forms}:
                forms.append(fo)
        rules.append(TermRule(old=old, new=new, count=f.count, remaining=tuple(ids[b] for b in blocks),
                              remaining_count=left, forms=tuple(forms) if len(forms) > 1 else ()))
    rules.sort(key=lambda r: (-r.count, r.old, r.new))
    return rules
