"""Base editions for the evaluation: a seeded writer of guidance-style text.

An edition is held in a small mutable tree (:class:`GDoc`, :class:`GSection`,
:class:`GBlock`) that the edit scripts of :mod:`wtdiff.eval.edits` rewrite in
place. Every node carries a ``uid`` (its identity in the base edition) and an
``origin`` (the uids of the base nodes it came from: one for a kept, moved or
reworded node, one shared by the pieces of a split, several for a merge, none
for an insertion) — the ground truth the scorer reads.

:func:`generate` writes a base edition of any size from the patterns in
:mod:`wtdiff.eval.vocab`; :func:`from_document` takes a parsed edition (the
real 2023 text, when present) as a base instead; :func:`to_document` numbers
paragraphs, chapters and footnotes, resolves cross-references and builds the
:class:`~wtdiff.model.Document` the renderers write out.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Block, Document, Section
from ..normalize import words
from . import vocab

__all__ = ["SIZES", "GBlock", "GDoc", "GSection", "Writer", "from_document", "generate", "text_key", "to_document"]

#: Named sizes of generated base editions: (words at least, blocks at least).
SIZES = {"small": (7_000, 150), "medium": (20_000, 350), "large": (60_000, 1_000)}

_REF = re.compile(r"\{ref:([\w.-]+)\}")


@dataclass
class GBlock:
    """A block of an edition being generated or edited."""

    uid: str
    kind: str  # paragraph | list-item | footnote | definition
    text: str  # may hold {ref:UID} cross-references
    numbered: bool = False
    level: int = 0
    notes: list[GBlock] = field(default_factory=list)
    origin: tuple[str, ...] = ()
    #: part of a split or merge: later edits leave it alone
    locked: bool = False
    term: str | None = None


@dataclass
class GSection:
    """A heading and its content; a chapter's ``title`` is its name without "Chapter N: "."""

    uid: str
    title: str
    kind: str = "heading"
    children: list[GSection | GBlock] = field(default_factory=list)
    origin: tuple[str, ...] = ()


@dataclass
class GDoc:
    title: str
    children: list[GSection | GBlock] = field(default_factory=list)

    def sections(self) -> list[GSection]:
        out: list[GSection] = []

        def walk(kids: list[GSection | GBlock]) -> None:
            for k in kids:
                if isinstance(k, GSection):
                    out.append(k)
                    walk(k.children)

        walk(self.children)
        return out

    def blocks(self, *, notes: bool = True) -> list[GBlock]:
        """Every block in reading order (footnotes after the block citing them)."""
        out: list[GBlock] = []

        def walk(kids: list[GSection | GBlock]) -> None:
            for k in kids:
                if isinstance(k, GSection):
                    walk(k.children)
                else:
                    out.append(k)
                    if notes:
                        out.extend(k.notes)

        walk(self.children)
        return out


