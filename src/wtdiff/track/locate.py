"""Where a paragraph went: :func:`locate` one through every edition, :func:`concordance` for all.

Following a block from one edition to another walks the chain's links one
edition at a time (:meth:`~wtdiff.track.chain.Chain.forward`): a split
carries it into several blocks, a merge into one block shared with others, a
deletion ends it — unless a restoration brings it back editions later, in
which case it is absent in between. Going back in time (``target`` earlier
than the starting edition) walks the same links backwards. A hop's status
always describes the change between the two editions in date order.

When the text is gone from the target edition, the result says which
edition removed it and names its *closest successor* there: the block of
that edition most like the last text it had (word-sequence similarity, at
least :data:`~wtdiff.track.chain.SUCCESSOR_MIN`), followed on to the target.

The concordance maps every block of one edition to the blocks it became in
another, with one status: ``unchanged``, ``modified``, ``moved`` (wherever it
moved on the way, with or without changes), ``split`` (into several blocks),
``merged`` (into a block that also holds others), or ``removed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .chain import Chain, Editions, Link, as_chain
from .refs import EditionInfo, Ref

__all__ = ["Concordance", "Hop", "Located", "Location", "Row", "concordance", "follow", "locate"]


@dataclass(frozen=True, slots=True)
class Hop:
    """Where the text is in one edition on the way to the target."""

    edition: str
    #: unchanged | modified | split | merged | restored | removed (here) | absent (still removed, or,
    #: going back in time, not yet there)
    status: str
    blocks: tuple[Ref, ...]
    #: similarity of these blocks' text to the starting block's (0 when absent)
    similarity: float
    moved: bool = False
    renumbered: bool = False


@dataclass(frozen=True, slots=True)
class Location:
    """One starting block followed to the target edition."""

    start: Ref
    target: str
    hops: tuple[Hop, ...]
    #: the blocks it became in the target edition (empty when removed)
    found: tuple[Ref, ...]
    similarity: float
    #: when not found: the edition that removed it (the last time, if it was restored before) — going
    #: back in time, the earliest edition it is missing from (it was added in the one after)
    removed_in: str | None = None
    #: when not found: the block of ``removed_in`` most like it, and where that block is in the target
    successor: Ref | None = None
    successor_similarity: float = 0.0
    successor_found: tuple[Ref, ...] = ()
    #: the target is later than the start (going back in time, "removed" reads "not yet added")
    forward: bool = True


@dataclass(frozen=True)
class Located:
    """The answer of :func:`locate`: the query, how it was matched, and each match followed."""

    query: str
    edition: str
    target: str
    #: how the query matched: label, id, number, chapter-number or phrase
    by: str
    editions: tuple[EditionInfo, ...]
    locations: tuple[Location, ...]

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import located_dict

        return located_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .markdown import located_md

        return located_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("locate", self)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a concordance: a block of the old edition and what it became."""

    old: Ref
    #: unchanged | modified | moved | split | merged | removed (| added, when the concordance goes back in time)
    status: str
    new: tuple[Ref, ...]
    similarity: float
    #: cited differently now (another number or label)
    renumbered: bool
    #: other blocks of the old edition that went into the same new block(s)
    merged_with: tuple[Ref, ...] = ()
    #: editions where it was removed and later restored, as "2013→2023"
    restored: tuple[str, ...] = ()
    removed_in: str | None = None
    #: going back in time: the edition that added it (it is not in the old edition's predecessors)
    added_in: str | None = None
    successor: Ref | None = None
    successor_similarity: float = 0.0


@dataclass(frozen=True)
class Concordance:
    """Old citation → new citation(s) for every block of ``old``, through the editions ``via``."""

    old: EditionInfo
    new: EditionInfo
    via: tuple[str, ...]
    rows: tuple[Row, ...]

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import concordance_dict

        return concordance_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_csv(self) -> str:
        from .markdown import concordance_csv

        return concordance_csv(self)

    def to_markdown(self) -> str:
        from .markdown import concordance_md

        return concordance_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("concordance", self)


# -- walking the links --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Step:
    edition: int
    ids: frozenset[str]
    links: tuple[Link, ...]


def follow(chain: Chain, start: int, ids: frozenset[str] | set[str], target: int) -> list[_Step]:
    """The blocks ``ids`` of edition ``start`` become in each edition up to ``target`` (either way)."""
    step = 1 if target >= start else -1
    frontier = frozenset(ids)
    pending: dict[int, tuple[set[str], list[Link]]] = {}
    out: list[_Step] = []
    for k in range(start + step, target + step, step):
        nxt: set[str] = set()
        used: dict[Link, None] = {}
        for bid in sorted(frontier):
            link = chain.forward(k - step, bid) if step > 0 else chain.backward(k - step, bid)
            if link is None:
                continue
            edition, dest = (link.new_edition, link.new) if step > 0 else (link.old_edition, link.old)
            if not dest:
                continue
            if edition == k:
                nxt.update(dest)
                used[link] = None
            else:  # a restoration: the text is absent until that edition
                ids_later, links_later = pending.setdefault(edition, (set(), []))
                ids_later.update(dest)
                links_later.append(link)
        if k in pending:
            ids_now, links_now = pending.pop(k)
            nxt |= ids_now
            used.update((link, None) for link in links_now)
        frontier = frozenset(nxt)
        out.append(_Step(k, frontier, tuple(used)))
    return out


def _hop_status(chain: Chain, links: tuple[Link, ...], before: str, after: str) -> str:
    statuses = {chain.status(link) for link in links}
    for s in ("restored", "merged", "split"):
        if s in statuses:
            return s
    return "unchanged" if before == after else "modified"


