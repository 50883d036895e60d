"""The words of a drafted line: each change told as clauses, in the guidance's own words.

Used by :mod:`.amendments` to phrase a change from its word diff:

* **obligations** — "obligation strengthened from ‘should’ to ‘must’" with the
  sentence that carries the duty (a permission, *may* / *can* / *could*,
  coming or going is no obligation);
* **legislation** — citations of Acts, sections and regulations replaced,
  added or removed ("replacement of reference to the Data Protection Act 1998
  with the Data Protection Act 2018"), an Act with a new year paired with its
  old self;
* **cross-references** to paragraphs, chapters, pages and annexes that changed
  other than by following renumbering;
* **links** added, removed or changed (when both editions' readers see links);
* **wording** — the words added or removed that none of the above explains:
  quoted when few ("addition of ‘revised for introduction September 2026’"),
  else their key phrases (:mod:`.phrases`: "additions to include reference to
  controlling or coercive behaviour and economic abuse").

:class:`Explainer` decides which hunks of a diff are left for the wording
clause: not those that only differ editorially (case, punctuation, spelling),
follow a term rule, change a modal verb or a citation, follow renumbering
("see paragraph 160" → "see paragraph 161" where paragraph 160 became 161), or
are a footnote marker one reader left in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..classify import _CITATION as CITATION  # the rules classify uses
from ..classify import _XREF as XREF
from ..classify import _XREF_HEADS, xref_parts
from ..classify import TermRule, _norm_words, _spelling, citations, modals
from ..comparison import Change
from ..model import Block
from ..normalize import fold
from .phrases import FUNCTION_WORDS, join, key_phrases, trim

__all__ = [
    "QUOTE_PLACES",
    "QUOTE_WORDS",
    "Explainer",
    "Hunk",
    "about",
    "count_words",
    "cross_references",
    "hunks",
    "legislation",
    "link_clauses",
    "noun",
    "obligations",
    "on",
    "quote",
    "sentence",
    "told",
    "wording",
]

#: up to this many words added or removed in one place are quoted; more are summarised
QUOTE_WORDS = 20
#: up to this many places in one paragraph are told one by one
QUOTE_PLACES = 4
#: a text summarised by its opening words gives this many
OPENING_WORDS = 12
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z0-9‘“(])")


@dataclass(frozen=True, slots=True)
class Hunk:
    before: str
    deleted: str
    inserted: str
    after: str


def hunks(ops: Sequence[tuple[str, str]]) -> list[Hunk]:
    out: list[Hunk] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "=":
            k += 1
            continue
        before = ops[k - 1][1] if k and ops[k - 1][0] == "=" else ""
        dels: list[str] = []
        ins: list[str] = []
        while k < len(ops) and ops[k][0] != "=":
            (dels if ops[k][0] == "-" else ins).append(ops[k][1])
            k += 1
        after = ops[k][1] if k < len(ops) else ""
        out.append(Hunk(before[-60:], "".join(dels), "".join(ins), after[:60]))
    return out


def content(text: str) -> Counter[str]:
    return Counter(w for w in _norm_words(text) if w not in FUNCTION_WORDS)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def quote(text: str) -> str:
    return f"‘{text}’"


class Explainer:
    """Sets aside what the other clauses of a line already tell: term rules, modal verbs,
    citations, numbers that follow renumbering, and editorial differences."""

    def __init__(self, rules: Sequence[TermRule], renumbered: dict[str, str]) -> None:
        self.rules = rules
        self.renumbered = renumbered

    def residue(self, h: Hunk, old_text: str, new_text: str) -> tuple[Counter[str], Counter[str]]:
        d, i = content(h.deleted), content(h.inserted)
        for rule in self.rules:
            was, now = h.before + h.deleted + h.after, h.before + h.inserted + h.after
            if rule.applies(was, now):
                for a, b in rule.old_spans(was):
                    d -= content(was[a:b])
                for a, b in rule.new_spans(now):
                    i -= content(now[a:b])
        for m in modals(h.deleted):
            d -= Counter(m.split())
        for m in modals(h.inserted):
            i -= Counter(m.split())
        for c in cited(old_text):
            if c in fold(h.before + h.deleted + h.after):
                d -= content(c)
        for c in cited(new_text):
            if c in fold(h.before + h.inserted + h.after):
                i -= content(c)
        for _, written in _xrefs(old_text):
            if written in fold(h.before + h.deleted + h.after):
                d -= content(written)
        for _, written in _xrefs(new_text):
            if written in fold(h.before + h.inserted + h.after):
                i -= content(written)
        # "see paragraph 160" → "see paragraph 161" where paragraph 160 became 161
        head = _HEAD.search(h.before)
        if head:
            name = _XREF_HEADS.get(head.group(1).lower(), head.group(1).lower())
            mapped = re.sub(r"\d+|\b[A-Z]\b", lambda m: self.renumbered.get(f"{name} {m.group(0).lower()}",
                                                                              m.group(0)), h.deleted)
            if _norm_words(mapped) == _norm_words(h.inserted):
                return Counter(), Counter()
        return d, i

    @staticmethod
    def without_years(h: Hunk) -> Hunk:
        """The hunk without the year of a citation it starts inside ("Act ‹1998› does" →
        "does"): the legislation clause tells that."""
        if not _ENDS_IN_TITLE.search(h.before):
            return h
        d, i = _YEAR.sub("", h.deleted, count=1), _YEAR.sub("", h.inserted, count=1)
        return Hunk(h.before, d, i, h.after)

    @staticmethod
    def editorial(h: Hunk) -> bool:
        """Whether a hunk differs only in case, punctuation, typography or spelling."""
        return _norm_words(h.deleted) == _norm_words(h.inserted) or _spelling(h.deleted, h.inserted)

    def significant(self, h: Hunk, ch: Change) -> bool:
        """Whether a hunk says something the line must tell in words."""
        if self.editorial(h):
            return False
        d, i = self.residue(h, ch.old_text, ch.new_text)
        # A footnote's marker left in the text by one reader and not the other ("… Equality Duty 26").
        markers = {n.number for b in (*ch.old, *ch.new) for n in b.notes if n.number}
        if all(w in markers for w in (d + i)) and all(not w.isalpha() for w in (d + i)):
            return False
        return d != i


_HEAD = re.compile(r"\b(paragraphs?|paras?|pages?|chapters?|annex|appendix|appendices|part)\s+$", re.IGNORECASE)
_ENDS_IN_TITLE = re.compile(r"\b(?:Act|Regulations|Order|Rules|Directive|Code|Practice|Measure|Bill)\s+$")
_YEAR = re.compile(r"^\s*\d{4}\b")


def cited(text: str) -> list[str]:
    """Citations of legislation in ``text``, as written (typography folded)."""
    return [re.sub(r"\s+", " ", m.group(0)).strip() for m in CITATION.finditer(fold(text))]


def _internal(citation: str) -> bool:
    """"paragraph 160": a cross-reference within the guidance, told by :func:`cross_references`."""
    return citation.lower().startswith("paragraph")


def _tidy_citation(text: str) -> str:
    """A citation without the words before its name that the pattern takes in ("under the Data
    Protection Act 1998" → "Data Protection Act 1998")."""
    if re.match(r"(?:section|sections|s\.|regulation|regulations|reg\.|paragraph|schedule|article|part)\b",
                text, re.IGNORECASE):
        return text
    return re.sub(r"^(?:(?:[a-z][\w’'()-]*|The|A|An)\s+)+(?=[A-Z])", "", text)


def _act_name(citation: str) -> str:
    return re.sub(r"\s*\(?\d{4}\)?\s*$", "", citation).lower()


def legislation(old_text: str, new_text: str) -> list[str]:
    """Clauses for citations replaced, added or removed: "replacement of reference to the
    Data Protection Act 1998 with the Data Protection Act 2018"."""
    old_c = Counter({k: n for k, n in citations(old_text).items() if not _internal(k)})
    new_c = Counter({k: n for k, n in citations(new_text).items() if not _internal(k)})
    if old_c == new_c:
        return []
    gone_keys = old_c - new_c
    came_keys = new_c - old_c
    by_key_old = {re.sub(r"\s+", " ", c.lower()): _tidy_citation(c) for c in cited(old_text)}
    by_key_new = {re.sub(r"\s+", " ", c.lower()): _tidy_citation(c) for c in cited(new_text)}
    gone = [by_key_old.get(k, k) for k in gone_keys]
    came = [by_key_new.get(k, k) for k in came_keys]
    clauses = []
    # An Act cited with a new year, or one citation for another in the same place.
    for g in list(gone):
        match = next((c for c in came if _act_name(c) == _act_name(g)), None)
        if match is None and len(gone) == 1 and len(came) == 1:
            match = came[0]
        if match is not None:
            clauses.append(f"replacement of reference to {_the(g)} with {_the(match)}")
            gone.remove(g)
            came.remove(match)
    if came:
        clauses.append(f"addition of reference to {join([_the(c) for c in came])}")
    if gone:
        clauses.append(f"deletion of reference to {join([_the(g) for g in gone])}")
    return clauses


def _the(citation: str) -> str:
    """"the Data Protection Act 2018", "section 17 of …" (no article before a section)."""
    if re.match(r"(?:section|sections|s\.|regulation|regulations|reg\.|paragraph|schedule|article|part)\b",
                citation, re.IGNORECASE):
        return citation
    return f"the {citation}"


def _xrefs(text: str, renumbered: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The cross-references of ``text`` as (comparison key, text as written); with
    ``renumbered``, keyed as they read after renumbering."""
    out = []
    for m in XREF.finditer(fold(text)):
        written = re.sub(r"\s+", " ", m.group(0))
        name, rest = xref_parts(written)
        if renumbered:
            rest = re.sub(r"\d+|\b[a-z]\b", _follow(renumbered, name), rest).lower()
        out.append((f"{name} {rest}", written))
    return out


def _unmatched(ours: list[tuple[str, str]], theirs: list[tuple[str, str]]) -> list[str]:
    """The written forms of ``ours`` whose keys ``theirs`` does not have (as many times)."""
    left = Counter(k for k, _ in ours) - Counter(k for k, _ in theirs)
    out = []
    for key, written in ours:
        if left[key] > 0:
            left[key] -= 1
            out.append(written)
    return out


def _named(written: str) -> str:
    """A cross-reference as a clause names it: a bare number after "see" is a paragraph's."""
    if written[:1].isdigit():
        return f"{'paragraphs' if re.search(r'[-–]', written) else 'paragraph'} {written}"
    return written


def _follow(renumbered: Mapping[str, str], name: str) -> Callable[[re.Match[str]], str]:
    """A substitution giving a number of ``name`` ("paragraph") its number after renumbering."""
    return lambda n: renumbered.get(f"{name} {n.group(0).lower()}", n.group(0))


def cross_references(old_text: str, new_text: str, renumbered: Mapping[str, str]) -> list[str]:
    """Clauses for references to the guidance's own paragraphs, chapters, pages or annexes
    that changed other than by following renumbering."""
    old = _xrefs(old_text, renumbered)
    new = _xrefs(new_text)
    gone = [_named(w) for w in _unmatched(old, new)]
    came = [_named(w) for w in _unmatched(new, old)]
    clauses = [f"cross-reference to {g} changed to {c}" for g, c in zip(gone, came)]
    if len(came) > len(gone):
        clauses.append(f"cross-reference to {join(came[len(gone):])} added")
    if len(gone) > len(came):
        clauses.append(f"cross-reference to {join(gone[len(came):])} removed")
    return clauses


def sentence_with(text: str, word: str, other: str = "") -> str:
    """The sentence of ``text`` holding the modal verb ``word``, shortened around it.

    Where ``other`` (the other edition's text) is given, a sentence that the other edition
    does not have is preferred: when a duty comes or goes, the sentence to quote is the one
    that came or went, not one both editions share that happens to use the same verb.
    """
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    theirs = " ".join(_norm_words(other)) if other else ""
    found = []
    for sentence in _SENTENCE.split(text):
        m = pattern.search(fold(sentence))
        if m is not None:
            found.append((sentence, m))
    if not found:
        return ""
    sentence, m = found[0]
    if other:
        sentence, m = next(((s, m) for s, m in found if " ".join(_norm_words(s)) not in theirs), found[0])
    words = sentence.split()
    if len(words) <= 24:
        return sentence.strip().rstrip(".;:")
    at = len(fold(sentence)[:m.start()].split())
    lo, hi = max(0, at - 8), min(len(words), at + 14)
    return ("…" if lo else "") + " ".join(words[lo:hi]).rstrip(".;:,") + ("…" if hi < len(words) else "")


def obligations(c: Change) -> list[str]:
    """"Obligation strengthened from ‘should’ to ‘must’: ‘…the sentence that carries it…’"."""
    clauses = []
    quoted: set[str] = set()
    told: set[str] = set()
    for o in c.obligations:
        if (o.old is None and o.new in _PERMISSIONS) or (o.new is None and o.old in _PERMISSIONS):
            continue  # "may", "can", "could" coming or going grant or remove no duty
        if o.old and o.new:
            what = f"obligation {o.direction} from ‘{o.old}’ to ‘{o.new}’"
            clause = sentence_with(c.new_text, o.new)
        elif o.new:
            what = f"obligation {o.direction} by adding ‘{o.new}’"
            clause = sentence_with(c.new_text, o.new, c.old_text)
        else:
            what = f"obligation {o.direction} by removing ‘{o.old}’"
            clause = sentence_with(c.old_text, o.old or "", c.new_text)
        if what in told and (not clause or clause in quoted):
            continue  # the same again in the same sentence
        clauses.append(f"{what}: {quote(clause)}" if clause and clause not in quoted else what)
        quoted.add(clause)
        told.add(what)
    return clauses


#: modal verbs that permit rather than require
_PERMISSIONS = frozenset({"may", "can", "could"})


def told(h: Hunk, quoted: str) -> bool:
    """Whether a sentence already quoted (an obligation's) shows the words this hunk inserted."""
    i = trim(h.inserted)
    return bool(quoted and i) and i in quoted


def short_url(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")


def link_clauses(c: Change) -> list[str]:
    old = [u for b in c.old for u in b.links]
    new = [u for b in c.new for u in b.links]
    if old == new:
        return []
    gone = [u for u in old if u not in new]
    came = [u for u in new if u not in old]
    clauses = [f"link updated from {short_url(o)} to {short_url(n)}" for o, n in zip(gone, came)]
    clauses += [f"link removed ({short_url(o)})" for o in gone[len(came):]]
    clauses += [f"link added ({short_url(n)})" for n in came[len(gone):]]
    return clauses


def wording(parts: Sequence[Hunk], weight: Mapping[str, float] | None = None) -> list[str]:
    """Clauses for the words added or removed, place by place: quoted when few, else their
    key phrases; when there are more than :data:`QUOTE_PLACES` places, the key phrases of
    all the words added and of all the words removed."""
    if not parts:
        return []
    if len(parts) <= QUOTE_PLACES:
        clauses = [c for h in parts for c in _place(h.deleted, h.inserted, weight)]
        if clauses:
            return clauses
    inserted = " . ".join(h.inserted for h in parts if h.inserted.strip())
    deleted = " . ".join(h.deleted for h in parts if h.deleted.strip())
    return _summarised(deleted, inserted, weight)


def _place(deleted: str, inserted: str, weight: Mapping[str, float] | None) -> list[str]:
    if count_words(deleted) > QUOTE_WORDS or count_words(inserted) > QUOTE_WORDS:
        return _summarised(deleted, inserted, weight)
    d, i = trim(deleted), trim(inserted)
    if d and i:
        return [f"{quote(d)} replaced with {quote(i)}"]
    if i:
        return [f"addition of {quote(i)}"]
    if d:
        return [f"deletion of {quote(d)}"]
    return []


def _summarised(deleted: str, inserted: str, weight: Mapping[str, float] | None) -> list[str]:
    clauses = []
    if count_words(inserted):
        found = key_phrases(inserted, 3 if count_words(inserted) > 25 else 2, weight=weight)
        clauses.append(f"additions to include reference to {join(found)}" if found
                       else f"addition of {quote(trim(inserted))}")
    if count_words(deleted):
        found = key_phrases(deleted, 2, weight=weight)
        clauses.append(f"deletion of references to {join(found)}" if found
                       else f"deletion of {quote(trim(deleted))}")
    return clauses


def editorial(parts: Sequence[Hunk]) -> str:
    """"‘anti-Semitism’ → ‘antisemitism’, ‘organization’ → ‘organisation’" (the first few)."""
    shown = []
    for h in parts[:QUOTE_PLACES]:
        d, i = h.deleted.strip(), h.inserted.strip()
        shown.append(f"{quote(d)} → {quote(i)}" if d and i else f"{quote(i)} added" if i else f"{quote(d)} removed")
    return ", ".join(shown) + (", …" if len(parts) > QUOTE_PLACES else "")


def sentence(clauses: Sequence[str]) -> str:
    text = "; ".join(c for c in clauses if c)
    return text[:1].upper() + text[1:]


_BLOCK_NOUNS = {"paragraph": ("paragraph", "paragraphs"), "list-item": ("point", "points"),
                "table-row": ("table row", "table rows"), "footnote": ("footnote", "footnotes"),
                "definition": ("definition", "definitions"), "figure": ("figure", "figures")}


def noun(blocks: Sequence[Block]) -> str:
    kinds: set[str] = {b.kind for b in blocks if b.kind != "footnote"} or {b.kind for b in blocks}
    if len(kinds) != 1:
        return "text"
    one, many = _BLOCK_NOUNS.get(next(iter(kinds)), ("text", "text"))
    return one if sum(1 for b in blocks if b.kind in kinds) == 1 else many


def about(text: str, limit: int = 3, weight: Mapping[str, float] | None = None) -> tuple[str, bool]:
    """What a piece of text is about, and whether that is a quotation: the text itself
    when short, else its key phrases — or its opening words when none of them is longer
    than a word."""
    if count_words(text) <= QUOTE_WORDS:
        return quote(trim(text) or text.strip()), True
    found = key_phrases(text, limit, weight=weight)
    if any(len(_WORD.findall(f)) > 1 for f in found):
        return join([_the(f) if CITATION.fullmatch(f) else f for f in found]), False
    return quote(" ".join(text.split()[:OPENING_WORDS]).rstrip(",;:.") + "…"), True


def on(what: str, subject: tuple[str, bool], *, colon: bool = False) -> str:
    """"paragraph on modern slavery", "paragraph ‘Advice for anyone who…’" (or "paragraph: ‘…’")."""
    text, quoted = subject
    if quoted:
        return f"{what}{':' if colon else ''} {text}"
    return f"{what} on {text}"
