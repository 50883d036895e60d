"""Seeded edit scripts that revise a base edition the way real editions are revised.

:func:`revise` copies a base :class:`~wtdiff.eval.generate.GDoc` and applies,
in this order: chapter reordering and renaming; section moves, renames, splits,
merges, insertions and deletions; deletions of paragraphs (with their lists)
and of single list items; moves of paragraphs within their section, to other
sections and to other chapters; paragraph splits and merges; insertions;
sentence-level rewording (sentences replaced, added or removed, clauses added or
removed, words swapped, *must* / *should* / *may* changed, legislation citations
updated); and finally document-wide term replacements. Paragraph numbers,
chapter numbers and cross-references are recomputed when the edition is
rendered, so everything after an insertion is renumbered.

Every node keeps its ``origin`` (see :mod:`wtdiff.eval.generate`), which is
the ground truth; the :class:`Profile` says how much of each edit to make, as
shares of the base edition's blocks.
"""

from __future__ import annotations

import copy
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ..normalize import words
from . import renames as renames_mod
from . import vocab
from .generate import GBlock, GDoc, GSection, Writer, text_key, unit

__all__ = ["PROFILES", "Profile", "Revision", "revise", "sentences"]

Node = GSection | GBlock
Container = GDoc | GSection


@dataclass(frozen=True)
class Profile:
    """How heavily to revise: shares of the base edition's blocks, and counts of section edits."""

    name: str
    moved: float = 0.0
    split_merge: float = 0.0
    inserted: float = 0.0
    deleted: float = 0.0
    reworded: float = 0.0
    terms: int = 0
    #: renames of every shape planted in the base and made in the revision (see :mod:`.renames`)
    renames: int = 0
    chapter_moves: int = 0
    chapter_renames: int = 0
    section_moves: int = 0
    section_renames: float = 0.0
    section_splits: int = 0
    section_merges: int = 0
    sections_added: int = 0
    sections_deleted: int = 0


PROFILES = {
    "heavy": Profile("heavy", moved=0.10, split_merge=0.05, inserted=0.10, deleted=0.10, reworded=0.20,
                     terms=3, chapter_moves=1, chapter_renames=2, section_moves=2, section_renames=0.10,
                     section_splits=1, section_merges=1, sections_added=1, sections_deleted=1),
    "light": Profile("light", inserted=0.005, deleted=0.005, reworded=0.02, terms=1),
    "renames": Profile("renames", moved=0.02, inserted=0.01, deleted=0.01, reworded=0.05, renames=8),
    "none": Profile("none"),
}


@dataclass
class Revision:
    """A base edition, its revision, and what the edit script did."""

    old: GDoc
    new: GDoc
    profile: Profile
    seed: int
    #: term replacements applied, (old phrase, new phrase)
    terms: list[tuple[str, str]] = field(default_factory=list)
    #: how many of each edit were made
    log: Counter[str] = field(default_factory=Counter)
    #: renames planted in the base (``old`` holds them) and made in ``new``, with their stragglers
    renames: list[renames_mod.Planted] = field(default_factory=list)


_SENTENCE = re.compile(r"(?<=[.!?:;])\s+(?=[A-Z(])")


def sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


