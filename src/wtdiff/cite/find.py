"""Finding citations of the guidance in a user's own text.

A *citation* is a reference core — ``paragraph 31``, ``paras 40–45``,
``paragraphs 12, 14 and 16``, ``chapter 2, paragraph 12``, ``para 3.16``,
``p. 45`` / ``pages 45–46``, ``Annex B`` — that this module can attribute to
Working Together (``wt``) or Keeping Children Safe in Education (``kcsie``).
The rules, for any text:

* **Naming the guidance.** ``Working Together`` (capitalised; the full title
  "Working Together to Safeguard Children" in any case), ``WTSC``, ``WT``
  followed by a year; ``Keeping Children Safe in Education`` (any case) and
  ``KCSIE``. A *mention* is a name with the edition's year next to it
  ("Working Together 2018", "Working Together (2018)", "Working Together to
  Safeguard Children (HM Government, 2018)", "KCSIE 2024", "the 2018 Working
  Together", "the 2018 edition of Working Together") or without one.
* **Prefix attribution.** A core directly after a mention, separated only by
  a comma, colon, space or an opening parenthesis, cites that mention's
  guidance and year: "Working Together 2018, paragraph 31", "WT 2018 para
  3.16", "(Working Together, 2018, p. 45)", "KCSIE 2024 paragraph 135",
  "KCSIE 2024, Annex B", "Working Together 2018 (paragraph 31)".
* **Suffix attribution.** A core followed by "of", "in" or "from" and a
  mention cites it: "paragraphs 40–45 of Working Together", "paragraph 31 of
  the 2018 Working Together", "Annex B of KCSIE 2024".
* **Another document.** A core is *not* a citation of the guidance when it is
  directly preceded by a year or a statute word that does not belong to a
  mention ("Information sharing advice 2018, paragraph 12", "Schedule 2,
  paragraph 4", "the Children Act 1989, paragraph 3"), when it is followed by
  "of", "in", "to" or "under" and anything other than a mention ("paragraph
  4 of Schedule 2", "paragraph 5 of this procedure", "paragraph 3 of the
  Education Regulations 2014"), or when it is followed by "above" or
  "below" (the document's own paragraphs).
* **Bare cores.** A paragraph, chapter-and-paragraph or annex core with
  neither attribution cites the guidance when the document names the
  guidance somewhere: the guidance of the nearest mention before it in the
  same sentence, else the document's *principal* guidance — the one it
  names most often (on a tie, the one it names first). A bare page core is
  never a citation: "see page 4" is the document's own page.
* **Years.** A citation whose mention gives no year, and a bare one, takes
  the year the document names most often for that guidance (on a tie, the
  first named), or none.
* **Numbers.** A paragraph number is ``N``, ``C.N`` (chapter C) or ``X.N``
  (annex X, a capital letter); a range ``A–B`` (en dash, hyphen, em dash or
  "to") is expanded to every number from A to B when both are in the same
  chapter and the range is under 200 long; lists are joined by commas,
  "and" or "&". A number followed by "/" or ":" or a month name is a date or
  a time, and the core is skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Citation", "Mention", "find_citations", "find_mentions", "guidance_of", "year_of"]

_YEAR = r"(?:19|20)\d\d"
_WT = (r"(?i:working\s+together\s+to\s+safeguard\s+children)|Working\s+Together(?!\s+to\s+(?!(?i:safeguard))\w)"
       r"|WTSC|WT(?=\s*[,(]?\s*"
       + _YEAR + r")")
_KCSIE = r"(?i:keeping\s+children\s+safe\s+in\s+education)|KCSIE"
_NAME = rf"(?P<wt>{_WT})|(?P<kcsie>{_KCSIE})"
_PUBLISHER = r"(?:HM\s+Government|(?:the\s+)?Department\s+for\s+Education|DfE|HMG)"
_MENTION = re.compile(
    rf"(?:(?P<pre>{_YEAR})\s+(?:edition\s+of\s+|version\s+of\s+)?(?:the\s+)?)?"
    rf"\b(?:{_NAME})\b"
    rf"(?:(?:\s*,\s*|\s*\(\s*(?:{_PUBLISHER}\s*,?\s*)?|\s+)(?P<post>{_YEAR})(?![\d/])\)?)?")

_PARA_WORD = r"(?:paragraphs|paragraph|paras\.?|para\.?|¶¶|¶)"
_NUM = r"(?:\d{1,2}\.\d{1,3}|[A-H]\.\d{1,3}|\d{1,3})"
_DASH = r"\s*(?:–|—|-|\bto\b)\s*"
_RANGE = rf"{_NUM}(?:{_DASH}{_NUM})?"
_LIST = rf"{_RANGE}(?:\s*(?:,\s*and|,|and|&)\s*{_RANGE})*"
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_DATE = rf"(?![\d/:])(?!\s+(?:{_MONTHS})\b)"
_CORE = re.compile(
    rf"(?P<chapter>\b(?i:chapter|ch\.)\s*(?P<ch>\d{{1,2}})\s*,?\s*)?"
    rf"(?:(?P<para>(?<!\w)(?i:{_PARA_WORD}))\s*(?P<plist>{_LIST}){_NOT_DATE}"
    rf"(?P<of_chapter>\s+of\s+(?i:chapter)\s+(?P<ch2>\d{{1,2}}))?"
    rf"|(?P<page>\b(?i:pages|page|pp\.|p\.))\s*(?P<pglist>{_LIST}){_NOT_DATE}"
    rf"|(?P<annex>\bAnnex)\s+(?P<letter>[A-H])\b(?!\.\d))")
_FOREIGN_BEFORE = re.compile(
    rf"(?:{_YEAR}\)?|\bAct|\bRegulations|\bOrder|\bSchedule\s+\d+|\bCode|\bRules|\bsection\s+\d+\w*)"
    r"\s*[,:]?\s*\(?\s*$")
_MENTION_BEFORE = re.compile(rf"(?:{_MENTION.pattern})\s*[,:]?\s*\(?\s*$")
_MENTION_AFTER = re.compile(rf"^\s+(?:of|in|from)\s+(?:the\s+)?(?:{_MENTION.pattern})")
_FOREIGN_AFTER = re.compile(r"^\s+(?:(?:of|in|to|under)\s+(?:(?:the|this|that|our|these|its|an?)\b|[A-Z])"
                            r"|(?:above|below)\b)")
_LOOK = 160
#: a sentence end, read backwards: white space after ".", "!" or "?" — not "p. 4" or "para. 4"
_SENTENCE = re.compile(r"\s+[.!?](?!(?i:p|pp|arap|sarap)\b)")


@dataclass(frozen=True, slots=True)
class Mention:
    """The guidance named in the text, with the edition's year when one is given."""

    start: int
    end: int
    guidance: str  # wt | kcsie
    year: str | None
    #: where the year is (to update it), when there is one
    year_start: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of the guidance: what it cites and where it is in the text.

    ``start``/``end`` delimit the reference core ("paragraphs 40–45"); the
    ``mention`` that attributes it, when the citation names the guidance
    itself, may come before or after the core. ``numbers`` are the cited
    paragraph numbers (ranges expanded), ``chapter`` the chapter given
    separately ("chapter 2, paragraph 12"), ``pages`` the cited pages,
    ``annex`` the cited annex's letter.
    """

    start: int
    end: int
    text: str
    kind: str  # paragraph | page | annex
    guidance: str
    year: str | None
    #: how it was attributed: named (prefix or suffix mention) or context (a mention elsewhere)
    by: str
    numbers: tuple[str, ...] = ()
    chapter: str | None = None
    pages: tuple[str, ...] = ()
    annex: str | None = None
    mention: Mention | None = None
    #: the cited numbers as written: ranges kept ("40–45"), for the report
    written: tuple[tuple[str, str], ...] = ()


def guidance_of(m: re.Match[str]) -> str:
    return "wt" if m.group("wt") else "kcsie"


def year_of(m: re.Match[str]) -> tuple[str | None, int | None]:
    for g in ("post", "pre"):
        if m.group(g):
            return m.group(g), m.start(g)
    return None, None


def find_mentions(text: str) -> list[Mention]:
    """Every naming of the guidance in ``text`` (see the module docstring)."""
    out = []
    for m in _MENTION.finditer(text):
        year, at = year_of(m)
        out.append(Mention(m.start(), m.end(), guidance_of(m), year, at))
    return out


def _principal(values: Iterable[str | None]) -> str | None:
    """The value given most often; on a tie, the one given first."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _ranges(listed: str) -> list[tuple[str, str]]:
    """``"40–45, 47 and 49"`` → ``[("40", "45"), ("47", "47"), ("49", "49")]``."""
    out = []
    for part in re.finditer(rf"(?P<a>{_NUM})(?:{_DASH}(?P<b>{_NUM}))?", listed):
        out.append((part.group("a"), part.group("b") or part.group("a")))
    return out


