"""Compare two editions: align, diff the words of each pair, and explain.

:func:`compare` runs the pipeline stages after reading — each edition's own table of
changes set aside (:mod:`~wtdiff.apparatus`), :func:`~wtdiff.align.align`,
:func:`~wtdiff.worddiff.diff_words` for every pair of blocks, then
:mod:`~wtdiff.classify` (term rules first, since categories use them) — and
returns a :class:`Comparison`: plain, frozen data that every report renders.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from .align import Alignment, BlockMatch, align
from .apparatus import set_aside
from .classify import (
    ObligationChange,
    TermRule,
    added_or_deleted,
    categorise,
    mine_terms,
    obligation_changes,
    titles_figure,
)
from .collector import paused
from .model import Block, Document, Node, Section
from .normalize import WORD_RE, fold
from .regions import Verdict, judge
from .worddiff import Op, diff_words

if TYPE_CHECKING:
    from .annotations import Annotation
    from .duties.diff import RegisterDiff

__all__ = ["Change", "SectionChange", "Comparison", "compare", "joined_text"]

#: separator used when the texts of several blocks (a split or merge) are joined
JOIN = " "
#: readers that record the targets of links (not only addresses printed in the text)
LINK_TARGET_FORMATS = frozenset({"pdf", "docx", "html", "markdown"})


@dataclass(frozen=True, slots=True)
class Change:
    """One record of the block-level alignment (see the JSON contract)."""

    #: stable id: the new block's id, or ``old:`` and the old block's id
    id: str
    status: str  # unchanged | modified | added | deleted | split | merged
    moved: bool
    old: tuple[Block, ...]
    new: tuple[Block, ...]
    similarity: float
    diff: tuple[Op, ...] | None = None
    categories: tuple[str, ...] = ()
    obligations: tuple[ObligationChange, ...] = ()
    #: the printed number changed (1:1 pairs only)
    renumbered: bool = False

    @property
    def old_text(self) -> str:
        return joined_text(self.old)

    @property
    def new_text(self) -> str:
        return joined_text(self.new)

    @property
    def is_change(self) -> bool:
        """Anything a reader must look at: not unchanged-in-place."""
        return self.status != "unchanged" or self.moved


@dataclass(frozen=True, slots=True)
class SectionChange:
    """One record of the heading-level alignment."""

    status: str
    moved: bool
    old: tuple[Section, ...]
    new: tuple[Section, ...]
    similarity: float
    renamed: bool = False


@dataclass(frozen=True)
class Comparison:
    """The full comparison of two editions; render it with ``to_json()``,
    ``to_markdown()`` or ``to_html()``."""

    old: Document
    new: Document
    changes: tuple[Change, ...]
    sections: tuple[SectionChange, ...]
    terms: tuple[TermRule, ...]
    #: each edition's own table of changes (old, new), set aside whole and not
    #: compared row by row (:mod:`wtdiff.apparatus`)
    own_changes: tuple[tuple[Section, ...], tuple[Section, ...]] = ((), ())
    #: the duty changes (:class:`wtdiff.duties.RegisterDiff`) when a step after :func:`compare`
    #: chose them (``compare --for`` keeps its audience's); reports otherwise work them out
    duties: RegisterDiff | None = None

    @cached_property
    def summary(self) -> dict[str, int]:
        """Counts as in the JSON contract's ``summary``."""
        counts: Counter[str] = Counter(c.status for c in self.changes)
        added = deleted = 0
        for c in self.changes:
            if c.diff is not None:
                added += sum(len(WORD_RE.findall(t)) for op, t in c.diff if op == "+")
                deleted += sum(len(WORD_RE.findall(t)) for op, t in c.diff if op == "-")
            elif c.status == "added":
                added += len(WORD_RE.findall(c.new_text))
            elif c.status == "deleted":
                deleted += len(WORD_RE.findall(c.old_text))
        return {
            "blocks_old": sum(1 for _ in self.old.blocks()),
            "blocks_new": sum(1 for _ in self.new.blocks()),
            **{k: counts.get(k, 0) for k in ("unchanged", "modified", "added", "deleted", "split", "merged")},
            "moved": sum(1 for c in self.changes if c.moved),
            "renumbered": sum(1 for c in self.changes if c.renumbered),
            "words_added": added,
            "words_deleted": deleted,
        }

    @property
    def has_changes(self) -> bool:
        return any(c.is_change for c in self.changes) or any(
            s.status != "unchanged" or s.moved for s in self.sections)

    # The renderers live in :mod:`wtdiff.report`, which finds each format's own module; these
    # methods only name the format.

    def to_dict(self) -> dict[str, object]:
        """The comparison as the JSON contract's object (``wtdiff/comparison@1``)."""
        from . import report

        return report.to_dict(self)

    def to_json(self) -> str:
        """The JSON report (deterministic: same inputs, same bytes)."""
        from . import report

        return report.render(self, "json")

    def to_markdown(self, *, show_editorial: bool = True) -> str:
        """The Markdown change report; ``show_editorial=False`` counts editorial changes
        (punctuation, case, spelling, numbering) instead of listing them."""
        from . import report

        return report.render(self, "md", show_editorial=show_editorial)

    def to_html(self, *, show_editorial: bool = True, annotations: Sequence[Annotation] = ()) -> str:
        """The self-contained HTML change log, with the drafted list of amendments linked to
        the changes; ``show_editorial`` as for :meth:`to_markdown`."""
        from . import report

        return report.render(self, "html", show_editorial=show_editorial, annotations=annotations)

    def to_amendments(self, *, show_editorial: bool = False, annotations: Sequence[Annotation] = ()) -> str:
        """The drafted list of amendments in Markdown, as the DfE's December 2020 list."""
        from . import report

        return report.render(self, "amendments", show_editorial=show_editorial, annotations=annotations)

    def to_table(self, *, show_editorial: bool = False, annotations: Sequence[Annotation] = ()) -> str:
        """The drafted table of clarifications and reasons in Markdown, as the DfE's Annex B."""
        from . import report

        return report.render(self, "table", show_editorial=show_editorial, annotations=annotations)

    def to_docx(self, *, annotations: Sequence[Annotation] = ()) -> bytes:
        """The new edition as a Word document with every change tracked against the old, and a
        comment on each (with the ``reason`` of a matching annotation)."""
        from . import report

        return report.render_bytes(self, "docx", annotations=annotations)

    def to_csv(self, *, annotations: Sequence[Annotation] = ()) -> str:
        """Every change as CSV, for spreadsheets."""
        from . import report

        return report.render(self, "csv", annotations=annotations)


