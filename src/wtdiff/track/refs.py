"""Citation labels for every block of an edition, and finding blocks by label, number or phrase.

People cite the guidance by paragraph number ("paragraph 16", "3.16" when
numbers restart in each chapter), and the bullets, table rows and glossary
entries under a paragraph by that paragraph. :func:`citation_labels` gives
every block such a label, unique within its edition:

* a numbered paragraph: its printed number (``16``); when numbering restarts
  in each chapter (some number is printed twice), every paragraph number is
  qualified by its chapter or annex number (``3.16``, ``A.4``);
* a numbered footnote: ``fn 6`` (qualified the same way: ``fn 3.6``);
* anything without a number of its own (list item, table row, definition,
  unnumbered paragraph or footnote): the label of the last numbered
  paragraph before it in the same section, and which of that paragraph's
  followers it is — ``16 (item 2)``, ``16 (row 3)``, ``16 (text 1)``,
  ``16 (note 1)``, ``Appendix A (definition: Abuse)`` (a definition is named by
  its term). With no numbered paragraph before it in its section, the
  section stands in: ``Chapter 1 (text 1)``, ``Introduction › About this
  guidance (item 1)``.

A label that would still occur twice gets ``#2``, ``#3`` … in reading order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..model import Block, Document, Section
from ..normalize import fold

__all__ = ["EditionInfo", "Found", "Ref", "citation_labels", "edition_label", "find_blocks"]

_FOLLOWER = {"list-item": "item", "table-row": "row", "paragraph": "text", "footnote": "note",
             "definition": "definition", "figure": "figure"}
_TITLE_MAX = 40


@dataclass(frozen=True, slots=True)
class EditionInfo:
    """Which edition: its label in reports, and where it was read from."""

    label: str
    title: str
    source: str
    sha256: str
    #: registry id, when the edition came from the registry
    edition: str | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """One block of one edition, as reports show it."""

    edition: str
    id: str
    kind: str
    #: the citation label (see :func:`citation_labels`)
    label: str
    number: str | None
    page: int | None
    page_label: str | None
    path: tuple[str, ...]
    text: str


def edition_label(doc: Document) -> str:
    """``doc.edition`` (the registry id), else the source file's stem, else the title."""
    if doc.edition:
        return doc.edition
    stem = Path(doc.source).stem if doc.source else ""
    return stem or doc.title or "edition"


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= _TITLE_MAX else title[: _TITLE_MAX - 1].rstrip() + "…"


def _section_name(sec: Section, top: Section) -> str:
    """How a section stands in for a paragraph number: "Chapter 3", "Annex A", or its title."""
    if sec.number and sec.kind != "heading":
        return f"{sec.kind.capitalize()} {sec.number}"
    if sec is top:
        return _short(sec.title)
    return f"{_section_name(top, top)} › {_short(sec.title)}"