def _expand(first: str, last: str) -> list[str]:
    """Every number from ``first`` to ``last``: ``3.16–3.18``, ``3.16–18``, ``40–45``."""
    if first == last:
        return [first]
    head, _, a = first.rpartition(".")
    head2, _, b = last.rpartition(".")
    if not head2:
        head2 = head
    if head != head2 or not a.isdigit() or not b.isdigit() or not 0 < int(b) - int(a) < 200:
        return [first, last]
    prefix = f"{head}." if head else ""
    return [f"{prefix}{n}" for n in range(int(a), int(b) + 1)]


def _attribution(text: str, m: re.Match[str]) -> tuple[str, Mention | None]:
    """``named`` with the mention, ``foreign``, or ``bare`` (see the module docstring)."""
    before = text[max(0, m.start() - _LOOK):m.start()]
    offset = m.start() - len(before)
    pre = _MENTION_BEFORE.search(before)
    if pre:
        year, at = year_of(pre)
        return "named", Mention(offset + pre.start(), offset + pre.end(), guidance_of(pre), year,
                                None if at is None else offset + at)
    after = text[m.end():m.end() + _LOOK]
    post = _MENTION_AFTER.match(after)
    if post:
        year, at = year_of(post)
        start = m.end() + post.start("wt" if post.group("wt") else "kcsie")
        if post.group("pre"):
            start = m.end() + post.start("pre")
        return "named", Mention(start, m.end() + post.end(), guidance_of(post), year,
                                None if at is None else m.end() + at)
    if _FOREIGN_BEFORE.search(before) or _FOREIGN_AFTER.match(after):
        return "foreign", None
    return "bare", None