def joined_text(blocks: tuple[Block, ...]) -> str:
    """The text of one or more blocks as one string (split and merge pieces joined)."""
    return JOIN.join(b.text for b in blocks)


def _status(old: tuple[Block, ...], new: tuple[Block, ...], *, links: bool = True) -> str:
    if not old:
        return "added"
    if not new:
        return "deleted"
    if len(old) > 1:
        return "merged"
    if len(new) > 1:
        return "split"
    if old[0].text == new[0].text and (old[0].links == new[0].links or not links):
        return "unchanged"
    return "modified"


def links_comparable(old: Document, new: Document) -> bool:
    """Whether the two editions' links can be compared: both read by readers that record
    link targets, or both by readers that see only addresses printed in the text.

    A PDF read against its layout text would otherwise show every linked
    paragraph as a changed reference.
    """
    return (old.format in LINK_TARGET_FORMATS) == (new.format in LINK_TARGET_FORMATS)


def renumbering(alignment: Alignment) -> dict[str, str]:
    """How cross-references follow renumbering (keys in lower case):

    * ``"paragraph 160"`` → ``"161"`` for every numbered paragraph paired one to one; paragraphs
      merged into one numbered paragraph all go to its number, and a paragraph split into several
      goes to the first of them (where its words now begin);
    * ``"chapter 4"`` → ``"2"`` for chapters, annexes, appendices and parts paired one to one;
    * ``"page 160"`` → ``"161"``: the new page most of an old page's paired blocks are on.
    """
    return renumbering_of(((m.old, m.new) for m in alignment.blocks),
                          ((s.old, s.new) for s in alignment.sections))


