"""Parsed trees cached on disk, so the same file is never parsed twice.

Reading a 168-page PDF takes seconds; reading its cached tree back takes a
few hundredths. An entry is keyed by the SHA-256 of the file's bytes, the
reader used, and a fingerprint of wtdiff itself (its version and the source of
every module that shapes a tree), so a new or modified wtdiff never reuses a
tree an older one made. Entries are the tree's XML (:mod:`wtdiff.xmlio`),
written to a temporary file and renamed into place, so a reader sees a whole
entry or none; an entry that does not read back (damaged, cut short) is
ignored, removed and rebuilt. A cache that cannot be written (read-only,
full disk) is skipped without failing the comparison.

Location: ``$WTDIFF_CACHE_DIR/trees``, else the user cache folder from
platformdirs. ``WTDIFF_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__
from .errors import OutputError, UnreadableDocumentError
from .fileio import default_root, write_atomic
from .model import Document
from .xmlio import from_xml, to_xml

__all__ = ["TreeCache", "cache_root", "fingerprint"]

log = logging.getLogger(__name__)

# Modules whose code decides what tree a file gives.
_SHAPING = ("model.py", "normalize.py", "structure.py", "xmlio.py", "readers")


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
        return self.root / f"{sha256}.{format}.{fingerprint()}.xml"

    def get(self, sha256: str, format: str, source: str) -> Document | None:
        """The cached tree of that file, with ``source`` set to where it was read now."""
        path = self.path(sha256, format)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            doc = from_xml(data)
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
            write_atomic(path, to_xml(doc))
        except (OSError, OutputError) as exc:
            log.info("parse cache not written (%s)", exc)