def citation_labels(doc: Document) -> dict[str, str]:
    """Block id → citation label, for every block of ``doc`` (see the module docstring)."""
    # Pass 1: each block with its numbered "base", its chapter, and (for the others) its anchor.
    rows: list[tuple[str, str | None, str | None, Block]] = []  # (id, base, chapter, block)
    anchor_of: dict[str, tuple[str | None, str]] = {}  # id -> (numbered block id or None, section name)

    def visit(children: tuple[object, ...], top: Section | None, inner: Section | None,
              last: str | None) -> None:
        for child in children:
            if isinstance(child, Section):
                visit(child.children, top or child, child, None)
                continue
            assert isinstance(child, Block)
            chapter = top.number if top is not None else None
            name = _section_name(inner, top) if inner is not None and top is not None else "Front matter"
            for b in (child, *child.notes):
                if b.number and b.kind == "footnote":
                    rows.append((b.id, f"fn {b.number}", chapter, b))
                elif b.number:
                    rows.append((b.id, b.number, chapter, b))
                    last = b.id
                else:
                    rows.append((b.id, None, chapter, b))
                    anchor_of[b.id] = (last, name)

    visit(doc.children, None, None, None)
    # Pass 2: numbered labels, qualified by chapter when numbering restarts (a number repeats).
    counts = Counter(base for _, base, _, _ in rows if base)
    restarts = {kind: any(n > 1 for base, n in counts.items() if base.startswith("fn ") == kind)
                for kind in (True, False)}
    labels: dict[str, str] = {}
    for bid, base, chapter, _ in rows:
        if base is None:
            continue
        if restarts[base.startswith("fn ")] and chapter:
            base = f"fn {chapter}.{base[3:]}" if base.startswith("fn ") else f"{chapter}.{base}"
        labels[bid] = base
    # Pass 3: followers, counted per anchor and kind.
    seen: Counter[tuple[str, str]] = Counter()
    for bid, base, _, b in rows:
        if base is not None:
            continue
        last, name = anchor_of[bid]
        parent = labels[last] if last else name
        word = _FOLLOWER.get(b.kind, "text")
        if b.kind == "definition" and b.term:
            labels[bid] = f"{parent} (definition: {_short(b.term)})"
            continue
        seen[parent, word] += 1
        labels[bid] = f"{parent} ({word} {seen[parent, word]})"
    # Pass 4: whatever still repeats gets #2, #3 … in reading order.
    total = Counter(labels.values())
    again: Counter[str] = Counter()
    out: dict[str, str] = {}
    for bid, _, _, _ in rows:
        label = labels[bid]
        if total[label] > 1:
            again[label] += 1
            if again[label] > 1:
                label = f"{label} #{again[label]}"
        out[bid] = label
    return out


def _norm(text: str) -> str:
    return " ".join(fold(text).casefold().split())


_CITED = re.compile(r"^(?:paragraphs?|paras?\.?|¶)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """Blocks a query names, and how they were found: label, id, number, chapter-number or phrase."""

    by: str
    ids: tuple[str, ...]


def find_blocks(blocks: list[Block], labels: dict[str, str], top_number: dict[str, str | None],
                query: str, *, edition: str) -> Found:
    """The blocks ``query`` names in one edition.

    Tried in order: a citation label (``16``, ``3.16``, ``16 (item 2)``, case and
    spacing ignored, a leading "paragraph" allowed); a block id; a printed
    number (several blocks when numbering restarts by chapter); ``C.N`` — the
    paragraph numbered N in chapter or annex C; finally a phrase — every
    block whose text contains it (case, typography and spacing ignored).
    Raises :class:`~wtdiff.errors.UsageError` when nothing matches.
    """
    q = _CITED.sub("", query.strip())
    key = _norm(q)
    if not key:
        raise UsageError(f"{edition}: nothing to look for.", hint="Give a paragraph number or a phrase.")
    by_label = {_norm(label): bid for bid, label in labels.items()}
    if key in by_label:
        return Found("label", (by_label[key],))
    ids = {b.id for b in blocks}
    if q in ids:
        return Found("id", (q,))
    numbered = [b.id for b in blocks if b.number and _norm(b.number) == key and b.kind != "footnote"]
    if numbered:
        return Found("number", tuple(numbered))
    chapter, dot, number = key.rpartition(".")
    if dot and chapter and number:
        hits = [b.id for b in blocks if b.number and _norm(b.number) == number and b.kind != "footnote"
                and _norm(top_number.get(b.id) or "") == chapter]
        if hits:
            return Found("chapter-number", tuple(hits))
    phrase = [b.id for b in blocks if key in _norm(b.text)]
    if phrase:
        return Found("phrase", tuple(phrase))
    numbers = [b.number for b in blocks if b.number and b.kind == "paragraph"]
    span = f" (its paragraphs are numbered {numbers[0]} to {numbers[-1]})" if numbers else ""
    raise UsageError(
        f"{edition}: no paragraph {query.strip()!r} and no text containing it{span}.",
        hint="Give a number as printed (16, or 3.16 for chapter 3), a label such as '16 (item 2)', "
             "or a phrase from the text.")
