"""What the human-readable reports show, computed once for Markdown and HTML.

The JSON report lists every record; a person wants the changes only, grouped
by chapter, each told as "paragraph 24 (was 31), moved from Chapter 1 ›
Principles", with changes explained by a term rule shown once under that rule
rather than again in every paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..comparison import Change, Comparison, SectionChange, links_comparable
from ..model import Block
from ..normalize import WORD_RE

__all__ = [
    "ChapterMap",
    "ChapterStat",
    "Entry",
    "Flow",
    "Group",
    "MapChapter",
    "View",
    "category_counts",
    "chapter_map",
    "chapter_stats",
    "is_editorial",
    "label",
    "view",
    "where",
]

#: the title used for text before the first heading
FRONT_MATTER = "Before the first chapter"

_KIND_NAMES = {"paragraph": "Paragraph", "list-item": "List item", "table-row": "Table row",
               "footnote": "Footnote", "definition": "Definition", "figure": "Figure"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One change as a report shows it."""

    change: Change
    title: str            # "Paragraph 24 (was 31)"
    status_text: str      # "modified", "moved", "split into 2", …
    context: str          # "Moved from Chapter 1 › Principles", or ""
    links: tuple[str, ...]  # "Link changed: old → new" lines


@dataclass(frozen=True, slots=True)
class Group:
    """The changes within one chapter (top-level heading) of the new edition."""

    title: str
    anchor: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class ChapterStat:
    """How much one chapter (top-level heading) of the new edition changed."""

    title: str
    #: the anchor of its :class:`Group`, "" when none of its changes is listed
    anchor: str
    #: changes listed in the report (terminology-only ones are counted under their term)
    listed: int
    #: changes by kind: modified, added, deleted, moved, split, merged (all, listed or not)
    kinds: tuple[tuple[str, int], ...]
    #: words of the chapter in the new edition
    words: int
    words_added: int
    words_deleted: int

    @property
    def words_changed(self) -> int:
        return self.words_added + self.words_deleted


@dataclass(frozen=True, slots=True)
class MapChapter:
    """One chapter on one side of the alignment map."""

    title: str
    words: int
    #: how it relates to the other edition: kept, renamed, moved, added, deleted, split, merged
    status: str
    #: a short note for the reader ("was Chapter 4: …", "new"), or ""
    note: str


@dataclass(frozen=True, slots=True)
class Flow:
    """Text that went from old chapter ``old`` to new chapter ``new`` (indexes into the map)."""

    old: int
    new: int
    old_words: int
    new_words: int
    #: "kept" (chapter to its counterpart) or "moved" (paragraphs that moved to another chapter)
    kind: str


@dataclass(frozen=True, slots=True)
class ChapterMap:
    """How the old edition's chapters flow into the new edition's, weighted by words."""

    old: tuple[MapChapter, ...]
    new: tuple[MapChapter, ...]
    flows: tuple[Flow, ...]
    #: words deleted from each old chapter, words added to each new one (paragraphs, not word edits)
    deleted: tuple[int, ...]
    added: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class View:
    comparison: Comparison
    groups: tuple[Group, ...]
    sections: tuple[SectionChange, ...]
    hidden_terminology: int
    counts: tuple[tuple[str, int], ...]
    chapters: tuple[ChapterStat, ...] = ()
    map: ChapterMap | None = None
    #: changes by category (substantive, obligation, …) over every change
    categories: tuple[tuple[str, int], ...] = ()
    #: obligation changes by direction (strengthened, weakened, changed)
    obligations: tuple[tuple[str, int], ...] = ()
    #: editorial changes counted but not listed (``show_editorial=False``)
    hidden_editorial: int = 0


def _number(b: Block) -> str:
    if b.kind == "definition" and b.term:
        return f"“{b.term}”"
    return b.number or ""


def label(blocks: tuple[Block, ...]) -> str:
    """'Paragraph 24', 'Paragraphs 24 and 25', 'List item under paragraph 3', …"""
    if not blocks:
        return ""
    first = blocks[0]
    numbers = [n for n in (_number(b) for b in blocks) if n]
    name = _KIND_NAMES.get(first.kind, "Block")
    if first.kind == "paragraph" and numbers:
        if len(numbers) == 1:
            return f"Paragraph {numbers[0]}"
        return f"Paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"
    if numbers:
        return f"{name} {numbers[0]}" + ("" if len(blocks) == 1 else f" (+{len(blocks) - 1})")
    return name + ("" if len(blocks) == 1 else f"s ({len(blocks)})")