class Writer:
    """Seeded writer of sentences, paragraphs, lists and titles (see :mod:`.vocab`)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.focus: dict[str, list[str]] = {}

    def topic(self) -> None:
        """Pick the handful of actors and objects the next section keeps returning to."""
        self.focus = {"actor": self.rng.sample(vocab.ACTORS, 3), "object": self.rng.sample(vocab.OBJECTS, 3)}

    def _slot(self, name: str) -> str:
        rng = self.rng
        base = name.rstrip("2")
        if base in self.focus and rng.random() < 0.4:
            return rng.choice(self.focus[base])
        if name == "modal":
            return rng.choices(["should", "must", "may"], weights=[5, 4, 1])[0]
        if name == "citation":
            act, sections = rng.choice(vocab.ACTS)
            return f"section {rng.choice(sections)} of the {act}"
        if name in vocab.MATTER_SLOTS:
            picked = rng.sample(vocab.MATTERS, rng.choice([2, 2, 3]))
            return ", ".join(picked[:-1]) + " and " + picked[-1]
        value = rng.choice(vocab.SLOTS[name])
        if base == "actor" and rng.random() < 0.35:
            value += " " + rng.choice(vocab.ACTOR_QUALIFIERS)
        elif base == "object" and rng.random() < 0.5:
            value += " " + rng.choice(vocab.OBJECT_QUALIFIERS)
        if name == "timeframe":
            value = value.format(n=rng.choice([1, 3, 5, 10, 15, 20]), h=rng.choice([24, 48, 72]),
                                 m=rng.choice([3, 6, 12]))
        return value

    def fill(self, pattern: str) -> str:
        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            value = self._slot(name.lower())
            return value[0].upper() + value[1:] if name[0].isupper() else value

        text = re.sub(r"\{(\w+)\}", one, pattern)
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        rng = self.rng
        text = self.fill(rng.choice(vocab.SENTENCES))
        if text.endswith(".") and rng.random() < 0.3:
            text = text[:-1] + self.fill("x" + rng.choice(vocab.ENDINGS))[1:] + "."
        first = text.split(" ", 2)
        if rng.random() < 0.3 and len(first) > 2 and first[1][:1].islower() and not first[0][1:2].isupper():
            text = rng.choice(vocab.OPENINGS) + text[0].lower() + text[1:]
        return text

    def paragraph(self, sentences: int | None = None) -> str:
        n = sentences or self.rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
        return " ".join(self.sentence() for _ in range(n))

    def list_intro(self) -> str:
        lead = self.paragraph(self.rng.choice([0, 0, 1, 1, 2])) if self.rng.random() < 0.6 else ""
        intro = self.fill(self.rng.choice(vocab.LIST_INTROS))
        return f"{lead} {intro}".strip()

    def list_item(self, last: bool = False) -> str:
        text = self.fill(self.rng.choice(vocab.LIST_ITEMS))
        return text[0].lower() + text[1:] + ("." if last else ";")

    def last_item(self) -> str:
        return self.list_item(last=True)

    def footnote(self) -> str:
        """A note; two in five run on for several sentences, as notes citing several Acts do (long
        enough to continue on the next page). The run-on comes from a writer seeded by the note, so
        the edition's own sequence is the same as for one-line notes."""
        text = self.fill(self.rng.choice(vocab.FOOTNOTES))
        more = random.Random(text)
        if more.random() < 0.4:
            text += " " + Writer(more).paragraph(more.choice([3, 4, 5]))
        return text

    def section_title(self) -> str:
        """A heading of at most ten words (longer ones would not read as headings in plain text)."""
        while True:
            title = self.fill(self.rng.choice(vocab.SECTION_HEADS))
            if len(title.split()) <= 10:
                return title


class _Ids:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.n = prefix, 0

    def __call__(self) -> str:
        self.n += 1
        return f"{self.prefix}{self.n}"


def text_key(text: str) -> str:
    """Texts with the same words (ignoring case and punctuation) count as the same text."""
    return " ".join(words(text))


def unit(writer: Writer, ids: _Ids, *, seen: set[str], origin: bool = True) -> list[GBlock]:
    """A numbered paragraph, sometimes introducing a list, with every text new to ``seen``."""
    rng = writer.rng

    def fresh(make: Callable[[], str]) -> str:
        for _ in range(50):
            text = make()
            key = text_key(text)
            if key not in seen:
                seen.add(key)
                return text
        raise RuntimeError("the generator ran out of new text")

    def block(kind: str, text: str, **kw: object) -> GBlock:
        uid = ids()
        return GBlock(uid=uid, kind=kind, text=text, origin=(uid,) if origin else (), **kw)  # type: ignore[arg-type]

    if rng.random() < 0.3:
        out = [block("paragraph", fresh(writer.list_intro), numbered=True)]
        count = rng.choice([2, 3, 3, 4, 5])
        for k in range(count):
            level = 1 if k and rng.random() < 0.12 else 0
            make = writer.last_item if k == count - 1 else writer.list_item
            out.append(block("list-item", fresh(make), level=level))
    else:
        text = fresh(writer.paragraph)
        if rng.random() < 0.05:
            text = text[:-1] + " (see paragraph {ref:?})."
        out = [block("paragraph", text, numbered=True)]
    if rng.random() < 0.08:
        out[0].notes.append(block("footnote", fresh(writer.footnote)))
    return out


