"""Explain each change: term rules mined across the document, and categories.

Categories (see the JSON contract): ``terminology`` — the change is an
instance of a phrase replaced consistently across the document;
``obligation`` — must / should / may / must not added, removed or swapped
(with the direction: strengthened or weakened); ``legislation`` — citations
of Acts, sections or regulations changed; ``reference`` — links, footnotes or
cross-references to other chapters and paragraphs changed; ``editorial`` — case, punctuation, typography, hyphenation
or a spelling correction only; ``substantive`` — anything else.

Term rules are mined from the word diffs of all matched blocks: a short
replacement (``-Clinical Commissioning Groups +Integrated Care Boards``) seen
in at least :data:`MIN_TERM_SUPPORT` places, whose old phrase has (nearly)
gone from the new edition, is one rule, counted over every place it explains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .normalize import fold
from .worddiff import Op

__all__ = ["TermRule", "ObligationChange", "mine_terms", "categorise", "CATEGORIES"]

CATEGORIES = ("terminology", "obligation", "legislation", "reference", "editorial", "layout", "substantive")
MIN_TERM_SUPPORT = 2
MAX_TERM_WORDS = 6


@dataclass(frozen=True, slots=True)
class TermRule:
    """A phrase replaced consistently: ``old`` → ``new`` in ``count`` places."""

    old: str
    new: str
    count: int


@dataclass(frozen=True, slots=True)
class ObligationChange:
    """A change of modal verb, e.g. should → must (strengthened)."""

    old: str | None
    new: str | None
    direction: str  # strengthened | weakened | changed


# --- shared text helpers ----------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_STOP = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as", "at",
         "be", "is", "are", "this", "that", "it", "its", "their", "they", "from"}
_MODAL = re.compile(
    r"\b(must not|mustn't|should not|shouldn't|may not|must|should|shall|may|will|"
    r"(?:is|are) required to|(?:is|are) expected to|needs? to|could|can)\b",
    re.IGNORECASE,
)
_MODAL_RANK = {"must not": 3, "mustn't": 3, "must": 3, "shall": 3, "is required to": 3,
               "are required to": 3, "will": 2, "should not": 2, "shouldn't": 2, "should": 2,
               "is expected to": 2, "are expected to": 2, "need to": 2, "needs to": 2,
               "may not": 1, "may": 1, "could": 1, "can": 1}
_CITATION = re.compile(
    r"(?:\b(?:[A-Z][\w’'()-]*\s+){0,8}(?:Act|Regulations|Order|Rules|Directive|Code(?:\s+of\s+Practice)?|Measure|Bill)"
    r"(?:\s+\(\w+\))?\s+(?:\d{4})\b)"
    r"|(?:\b(?:section|sections|s\.|regulation|regulations|reg\.|paragraph|schedule|article|part)\s+"
    r"\d+[A-Z]{0,2}(?:\(\d+[a-z]?\))*(?:\([a-z]+\))*)",
    re.IGNORECASE,
)
# A cheap test that a text may hold a citation: every match of _CITATION contains one of these.
# (_CITATION, case-insensitive, tries up to eight words before "Act" at every word: slow.)
_MAYBE_CITATION = re.compile(
    r"(?:act|regulations|order|rules|directive|code(?:\s+of\s+practice)?|measure|bill)(?:\s+\(\w+\))?\s+\d{4}"
    r"|(?:section|sections|s\.|regulation|regulations|reg\.|paragraph|schedule|article|part)\s+\d",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# Cross-references to other parts of the guidance.
_XREF = re.compile(r"\b(?:chapters?|paragraphs?|paras?|pages?|annex|appendix|appendices)\s+"
                   r"(?:\d+(?:\.\d+)*(?:\s*[-\u2013]\s*\d+(?:\.\d+)*)?|[A-Z])\b",
                   re.IGNORECASE)


def _norm_words(text: str) -> list[str]:
    """Words for editorial comparison: case, hyphens, apostrophes and typography ignored."""
    return [w.replace("-", "").replace("'", "").replace("\u2019", "")
            for w in _WORD.findall(fold(text).lower())]


def _content(text: str) -> list[str]:
    return [w for w in _norm_words(text) if w not in _STOP]


def modals(text: str) -> list[str]:
    """The modal verbs of ``text`` in order, lower-cased ("must not" as one)."""
    return [m.lower().replace("\u2019", "'") for m in _MODAL.findall(fold(text))]


def citations(text: str) -> Counter[str]:
    """Citations of legislation in ``text`` (normalised), with their counts."""
    folded = fold(text)
    if not _MAYBE_CITATION.search(folded):
        return Counter()
    return Counter(re.sub(r"\s+", " ", m.lower()).strip() for m in _CITATION.findall(folded))


# --- term rules --------------------------------------------------------------------------

def _hunks(ops: Sequence[Op] | Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """(deleted, inserted) text of each change between equalities."""
    out: list[tuple[str, str]] = []
    dels: list[str] = []
    ins: list[str] = []
    for op, text in list(ops) + [("=", "")]:
        if op == "=":
            if dels or ins:
                out.append(("".join(dels), "".join(ins)))
            dels, ins = [], []
        elif op == "-":
            dels.append(text)
        else:
            ins.append(text)
    return out


def _phrase(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" \t,.;:()\"'“”‘’")


def _is_term(old: str, new: str) -> bool:
    if not old or not new or old.lower() == new.lower():
        return False
    wo, wn = _WORD.findall(old), _WORD.findall(new)
    if not wo or not wn or len(wo) > MAX_TERM_WORDS or len(wn) > MAX_TERM_WORDS:
        return False
    if any(any(ch.isdigit() for ch in w) for w in wo + wn) or modals(old) or modals(new):
        return False  # numbers ("267-268 → 266-267") follow renumbering; they are not terms
    if all(w.lower() in _STOP for w in wo) or all(w.lower() in _STOP for w in wn):
        return False
    if _norm_words(old) == _norm_words(new):
        return False  # editorial, not a change of term
    return max(len(w) for w in wo + wn) >= 4


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what ``\w`` matches


def _occurrences(phrase: str, text: str) -> int:
    """Whole-word occurrences of ``phrase`` in ``text`` (as ``(?<!\\w)phrase(?!\\w)`` would find them).

    A plain substring search with the boundary checks done by hand: a
    look-behind at the start of a pattern stops the regex engine from
    searching for the literal, which made this the slowest step of a comparison.
    """
    if not phrase:
        return len(re.findall(r"(?<!\w)(?!\w)", text))
    found, start, width = 0, 0, len(phrase)
    while (k := text.find(phrase, start)) >= 0:
        if (k == 0 or not _is_word_char(text[k - 1])) and (
                k + width >= len(text) or not _is_word_char(text[k + width])):
            found += 1
            start = k + width
        else:
            start = k + 1
    return found


class _TextIndex:
    """Whole-word phrase counts in one long text (a whole edition), cached.

    Counting with ``(?<!\\w)phrase(?!\\w)`` scans the whole text once per
    phrase, and the number of candidate phrases grows with the edition, so
    term mining would be quadratic. Instead every maximal run of word
    characters is indexed by where it starts (one pass); a phrase that starts
    and ends with a word character can only stand where its rarest run stands
    as a whole run, so only those places are checked — the same count as
    :func:`_occurrences`, in time that grows with the matches.
    """

    _RUN = re.compile(r"\w+")

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[str, int] = {}
        self._runs: dict[str, list[int]] | None = None

    @property
    def runs(self) -> dict[str, list[int]]:
        if self._runs is None:
            self._runs = {}
            for m in self._RUN.finditer(self.text):
                self._runs.setdefault(m.group(), []).append(m.start())
        return self._runs

    def count(self, phrase: str) -> int:
        got = self._cache.get(phrase)
        if got is None:
            got = self._cache[phrase] = self._count(phrase)
        return got

    def _count(self, phrase: str) -> int:
        text = self.text
        pieces = list(self._RUN.finditer(phrase))
        if not pieces or not (_is_word_char(phrase[0]) and _is_word_char(phrase[-1])):
            return _occurrences(phrase, text)
        runs = self.runs
        rare = min(pieces, key=lambda m: (len(runs.get(m.group(), ())), m.start()))
        found, last_end, width = 0, 0, len(phrase)
        for p in runs.get(rare.group(), ()):
            k = p - rare.start()
            if k < last_end or not text.startswith(phrase, k):
                continue
            if (k and _is_word_char(text[k - 1])) or (k + width < len(text) and _is_word_char(text[k + width])):
                continue
            found += 1
            last_end = k + width
        return found


_LAST_WORD = re.compile(r"((?:\w[\w'’-]*\s+){1,2})$")  # up to two words of context
_FIRST_WORD = re.compile(r"^((?:\s+\w[\w'’-]*){1,2})")
_ONE_BEFORE = re.compile(r"(\w[\w'’-]*\s+)$")
_ONE_AFTER = re.compile(r"^(\s+\w[\w'’-]*)")


def _contexts(ops: Sequence[Op] | Sequence[Sequence[str]]) -> list[tuple[str, str, str, str]]:
    """Each change as (words before, deleted, inserted, words after), up to two words
    taken from the equal text on each side (empty when there is none)."""
    ops = list(ops)
    out = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "=":
            k += 1
            continue
        before = ops[k - 1][1] if k and ops[k - 1][0] == "=" else ""
        dels, ins = [], []
        while k < len(ops) and ops[k][0] != "=":
            (dels if ops[k][0] == "-" else ins).append(ops[k][1])
            k += 1
        after = ops[k][1] if k < len(ops) else ""
        mb, ma = _LAST_WORD.search(before), _FIRST_WORD.search(after)
        out.append((mb.group(1) if mb else "", "".join(dels), "".join(ins), ma.group(1) if ma else ""))
    return out


def mine_terms(
    diffs: Iterable[Sequence[Op] | Sequence[Sequence[str]]], old_text: str, new_text: str
) -> list[TermRule]:
    """Term rules explaining the word diffs; ``old_text``/``new_text`` are the whole editions.

    A replacement seen in :data:`MIN_TERM_SUPPORT` or more places is a rule if
    its old phrase has (nearly) gone from the new edition. When a one-word
    change is too common to have gone ("professional" → "practitioner" while
    "health professionals" stays), the word on either side is taken in —
    "designated professional" → "designated practitioner" — and tried again.
    """
    changes = [c for ops in diffs for c in _contexts(ops)]
    support: dict[tuple[str, str], list[int]] = {}
    variants: dict[tuple[str, str], dict[tuple[str, str], set[int]]] = {}
    for k, (before, d, i, after) in enumerate(changes):
        old, new = _phrase(d), _phrase(i)
        if not _is_term(old, new):
            continue
        support.setdefault((old, new), []).append(k)
        wider = variants.setdefault((old, new), {})
        one_before, one_after = _ONE_BEFORE.search(before), _ONE_AFTER.search(after)
        for context in {before, one_before.group(1) if one_before else ""} - {""}:
            wider.setdefault((_phrase(context + d), _phrase(context + i)), set()).add(k)
        for context in {after, one_after.group(1) if one_after else ""} - {""}:
            wider.setdefault((_phrase(d + context), _phrase(i + context)), set()).add(k)

    in_old, in_new = _TextIndex(old_text), _TextIndex(new_text)

    def gone(old: str) -> bool:
        return in_new.count(old) <= in_old.count(old) // 5

    chosen: list[tuple[str, str]] = []
    for (old, new), places in sorted(support.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(places) < MIN_TERM_SUPPORT:
            continue
        if gone(old):
            chosen.append((old, new))
            continue
        # Greedy cover of this change's places by wider phrases that have gone: those covering
        # most places first, then those widened by a word that means something ("designated
        # professional", not "the professional"), then the shortest.
        options = {v: ks for v, ks in variants[old, new].items() if _is_term(*v) and gone(v[0])}
        left = set(places)

        def preference(v: tuple[str, str], old: str = old) -> tuple[int, bool, int, tuple[str, str]]:
            added = [w.lower() for w in _WORD.findall(v[0].replace(old, " ", 1))]
            return -len(options[v] & left), all(w in _STOP for w in added), len(added), v

        while options:
            best = min(options, key=preference)
            if len(options[best] & left) < MIN_TERM_SUPPORT:
                break
            chosen.append(best)
            left -= options.pop(best)
    rules: list[TermRule] = []
    for old, new in dict.fromkeys(chosen):
        count = 0
        for before, d, i, after in changes:
            count += min(_occurrences(old, before + d + after), _occurrences(new, before + i + after))
        if count >= MIN_TERM_SUPPORT:
            rules.append(TermRule(old=old, new=new, count=count))
    rules.sort(key=lambda r: (-r.count, r.old, r.new))
    # A rule that is part of a longer rule's replacement is not a rule of its own.
    return [r for r in rules if not any(
        o is not r and _occurrences(r.old, o.old) and _occurrences(r.new, o.new) and o.count >= r.count
        for o in rules)]


# --- categories --------------------------------------------------------------------------

def _spelling(old: str, new: str) -> bool:
    wo, wn = _norm_words(old), _norm_words(new)
    if len(wo) != len(wn):
        return False
    return all(a == b or (min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 2)
               for a, b in zip(wo, wn))


def obligation_changes(old: str, new: str) -> list[ObligationChange]:
    """How the modal verbs of a block changed, paired in order of appearance."""
    mo, mn = modals(old), modals(new)
    if Counter(mo) == Counter(mn):
        return []
    ca, cb = Counter(mo), Counter(mn)
    gone = list((ca - cb).elements())
    came = list((cb - ca).elements())
    gone.sort(key=mo.index)
    came.sort(key=mn.index)
    out = []
    for k in range(max(len(gone), len(came))):
        o = gone[k] if k < len(gone) else None
        n = came[k] if k < len(came) else None
        ro = _MODAL_RANK.get(o or "", 0)
        rn = _MODAL_RANK.get(n or "", 0)
        if o and n and ("not" in o) != ("not" in n):
            direction = "changed"
        elif rn > ro:
            direction = "strengthened"
        elif rn < ro:
            direction = "weakened"
        else:
            direction = "changed"
        out.append(ObligationChange(old=o, new=n, direction=direction))
    return out


def added_or_deleted(block_kind_text: "object") -> list[str]:
    """Categories of a block that was added or deleted as a whole."""
    kind = getattr(block_kind_text, "kind", "paragraph")
    text = getattr(block_kind_text, "text", "")
    cats = {"reference"} if kind == "footnote" else {"substantive"}
    if citations(text):
        cats.add("legislation")
    if kind != "footnote" and any(_MODAL_RANK.get(m, 0) >= 2 for m in modals(text)):
        cats.add("obligation")  # a duty or expectation came or went, not a mere "may"
    return [c for c in CATEGORIES if c in cats]


def _hunk_spans(ops: Sequence[Op] | Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """Each change as (old start, old end, new start, new end) offsets in the two texts."""
    out: list[tuple[int, int, int, int]] = []
    po = pn = 0
    so, sn = po, pn
    in_change = False
    for op, text in list(ops) + [("=", "")]:
        if op == "=":
            if in_change:
                out.append((so, po, sn, pn))
                in_change = False
            po += len(text)
            pn += len(text)
            so, sn = po, pn
        else:
            in_change = True
            if op == "-":
                po += len(text)
            else:
                pn += len(text)
    return out


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    if pattern is _CITATION and not _MAYBE_CITATION.search(text):
        return []
    return [m.span() for m in pattern.finditer(text)]


def _outside(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The part of ``text[start:end]`` not covered by ``spans`` (covered chars become spaces)."""
    chars = list(text[start:end])
    for s0, s1 in spans:
        for k in range(max(s0, start), min(s1, end)):
            chars[k - start] = " "
    return "".join(chars)


