"""Compare two editions: align, diff the words of each pair, and explain.

:func:`compare` runs the pipeline stages after reading — :func:`~wtdiff.align.align`,
:func:`~wtdiff.worddiff.diff_words` for every pair of blocks, then
:mod:`~wtdiff.classify` (term rules first, since categories use them) — and
returns a :class:`Comparison`: plain, frozen data that every report renders.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .align import Alignment, align
from .classify import (
    ObligationChange,
    TermRule,
    added_or_deleted,
    categorise,
    mine_terms,
    obligation_changes,
)
from .model import Block, Document, Section
from .normalize import WORD_RE
from .worddiff import Op, diff_words

__all__ = ["Change", "SectionChange", "Comparison", "compare", "joined_text"]

#: separator used when the texts of several blocks (a split or merge) are joined
JOIN = " "


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

    def to_dict(self) -> dict[str, object]:
        """The comparison as the JSON contract's object (``wtdiff/comparison@1``)."""
        from .report.json import to_dict

        return to_dict(self)

    def to_json(self) -> str:
        """The JSON report (deterministic: same inputs, same bytes)."""
        from .report.json import render

        return render(self)

    def to_markdown(self) -> str:
        """The Markdown change report."""
        from .report.markdown import render

        return render(self)

    def to_html(self) -> str:
        """The self-contained HTML change log."""
        from .report.html import render

        return render(self)


def joined_text(blocks: tuple[Block, ...]) -> str:
    """The text of one or more blocks as one string (split and merge pieces joined)."""
    return JOIN.join(b.text for b in blocks)


def _status(old: tuple[Block, ...], new: tuple[Block, ...]) -> str:
    if not old:
        return "added"
    if not new:
        return "deleted"
    if len(old) > 1:
        return "merged"
    if len(new) > 1:
        return "split"
    if old[0].text == new[0].text and old[0].links == new[0].links:
        return "unchanged"
    return "modified"


def compare(old: Document, new: Document) -> Comparison:
    """Compare two parsed editions."""
    alignment = align(old, new)
    return from_alignment(alignment)


def from_alignment(alignment: Alignment) -> Comparison:
    """Build the :class:`Comparison` from an :class:`~wtdiff.align.Alignment`."""
    drafts = []
    for m in alignment.blocks:
        status = _status(m.old, m.new)
        ops = None
        if m.old and m.new:
            ops = tuple(diff_words(joined_text(m.old), joined_text(m.new)))
        drafts.append((m, status, ops))
    old_all = "\n".join(b.text for b in alignment.old.blocks())
    new_all = "\n".join(b.text for b in alignment.new.blocks())
    rules = mine_terms((ops for _, status, ops in drafts if ops and status != "unchanged"), old_all, new_all)
    changes = []
    for m, status, ops in drafts:
        old_t, new_t = joined_text(m.old), joined_text(m.new)
        cats: list[str] = []
        obligations: list[ObligationChange] = []
        if status in ("added", "deleted"):
            cats = added_or_deleted(m.new[0] if m.new else m.old[0])
        elif status != "unchanged" and ops is not None:
            links_changed = [u for b in m.old for u in b.links] != [u for b in m.new for u in b.links]
            cats = categorise(ops, old_t, new_t, rules, kind=m.new[0].kind, links_changed=links_changed)
            obligations = obligation_changes(old_t, new_t)
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
            inner = {b.id for b in s.new[0].blocks()}
            touched = any(c.is_change and any(b.id in inner for b in c.new) for c in changes)
            lost = {b.id for b in s.old[0].blocks()}
            gone = any(c.status == "deleted" and c.old[0].id in lost for c in changes)
            status = "unchanged" if same_title and not touched and not gone else "modified"
        renamed = bool(s.old and s.new and len(s.old) == len(s.new) == 1 and s.old[0].key != s.new[0].key)
        sections.append(SectionChange(
            status=status, moved=s.moved, old=s.old, new=s.new,
            similarity=1.0 if status == "unchanged" else s.similarity, renamed=renamed,
        ))
    return Comparison(
        old=alignment.old, new=alignment.new, changes=tuple(changes),
        sections=tuple(sections), terms=tuple(rules),
    )