class _Editor:
    def __init__(self, doc: GDoc, rng: random.Random, profile: Profile) -> None:
        self.doc, self.rng, self.profile = doc, rng, profile
        self.writer = Writer(rng)
        self.log: Counter[str] = Counter()
        self.touched: set[str] = set()  # uids moved, split, merged or deleted already
        self.n_new = 0
        self.seen = {text_key(b.text) for b in doc.blocks()}
        # Where each base block stood, and how many stood in each container: a section keeps at
        # least half of its own paragraphs, so that its identity rests on its content, as in real
        # revisions (a heading whose paragraphs all left and were replaced is a new section).
        self.home: dict[str, int] = {}
        self.base_count: Counter[int] = Counter()
        self.base_parent: dict[str, int] = {}
        self.sections_touched: set[str] = set()  # split already: not merged as well
        for c in self.containers():
            for k in c.children:
                if isinstance(k, GBlock):
                    self.home[k.uid] = id(c)
                    self.base_count[id(c)] += 1
                else:
                    self.base_parent[k.uid] = id(c)

    # --- tree helpers ---------------------------------------------------------------------

    def new_id(self, prefix: str = "n") -> str:
        self.n_new += 1
        return f"{prefix}{self.n_new}"

    def containers(self) -> list[Container]:
        return [self.doc, *self.doc.sections()]

    def leaves(self) -> list[GSection]:
        return [s for s in self.doc.sections() if not any(isinstance(c, GSection) for c in s.children)]

    def parent_of(self, target: Node) -> Container:
        for c in self.containers():
            if any(k is target for k in c.children):
                return c
        raise LookupError(target)

    @staticmethod
    def block_end(c: Container) -> int:
        """Index of the first subsection: blocks may only stand before it."""
        for k, child in enumerate(c.children):
            if isinstance(child, GSection):
                return k
        return len(c.children)

    def units(self, c: Container) -> list[tuple[int, int]]:
        """(start, end) of each paragraph with the list items following it."""
        end = self.block_end(c)
        out: list[tuple[int, int]] = []
        k = 0
        while k < end:
            j = k + 1
            while j < end and _is_item(c.children[j]):
                j += 1
            out.append((k, j))
            k = j
        return out

    def gaps(self, c: Container) -> list[int]:
        """Indices where a whole unit may be inserted (never between the pieces of a split)."""
        kids = c.children

        def inside_split(s: int) -> bool:
            here, before = kids[s], kids[s - 1] if s else None
            return (isinstance(here, GBlock) and isinstance(before, GBlock) and here.locked
                    and here.origin == before.origin)

        return [s for s, _ in self.units(c) if not inside_split(s)] + [self.block_end(c)]

    def free(self, blocks: list[Node]) -> bool:
        return all(isinstance(b, GBlock) and not b.locked and b.uid not in self.touched and b.origin
                   for b in blocks)

    def count(self, blocks: list[GBlock]) -> int:
        return sum(1 + len(b.notes) for b in blocks)

    # --- sections -------------------------------------------------------------------------

    def chapters(self) -> list[GSection]:
        return [c for c in self.doc.children if isinstance(c, GSection) and c.kind == "chapter"]

    def move_chapter(self) -> None:
        chapters = self.chapters()
        if len(chapters) < 3:
            return
        ch = self.rng.choice(chapters)
        self.doc.children.remove(ch)
        slots = [k for k, c in enumerate(self.doc.children) if isinstance(c, GSection) and c.kind == "chapter"]
        slots.append(len(self.doc.children))
        old = chapters.index(ch)
        slot = self.rng.choice([s for n, s in enumerate(slots) if n != old])
        self.doc.children.insert(slot, ch)
        self.log["chapter moved"] += 1

    def rename_chapter(self) -> None:
        ch = self.rng.choice(self.chapters())
        names = [n for n in vocab.CHAPTER_RENAMES if n not in {c.title for c in self.chapters()}]
        ch.title = self.rng.choice(names)
        self.log["chapter renamed"] += 1

    def move_section(self) -> None:
        chapters = [c for c in self.chapters() if any(isinstance(k, GSection) for k in c.children)]
        if len(chapters) < 2:
            return
        src = self.rng.choice(chapters)
        # A section of modest size, as revisions move: not most of its chapter.
        size = len(_blocks_under(src))
        movable = [k for k in src.children if isinstance(k, GSection) and len(_blocks_under(k)) <= size / 4]
        if not movable:
            return
        sec = self.rng.choice(movable)
        dst = self.rng.choice([c for c in chapters if c is not src])
        src.children.remove(sec)
        start = self.block_end(dst)
        dst.children.insert(self.rng.randint(start, len(dst.children)), sec)
        self.log["section moved"] += 1

    def rename_section(self, sec: GSection) -> None:
        titles = {s.title for s in self.doc.sections()}
        title = self.writer.section_title()
        while title in titles:
            title = self.writer.section_title()
        sec.title = title
        self.log["section renamed"] += 1

    def split_section(self) -> None:
        cands = [s for s in self.leaves() if len(self.units(s)) >= 4 and s.kind == "heading"]
        if not cands:
            return
        sec = self.rng.choice(cands)
        self.sections_touched.add(sec.uid)
        parent = self.parent_of(sec)
        cut = self.units(sec)[len(self.units(sec)) // 2][0]
        twin = GSection(uid=self.new_id("x"), title=self.writer.section_title(), origin=sec.origin,
                        children=sec.children[cut:])
        sec.children[cut:] = []
        for node in twin.children:  # each part keeps half of its own paragraphs, as sections do
            if isinstance(node, GBlock) and self.home.get(node.uid) == id(sec):
                self.home[node.uid] = id(twin)
                self.base_count[id(twin)] += 1
                self.base_count[id(sec)] -= 1
        parent.children.insert(parent.children.index(sec) + 1, twin)
        self.log["section split"] += 1

    def merge_sections(self) -> None:
        """Merge two neighbouring leaf sections that were already neighbours in the base edition."""
        pairs = []
        leaves = self.leaves()
        for c in self.containers():
            for k in range(len(c.children) - 1):
                x, y = c.children[k], c.children[k + 1]
                if (isinstance(x, GSection) and isinstance(y, GSection) and x.kind == y.kind == "heading"
                        and x in leaves and y in leaves and len(x.origin) == len(y.origin) == 1
                        and x.origin != y.origin and self.base_parent.get(x.uid, 0) == self.base_parent.get(y.uid, 1)
                        and not {x.uid, y.uid} & self.sections_touched):
                    pairs.append((c, x, y))
        if not pairs:
            return
        c, x, y = self.rng.choice(pairs)
        for node in y.children:  # the merged section's paragraphs now count as x's own
            if isinstance(node, GBlock) and self.home.get(node.uid) == id(y):
                self.home[node.uid] = id(x)
                self.base_count[id(x)] += 1
        x.children.extend(y.children)
        x.origin = x.origin + y.origin
        c.children.remove(y)
        self.log["section merged"] += 1

    def add_section(self) -> int:
        chapters: list[Container] = [*self.chapters()] or [self.doc]
        ch = self.rng.choice(chapters)
        sec = GSection(uid=self.new_id("x"), title=self.writer.section_title())
        self.writer.topic()
        for _ in range(self.rng.randint(2, 3)):
            sec.children.extend(self.new_unit())
        ch.children.insert(self.rng.randint(self.block_end(ch), len(ch.children)), sec)
        self.log["section added"] += 1
        return self.count([b for b in sec.children if isinstance(b, GBlock)])

    def delete_section(self) -> int:
        shared = Counter(o for s in self.doc.sections() for o in s.origin)
        cands = [s for s in self.leaves() if 1 <= len(self.units(s)) <= 3 and s.kind == "heading"
                 and s.origin == (s.uid,) and shared[s.uid] == 1 and self.free(list(s.children))]
        if not cands:
            return 0
        sec = self.rng.choice(cands)
        self.parent_of(sec).children.remove(sec)
        self.log["section deleted"] += 1
        return self.count([b for b in sec.children if isinstance(b, GBlock)])

    # --- blocks ---------------------------------------------------------------------------

    def new_unit(self) -> list[GBlock]:
        blocks = unit(self.writer, lambda: self.new_id(), seen=self.seen, origin=False)  # type: ignore[arg-type]
        for b in blocks:
            b.text = b.text.replace(" (see paragraph {ref:?}).", ".")
            for n in b.notes:
                n.origin = ()
        return blocks

    def pick_unit(self, *, min_left: int = 1) -> tuple[Container, int, int] | None:
        for _ in range(200):
            c = self.rng.choice(self.containers())
            us = self.units(c)
            if len(us) <= min_left:
                continue
            s, e = self.rng.choice(us)
            if self.free(c.children[s:e]) and self.may_lose(c, e - s):
                return c, s, e
        return None

    def may_lose(self, c: Container, n: int) -> bool:
        """Whether ``c`` keeps at least half of its own blocks after losing ``n`` of them."""
        own = sum(1 for k in c.children if isinstance(k, GBlock) and self.home.get(k.uid) == id(c))
        return own - n >= 0.5 * self.base_count[id(c)]

    def delete_blocks(self, budget: int) -> None:
        while budget > 0:
            if self.rng.random() < 0.25:
                items = [(c, k) for c in self.containers() for k, b in enumerate(c.children)
                         if isinstance(b, GBlock) and b.kind == "list-item" and self.free([b])
                         and k + 1 < len(c.children) and isinstance(c.children[k + 1], GBlock)
                         and c.children[k + 1].kind == "list-item"
                         and k > 0 and c.children[k - 1].kind == "list-item"]
                if items:
                    c, k = self.rng.choice(items)
                    budget -= self.count([c.children.pop(k)])  # type: ignore[list-item]
                    self.log["list item deleted"] += 1
                    continue
            found = self.pick_unit(min_left=1)
            if found is None:
                return
            c, s, e = found
            removed = c.children[s:e]
            del c.children[s:e]
            budget -= self.count(removed)  # type: ignore[arg-type]
            self.log["paragraph deleted"] += 1

    def move_blocks(self, budget: int) -> None:
        targets = [c for c in self.containers() if isinstance(c, GSection) and self.units(c)]
        while budget > 0 and targets:
            found = self.pick_unit(min_left=1)
            if found is None:
                return
            c, s, e = found
            moving = c.children[s:e]
            del c.children[s:e]
            if self.rng.random() < 0.3 and len(self.units(c)) >= 2:
                dst: Container = c
                gaps = [g for g in self.gaps(c) if g != s]
                self.log["paragraph moved within its section"] += 1
            else:
                dst = self.rng.choice([t for t in targets if t is not c])
                gaps = self.gaps(dst)
                self.log["paragraph moved to another section"] += 1
            at = self.rng.choice(gaps)
            dst.children[at:at] = moving
            for b in moving:
                self.touched.add(b.uid)
            budget -= self.count(moving)  # type: ignore[arg-type]

    def split_merge(self, budget: int) -> None:
        split_turn = True
        tries = 0
        while budget > 0 and tries < 500:
            tries += 1
            c = self.rng.choice(self.containers())
            end = self.block_end(c)
            kids = c.children
            if split_turn:
                cands = [k for k in range(end) if isinstance(kids[k], GBlock) and self.free([kids[k]])
                         and kids[k].kind == "paragraph" and kids[k].numbered  # type: ignore[union-attr]
                         and len(sentences(kids[k].text)) >= 2 and kids[k].text.endswith(".")  # type: ignore[union-attr]
                         and not (k + 1 < end and kids[k + 1].kind == "list-item")]
                if not cands:
                    continue
                k = self.rng.choice(cands)
                b: GBlock = kids[k]  # type: ignore[assignment]
                parts = sentences(b.text)
                cut = self.rng.randint(1, len(parts) - 1)
                first = GBlock(uid=b.uid, kind="paragraph", text=" ".join(parts[:cut]), numbered=True,
                               notes=b.notes, origin=b.origin, locked=True)
                second = GBlock(uid=self.new_id("p"), kind="paragraph", text=" ".join(parts[cut:]),
                                numbered=True, origin=b.origin, locked=True)
                kids[k:k + 1] = [first, second]
                budget -= 1
                self.log["paragraph split"] += 1
            else:
                cands = [k for k in range(end - 1) if self.free(kids[k:k + 2])
                         and all(x.kind == "paragraph" and x.numbered for x in kids[k:k + 2])  # type: ignore[union-attr]
                         and kids[k].text.endswith(".")]  # type: ignore[union-attr]
                if not cands:
                    continue
                k = self.rng.choice(cands)
                x, y = kids[k], kids[k + 1]
                merged = GBlock(uid=x.uid, kind="paragraph", text=f"{x.text} {y.text}", numbered=True,  # type: ignore[union-attr]
                                notes=x.notes + y.notes, origin=x.origin + y.origin, locked=True)  # type: ignore[union-attr]
                kids[k:k + 2] = [merged]
                budget -= 2
                self.log["paragraphs merged"] += 1
            split_turn = not split_turn

    def insert_blocks(self, budget: int) -> None:
        leaves = [c for c in self.containers() if isinstance(c, GSection) and self.units(c)]
        while budget > 0 and leaves:
            c = self.rng.choice(leaves)
            if self.rng.random() < 0.2:
                items = [k for k in range(1, self.block_end(c)) if isinstance(c.children[k], GBlock)
                         and c.children[k].kind == "list-item" and c.children[k].text.endswith(";")]  # type: ignore[union-attr]
                if items:
                    k = self.rng.choice(items)
                    text = self.writer.list_item()
                    while text_key(text) in self.seen:
                        text = self.writer.list_item()
                    self.seen.add(text_key(text))
                    c.children.insert(k + 1, GBlock(uid=self.new_id(), kind="list-item", text=text,
                                                    level=c.children[k].level))  # type: ignore[union-attr]
                    budget -= 1
                    self.log["list item inserted"] += 1
                    continue
            self.writer.topic()
            blocks = self.new_unit()
            at = self.rng.choice(self.gaps(c))
            c.children[at:at] = blocks
            budget -= self.count(blocks)
            self.log["paragraph inserted"] += 1

    def reword_blocks(self, budget: int) -> None:
        pool = [b for b in self.doc.blocks() if b.origin and not b.locked]
        self.rng.shuffle(pool)
        for b in pool:
            if self.log["block reworded"] >= budget:
                break
            before = b.text
            for _ in range(1 if self.rng.random() < 0.7 else 2):
                after = reword(b.text, self.rng, self.writer, kind=b.kind)
                # A rewording keeps most of the block: rewritten from scratch, it would be a new block.
                if _similarity(before, after) >= MIN_REWORDED_SIMILARITY:
                    b.text = after
            if b.text != before:
                self.log["block reworded"] += 1

    def replace_terms(self, count: int, old_doc: GDoc,
                      chosen: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
        if chosen is None:
            old_text = [b.text for b in old_doc.blocks()]
            pool = vocab.TERMS + vocab.REAL_TERMS
            eligible = [(o, n) for o, n in pool
                        if sum(1 for t in old_text if _phrase_re(o).search(t)) >= 4
                        and not any(_phrase_re(n).search(t) for t in old_text)]
            chosen = self.rng.sample(eligible, min(count, len(eligible)))
        for o, n in chosen:
            for b in self.doc.blocks():
                b.text = replace_term(b.text, o, n)
            for s in self.doc.sections():
                s.title = replace_term(s.title, o, n)
            self.log["term replaced"] += 1
        return chosen


def _is_item(node: Node) -> bool:
    return isinstance(node, GBlock) and node.kind == "list-item"


def _blocks_under(sec: GSection) -> list[GBlock]:
    out: list[GBlock] = []
    for c in sec.children:
        out.extend(_blocks_under(c) if isinstance(c, GSection) else [c])
    return out


#: How much of a block a rewording must keep (word-sequence similarity, 0..1).
MIN_REWORDED_SIMILARITY = 0.5


def _similarity(old: str, new: str) -> float:
    return Indel.normalized_similarity(words(old), words(new))


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])")