def where(blocks: tuple[Block, ...]) -> str:
    """The heading path of the first block, joined with ›."""
    return " › ".join(blocks[0].path) if blocks and blocks[0].path else "the start of the document"


def _title(c: Change) -> str:
    new, old = label(c.new), label(c.old)
    if not c.new:
        return f"{old} of the old edition"
    if c.new and c.old and old != new and (c.renumbered or c.status in ("split", "merged")):
        return f"{new} (was {old[0].lower() + old[1:]})"
    return new or old


def _status_text(c: Change) -> str:
    if c.status == "split":
        text = f"split into {len(c.new)}"
    elif c.status == "merged":
        text = f"merged from {len(c.old)}"
    else:
        text = c.status
    if c.moved:
        text = "moved" if c.status == "unchanged" else f"{text}, moved"
    return text


def _context(c: Change) -> str:
    if c.moved and c.old:
        ref = label(c.old)
        return f"Moved from {where(c.old)} ({ref[0].lower() + ref[1:]} of the old edition)."
    if c.status == "deleted":
        return f"Was in {where(c.old)}."
    return ""


def _links(c: Change, comparable: bool = True) -> tuple[str, ...]:
    if not comparable:
        return ()  # one edition's reader cannot see link targets (a PDF against its layout text)
    old = [u for b in c.old for u in b.links]
    new = [u for b in c.new for u in b.links]
    if not c.old or not c.new or old == new:
        return ()
    gone = [u for u in old if u not in new]
    came = [u for u in new if u not in old]
    lines = [f"Link changed: {o} → {n}" for o, n in zip(gone, came)]
    lines += [f"Link removed: {o}" for o in gone[len(came):]]
    lines += [f"Link added: {n}" for n in came[len(gone):]]
    return tuple(lines)


def is_editorial(c: Change) -> bool:
    """Only an editorial change (punctuation, case, spelling or numbering) or a layout one (the
    same words set differently): what "Hide editorial changes" hides."""
    return bool(c.categories) and set(c.categories) <= {"editorial", "layout"}


def view(comparison: Comparison, *, show_editorial: bool = True) -> View:
    """Group the changes a person reads, in new-edition order, by chapter.

    With ``show_editorial=False``, paragraphs changed only editorially (and
    not moved) are counted in :attr:`View.hidden_editorial` instead of listed.
    """
    groups: list[tuple[str, list[Entry]]] = []
    hidden = hidden_editorial = 0
    comparable = links_comparable(comparison.old, comparison.new)
    current = ""
    for c in comparison.changes:
        if c.new:
            current = c.new[0].path[0] if c.new[0].path else ""
        if not c.is_change:
            continue
        if c.status == "modified" and not c.moved and set(c.categories) == {"terminology"}:
            hidden += 1
            continue
        if not show_editorial and not c.moved and is_editorial(c) and (
                c.status == "modified" or set(c.categories) == {"layout"}):
            hidden_editorial += 1
            continue
        entry = Entry(change=c, title=_title(c), status_text=_status_text(c), context=_context(c),
                      links=_links(c, comparable))
        if not groups or groups[-1][0] != current:
            groups.append((current, []))
        groups[-1][1].append(entry)
    out = []
    for n, (title, entries) in enumerate(groups, 1):
        out.append(Group(title=title or "Before the first chapter", anchor=f"group-{n}",
                         entries=tuple(entries)))
    s = comparison.summary
    counts = (
        ("Modified", s["modified"]), ("Added", s["added"]), ("Deleted", s["deleted"]),
        ("Moved", s["moved"]), ("Split", s["split"]), ("Merged", s["merged"]),
        ("Unchanged", s["unchanged"]), ("Renumbered", s["renumbered"]),
    )
    sections = tuple(x for x in comparison.sections
                     if x.status not in ("unchanged", "modified") or x.moved or x.renamed)
    anchors = {g.title: g.anchor for g in out}
    listed = {g.title: len(g.entries) for g in out}
    cats, directions = category_counts(comparison)
    return View(comparison=comparison, groups=tuple(out), sections=sections,
                hidden_terminology=hidden, hidden_editorial=hidden_editorial, counts=counts,
                chapters=chapter_stats(comparison, anchors, listed),
                map=chapter_map(comparison), categories=cats, obligations=directions)


