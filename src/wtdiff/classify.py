"""Explain each change: term rules mined across the document, and categories.

Categories (see the JSON contract): ``terminology`` — the change is an
instance of a phrase replaced consistently across the document;
``obligation`` — must / should / may / must not added, removed or swapped
(with the direction: strengthened or weakened); ``legislation`` — citations
of Acts, sections or regulations changed; ``reference`` — links, footnotes or
cross-references to other chapters and paragraphs changed; ``editorial`` — case, punctuation, typography, hyphenation
or a spelling correction only; ``substantive`` — anything else.

Term rules — names replaced consistently across the document, such as
"Clinical Commissioning Groups (CCGs) → Integrated Care Boards (ICBs)" — are
mined by :mod:`wtdiff.termrules` (re-exported here); categories use them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .normalize import fold
from .termrules import TermRule, mine_terms
from .worddiff import Op, change_spans

__all__ = ["TermRule", "ObligationChange", "mine_terms", "categorise", "CATEGORIES"]

CATEGORIES = ("terminology", "obligation", "legislation", "reference", "editorial", "layout", "substantive")


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
#: every match of _MAYBE_CITATION holds a digit: a text with none is looked at no further
_DIGIT = re.compile(r"\d")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# Cross-references to other parts of the guidance: a named part and its number ("paragraph 160",
# "paras 285-289", "Annex B"), or a bare paragraph number or range right after "see" and closing
# the reference ("(see 286-290)", "see 12 and …") — never a count ("see 3 examples") or a year.
_XREF = re.compile(r"\b(?:chapters?|paragraphs?|paras?|pages?|annex|appendix|appendices)\s+"
                   r"(?:\d+(?:\.\d+)*(?:\s*[-\u2013]\s*\d+(?:\.\d+)*)?|[A-Z])\b"
                   r"|(?<=\bsee )\d{1,3}(?:\.\d+)*(?:\s*[-\u2013]\s*\d{1,3}(?:\.\d+)*)?(?=\s*[),.;]|\s+and\b|\s*$)",
                   re.IGNORECASE)
_XREF_HEADS = {"paragraphs": "paragraph", "para": "paragraph", "paras": "paragraph", "chapters": "chapter",
               "appendices": "appendix", "pages": "page"}


def xref_parts(ref: str) -> tuple[str, str]:
    """A cross-reference as (what it names, its numbers): "paras 285-289" and "see 285–289"'s bare
    range are both ``("paragraph", "285-289")``; "Annex B" is ``("annex", "b")``. Two references
    with the same parts cite the same place, however they are spelt."""
    head, _, rest = re.sub(r"\s+", " ", ref.strip()).partition(" ")
    if head[:1].isdigit():
        head, rest = "paragraph", ref
    return _XREF_HEADS.get(head.lower(), head.lower()), re.sub(r"\s*[-\u2013]\s*", "-", rest.strip()).lower()


def _norm_words(text: str) -> list[str]:
    """Words for editorial comparison: case, hyphens, apostrophes and typography ignored."""
    return [w.replace("-", "").replace("'", "").replace("\u2019", "")
            for w in _WORD.findall(fold(text).lower())]


def _content(text: str) -> list[str]:
    return _unstopped(_norm_words(text))


def _unstopped(words: list[str]) -> list[str]:
    """``words`` (:func:`_norm_words`) without the stop words."""
    return [w for w in words if w not in _STOP]


@lru_cache(maxsize=4096)
def _found(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int, str], ...]:
    """Where ``pattern`` matches ``text``, and what it matches: (start, end, text), in order.

    Categorising a record asks the same of the same texts several times over — its modal verbs
    for the obligations and again to set them aside, its cross-references to compare and again to
    set aside, its citations likewise — so each text is searched once per pattern, and
    :data:`_CITATION` (slow: up to eight words tried before "Act" at every word) only when
    :data:`_MAYBE_CITATION` finds a place it could match."""
    if pattern is _CITATION and (not _DIGIT.search(text) or not _MAYBE_CITATION.search(text)):
        return ()
    return tuple((m.start(), m.end(), m.group()) for m in pattern.finditer(text))


def modals(text: str) -> list[str]:
    """The modal verbs of ``text`` in order, lower-cased ("must not" as one)."""
    return [m.lower().replace("\u2019", "'") for _, _, m in _found(_MODAL, fold(text))]


def citations(text: str) -> Counter[str]:
    """Citations of legislation in ``text`` (normalised), with their counts."""
    return Counter(re.sub(r"\s+", " ", m.lower()).strip() for _, _, m in _found(_CITATION, fold(text)))


# "paragraph 160", "paragraphs 12-14": no instrument named, so the guidance's own paragraphs
_OWN_PARAGRAPH = re.compile(r"paragraphs? \d+(?:\.\d+)*(?: ?[-\u2013] ?\d+(?:\.\d+)*)?")


def _legislation(text: str) -> Counter[str]:
    """The citations of legislation in ``text``, less the guidance's own paragraphs ("paragraph
    160" names no Act or Schedule: it is a cross-reference, judged as one)."""
    return Counter({k: n for k, n in citations(text).items() if not _OWN_PARAGRAPH.fullmatch(k)})