def replace_term(text: str, old: str, new: str) -> str:
    """``old`` → ``new`` at word boundaries; a capitalised ``old`` gives a capitalised ``new``."""
    text = _phrase_re(old).sub(new, text)
    if old[0].islower():
        text = _phrase_re(old[0].upper() + old[1:]).sub(new[0].upper() + new[1:], text)
    return text


# --- rewording --------------------------------------------------------------------------------

_MODAL = re.compile(r"\b(must|should|may)\b(?! not)")
_TERM_SPANS = [_phrase_re(o) for o, _ in vocab.TERMS + vocab.REAL_TERMS]


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for p in _TERM_SPANS for m in p.finditer(text)]


def _free_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    spans = _protected(text)
    return [m for m in pattern.finditer(text) if not any(a < m.end() and m.start() < b for a, b in spans)]


def reword(text: str, rng: random.Random, writer: Writer, *, kind: str = "paragraph") -> str:
    """``text`` reworded by one sentence-level edit (the same text if none applies)."""
    ops = [(_synonym, 3), (_insert_clause, 2), (_drop_part, 2), (_modal, 1.5), (_citation, 1)]
    if kind == "paragraph":
        ops += [(_replace_sentence, 2), (_add_sentence, 1)]
    for _ in range(12):
        op = rng.choices([o for o, _ in ops], weights=[w for _, w in ops])[0]
        out = op(text, rng, writer)
        if out != text:
            return out
    return text


