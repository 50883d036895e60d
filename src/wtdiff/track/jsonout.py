"""JSON for the tracking results: ``wtdiff/history@1``, ``blame@1``, ``locate@1``, ``concordance@1``, ``terms@1``.

Every document carries ``schema``, ``generator``, the ``editions`` (label,
registry id, title, source, SHA-256, oldest first) and ``attribution``. A
block is a *ref*: ``edition``, ``id``, ``kind``, ``label`` (the citation
label), ``number``, ``page``, ``page_label``, ``path`` and — where the
block is the subject of the record — ``text``; refs inside events and hops
leave the text out to keep files small. Output is deterministic: keys in a
fixed order, two-space indent, UTF-8, a newline at the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .. import __version__
from .refs import EditionInfo, Ref

if TYPE_CHECKING:
    from .blame import Blame
    from .lineage import Event, History
    from .locate import Concordance, Located, Location
    from .terms import TermChanges, TermReport

__all__ = [
    "attribution",
    "blame_dict",
    "concordance_dict",
    "dumps",
    "history_dict",
    "located_dict",
    "ref_dict",
    "term_changes_dict",
    "terms_dict",
]

OGL = ("Contains public sector information licensed under the Open Government Licence v3.0 "
       "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
       "Official editions are Crown copyright.")
SPECIMEN = ("The specimen editions are fictional texts written by the wtdiff project to demonstrate the tool; "
            "they are not official guidance.")


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def attribution(editions: Iterable[EditionInfo]) -> str:
    """The licence line: the specimen notice when every edition is a specimen, else the OGL."""
    eds = list(editions)
    if eds and all((e.edition or "").startswith("specimen") for e in eds):
        return SPECIMEN
    return OGL


def ref_dict(r: Ref, *, text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"edition": r.edition, "id": r.id, "kind": r.kind, "label": r.label,
                           "number": r.number, "page": r.page, "page_label": r.page_label, "path": list(r.path)}
    if text:
        out["text"] = r.text
    return out


def _refs(refs: Iterable[Ref], *, text: bool = False) -> list[dict[str, Any]]:
    return [ref_dict(r, text=text) for r in refs]


def _head(schema: str, editions: tuple[EditionInfo, ...]) -> dict[str, Any]:
    return {"schema": schema, "generator": f"wtdiff {__version__}",
            "editions": [{"label": e.label, "edition": e.edition, "title": e.title, "source": e.source,
                          "sha256": e.sha256} for e in editions]}


def _event(e: Event) -> dict[str, Any]:
    return {"edition": e.edition, "status": e.status, "moved": e.moved, "renumbered": e.renumbered,
            "old": _refs(e.old), "new": _refs(e.new), "similarity": e.similarity, "removed_in": e.removed_in}


def history_dict(h: History) -> dict[str, Any]:
    out = _head("wtdiff/history@1", h.editions)
    out["steps"] = [{"old": s.old, "new": s.new, "counts": dict(s.counts)} for s in h.steps]
    out["blocks"] = [
        {"block": ref_dict(x.block), "origin": x.origin, "since_first": x.since_first,
         "changed_in": list(x.changed_in),
         "numbers": [{"edition": ed, "labels": list(labels)} for ed, labels in x.numbers],
         "events": [_event(e) for e in x.events]}
        for x in h.lineages]
    out["removed"] = [
        {"block": ref_dict(r.block), "removed_in": r.removed_in, "origin": r.origin, "since_first": r.since_first,
         "successor": ref_dict(r.successor, text=False) if r.successor else None, "similarity": r.similarity,
         "now": _refs(r.now)}
        for r in h.removals]
    out["attribution"] = attribution(h.editions)
    return out


def blame_dict(b: Blame) -> dict[str, Any]:
    out = _head("wtdiff/blame@1", b.editions)
    out["edition"] = b.edition
    out["chapter"] = b.chapter
    out["words"] = b.words
    out["blocks"] = [{"block": ref_dict(x.block, text=False), "runs": [[r.edition, r.text] for r in x.runs]}
                     for x in b.blocks]
    out["attribution"] = attribution(b.editions)
    return out


def _location(loc: Location) -> dict[str, Any]:
    return {
        "start": ref_dict(loc.start), "target": loc.target,
        "found": _refs(loc.found, text=True), "similarity": loc.similarity,
        "removed_in": loc.removed_in, "forward": loc.forward,
        "successor": ref_dict(loc.successor) if loc.successor else None,
        "successor_similarity": loc.successor_similarity,
        "successor_found": _refs(loc.successor_found),
        "hops": [{"edition": h.edition, "status": h.status, "moved": h.moved, "renumbered": h.renumbered,
                  "blocks": _refs(h.blocks), "similarity": h.similarity} for h in loc.hops],
    }


def located_dict(x: Located) -> dict[str, Any]:
    out = _head("wtdiff/locate@1", x.editions)
    out.update({"query": x.query, "edition": x.edition, "target": x.target, "matched_by": x.by,
                "locations": [_location(loc) for loc in x.locations]})
    out["attribution"] = attribution(x.editions)
    return out


def concordance_dict(c: Concordance) -> dict[str, Any]:
    out = _head("wtdiff/concordance@1", (c.old, c.new))
    out.update({"old": c.old.label, "new": c.new.label, "via": list(c.via)})
    out["rows"] = [
        {"old": ref_dict(r.old, text=False), "status": r.status, "new": _refs(r.new),
         "similarity": r.similarity, "renumbered": r.renumbered, "merged_with": _refs(r.merged_with),
         "restored": list(r.restored), "removed_in": r.removed_in, "added_in": r.added_in,
         "successor": ref_dict(r.successor, text=False) if r.successor else None,
         "successor_similarity": r.successor_similarity}
        for r in c.rows]
    out["attribution"] = attribution((c.old, c.new))
    return out


def terms_dict(t: TermReport) -> dict[str, Any]:
    out = _head("wtdiff/terms@1", t.editions)
    out["terms"] = [
        {"phrase": u.phrase, "came": list(u.came), "went": list(u.went),
         "editions": [{"edition": e.edition, "count": e.count,
                       "places": [{"block": ref_dict(p.block, text=False), "count": p.count} for p in e.places]}
                      for e in u.editions]}
        for u in t.terms]
    out["attribution"] = attribution(t.editions)
    return out


def term_changes_dict(t: TermChanges) -> dict[str, Any]:
    out = _head("wtdiff/term-changes@1", t.editions)
    out["steps"] = [{"old": s.old, "new": s.new,
                     "rules": [{"old": r.old, "new": r.new, "count": r.count,
                                "remaining": [ref_dict(x, text=False) for x in left]}
                               for r, left in zip(s.rules, s.remaining or [()] * len(s.rules))]}
                    for s in t.steps]
    out["attribution"] = attribution(t.editions)
    return out
