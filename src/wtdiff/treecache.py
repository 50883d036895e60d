"""Parsed trees cached on disk, so the same file is never parsed twice.

Reading a 168-page PDF takes seconds; reading its cached tree back takes a
few hundredths. An entry is keyed by the SHA-256 of the file's bytes, the
reader used, and a fingerprint of wtdiff itself (its version and the source of
every module that shapes a tree), so a new or modified wtdiff never reuses a
tree an older one made. Entries are the tree as compact JSON — each node a
plain list of its fields (:func:`encode`, :func:`decode`), which Python's
compiled JSON codec reads back several times faster than the tree's XML
(:mod:`wtdiff.xmlio`) and without importing lxml — written to a temporary file
and renamed into place, so a reader sees a whole entry or none; an entry that
does not read back (damaged, cut short) is ignored, removed and rebuilt. The
JSON keeps what the XML keeps, and gives back what reading the XML gave: the
heading paths follow from the nesting, an empty number, page label or term is
none, a section's level 0 is 1 (so a tree from the cache is the tree
:func:`~wtdiff.xmlio.from_xml` would give; ``tests/test_treecache.py``). A cache
that cannot be written (read-only, full disk) is skipped without failing the
comparison.

Location: ``$WTDIFF_CACHE_DIR/trees``, else the user cache folder from
platformdirs. ``WTDIFF_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__
from .collector import paused
from .errors import OutputError, UnreadableDocumentError
from .fileio import default_root, write_atomic
from .model import Block, Document, Node, Section

__all__ = ["TreeCache", "cache_root", "fingerprint", "encode", "decode"]

log = logging.getLogger(__name__)

# Modules whose code decides what tree a file gives.
_SHAPING = ("model.py", "normalize.py", "structure.py", "treecache.py", "readers")


def cache_root() -> Path:
    """The wtdiff cache folder (shared with the download cache)."""
    return default_root()


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """wtdiff's version and a digest of the code that shapes trees."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("wtdiff")
    for name in _SHAPING:
        for path, f in _sources(package / name, name):
            digest.update(path.encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def _sources(node: Traversable, path: str) -> Iterator[tuple[str, Traversable]]:
    """The Python files at ``node``, a module or a package with its subpackages (the readers'
    own packages: ``readers/layout``, ``readers/docx``), each with its path, in a fixed order."""
    if not node.is_dir():
        if path.endswith(".py"):
            yield path, node
        return
    for child in sorted(node.iterdir(), key=lambda p: p.name):
        yield from _sources(child, f"{path}/{child.name}")


class TreeCache:
    """Trees on disk under ``root`` (default: :func:`cache_root` / ``trees``)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / "trees"

    @staticmethod
    def enabled() -> bool:
        return os.environ.get("WTDIFF_NO_CACHE", "") not in ("1", "true", "yes")

    def path(self, sha256: str, format: str) -> Path:
        return self.root / f"{sha256}.{format}.{fingerprint()}.json"

    def get(self, sha256: str, format: str, source: str) -> Document | None:
        """The cached tree of that file, with ``source`` set to where it was read now."""
        path = self.path(sha256, format)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            with paused():  # a tree is thousands of small objects in no cycles
                doc = decode(data)
        except UnreadableDocumentError:
            log.warning("ignoring a damaged cache entry %s", path)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        if doc.sha256 != sha256:
            log.warning("ignoring a cache entry for another file: %s", path)
            return None
        return replace(doc, source=source)

    def put(self, doc: Document) -> None:
        """Store ``doc`` (best effort: a cache that cannot be written is skipped)."""
        path = self.path(doc.sha256, doc.format)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, encode(doc))
        except (OSError, OutputError) as exc:
            log.info("parse cache not written (%s)", exc)


# The entry format. A section is [0, id, title, kind, number, level, page, page label, children],
# a block [1, id, kind, text, number, page, page label, level, cells, header, term, notes, links];
# the document an object. Values are set as reading the tree's XML back sets them.


def encode(doc: Document) -> bytes:
    """``doc`` as a cache entry: compact JSON (ASCII, so any string survives)."""
    return json.dumps({
        "title": doc.title or "", "source": doc.source or "", "sha256": doc.sha256 or "",
        "format": doc.format or "", "edition": doc.edition or None, "pages": doc.pages,
        "remarks": [r or "" for r in doc.remarks], "children": _encode_nodes(doc.children),
    }, separators=(",", ":")).encode("ascii")


def _encode_nodes(children: tuple[Node, ...]) -> list[list[object]]:
    out: list[list[object]] = []
    for node in children:
        if isinstance(node, Section):
            out.append([0, node.id or "", node.title or "", node.kind or "heading", node.number or None,
                        node.level or 1, node.page, node.page_label or None, _encode_nodes(node.children)])
        else:
            out.append(_encode_block(node))
    return out


def _encode_block(b: Block) -> list[object]:
    return [1, b.id or "", b.kind or "paragraph", b.text or "", b.number or None, b.page, b.page_label or None,
            b.level or 0, [c or "" for c in b.cells], b.header is True, b.term or None,
            [_encode_block(n) for n in b.notes], list(b.links)]


def decode(data: bytes) -> Document:
    """The tree :func:`encode` wrote; :class:`UnreadableDocumentError` if it is not one."""
    try:
        raw = json.loads(data)
        return Document(
            title=raw["title"], children=_decode_nodes(raw["children"], ()), source=raw["source"],
            sha256=raw["sha256"], format=raw["format"], edition=raw["edition"], pages=raw["pages"],
            remarks=tuple(raw["remarks"]),
        )
    except (ValueError, TypeError, KeyError, IndexError) as exc:  # JSON's errors are ValueErrors
        raise UnreadableDocumentError(f"this is not a cached document tree ({exc}).") from exc


def _decode_nodes(nodes: list[list[object]], path: tuple[str, ...]) -> tuple[Node, ...]:
    out: list[Node] = []
    for n in nodes:
        if n[0]:
            out.append(_decode_block(n, path))
        else:
            _, id_, title, kind, number, level, page, label, children = n
            inner = path + (title,)  # type: ignore[operator]
            out.append(Section(id_, title, kind, number, level, page, label, inner,  # type: ignore[arg-type]
                               _decode_nodes(children, inner)))  # type: ignore[arg-type]
    return tuple(out)


def _decode_block(n: list[object], path: tuple[str, ...]) -> Block:
    _, id_, kind, text, number, page, label, level, cells, header, term, notes, links = n
    return Block(id_, kind, text, number, page, label, path, level, tuple(cells),  # type: ignore[arg-type]
                 header, term, tuple(_decode_block(k, path) for k in notes), tuple(links))  # type: ignore[arg-type]
