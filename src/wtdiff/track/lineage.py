"""Lineage: where every block of the newest edition came from, and what became of the others.

A block's *ancestry* is everything the chain's links lead back to from it:
its predecessor in each earlier edition, the several blocks a merge joined,
the one block a split cut up, the block a restoration brought back from an
earlier edition. A block *first appeared* in the oldest edition holding any
of its ancestors (when that is the oldest edition of the chain, it may be
older still: :attr:`Lineage.since_first`). Its *events* are the links of its
ancestry that changed something — added, modified, moved, split, merged,
restored — in date order; links that only carried it along unchanged and in
place are left out, and renumbering shows in :attr:`Lineage.numbers`, the
citation labels of its ancestors in every edition that had them.

Blocks that no longer exist are :class:`Removal` records: removed by an
edition (and not restored later), with their closest successor in that
edition and where that successor is in the newest one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .chain import Chain, Editions, Link, as_chain
from .locate import follow
from .refs import EditionInfo, Ref

__all__ = ["Event", "History", "Lineage", "Removal", "StepSummary", "ancestry", "history", "lineage"]


@dataclass(frozen=True, slots=True)
class Event:
    """One change in a block's ancestry, at the edition ``edition``."""

    edition: str
    #: added | modified | split | merged | restored | unchanged (moved only)
    status: str
    moved: bool
    renumbered: bool
    #: the blocks before (the previous edition's; for a restoration, the edition that last had it)
    old: tuple[Ref, ...]
    new: tuple[Ref, ...]
    similarity: float
    #: for a restoration: the edition that had removed it
    removed_in: str | None = None


@dataclass(frozen=True, slots=True)
class Lineage:
    """A block and its history."""

    block: Ref
    #: the edition it first appeared in (the oldest holding any ancestor)
    origin: str
    #: it was already in the oldest edition compared, so it may be older
    since_first: bool
    events: tuple[Event, ...]
    #: (edition, citation labels of its ancestors there), for each edition that had them
    numbers: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def changed_in(self) -> tuple[str, ...]:
        """Editions where it (or an ancestor) was changed or moved, in order, without repeats."""
        return tuple(dict.fromkeys(e.edition for e in self.events if e.status != "added"))


@dataclass(frozen=True, slots=True)
class Removal:
    """A block an edition removed for good, and its closest successor there."""

    block: Ref
    removed_in: str
    origin: str
    since_first: bool
    successor: Ref | None
    similarity: float
    #: where the successor is in the newest edition
    now: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class StepSummary:
    """What one edition did to the one before it, in records."""

    old: str
    new: str
    counts: dict[str, int]


@dataclass(frozen=True)
class History:
    """The answer of :func:`history`."""

    editions: tuple[EditionInfo, ...]
    steps: tuple[StepSummary, ...]
    lineages: tuple[Lineage, ...]
    removals: tuple[Removal, ...]

    def to_dict(self) -> dict[str, Any]:
        from .jsonout import history_dict

        return history_dict(self)

    def to_json(self) -> str:
        from .jsonout import dumps

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        from .markdown import history_md

        return history_md(self)

    def to_html(self) -> str:
        from .html import render

        return render("history", self)


def ancestry(chain: Chain, edition: int, ids: set[str] | frozenset[str]) -> tuple[list[Link], dict[int, set[str]]]:
    """The links into ``ids`` of ``edition`` and back from there, and the ancestors in each edition."""
    frontier: dict[int, set[str]] = {edition: set(ids)}
    links: dict[Link, None] = {}
    for k in range(edition, 0, -1):
        for bid in sorted(frontier.get(k, ())):
            link = chain.backward(k, bid)
            if link is None or link in links:
                continue
            links[link] = None
            if link.old:
                frontier.setdefault(link.old_edition, set()).update(link.old)
    return list(links), frontier