def find_citations(text: str, *, context: Sequence[Mention] | None = None, offset: int = 0) -> list[Citation]:
    """Every citation of the guidance in ``text``, in order (see the module docstring for the rules).

    ``context`` are the mentions of the whole document (default: those of
    ``text``), for bare citations and for mentions without a year; when
    ``text`` is one paragraph of that document, ``offset`` is where it starts
    in the document (the offsets of ``context``). Offsets in the citations
    are within ``text``.
    """
    mentions = list(context) if context is not None else find_mentions(text)
    out: list[Citation] = []
    for m in _CORE.finditer(text):
        how, mention = _attribution(text, m)
        if how == "foreign" or (how == "bare" and m.group("page")):
            continue
        if mention is None and not mentions:
            continue
        if mention is None:
            start = _SENTENCE.search(text[:m.start()][::-1])
            here = [x for x in mentions if x.end <= offset + m.start()
                    and x.start >= offset + m.start() - (start.start() if start else m.start())]
            guidance = here[-1].guidance if here else _principal(x.guidance for x in mentions)
            year = here[-1].year if here else None
        else:
            guidance, year = mention.guidance, mention.year
        year = year or _principal(x.year for x in mentions if x.guidance == guidance and x.year)
        kw = dict(start=m.start(), end=m.end(), text=m.group(0), guidance=guidance, year=year,
                  by="named" if mention else "context", mention=mention)
        if m.group("annex"):
            out.append(Citation(kind="annex", annex=m.group("letter"), **kw))  # type: ignore[arg-type]
            continue
        listed = m.group("plist") or m.group("pglist")
        ranges = _ranges(listed)
        numbers = tuple(n for a, b in ranges for n in _expand(a, b))
        written = tuple(ranges)
        if m.group("page"):
            out.append(Citation(kind="page", pages=numbers, written=written, **kw))  # type: ignore[arg-type]
        else:
            chapter = m.group("ch") or m.group("ch2")
            out.append(Citation(kind="paragraph", numbers=numbers, chapter=chapter, written=written,
                                **kw))  # type: ignore[arg-type]
    return out
