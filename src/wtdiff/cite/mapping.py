"""What each citation in a user's document cites now: new number(s) and what happened to the text.

The paragraph map is the concordance (:func:`~wtdiff.track.concordance`)
from the edition the document cites (``old``) to the new one, through any
editions between. For each citation found (:mod:`.find`):

* **Paragraphs.** Each cited number is looked up in ``old``: with a chapter
  ("chapter 2, paragraph 12", or "2.12") the paragraph numbered 12 in
  chapter 2, else the paragraph whose citation label is the number, else
  the one paragraph printed with that number. Its concordance row gives the
  new block(s) and the status — ``unchanged``, ``modified`` (with the word
  redline of old → new text), ``moved``, ``split``, ``merged`` or
  ``removed`` (with its closest successor) — or ``not-found`` when ``old``
  has no such paragraph.
* **Pages.** Every block printed on the cited page of ``old`` is followed;
  the new pages are the pages of the blocks they became. An edition read
  from a source without pages cannot answer: ``not-found``.
* **Annexes.** The annex (or appendix) lettered so in ``old`` is the new
  annex holding most of the blocks its blocks became — ``unchanged``,
  ``modified``, ``moved`` (another letter) or ``removed``.
* **Which edition.** A citation naming a year other than ``old``'s is still
  mapped as if it cited ``old``, and flagged (``other_year``); a citation of
  the other guidance (Keeping Children Safe in Education in a Working
  Together map, and the reverse) is listed but not mapped.

The suggested replacement keeps the citation's own style: the same word
for "paragraph" (made plural or singular to fit), the same dash in ranges,
consecutive numbers joined into ranges, and a chapter when it gave one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..track.chain import Chain, Edition, Editions, as_chain
from ..track.locate import Row, concordance, follow
from ..track.refs import EditionInfo, Ref
from ..worddiff import Op, diff_words
from .find import Citation, Mention, find_citations, find_mentions
from .source import UserDocument

__all__ = ["CiteReport", "Cited", "Outcome", "cite", "edition_year", "guidance_family"]

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LEAD = re.compile(r"^(?:[A-Z]\.)?\d+(?:\.\d+)?")


def guidance_family(info: EditionInfo) -> str:
    """``kcsie`` when the edition is Keeping Children Safe in Education (by id, label or title), else ``wt``."""
    names = " ".join(x for x in (info.edition, info.label, info.title) if x).casefold()
    return "kcsie" if "kcsie" in names or "keeping children safe" in names else "wt"


def edition_year(info: EditionInfo) -> str | None:
    """The year in the edition's registry id, else its label, else its title."""
    for x in (info.edition, info.label, info.title):
        m = _YEAR_RE.search(x or "")
        if m:
            return m.group(1)
    return None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One cited paragraph, page or annex and what it is now."""

    cited: str
    #: unchanged | modified | moved | split | merged | removed | not-found
    status: str
    old: tuple[Ref, ...] = ()
    new: tuple[Ref, ...] = ()
    similarity: float = 0.0
    #: old text → new text, word by word (modified, moved, split, merged)
    redline: tuple[Op, ...] = ()
    #: removed: the closest successor (in the edition that removed it)
    successor: Ref | None = None
    successor_similarity: float = 0.0
    merged_with: tuple[Ref, ...] = ()
    #: the new number, page or annex letter(s) this stands for now (a removed text: its successor's)
    now: tuple[str, ...] = ()
    #: removed: where the closest successor is in the new edition (it may have moved on since)
    successor_now: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Cited:
    """One citation of the document with its outcome(s) and the suggested new wording."""

    citation: Citation
    #: the paragraph of the user's document it is in (0-based)
    paragraph: int
    #: the user's paragraph, for context
    context: str
    outcomes: tuple[Outcome, ...]
    #: it names a year other than the old edition's
    other_year: bool
    #: it cites the other guidance: not mapped
    other_guidance: bool
    #: the reference core rewritten for the new edition (None: leave it, or nothing to say)
    replacement: str | None

    @property
    def status(self) -> str:
        """One word for the citation: its outcome's status, ``mixed`` when they differ."""
        if self.other_guidance:
            return "other-guidance"
        kinds = {o.status for o in self.outcomes}
        return kinds.pop() if len(kinds) == 1 else "mixed"


@dataclass(frozen=True)
class CiteReport:
    """Every citation of the guidance in a document, mapped from ``old`` to ``new``."""

    document: str
    document_sha256: str
    old: EditionInfo
    new: EditionInfo
    via: tuple[str, ...]
    old_year: str | None
    new_year: str | None
    family: str
    items: tuple[Cited, ...]
    #: every naming of the guidance in the document, per paragraph
    mentions: tuple[tuple[int, Mention], ...] = field(default=())

    @property
    def editions(self) -> tuple[EditionInfo, ...]:
        return (self.old, self.new)

    def describe(self, item: Cited) -> str:
        """What happened to the text ``item`` cites, in sentences (:func:`~wtdiff.cite.report.describe`)."""
        from .report import describe

        return describe(item, self)

    def to_dict(self) -> dict[str, Any]:
        from .report import cite_dict

        return cite_dict(self)

    def to_json(self) -> str:
        from ..track.jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .report import cite_md

        return cite_md(self)

    def to_csv(self) -> str:
        from .report import cite_csv

        return cite_csv(self)

    def to_html(self) -> str:
        from ..track.html import render

        return render("cite", self)