def _words(text: str) -> int:
    return len(WORD_RE.findall(text))


def _change_words(c: Change) -> tuple[int, int]:
    """Words inserted and deleted by one change (as the summary counts them)."""
    if c.diff is not None:
        return (sum(_words(t) for op, t in c.diff if op == "+"),
                sum(_words(t) for op, t in c.diff if op == "-"))
    if c.status == "added":
        return _words(c.new_text), 0
    if c.status == "deleted":
        return 0, _words(c.old_text)
    return 0, 0


#: the kinds of change counted per chapter, in the order reports show them
KINDS = ("modified", "added", "deleted", "moved", "split", "merged")
#: the categories, in the order reports show them
CATEGORIES = ("substantive", "obligation", "legislation", "reference", "terminology", "editorial", "layout")


def chapter_stats(comparison: Comparison, anchors: dict[str, str] | None = None,
                  listed: dict[str, int] | None = None) -> tuple[ChapterStat, ...]:
    """Per chapter of the new edition, in its order: changes by kind and words changed.

    A deletion counts in the chapter of the new block before it, as the
    report lists it there; text before the first heading counts only when it changed.
    """
    anchors, listed = anchors or {}, listed or {}
    order: list[str] = []
    kinds: dict[str, Counter[str]] = {}
    words: Counter[str] = Counter()
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    current = ""
    for c in comparison.changes:
        if c.new:
            current = c.new[0].path[0] if c.new[0].path else ""
        if current not in kinds:
            order.append(current)
            kinds[current] = Counter()
        words[current] += sum(_words(b.text) for b in c.new)
        if not c.is_change:
            continue
        if c.status != "unchanged":
            kinds[current][c.status] += 1
        if c.moved:
            kinds[current]["moved"] += 1
        a, d = _change_words(c)
        added[current] += a
        deleted[current] += d
    out = []
    for key in order:
        title = key or FRONT_MATTER
        if not key and not kinds[key]:
            continue
        out.append(ChapterStat(
            title=title, anchor=anchors.get(title, ""), listed=listed.get(title, 0),
            kinds=tuple((k, kinds[key][k]) for k in KINDS), words=words[key],
            words_added=added[key], words_deleted=deleted[key]))
    return tuple(out)


def category_counts(comparison: Comparison) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """Changes by category, and obligation changes by direction, over every change."""
    cats: Counter[str] = Counter()
    directions: Counter[str] = Counter()
    for c in comparison.changes:
        if not c.is_change:
            continue
        cats.update(set(c.categories))
        directions.update(o.direction for o in c.obligations)
    known = [k for k in CATEGORIES if cats[k]] + sorted(k for k in cats if k not in CATEGORIES)
    return (tuple((k, cats[k]) for k in known),
            tuple((k, directions[k]) for k in ("strengthened", "weakened", "changed") if directions[k]))


def _renamed(title: str, other: str) -> str:
    """``title`` told briefly against ``other``: "Chapter 3" when only the number differs."""
    head, sep, subject = title.partition(": ")
    other_head, other_sep, other_subject = other.partition(": ")
    if sep and other_sep and subject == other_subject:
        return head
    if sep and other_sep and head == other_head:
        return f"“{subject}”"
    return f"“{title}”"


def _chapter(b: Block) -> str:
    return b.path[0] if b.path else ""