def _locate_one(chain: Chain, start: int, block_id: str, target: int) -> Location:
    first = chain.editions[start]
    start_ref = first.ref(block_id)
    text = start_ref.text
    hops: list[Hop] = []
    last_ids, last_ed, last_text = frozenset({block_id}), start, text
    removed_at: int | None = None
    for st in follow(chain, start, {block_id}, target):
        ed = chain.editions[st.edition]
        if not st.ids:
            if removed_at is None:
                removed_at = st.edition
            first_gone = target > start and (not hops or bool(hops[-1].blocks))
            hops.append(Hop(ed.label, "removed" if first_gone else "absent", (), 0.0))
            continue
        removed_at = None
        here = ed.text(st.ids)
        sim = 1.0 if here == text else chain.similarity(text, here)
        renumbered = (len(st.ids) == 1 and len(last_ids) == 1
                      and chain.editions[last_ed].labels[next(iter(last_ids))] != ed.labels[next(iter(st.ids))])
        hops.append(Hop(ed.label, _hop_status(chain, st.links, last_text, here), ed.refs(st.ids), sim,
                        moved=any(link.moved for link in st.links), renumbered=renumbered))
        last_ids, last_ed, last_text = st.ids, st.edition, here
    found = hops[-1].blocks if hops else (start_ref,)
    if found:
        return Location(start_ref, chain.editions[target].label, tuple(hops), found,
                        hops[-1].similarity if hops else 1.0)
    assert removed_at is not None
    succ_id, succ_sim = chain.gone_after(last_ed, last_ids, last_text, forward=target > start)
    succ = chain.editions[removed_at].ref(succ_id) if succ_id else None
    onward: tuple[Ref, ...] = ()
    if succ_id is not None:
        steps = follow(chain, removed_at, {succ_id}, target)
        onward = chain.editions[target].refs(steps[-1].ids) if steps else (succ,) if succ else ()
    return Location(start_ref, chain.editions[target].label, tuple(hops), (), 0.0,
                    removed_in=chain.editions[removed_at].label, successor=succ,
                    successor_similarity=succ_sim, successor_found=onward, forward=target > start)


def locate(editions: Editions, edition: str | int, query: str, *, target: str | int | None = None) -> Located:
    """Where the paragraph ``query`` of ``edition`` is in ``target`` (default: the newest edition).

    ``query`` is a citation label or printed number (``16``, ``3.16``,
    ``16 (item 2)``), a block id, or a phrase from the text — every block
    containing it is followed (see :func:`~wtdiff.track.refs.find_blocks`).
    Raises :class:`~wtdiff.errors.UsageError` when the edition or the
    paragraph is not there.
    """
    chain = as_chain(editions)
    src = chain.edition(edition)
    dst = chain.edition(target if target is not None else -1)
    found = src.find(query)
    ids = sorted(found.ids, key=src.position.__getitem__)
    return Located(query=query, edition=src.label, target=dst.label, by=found.by,
                   editions=tuple(e.info for e in chain.editions),
                   locations=tuple(_locate_one(chain, src.index, i, dst.index) for i in ids))


def concordance(editions: Editions, old: str | int = 0, new: str | int = -1) -> Concordance:
    """Every block of edition ``old`` and what it became in edition ``new``, through the editions between."""
    chain = as_chain(editions)
    a, b = chain.edition(old), chain.edition(new)
    lo, hi = sorted((a.index, b.index))
    rows = []
    back_cache: dict[frozenset[str], frozenset[str]] = {}
    for blk in a.blocks:
        steps = follow(chain, a.index, {blk.id}, b.index)
        ids = steps[-1].ids if steps else frozenset({blk.id})
        links = [link for st in steps for link in st.links]
        restored = tuple(f"{chain.editions[link.old_edition + 1].label}→{chain.editions[link.new_edition].label}"
                         for link in links if link.restored)
        old_ref = a.ref(blk.id)
        if not ids:
            last = max((st for st in steps if st.ids), key=lambda st: abs(st.edition - a.index), default=None)
            last_ed = last.edition if last else a.index
            gone_at = last_ed + (1 if b.index > a.index else -1)
            text = chain.editions[last_ed].text(last.ids) if last else blk.text
            succ_id, succ_sim = chain.gone_after(last_ed, last.ids if last else {blk.id}, text,
                                                 forward=b.index > a.index)
            forward = b.index > a.index
            rows.append(Row(old_ref, "removed" if forward else "added", (), 0.0, True, restored=restored,
                            removed_in=chain.editions[gone_at].label if forward else None,
                            added_in=None if forward else chain.editions[last_ed].label,
                            successor=chain.editions[gone_at].ref(succ_id) if succ_id else None,
                            successor_similarity=succ_sim))
            continue
        if ids not in back_cache:
            back = follow(chain, b.index, ids, a.index)
            back_cache[ids] = back[-1].ids if back else ids
        others = back_cache[ids] - {blk.id}
        new_text = b.text(ids)
        sim = 1.0 if new_text == blk.text else chain.similarity(blk.text, new_text)
        if others:
            status = "merged"
        elif len(ids) > 1:
            status = "split"
        elif any(link.moved for link in links):
            status = "moved"
        else:
            status = "unchanged" if new_text == blk.text else "modified"
        new_refs = b.refs(ids)
        rows.append(Row(old_ref, status, new_refs, sim, renumbered=[old_ref.label] != [r.label for r in new_refs],
                        merged_with=a.refs(others), restored=restored))
    via = tuple(chain.editions[k].label for k in range(lo + 1, hi))
    return Concordance(old=a.info, new=b.info, via=via if a.index < b.index else via[::-1], rows=tuple(rows))