# -- resolving what a citation names in the old edition -------------------------------------------

def _number_of(label: str) -> str:
    m = _LEAD.match(label)
    return m.group(0) if m else label


def _resolve(ed: Edition, number: str, chapter: str | None) -> str | None:
    """The block id of paragraph ``number`` (in ``chapter``) of ``ed`` (see the module docstring)."""
    by_label = {label: bid for bid, label in ed.labels.items()}
    if chapter and "." not in number:
        bid = by_label.get(f"{chapter}.{number}")
        if bid:
            return bid
        hits = [b.id for b in ed.blocks if b.number == number and b.kind != "footnote"
                and (top := ed.top.get(b.id)) is not None and top.number == chapter]
        if len(hits) == 1:
            return hits[0]
    if number in by_label:
        return by_label[number]
    hits = [b.id for b in ed.blocks if b.number == number and b.kind != "footnote"]
    return hits[0] if len(hits) == 1 else None


def _onward(chain: Chain, succ: Ref, target: Edition) -> tuple[Ref, ...]:
    """Where the closest successor (in the edition that removed the text) is in ``target``."""
    start = chain.edition(succ.edition)
    if start.index == target.index:
        return (succ,)
    steps = follow(chain, start.index, {succ.id}, target.index)
    return target.refs(steps[-1].ids) if steps else ()


def _paragraph(chain: Chain, new: Edition, row: Row | None, cited: str) -> Outcome:
    if row is None:
        return Outcome(cited, "not-found")
    redline: tuple[Op, ...] = ()
    new_text = " ".join(r.text for r in row.new)
    if row.status in ("modified", "moved", "split", "merged") and new_text != row.old.text:
        redline = tuple(diff_words(row.old.text, new_text))
    succ = row.successor if row.status == "removed" else None
    now = tuple(dict.fromkeys(_number_of(r.label) for r in row.new))
    onward: tuple[Ref, ...] = ()
    if succ is not None:
        onward = _onward(chain, succ, new)
        now = tuple(dict.fromkeys(_number_of(r.label) for r in onward))
    return Outcome(cited, row.status, (row.old,), row.new, row.similarity, redline, succ,
                   row.successor_similarity if succ else 0.0, row.merged_with, now, onward)


def _page(old: Edition, new: Edition, rows: dict[str, Row], page: str) -> Outcome:
    ids = [b.id for b in old.blocks if (b.page_label or (str(b.page) if b.page else None)) == page]
    if not ids:
        return Outcome(page, "not-found")
    olds = old.refs(ids)
    news = tuple(dict.fromkeys(r for bid in ids for r in rows[bid].new))
    news = new.refs({r.id for r in news})
    statuses = {rows[bid].status for bid in ids}
    status = statuses.pop() if len(statuses) == 1 else "modified"
    pages = tuple(dict.fromkeys(p for r in news if (p := r.page_label or (str(r.page) if r.page else None))))
    if not pages and news:
        return Outcome(page, "not-found", olds, news)
    return Outcome(page, status if news else "removed", olds, news, now=pages)


def _annexes(ed: Edition) -> dict[str, Any]:
    return {s.number: s for s in ed.doc.children
            if hasattr(s, "kind") and s.kind in ("annex", "appendix") and s.number}


def _annex(old: Edition, new: Edition, rows: dict[str, Row], letter: str) -> Outcome:
    sec = _annexes(old).get(letter)
    if sec is None:
        return Outcome(letter, "not-found")
    ids = [b.id for b in sec.blocks()]
    olds = old.refs(ids)
    votes: dict[str, int] = {}
    for bid in ids:
        for r in rows[bid].new:
            top = new.top.get(r.id)
            if top is not None and top.kind in ("annex", "appendix") and top.number:
                votes[top.number] = votes.get(top.number, 0) + 1
    if not votes:
        return Outcome(letter, "removed", olds)
    now = max(sorted(votes), key=votes.__getitem__)
    news = new.refs(b.id for b in _annexes(new)[now].blocks())
    same = all(rows[bid].status == "unchanged" for bid in ids) and len(news) == len(olds)
    status = "moved" if now != letter else "unchanged" if same else "modified"
    return Outcome(letter, status, olds, news, now=(now,))


# -- the suggested wording -------------------------------------------------------------------------