def categorise(
    ops: Sequence[Op] | Sequence[Sequence[str]],
    old_text: str,
    new_text: str,
    rules: Sequence[TermRule],
    *,
    kind: str = "paragraph",
    links_changed: bool = False,
    renumbered: Mapping[str, str] | None = None,
) -> list[str]:
    """The categories of one modified block (``[]`` if its texts are equal).

    Each change in the word diff is explained in turn: the parts lying inside
    a term rule's phrases, a modal verb, a legislation citation or a link are
    set aside (their categories are recorded when those things differ between
    the two texts); what is left is editorial when it differs only in case,
    punctuation, typography or spelling, and substantive otherwise.

    ``renumbered`` maps the old edition's references to the new edition's
    numbers (``"paragraph 160"`` → ``"161"``, ``"chapter 4"`` → ``"2"``,
    ``"page 48"`` → ``"49"``): a
    cross-reference that changed only because what it cites was renumbered
    ("see paragraph 160" → "see paragraph 161") is a numbering change, which is
    editorial, not a change of reference.
    """
    if old_text == new_text and not links_changed:
        return []

    def follow_renumbering(m: re.Match[str]) -> str:
        ref, table = m.group(0), renumbered or {}
        head = ref.split()[0].lower()
        head = {"paragraphs": "paragraph", "para": "paragraph", "paras": "paragraph", "chapters": "chapter",
                "appendices": "appendix", "pages": "page"}.get(head, head)
        number = re.compile(r"(?<=\s)[A-Z]\b|\d+(?:\.\d+)*")
        return number.sub(lambda n: table.get(f"{head} {n.group(0).lower()}", n.group(0)), ref)

    # The old text's cross-references as they would read after renumbering.
    cited_old = _XREF.sub(follow_renumbering, old_text) if renumbered else old_text
    cats: set[str] = set()
    if links_changed:
        cats.add("reference")
    if citations(cited_old) != citations(new_text):
        cats.add("legislation")
    if obligation_changes(old_text, new_text):
        cats.add("obligation")
    if Counter(_XREF.findall(cited_old)) != Counter(_XREF.findall(new_text)):
        cats.add("reference")
    cover_old, cover_new = [], []
    for pattern in (_CITATION, _MODAL, _URL, _XREF):
        cover_old += _spans(pattern, old_text)
        cover_new += _spans(pattern, new_text)
    for rule in rules:
        old_rule = _spans(re.compile(re.escape(rule.old)), old_text)
        new_rule = _spans(re.compile(re.escape(rule.new)), new_text)
        cover_old += old_rule
        cover_new += new_rule
    residual = False
    for so, eo, sn, en in _hunk_spans(ops):
        d, i = old_text[so:eo], new_text[sn:en]
        for rule in rules:
            if rule.old in old_text[max(0, so - len(rule.old)):eo + len(rule.old)] and \
               rule.new in new_text[max(0, sn - len(rule.new)):en + len(rule.new)]:
                cats.add("terminology")
        if _norm_words(d) == _norm_words(i) or _spelling(d, i):
            continue  # case, punctuation, typography or spelling only
        rd = _outside(old_text, so, eo, cover_old)
        ri = _outside(new_text, sn, en, cover_new)
        if _content(rd) != _content(ri):
            residual = True
    if residual:
        if kind == "footnote" and not cats - {"reference"}:
            cats.add("reference")
        else:
            cats.add("substantive")
    if not cats:
        cats.add("editorial")
    return [c for c in CATEGORIES if c in cats]