def generate(seed: int, *, words: int = 60_000, blocks: int = 1_000, title: str | None = None) -> GDoc:
    """A base edition of at least ``words`` words and ``blocks`` blocks, the same for the same seed."""
    rng = random.Random(f"wtdiff-base-{seed}")
    writer = Writer(rng)
    ids = _Ids("b")
    sec_ids = _Ids("s")
    seen: set[str] = set()  # text keys used so far
    doc = GDoc(title=title or "Working Together to Safeguard Children (generated edition)")
    names = rng.sample(vocab.CHAPTER_NAMES, len(vocab.CHAPTER_NAMES))
    intro = GSection(uid=sec_ids(), title="Introduction", kind="heading")
    intro.origin = (intro.uid,)
    writer.topic()
    for _ in range(3):
        intro.children.extend(unit(writer, ids, seen=seen))
    doc.children.append(intro)
    count_words = sum(len(b.text.split()) for b in doc.blocks())
    chapters = 0
    titles: set[str] = set()
    while count_words < words or len(doc.blocks()) < blocks:
        name = names[chapters % len(names)] + ("" if chapters < len(names) else f" (part {chapters // len(names) + 1})")
        chapter = GSection(uid=sec_ids(), title=name, kind="chapter")
        chapter.origin = (chapter.uid,)
        chapters += 1
        writer.topic()
        for _ in range(rng.choice([0, 1, 2])):
            block_list = unit(writer, ids, seen=seen)
            chapter.children.extend(block_list)
            count_words += sum(len(b.text.split()) for b in block_list)
        for _ in range(rng.randint(4, 9)):
            title_text = writer.section_title()
            while title_text in titles:
                title_text = writer.section_title()
            titles.add(title_text)
            sec = GSection(uid=sec_ids(), title=title_text)
            sec.origin = (sec.uid,)
            writer.topic()
            for _ in range(rng.randint(2, 7)):
                block_list = unit(writer, ids, seen=seen)
                sec.children.extend(block_list)
                count_words += sum(len(b.text.split()) for b in block_list)
            chapter.children.append(sec)
        doc.children.append(chapter)
    _link_references(doc, rng)
    return doc


def _link_references(doc: GDoc, rng: random.Random) -> None:
    """Point each "(see paragraph {ref:?})" at some other numbered paragraph."""
    numbered = [b for b in doc.blocks() if b.numbered]
    for b in numbered:
        if "{ref:?}" in b.text:
            target = rng.choice([x for x in numbered if x is not b and "{ref:" not in x.text])
            b.text = b.text.replace("{ref:?}", "{ref:" + target.uid + "}")


_CHAPTER = re.compile(r"^Chapter\s+\w+\s*[:.\-–—]\s*", re.IGNORECASE)