def _synonym(text: str, rng: random.Random, writer: Writer) -> str:
    keys = sorted(vocab.SYNONYMS, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    found = _free_matches(pattern, text)
    if not found:
        return text
    for m in sorted(rng.sample(found, min(len(found), rng.choice([1, 1, 2]))), key=lambda m: -m.start()):
        text = text[:m.start()] + rng.choice(vocab.SYNONYMS[m.group(1)]) + text[m.end():]
    return text


def _insert_clause(text: str, rng: random.Random, writer: Writer) -> str:
    parts = sentences(text)
    k = rng.randrange(len(parts))
    s = parts[k]
    if not s or s[-1] not in ".;":
        return text
    parts[k] = f"{s[:-1]} {rng.choice(vocab.CLAUSES)}{s[-1]}"
    return " ".join(parts)


def _drop_part(text: str, rng: random.Random, writer: Writer) -> str:
    parts = sentences(text)
    if len(parts) >= 3:
        k = rng.randrange(len(parts) - 1)
        return " ".join(parts[:k] + parts[k + 1:])
    phrases = [p for p in vocab.CONDITIONS + vocab.CLAUSES if " " + p in text]
    if not phrases:
        return text
    return text.replace(" " + rng.choice(phrases), "", 1)


def _modal(text: str, rng: random.Random, writer: Writer) -> str:
    found = list(_MODAL.finditer(text))
    if not found:
        return text
    m = rng.choice(found)
    new = rng.choice([x for x in ("must", "should", "may") if x != m.group(1)])
    return text[:m.start()] + new + text[m.end():]


def _citation(text: str, rng: random.Random, writer: Writer) -> str:
    acts = [a for a in vocab.ACT_UPDATES if a in text]
    if acts:
        act = rng.choice(acts)
        return text.replace(act, vocab.ACT_UPDATES[act], 1)
    m = re.search(r"section (\w+) of the ([A-Z][\w ,()]+? Act \d{4})", text)
    if not m:
        return _modal(text, rng, writer)
    numbers = dict(vocab.ACTS).get(m.group(2), [])
    others = [n for n in numbers if n != m.group(1)] or [m.group(1) + "A"]
    return text[:m.start(1)] + rng.choice(others) + text[m.end(1):]


def _replace_sentence(text: str, rng: random.Random, writer: Writer) -> str:
    parts = sentences(text)
    if len(parts) < 2:
        return text
    k = rng.randrange(len(parts) - (1 if parts[-1].endswith(":") else 0))
    parts[k] = writer.sentence()
    return " ".join(parts)


def _add_sentence(text: str, rng: random.Random, writer: Writer) -> str:
    if not text.endswith("."):
        return text
    parts = sentences(text)
    parts.insert(rng.randint(0, len(parts)), writer.sentence())
    return " ".join(parts)


def revise(base: GDoc, profile: Profile, seed: int, *, terms: list[tuple[str, str]] | None = None) -> Revision:
    """Apply ``profile``'s edit script to a copy of ``base``; the same seed gives the same revision.

    ``terms`` fixes the document-wide replacements (else the profile's number of them is drawn
    from :data:`~wtdiff.eval.vocab.TERMS` among those the base uses often enough).
    """
    rng = random.Random(f"wtdiff-edit-{profile.name}-{seed}")
    planned: list[renames_mod.Rename] = []
    if profile.renames:
        base, planned = _plant_renames(base, profile.renames, random.Random(f"wtdiff-renames-{seed}"))
    new = copy.deepcopy(base)
    ed = _Editor(new, rng, profile)
    n = len(base.blocks())

    def share(x: float) -> int:
        return round(x * n) if x else 0

    for _ in range(profile.chapter_moves):
        ed.move_chapter()
    for _ in range(profile.chapter_renames):
        ed.rename_chapter()
    for _ in range(profile.section_moves):
        ed.move_section()
    headings = [s for s in new.sections() if s.kind == "heading"]
    for sec in rng.sample(headings, min(len(headings), round(profile.section_renames * len(headings)))):
        ed.rename_section(sec)
    for _ in range(profile.section_splits):
        ed.split_section()
    for _ in range(profile.section_merges):
        ed.merge_sections()
    added = sum(ed.add_section() for _ in range(profile.sections_added))
    deleted = sum(ed.delete_section() for _ in range(profile.sections_deleted))
    # Splits and merges first, so that merged paragraphs were neighbours in the base edition.
    ed.split_merge(share(profile.split_merge))
    ed.delete_blocks(share(profile.deleted) - deleted)
    ed.move_blocks(share(profile.moved))
    ed.insert_blocks(share(profile.inserted) - added)
    ed.reword_blocks(share(profile.reworded))
    terms = ed.replace_terms(profile.terms, base, chosen=terms)
    made = _make_renames(new, planned, random.Random(f"wtdiff-renamed-{seed}"))
    return Revision(old=base, new=new, profile=profile, seed=seed, terms=terms, log=ed.log, renames=made)


def _plant_renames(base: GDoc, count: int, rng: random.Random) -> tuple[GDoc, list[renames_mod.Rename]]:
    """A copy of ``base`` with the old names of ``count`` renames written where phrases it uses
    in several blocks stood (see :func:`~wtdiff.eval.renames.plant`)."""
    out = copy.deepcopy(base)
    blocks = out.blocks()
    texts = [b.text for b in blocks]
    places = renames_mod.carriers(texts, rng, count)
    planned = renames_mod.plan(rng, len(places), frozenset())
    for carrier, rename in zip(places, planned):
        texts = renames_mod.plant(texts, carrier, rename)
    for b, t in zip(blocks, texts):
        b.text = t
    return out, planned


def _make_renames(doc: GDoc, planned: list[renames_mod.Rename], rng: random.Random) -> list[renames_mod.Planted]:
    """Make the renames in the revision; every other one partial (one or two blocks keep the old name)."""
    made = []
    blocks = doc.blocks()
    for k, rename in enumerate(planned):
        texts, replaced, kept = renames_mod.apply([b.text for b in blocks], rename, rng, partial=k % 2 == 1)
        for b, t in zip(blocks, texts):
            b.text = t
        for s in doc.sections():
            for o, n in rename.forms:
                s.title = replace_term(s.title, o, n)
        made.append(renames_mod.Planted(rename, replaced, tuple(blocks[i].uid for i in kept)))
    return made