# --- categories --------------------------------------------------------------------------

def _spelling(old: str, new: str) -> bool:
    return _misspelt(_norm_words(old), _norm_words(new))


def _misspelt(wo: list[str], wn: list[str]) -> bool:
    """The same words (:func:`_norm_words`) but for spelling: each pair equal, or of five letters or
    more and within two edits."""
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


# A caption's number standing alone: "Figure 2", "Table 3.", "Diagram 1a", "Flowchart 4".
_LABEL_ONLY = re.compile(r"(?:figure|fig\.|table|chart|flow\s?chart|diagram|box|image|illustration)\s+"
                         r"\d+[a-z]?[.:]?", re.IGNORECASE)


# A caption's label, first or last in its block: "Figure 1: Referrals", "… referral Figure 1".
_LABEL = r"(?:figure|fig\.|chart|flow\s?chart|diagram|illustration)\s+\d+[a-z]?"
_CAPTION_LABEL = re.compile(rf"^\s*{_LABEL}\b|\b{_LABEL}[.:]?\s*$", re.IGNORECASE)
#: at most this many words a heading may gain when a caption takes its place
FIGURE_TITLE_GAIN = 8


def titles_figure(caption: str, heading: str) -> bool:
    """Whether ``caption`` is the figure ``heading`` stood over, retitled.

    An edition may set a figure under a heading of its own ("Actions where there are
    concerns about a child") and the next give the same figure a numbered caption
    instead ("Figure 1: A flowchart setting out the actions taken where there are
    concerns about a child"). The caption names the same figure when it carries a
    figure's label and the heading does not (nor ends as a sentence does), every content
    word of the heading is among its words (case, plurals and typography aside) and it
    adds no more than a description of the figure would (:data:`FIGURE_TITLE_GAIN` words) and no duty. A title names a figure, it does
    not guide: the retitling is editorial; the figure's own words, where it has any, are
    compared where they stand.
    """
    if not _CAPTION_LABEL.search(caption) or _CAPTION_LABEL.search(heading) or modals(caption + " " + heading) \
            or heading.rstrip().endswith((".", ";", ":", ",")):
        return False
    title = _content(_CAPTION_LABEL.sub(" ", caption))
    words = set(title)
    stem = {w.rstrip("s") for w in words}
    wanted = _content(heading)
    return bool(wanted) and all(w in words or w.rstrip("s") in stem for w in wanted) \
        and len(title) - len(wanted) <= FIGURE_TITLE_GAIN