def renumbering_of(blocks: Iterable[tuple[tuple[Block, ...], tuple[Block, ...]]],
                   sections: Iterable[tuple[tuple[Section, ...], tuple[Section, ...]]]) -> dict[str, str]:
    """:func:`renumbering` from pairs of blocks and pairs of sections (old, new)."""
    out: dict[str, str] = {}
    pages: dict[str, Counter[str]] = {}
    for old, new in blocks:
        numbered_old = [b for b in old if b.kind == "paragraph" and b.number]
        numbered_new = [b for b in new if b.kind == "paragraph" and b.number]
        if numbered_old and numbered_new and (len(numbered_new) == 1 or len(numbered_old) == 1):
            for o in numbered_old:
                out[f"paragraph {o.number.lower()}"] = numbered_new[0].number  # type: ignore[union-attr]
        if len(old) == 1 and len(new) == 1:
            o, n = old[0], new[0]
            if o.page is not None and n.page is not None:
                pages.setdefault(o.page_label or str(o.page), Counter())[n.page_label or str(n.page)] += 1
    for olds, news in sections:
        if len(olds) == 1 and len(news) == 1:
            so, sn = olds[0], news[0]
            if so.kind == sn.kind and so.kind in ("chapter", "annex", "appendix", "part") and so.number and sn.number:
                out[f"{so.kind} {so.number.lower()}"] = sn.number
    for page, went in pages.items():
        out[f"page {page.lower()}"] = min(went.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return out


def _typography_only(old: tuple[Block, ...], new: tuple[Block, ...]) -> bool:
    """One block each, the same but for quotes, dashes and the like: an editorial change
    (set in the edition), not a difference of spacing (made by reading)."""
    if len(old) != 1 or len(new) != 1:
        return False
    a, b = old[0].text.replace(" ", ""), new[0].text.replace(" ", "")
    return a != b and fold(a) == fold(b)


def _links_changed(m: BlockMatch) -> bool:
    return [u for b in m.old for u in b.links] != [u for b in m.new for u in b.links]


def _changed_words(drafts: Iterable[tuple[BlockMatch, str, tuple[Op, ...] | None, Verdict | None]]
                   ) -> Iterable[tuple[Op, ...]]:
    """The word diffs term rules are mined from: each changed record's own diff, or, where
    the regions decided, just the words that changed (none for a layout change)."""
    for _, status, ops, verdict in drafts:
        if status == "unchanged":
            continue
        if verdict is not None and not verdict.local:
            if not verdict.layout:
                yield verdict.ops
        elif ops:
            yield ops


def _heading_places(children: tuple[Node, ...], places: dict[str, int], count: int = 0) -> int:
    """Where each heading stands in reading order: the number of body blocks (not
    footnotes, which a reader may set anywhere on their page) before it. Returns the count."""
    for child in children:
        if isinstance(child, Block):
            count += child.kind != "footnote"
        else:
            places[child.id] = count
            count = _heading_places(child.children, places, count)
    return count


def _body(doc: Document) -> Iterator[Block]:
    return (b for b in doc.blocks(notes=False) if b.kind != "footnote")


def _vanished(kept: tuple[Section, ...], other: tuple[Section, ...]) -> list[Section]:
    """Headings of ``kept`` with no counterpart in ``other`` (all of them when ``other``
    is empty; when several merge into one, those whose title the one does not keep)."""
    if len(kept) <= 1 and other:
        return []
    titles = {s.key for s in other}
    gone = [s for s in kept if s.key not in titles]
    return gone if len(gone) < len(kept) or not other else gone[1:]


def _retitled_figures(alignment: Alignment, records: Sequence[BlockMatch]) -> set[int]:
    """The records that are a figure's title turned into its caption, or back.

    A pair of blocks, one a title ("Actions where there are concerns about a child")
    and the other a caption of the same figure, is one such record.

    A heading that vanished from one edition (its section deleted, or merged into the
    one before) and a block that only the other edition has, standing between the same
    paired body blocks (footnotes are no landmarks: where a reader sets them is layout),
    are one figure's title when :func:`~wtdiff.classify.titles_figure`
    says so: the added or deleted caption is then an editorial change, not new text.
    """
    # (a text is never its own figure's retitling: both or neither carry a figure's label)
    found = {k for k, m in enumerate(records) if len(m.old) == len(m.new) == 1 and m.old[0].text != m.new[0].text
             and (titles_figure(m.new[0].text, m.old[0].text) or titles_figure(m.old[0].text, m.new[0].text))}
    for side in (0, 1):  # 0: a heading of the old edition became a caption of the new
        this, that = (alignment.old, alignment.new) if side == 0 else (alignment.new, alignment.old)
        places: dict[str, int] = {}
        _heading_places(this.children, places)
        order = {b.id: k for k, b in enumerate(_body(that))}
        here = {b.id: k for k, b in enumerate(_body(this))}
        partners: list[tuple[int, int, int]] = []  # (place here, first and last place there)
        lone: list[tuple[int, int]] = []  # (place there, record index) of blocks only there
        for k, m in enumerate(records):
            mine, theirs = (m.old, m.new) if side == 0 else (m.new, m.old)
            at = [order[b.id] for b in theirs if b.id in order]
            if mine and at:
                partners.extend((here[b.id], min(at), max(at)) for b in mine if b.id in here)
            elif not mine and len(at) == 1:
                lone.append((order[theirs[0].id], k))
        # the last place there of partners before a place here, and the first of those from it on
        partners.sort()
        starts = [p[0] for p in partners]
        last_before = list(accumulate((p[2] for p in partners), max, initial=-1))
        first_after = list(accumulate((p[1] for p in reversed(partners)), min, initial=len(order)))[::-1]
        lone_at = sorted(lone)
        for s in alignment.sections:
            mine, theirs = (s.old, s.new) if side == 0 else (s.new, s.old)
            for heading in _vanished(mine, theirs):
                cut = bisect.bisect_left(starts, places[heading.id])
                before, after = last_before[cut], first_after[cut]
                # the lone blocks standing between, in the order of the records
                between = sorted(k for _, k in lone_at[bisect.bisect_right(lone_at, (before, len(records))):
                                                       bisect.bisect_left(lone_at, (after, -1))])
                for k in between:
                    block = (records[k].new if side == 0 else records[k].old)[0]
                    if k not in found and titles_figure(block.text, heading.title):
                        found.add(k)
                        break
    return found


def compare(old: Document, new: Document) -> Comparison:
    """Compare two parsed editions.

    Each edition's own table of changes is set aside first (its heading stays):
    it describes the edition, it does not guide, and each edition replaces it whole.
    """
    old_body, old_own = set_aside(old)
    new_body, new_own = set_aside(new)
    with paused():  # every stage after reading makes many small objects in no cycles
        result = from_alignment(align(old_body, new_body), own_changes=(old_own, new_own))
    if old_own or new_own:  # the editions as read, their own tables of changes too
        result = replace(result, old=old, new=new)
    return result


def from_alignment(alignment: Alignment, *,
                   own_changes: tuple[tuple[Section, ...], tuple[Section, ...]] = ((), ())) -> Comparison:
    """Build the :class:`Comparison` from an :class:`~wtdiff.align.Alignment`."""
    links = links_comparable(alignment.old, alignment.new)
    numbers = renumbering(alignment)
    verdicts = judge(alignment.old, alignment.new, [(m.old, m.new, m.moved) for m in alignment.blocks])
    drafts: list[tuple[BlockMatch, str, tuple[Op, ...] | None, Verdict | None]] = []
    for k, m in enumerate(alignment.blocks):
        status = _status(m.old, m.new, links=links)
        ops = None
        if m.old and m.new:
            ops = tuple(diff_words(joined_text(m.old), joined_text(m.new)))
        drafts.append((m, status, ops, verdicts.get(k) if status != "unchanged" else None))
    rules = mine_terms(_changed_words(drafts), (b.text for b in alignment.old.blocks()),
                       {b.id: b.text for b in alignment.new.blocks()})
    retitled = _retitled_figures(alignment, alignment.blocks)
    changes = []
    for k, (m, status, ops, verdict) in enumerate(drafts):
        old_t, new_t = joined_text(m.old), joined_text(m.new)
        cats: list[str] = []
        obligations: list[ObligationChange] = []
        kind = (m.new or m.old)[0].kind
        if status == "unchanged":
            pass
        elif verdict is not None and verdict.layout:
            cats = ["editorial"] if _typography_only(m.old, m.new) else ["layout"]
        elif k in retitled:
            cats = ["editorial"]
        elif verdict is not None and not verdict.local:
            # the record's words changed, but not all its diff shows: categorise what did
            v_old, v_new = verdict.old_text, verdict.new_text
            found = obligation_changes(v_old, v_new)
            cats = categorise(verdict.ops, v_old, v_new, rules, kind=kind,
                              links_changed=links and _links_changed(m), renumbered=numbers, obligations=found)
            if m.old and m.new:
                obligations = found
        elif status in ("added", "deleted"):
            cats = added_or_deleted(m.new[0] if m.new else m.old[0])
        elif ops is not None:
            obligations = obligation_changes(old_t, new_t)
            cats = categorise(ops, old_t, new_t, rules, kind=kind, links_changed=links and _links_changed(m),
                              renumbered=numbers, obligations=obligations)
        renumbered = (
            len(m.old) == 1 and len(m.new) == 1 and m.old[0].number != m.new[0].number
        )
        cid = m.new[0].id if m.new else f"old:{m.old[0].id}"
        changes.append(Change(
            id=cid, status=status, moved=m.moved, old=m.old, new=m.new,
            similarity=1.0 if status == "unchanged" else m.similarity,
            diff=ops, categories=tuple(cats), obligations=tuple(obligations), renumbered=renumbered,
        ))
    sections = []
    changed_new = {b.id for c in changes if c.is_change for b in c.new}
    deleted_old = {c.old[0].id for c in changes if c.status == "deleted"}
    for s in alignment.sections:
        if not s.old:
            status = "added"
        elif not s.new:
            status = "deleted"
        elif len(s.old) > 1:
            status = "merged"
        elif len(s.new) > 1:
            status = "split"
        else:
            same_title = s.old[0].key == s.new[0].key
            touched = any(b.id in changed_new for b in s.new[0].blocks())
            gone = any(b.id in deleted_old for b in s.old[0].blocks())
            status = "unchanged" if same_title and not touched and not gone else "modified"
        renamed = bool(s.old and s.new and len(s.old) == len(s.new) == 1 and s.old[0].key != s.new[0].key)
        sections.append(SectionChange(
            status=status, moved=s.moved, old=s.old, new=s.new,
            similarity=1.0 if status == "unchanged" else s.similarity, renamed=renamed,
        ))
    return Comparison(
        old=alignment.old, new=alignment.new, changes=tuple(changes),
        sections=tuple(sections), terms=tuple(rules), own_changes=own_changes,
    )