def _event(chain: Chain, link: Link) -> Event:
    old_ed, new_ed = chain.editions[link.old_edition], chain.editions[link.new_edition]
    status = chain.status(link)
    return Event(edition=new_ed.label, status=status, moved=link.moved, renumbered=chain.renumbered(link),
                 old=old_ed.refs(link.old), new=new_ed.refs(link.new),
                 similarity=1.0 if status == "unchanged" else link.similarity,
                 removed_in=chain.editions[link.old_edition + 1].label if link.restored else None)


def _lineage(chain: Chain, edition: int, block_id: str) -> Lineage:
    links, frontier = ancestry(chain, edition, {block_id})
    origin = min(k for k, ids in frontier.items() if ids)
    events = []
    for link in sorted(links, key=lambda x: (x.new_edition, chain.editions[x.new_edition].position[x.new[0]])):
        ev = _event(chain, link)
        if ev.status != "unchanged" or ev.moved:
            events.append(ev)
    numbers = tuple((chain.editions[k].label, tuple(r.label for r in chain.editions[k].refs(frontier[k])))
                    for k in sorted(frontier) if frontier[k])
    return Lineage(block=chain.editions[edition].ref(block_id), origin=chain.editions[origin].label,
                   since_first=origin == 0, events=tuple(events), numbers=numbers)


def lineage(editions: Editions, edition: str | int, block_id: str) -> Lineage:
    """The history of one block (by id) of one edition."""
    chain = as_chain(editions)
    return _lineage(chain, chain.edition(edition).index, block_id)


def _summaries(chain: Chain, removed: list[tuple[int, str]]) -> tuple[StepSummary, ...]:
    gone = Counter(k for k, _ in removed)
    restored = Counter(link.new_edition for link in chain.restorations)
    out = []
    for k, step in enumerate(chain.steps):
        counts: Counter[str] = Counter()
        for link in step:
            status = chain.status(link)
            if status == "added" and chain.backward(k + 1, link.new[0]) is not link:
                continue  # counted as restored
            if status == "deleted":
                continue  # counted below: deleted for good, or restored later
            counts[status] += 1
            counts["moved"] += link.moved
            counts["renumbered"] += chain.renumbered(link)
        counts["restored"] = restored[k + 1]
        counts["removed"] = gone[k]
        keys = ("unchanged", "modified", "added", "removed", "split", "merged", "moved", "renumbered", "restored")
        out.append(StepSummary(chain.editions[k].label, chain.editions[k + 1].label, {x: counts[x] for x in keys}))
    return tuple(out)


def history(editions: Editions) -> History:
    """Lineage of every block of the newest edition, and every block removed along the way.

    ``editions`` is a :class:`~wtdiff.track.chain.Chain` or the editions
    themselves, oldest first (paths, specimen names, ids or documents).
    """
    chain = as_chain(editions)
    newest = len(chain.editions) - 1
    lineages = tuple(_lineage(chain, newest, b.id) for b in chain.editions[newest].blocks)
    restored_from = {(link.old_edition, link.old[0]) for link in chain.restorations}
    removed = [(k, link.old[0]) for k, step in enumerate(chain.steps) for link in step
               if not link.new and (k, link.old[0]) not in restored_from]
    removals = []
    for k, bid in removed:
        ed = chain.editions[k]
        _, frontier = ancestry(chain, k, {bid})
        origin = min(j for j, ids in frontier.items() if ids)
        succ_id, sim = chain.successor(k, bid)
        now: tuple[Ref, ...] = ()
        if succ_id is not None:
            steps = follow(chain, k + 1, {succ_id}, newest)
            now = chain.editions[newest].refs(steps[-1].ids if steps else {succ_id})
        removals.append(Removal(block=ed.ref(bid), removed_in=chain.editions[k + 1].label,
                                origin=chain.editions[origin].label, since_first=origin == 0,
                                successor=chain.editions[k + 1].ref(succ_id) if succ_id else None,
                                similarity=sim, now=now))
    return History(editions=tuple(e.info for e in chain.editions), steps=_summaries(chain, removed),
                   lineages=lineages, removals=tuple(removals))
