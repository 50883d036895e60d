"""Blame: the edition in which each word run of a paragraph first appeared.

Provenance is carried character by character along the chain's links. A
block of the oldest edition is all of that edition. Every other block takes
the link that brought it in (:meth:`~wtdiff.track.chain.Chain.backward`):
an added block is all new; otherwise the text of the link's old block(s)
(joined by a space for a merge) is diffed word by word against the text of
its new block(s) (joined likewise for a split) with
:func:`~wtdiff.worddiff.diff_words`, and each ``=`` run keeps the provenance
of the old characters it matches while each ``+`` run belongs to the new
edition. A split's pieces then take their slices of the joined text; a
restored block inherits from the block it restores, across the editions it
was absent from. Diffs join the ``=`` and ``+`` parts back into the new text
exactly, so every character of every block has exactly one edition.

Runs are maximal stretches of one edition; white space between two runs
goes with the run before it. Work is memoised per block and per link, so
blaming a whole edition diffs each changed pair once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..worddiff import diff_words
from .chain import Chain, Editions, Link, as_chain
from .refs import EditionInfo, Ref

__all__ = ["Blame", "BlamedBlock", "Run", "blame", "provenance"]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text and the edition it first appeared in."""

    text: str
    edition: str
    #: the edition's position in the chain, oldest 0
    index: int


@dataclass(frozen=True, slots=True)
class BlamedBlock:
    """A block and its text cut into runs by edition."""

    block: Ref
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Blame:
    """The answer of :func:`blame`: every block of one edition (or one chapter of it), its runs."""

    edition: str
    #: the editions the provenance comes from, oldest first (the blamed one last)
    editions: tuple[EditionInfo, ...]
    chapter: str | None
    blocks: tuple[BlamedBlock, ...]

    @property
    def words(self) -> dict[str, int]:
        """Words (runs of letters and digits) per edition, over all blocks."""
        counts = {e.label: 0 for e in self.editions}
        for b in self.blocks:
            for r in b.runs:
                counts[r.edition] += sum(1 for w in r.text.split() if any(c.isalnum() for c in w))
        return counts

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import blame_dict

        return blame_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .markdown import blame_md

        return blame_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("blame", self)


class _Provenance:
    """Per-character edition indices of blocks, computed on demand along the chain's links."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain
        self.blocks: dict[tuple[int, str], bytes] = {}
        self.links: dict[Link, bytes] = {}

    def of(self, edition: int, block_id: str) -> bytes:
        key = (edition, block_id)
        got = self.blocks.get(key)
        if got is not None:
            return got
        ed = self.chain.editions[edition]
        text = ed.by_id[block_id].text
        link = self.chain.backward(edition, block_id)
        if link is None or not link.old:
            got = bytes([edition]) * len(text)
        else:
            joined = self._through(link)
            start = 0
            for bid in sorted(link.new, key=ed.position.__getitem__):
                size = len(ed.by_id[bid].text)
                self.blocks[edition, bid] = joined[start:start + size]
                start += size + 1
            got = self.blocks[key]
        self.blocks[key] = got
        return got

    def _through(self, link: Link) -> bytes:
        """Provenance of the link's new text (its new blocks joined by a space)."""
        got = self.links.get(link)
        if got is not None:
            return got
        old_ed, new_ed = self.chain.editions[link.old_edition], self.chain.editions[link.new_edition]
        parts: list[bytes] = []
        for bid in sorted(link.old, key=old_ed.position.__getitem__):
            p = self.of(link.old_edition, bid)
            if parts:
                parts.append(parts[-1][-1:] or bytes([link.old_edition]))  # the joining space
            parts.append(p)
        old_prov = b"".join(parts)
        old_text, new_text = old_ed.text(link.old), new_ed.text(link.new)
        out = bytearray()
        pos = 0
        mine = link.new_edition
        for op, chunk in diff_words(old_text, new_text):
            if op == "=":
                out += old_prov[pos:pos + len(chunk)]
                pos += len(chunk)
            elif op == "-":
                pos += len(chunk)
            else:
                out += bytes([mine]) * len(chunk)
        got = bytes(out)
        self.links[link] = got
        return got


def _runs(chain: Chain, text: str, prov: bytes) -> tuple[Run, ...]:
    """Maximal runs of one edition; white space between two runs goes with the one before."""
    out: list[list[Any]] = []  # [text, index]
    for k, ch in enumerate(text):
        idx = prov[k]
        if out and (out[-1][1] == idx or ch.isspace()):
            out[-1][0] += ch
        else:
            out.append([ch, idx])
    return tuple(Run(t, chain.editions[i].label, i) for t, i in out)


def provenance(editions: Editions, edition: str | int, block_id: str) -> tuple[Run, ...]:
    """The runs of one block (by id) of one edition."""
    chain = as_chain(editions)
    ed = chain.edition(edition)
    return _runs(chain, ed.by_id[block_id].text, _Provenance(chain).of(ed.index, block_id))


def _chapter_ids(chain: Chain, edition: int, chapter: str) -> set[str]:
    """Ids of the blocks in the chapter (or annex, appendix…) numbered or titled ``chapter``."""
    ed = chain.editions[edition]
    key = chapter.strip().casefold()
    tops = {s.id: s for s in ed.top.values() if s is not None}
    chosen = [s for s in tops.values() if (s.number or "").casefold() == key]
    if not chosen:
        chosen = [s for s in tops.values() if s.title.casefold().startswith(key)]
    if not chosen:
        names = ", ".join(dict.fromkeys(s.number or s.title for s in tops.values()))
        raise UsageError(f"{ed.label}: no chapter {chapter!r}.", hint=f"Its chapters and annexes: {names}.")
    ids = {s.id for s in chosen}
    return {bid for bid, s in ed.top.items() if s is not None and s.id in ids}


def blame(editions: Editions, edition: str | int = -1, *, chapter: str | None = None) -> Blame:
    """Word-run provenance of every block of ``edition`` (default the newest), or of one chapter.

    ``chapter`` is a chapter or annex number as printed (``3``, ``A``) or the
    start of its title. The editions after ``edition`` play no part.
    """
    chain = as_chain(editions)
    ed = chain.edition(edition)
    if len(chain) > 255:
        raise UsageError("blame follows at most 255 editions.", hint="Give fewer editions.")
    wanted = _chapter_ids(chain, ed.index, chapter) if chapter else None
    prov = _Provenance(chain)
    blocks = tuple(BlamedBlock(ed.ref(b.id), _runs(chain, b.text, prov.of(ed.index, b.id)))
                   for b in ed.blocks if wanted is None or b.id in wanted)
    return Blame(edition=ed.label, editions=tuple(e.info for e in chain.editions[:ed.index + 1]),
                 chapter=chapter, blocks=blocks)
