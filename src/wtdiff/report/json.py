"""The JSON report: the public contract ``wtdiff/comparison@1``.

The field list and meanings are fixed by ``spec/comparison-json.md``; the
package ships a JSON Schema for it (``wtdiff/schemas/comparison.schema.json``,
see :func:`schema`). Fields beyond the contract: ``id``, ``renumbered`` and
``obligations`` on block records, ``renamed`` on section records,
``page_label`` on refs, ``renumbered`` in the summary, ``attribution``, and
``own_changes``: each edition's own table of changes, set aside whole and not
compared (its heading, and its blocks as refs; see :mod:`wtdiff.apparatus`).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .. import __version__
from ..comparison import Comparison
from ..jsontext import dumps
from ..model import Block, Document, Section
from . import attribution

__all__ = ["to_dict", "render", "schema", "SCHEMA_ID"]

SCHEMA_ID = "wtdiff/comparison@1"


def _edition(doc: Document) -> dict[str, Any]:
    return {"edition": doc.edition, "title": doc.title, "source": doc.source, "sha256": doc.sha256,
            "format": doc.format}


def block_ref(b: Block) -> dict[str, Any]:
    """A ``ref`` to one block."""
    return {"id": b.id, "kind": b.kind, "number": b.number, "page": b.page,
            "page_label": b.page_label, "path": list(b.path), "text": b.text}


def section_ref(s: Section) -> dict[str, Any]:
    """A ``ref`` to one heading (kind ``heading``)."""
    return {"id": s.id, "kind": "heading", "number": s.number, "page": s.page,
            "page_label": s.page_label, "path": list(s.path), "text": s.title}


def to_dict(c: Comparison) -> dict[str, Any]:
    """The contract's object for ``c``."""
    blocks = []
    for ch in c.changes:
        rec: dict[str, Any] = {
            "id": ch.id,
            "status": ch.status,
            "moved": ch.moved,
            "renumbered": ch.renumbered,
            "old": [block_ref(b) for b in ch.old],
            "new": [block_ref(b) for b in ch.new],
            "similarity": ch.similarity,
        }
        if ch.diff is not None:
            rec["diff"] = [[op, text] for op, text in ch.diff]
        rec["categories"] = list(ch.categories)
        if ch.obligations:
            rec["obligations"] = [{"old": o.old, "new": o.new, "direction": o.direction}
                                  for o in ch.obligations]
        blocks.append(rec)
    new_blocks = {b.id: b for b in c.new.blocks()}
    return {
        "schema": SCHEMA_ID,
        "generator": f"wtdiff {__version__}",
        "old": _edition(c.old),
        "new": _edition(c.new),
        "summary": dict(c.summary),
        "sections": [
            {"status": s.status, "moved": s.moved, "renamed": s.renamed,
             "old": [section_ref(x) for x in s.old], "new": [section_ref(x) for x in s.new],
             "similarity": s.similarity}
            for s in c.sections
        ],
        "blocks": blocks,
        "terms": [{"old": t.old, "new": t.new, "count": t.count,
                   "remaining": [block_ref(new_blocks[b]) for b in t.remaining if b in new_blocks]}
                  for t in c.terms],
        "own_changes": {side: [{"heading": section_ref(s), "blocks": [block_ref(b) for b in s.blocks()]}
                               for s in sections]
                        for side, sections in (("old", c.own_changes[0]), ("new", c.own_changes[1]))},
        "attribution": attribution(c),
    }


def render(c: Comparison) -> str:
    """The JSON text (UTF-8, two-space indent, key order fixed, newline at the end)."""
    return dumps(to_dict(c)) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the contract, as shipped in the package."""
    text = (resources.files("wtdiff") / "schemas" / "comparison.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