def chapter_map(comparison: Comparison) -> ChapterMap:
    """The chapters of both editions and the text flowing between them.

    Chapters are the top-level headings (blocks' first path element). Each
    paired block adds its words to the flow from its old chapter to its new
    one; a flow between chapters that the heading alignment paired is "kept",
    any other is paragraphs that "moved". Added and deleted blocks are kept
    apart, so a chapter's bar shows what it lost or gained.
    """
    def chapters(blocks: list[Block]) -> list[str]:
        seen: dict[str, None] = {}
        for b in blocks:
            seen.setdefault(_chapter(b), None)
        return list(seen)

    old_keys = chapters(list(comparison.old.blocks()))
    new_keys = chapters(list(comparison.new.blocks()))
    old_at = {k: i for i, k in enumerate(old_keys)}
    new_at = {k: i for i, k in enumerate(new_keys)}
    old_words = [0] * len(old_keys)
    new_words = [0] * len(new_keys)
    for b in comparison.old.blocks():
        old_words[old_at[_chapter(b)]] += _words(b.text)
    for b in comparison.new.blocks():
        new_words[new_at[_chapter(b)]] += _words(b.text)

    # The heading alignment's verdict on each top-level chapter.
    partner: dict[str, str] = {}
    old_status = {k: ("kept", "") for k in old_keys}
    new_status = {k: ("kept", "") for k in new_keys}
    for s in comparison.sections:
        olds = [x for x in s.old if len(x.path) == 1 and x.title in old_at]
        news = [x for x in s.new if len(x.path) == 1 and x.title in new_at]
        if not olds and not news:
            continue
        for o in olds:
            for n in news:
                partner[o.title] = n.title
        old_titles = " / ".join(x.title for x in s.old)
        new_titles = " / ".join(x.title for x in s.new)
        if s.status == "added":
            for n in news:
                new_status[n.title] = ("added", "new chapter")
        elif s.status == "deleted":
            for o in olds:
                old_status[o.title] = ("deleted", "removed")
        elif s.status == "split":
            for o in olds:
                old_status[o.title] = ("split", f"split into {new_titles}")
            for n in news:
                new_status[n.title] = ("split", f"split from {old_titles}")
        elif s.status == "merged":
            for o in olds:
                old_status[o.title] = ("merged", f"merged into {new_titles}")
            for n in news:
                new_status[n.title] = ("merged", f"merged from {old_titles}")
        elif s.moved or s.renamed:
            status = "moved" if s.moved else "renamed"
            for o in olds:
                old_status[o.title] = (status, f"now {_renamed(new_titles, old_titles)}" if s.renamed else "moved")
            for n in news:
                new_status[n.title] = (status, f"was {_renamed(old_titles, new_titles)}" if s.renamed else "moved")

    flows: dict[tuple[int, int], list[int]] = {}
    deleted = [0] * len(old_keys)
    added = [0] * len(new_keys)
    for c in comparison.changes:
        if not c.new:
            for b in c.old:
                deleted[old_at[_chapter(b)]] += _words(b.text)
            continue
        if not c.old:
            for b in c.new:
                added[new_at[_chapter(b)]] += _words(b.text)
            continue
        pair = old_at[_chapter(c.old[0])], new_at[_chapter(c.new[0])]
        w = flows.setdefault(pair, [0, 0])
        w[0] += sum(_words(b.text) for b in c.old)
        w[1] += sum(_words(b.text) for b in c.new)

    def side(keys: list[str], words: list[int], status: dict[str, tuple[str, str]]) -> tuple[MapChapter, ...]:
        return tuple(MapChapter(title=k or FRONT_MATTER, words=words[i], status=status.get(k, ("kept", ""))[0],
                                note=status.get(k, ("kept", ""))[1]) for i, k in enumerate(keys))

    out_flows = []
    for (oi, ni), (ow, nw) in sorted(flows.items()):
        kept = partner.get(old_keys[oi], old_keys[oi] if old_keys[oi] in new_at else None) == new_keys[ni]
        out_flows.append(Flow(old=oi, new=ni, old_words=ow, new_words=nw, kind="kept" if kept else "moved"))
    return ChapterMap(old=side(old_keys, old_words, old_status), new=side(new_keys, new_words, new_status),
                      flows=tuple(out_flows), deleted=tuple(deleted), added=tuple(added))


def section_line(s: SectionChange) -> str:
    """One sentence on how a heading changed."""
    old = " / ".join(x.title for x in s.old)
    new = " / ".join(x.title for x in s.new)
    if s.status == "added":
        return f"New section: {new}"
    if s.status == "deleted":
        return f"Section removed: {old}"
    if s.status == "split":
        return f"{old} was split into {new}"
    if s.status == "merged":
        return f"{old} were merged into {new}"
    parts = []
    if s.renamed:
        parts.append(f"“{old}” renamed “{new}”")
    if s.moved:
        parts.append(f"{new} moved" + (f" (was under {' › '.join(s.old[0].path[:-1])})"
                                        if len(s.old[0].path) > 1 else ""))
    if not parts:
        parts.append(f"{new}: content changed")
    return "; ".join(parts)