def from_document(doc: Document) -> GDoc:
    """A parsed edition as a base: its sections, blocks and footnotes, with fresh uids.

    The text is made safe to write in every input format and read back
    unchanged: plain text tells a heading from a paragraph only by its
    length and final punctuation, so a heading is cut to twelve words without
    closing punctuation, and an unnumbered paragraph that could pass for a
    heading gets a full stop. Nothing else changes.
    """
    ids, sec_ids = _Ids("b"), _Ids("s")

    def block(b: Block) -> GBlock:
        uid = ids()
        text = b.text.replace("{", "(").replace("}", ")")
        if b.kind == "paragraph" and b.number is None and not text.endswith((".", ",", ";", ":", "?", "!")):
            text += "."
        out = GBlock(uid=uid, kind=b.kind, text=text, numbered=b.kind == "paragraph" and b.number is not None,
                     level=b.level, origin=(uid,), term=b.term)
        out.notes = [block(n) for n in b.notes]
        return out

    def heading(title: str) -> str:
        title = " ".join(title.split()[:12]).rstrip(".,;:?!")
        return title[:1].upper() + title[1:]

    def node(n: Section | Block) -> GSection | GBlock:
        if isinstance(n, Block):
            return block(n)
        uid = sec_ids()
        title = _CHAPTER.sub("", n.title) if n.kind == "chapter" else heading(n.title)
        kind = n.kind if n.kind in ("chapter", "annex", "appendix", "part") else "heading"
        return GSection(uid=uid, title=title, kind=kind,
                        children=[node(c) for c in n.children if not (isinstance(c, Block) and c.kind == "table-row")],
                        origin=(uid,))

    return GDoc(title=doc.title, children=[node(c) for c in doc.children
                                           if not (isinstance(c, Block) and c.kind == "table-row")])


def to_document(doc: GDoc, *, source: str = "") -> tuple[Document, dict[str, str]]:
    """The :class:`~wtdiff.model.Document` of ``doc`` and the printed text of each block uid.

    Numbered paragraphs are numbered 1, 2, 3… through the edition (or 1.1,
    1.2… 2.1… within each top-level section when there are more than 999,
    which the readers would not take for paragraph numbers), chapters
    ``Chapter 1:``… in order, footnotes 1, 2, 3…; ``{ref:UID}`` becomes the
    number the referenced paragraph now has ("the relevant chapter" if it has gone).
    """
    numbers: dict[str, str] = {}
    for b in doc.blocks(notes=False):
        if b.numbered:
            numbers[b.uid] = str(len(numbers) + 1)
    if len(numbers) > 999:
        numbers.clear()
        for top, part in enumerate(doc.children, 1):
            inside = part.children if isinstance(part, GSection) else [part]
            count = 0
            for b in GDoc(title="", children=list(inside)).blocks(notes=False):
                if b.numbered:
                    count += 1
                    numbers[b.uid] = f"{top}.{count}"
    texts: dict[str, str] = {}
    note_no = 0
    chapter_no = 0

    def text_of(b: GBlock) -> str:
        def ref(m: re.Match[str]) -> str:
            return numbers.get(m.group(1), "?")

        text = _REF.sub(ref, b.text).replace("(see paragraph ?)", "(see the relevant chapter)")
        texts[b.uid] = text
        return text

    def block(b: GBlock, path: tuple[str, ...]) -> Block:
        nonlocal note_no
        notes = []
        for n in b.notes:
            note_no += 1
            notes.append(Block(id=n.uid, kind="footnote", text=text_of(n), number=str(note_no), path=path))
        return Block(id=b.uid, kind=b.kind, text=text_of(b), number=numbers.get(b.uid),  # type: ignore[arg-type]
                     path=path, level=b.level, notes=tuple(notes), term=b.term)

    def section(s: GSection, level: int, path: tuple[str, ...]) -> Section:
        nonlocal chapter_no
        title = s.title
        if s.kind == "chapter":
            chapter_no += 1
            title = f"Chapter {chapter_no}: {s.title}"
        here = path + (title,)
        kids = tuple(section(c, level + 1, here) if isinstance(c, GSection) else block(c, here)
                     for c in s.children)
        return Section(id=s.uid, title=title, kind=s.kind,  # type: ignore[arg-type]
                       number=str(chapter_no) if s.kind == "chapter" else None, level=level, path=here,
                       children=kids)

    children = tuple(section(c, 1, ()) if isinstance(c, GSection) else block(c, ()) for c in doc.children)
    return Document(title=doc.title, children=children, source=source), texts