def added_or_deleted(block_kind_text: "object") -> list[str]:
    """Categories of a block that was added or deleted as a whole.

    A block that is only a caption's number ("Figure 2") numbers a figure or a
    table: adding or removing it is numbering, which is editorial, whatever the
    figure says (its words are compared where they stand).
    """
    kind = getattr(block_kind_text, "kind", "paragraph")
    text = getattr(block_kind_text, "text", "")
    if _LABEL_ONLY.fullmatch(text.strip()):
        return ["editorial"]
    cats = {"reference"} if kind == "footnote" else {"substantive"}
    if citations(text):
        cats.add("legislation")
    if kind != "footnote" and any(_MODAL_RANK.get(m, 0) >= 2 for m in modals(text)):
        cats.add("obligation")  # a duty or expectation came or went, not a mere "may"
    return [c for c in CATEGORIES if c in cats]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in _found(pattern, text)]


def _outside(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The part of ``text[start:end]`` not covered by ``spans`` (covered chars become spaces)."""
    if not any(s0 < end and start < s1 for s0, s1 in spans):
        return text[start:end]
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
    obligations: Sequence[ObligationChange] | None = None,
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

    ``obligations`` are the texts' :func:`obligation_changes`, when the caller has them already.
    """
    if old_text == new_text and not links_changed:
        return []

    def follow_renumbering(m: re.Match[str]) -> str:
        ref, table = m.group(0), renumbered or {}
        head = xref_parts(ref)[0]
        number = re.compile(r"(?<=\s)[A-Z]\b|\d+(?:\.\d+)*")
        return number.sub(lambda n: table.get(f"{head} {n.group(0).lower()}", n.group(0)), ref)

    # The old text's cross-references as they would read after renumbering.
    cited_old = _XREF.sub(follow_renumbering, old_text) if renumbered and _found(_XREF, old_text) else old_text
    cats: set[str] = set()
    if links_changed:
        cats.add("reference")
    if _legislation(cited_old) != _legislation(new_text):
        cats.add("legislation")
    if obligations if obligations is not None else obligation_changes(old_text, new_text):
        cats.add("obligation")
    if Counter(xref_parts(m) for _, _, m in _found(_XREF, cited_old)) != \
            Counter(xref_parts(m) for _, _, m in _found(_XREF, new_text)):
        cats.add("reference")
    cover_old, cover_new = [], []
    for pattern in (_CITATION, _MODAL, _URL, _XREF):
        cover_old += _spans(pattern, old_text)
        cover_new += _spans(pattern, new_text)
    rule_old: list[list[tuple[int, int]]] = []
    rule_new: list[list[tuple[int, int]]] = []
    for rule in rules:
        rule_old.append(rule.old_spans(old_text))
        rule_new.append(rule.new_spans(new_text))
        cover_old += rule_old[-1]
        cover_new += rule_new[-1]
    residual = False
    for so, eo, sn, en in change_spans(ops):
        d, i = old_text[so:eo], new_text[sn:en]
        for in_old, in_new in zip(rule_old, rule_new):
            # the change touches a place of the old name and one of the new name
            if any(a <= eo and so <= b for a, b in in_old) and any(a <= en and sn <= b for a, b in in_new):
                cats.add("terminology")
        wd, wi = _norm_words(d), _norm_words(i)
        if wd == wi or _misspelt(wd, wi):
            continue  # case, punctuation, typography or spelling only
        rd = _outside(old_text, so, eo, cover_old)
        ri = _outside(new_text, sn, en, cover_new)
        # (a change nothing covers: its own words, already cut)
        if (_content(rd) if rd != d else _unstopped(wd)) != (_content(ri) if ri != i else _unstopped(wi)):
            residual = True
    if residual:
        if kind == "footnote" and not cats - {"reference"}:
            cats.add("reference")
        else:
            cats.add("substantive")
    if not cats:
        cats.add("editorial")
    return [c for c in CATEGORIES if c in cats]