def _runs(numbers: list[str]) -> list[tuple[str, str]]:
    """Consecutive numbers (same chapter) joined: ``44 45 46 49`` → ``[(44, 46), (49, 49)]``."""
    out: list[tuple[str, str]] = []
    for n in numbers:
        if out:
            head, _, last = out[-1][1].rpartition(".")
            h2, _, cur = n.rpartition(".")
            if head == h2 and last.isdigit() and cur.isdigit() and int(cur) == int(last) + 1:
                out[-1] = (out[-1][0], n)
                continue
        out.append((n, n))
    return out


def _join(numbers: list[str], dash: str) -> str:
    parts = [a if a == b else f"{a}{dash}{b}" for a, b in _runs(numbers)]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _word(word: str, plural: bool) -> str:
    """``paragraph``/``paragraphs``, ``para``/``paras``, ``p.``/``pp.``, ``¶``/``¶¶`` to fit the count."""
    base = word.rstrip(".").rstrip("s¶") if word not in ("¶", "¶¶") else "¶"
    dot = "." if word.endswith(".") else ""
    if base.lower() in ("p", "pp"):
        return ("pp." if plural else "p.") if base[0] == "p" else ("Pp." if plural else "P.")
    if base == "¶":
        return "¶¶" if plural else "¶"
    return base + ("s" if plural else "") + dot


def _dash(text: str) -> str:
    for d in ("–", "—", " to ", "-"):
        if d in text:
            return d
    return "–"


def _sort_key(label: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else ord(x[0]) for x in label.split("."))


def _replacement(c: Citation, outcomes: tuple[Outcome, ...], new: Edition) -> str | None:
    if any(o.status == "not-found" for o in outcomes):
        return None
    now = [n for o in outcomes for n in o.now]
    if not now:
        return None
    now = sorted(dict.fromkeys(now), key=_sort_key)
    if c.kind == "annex":
        return f"Annex {now[0]}"
    word_m = re.match(r"(?i)(?:chapter|ch\.)\s*\d+\s*,?\s*", c.text)
    core = c.text[word_m.end():] if word_m else c.text
    word = re.match(r"\S+", core).group(0)  # type: ignore[union-attr]
    word = word if not word[-1].isdigit() else re.sub(r"\d.*", "", word)
    dash = _dash(core)
    if c.kind == "page":
        return f"{_word(word, len(now) > 1)} {_join(now, dash)}"
    prefix = ""
    if word_m and c.chapter:  # keep "chapter N, " with the chapter the text is in now
        heads = {n.rpartition(".")[0] for n in now}
        if len(heads) == 1 and "" not in heads:  # numbering restarts by chapter: "3.5" is chapter 3, para 5
            chapter = heads.pop()
            now = [n.rpartition(".")[2] for n in now]
        else:
            news = [r for o in outcomes for r in (o.successor_now or o.new)]
            tops = {new.top[r.id].number if new.top.get(r.id) is not None else None for r in news}
            chapter = str(tops.pop()) if len(tops) == 1 and None not in tops and heads == {""} else ""
        if chapter:
            prefix = c.text[:word_m.end()].replace(c.chapter, chapter, 1)
    return f"{prefix}{_word(word, len(now) > 1)} {_join(now, dash)}"


# -- the whole document ----------------------------------------------------------------------------

def cite(document: UserDocument, editions: Editions, old: str | int = 0, new: str | int = -1) -> CiteReport:
    """Find every citation of the guidance in ``document`` and map it from edition ``old`` to ``new``."""
    chain: Chain = as_chain(editions)
    a, b = chain.edition(old), chain.edition(new)
    conc = concordance(chain, a.index, b.index)
    rows = {r.old.id: r for r in conc.rows}
    family, old_year, new_year = guidance_family(a.info), edition_year(a.info), edition_year(b.info)
    starts, pos = [], 0
    for p in document.paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    mentions = [(i, m) for i, p in enumerate(document.paragraphs) for m in find_mentions(p)]
    context = [Mention(m.start + starts[i], m.end + starts[i], m.guidance, m.year) for i, m in mentions]
    items = []
    for i, para in enumerate(document.paragraphs):
        for c in find_citations(para, context=context, offset=starts[i]):
            other_guidance = c.guidance != family
            outcomes: tuple[Outcome, ...] = ()
            if not other_guidance:
                if c.kind == "paragraph":
                    outcomes = tuple(_paragraph(chain, b, rows.get(bid) if (bid := _resolve(a, n, c.chapter)) else None, n)
                                     for n in c.numbers)
                elif c.kind == "page":
                    outcomes = tuple(_page(a, b, rows, p) for p in c.pages)
                else:
                    outcomes = (_annex(a, b, rows, c.annex or ""),)
            items.append(Cited(c, i, para, outcomes,
                               other_year=bool(not other_guidance and c.year and old_year and c.year != old_year),
                               other_guidance=other_guidance,
                               replacement=None if other_guidance else _replacement(c, outcomes, b)))
    return CiteReport(document.path, document.sha256, a.info, b.info, conc.via, old_year, new_year, family,
                      tuple(items), tuple(mentions))
