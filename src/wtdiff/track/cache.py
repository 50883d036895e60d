"""Alignments of two editions cached on disk, so tracking over many editions aligns each pair once.

Aligning two 60,000-word editions takes a few tenths of a second; a history
over six editions makes five such alignments every time it runs. This cache
keeps what lineage needs from each one — the pairs of block ids with their
similarity and the moved flag, not the whole :class:`~wtdiff.comparison.Comparison`
— keyed like the parse cache (:mod:`wtdiff.treecache`): by each document's
SHA-256 and reader (or, for a document built in memory, a digest of its
tree), and a fingerprint of the code that decides the result (the tree
fingerprint, the modules of ``align/`` and this file's format version), so a new wtdiff
never reuses an older one's alignment.

Entries are small JSON files written through a temporary file and renamed
into place; an entry that does not read back, or does not cover every block
of both documents exactly once, is ignored, removed and rebuilt. A cache that
cannot be written is skipped without failing. Location:
``$WTDIFF_CACHE_DIR/alignments`` (else the user cache folder);
``WTDIFF_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..align import align
from ..errors import OutputError
from ..fileio import write_atomic
from ..model import Document
from ..treecache import TreeCache, cache_root
from ..treecache import fingerprint as tree_fingerprint

__all__ = ["FORMAT", "AlignmentCache", "Derived", "Pair", "aligned_pairs", "doc_key", "fingerprint"]

log = logging.getLogger(__name__)

#: the entry format; bump it when :class:`Pair` or the file layout changes
FORMAT = "wtdiff/alignment-cache@1"


@dataclass(frozen=True, slots=True)
class Pair:
    """One record of an alignment, by block id: 1:1, 1:n (split), n:1 (merged), 1:0 or 0:1."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    similarity: float
    moved: bool


@dataclass(frozen=True, slots=True)
class Derived:
    """What a chain derives from its alignments: restorations and the closest successor of each deletion.

    ``restorations``: (old edition, new edition, old id, new id, similarity);
    ``successors``: (edition of the deleted block, its id, successor id in the next edition or None,
    similarity).
    """

    restorations: tuple[tuple[int, int, str, str, float], ...]
    successors: tuple[tuple[int, str, str | None, float], ...]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The tree fingerprint, the aligner's source and the entry format, digested."""
    digest = hashlib.sha256(tree_fingerprint().encode())
    aligner = resources.files("wtdiff") / "align"
    for module in sorted((f for f in aligner.iterdir() if f.name.endswith(".py")), key=lambda f: f.name):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    digest.update(FORMAT.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _chain_fingerprint() -> str:
    """:func:`fingerprint` and the source of the code that derives restorations and successors."""
    digest = hashlib.sha256(fingerprint().encode())
    digest.update((resources.files("wtdiff") / "track" / "chain.py").read_bytes())
    return digest.hexdigest()[:16]


def doc_key(doc: Document) -> str:
    """A document's identity: SHA-256 of its file and its reader, else a digest of its tree."""
    if doc.sha256:
        return f"{doc.sha256}-{doc.format or 'any'}"
    digest = hashlib.sha256()
    for s in doc.sections():
        digest.update(f"S\x1f{s.id}\x1f{s.kind}\x1f{s.number}\x1f{s.level}\x1f{s.title}\x1e".encode())
    for b in doc.blocks():
        digest.update(f"B\x1f{b.id}\x1f{b.kind}\x1f{b.number}\x1f{b.text}\x1e".encode())
    return "tree-" + digest.hexdigest()


def _compute(old: Document, new: Document) -> tuple[Pair, ...]:
    result = align(old, new)
    return tuple(Pair(old=tuple(b.id for b in m.old), new=tuple(b.id for b in m.new),
                      similarity=m.similarity, moved=m.moved) for m in result.blocks)


class AlignmentCache:
    """Alignments on disk under ``root`` (default: :func:`~wtdiff.treecache.cache_root` / ``alignments``)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / "alignments"

    @staticmethod
    def enabled() -> bool:
        return TreeCache.enabled()

    def path(self, old: Document, new: Document) -> Path:
        name = f"{doc_key(old)}.{doc_key(new)}.{fingerprint()}.json"
        return self.root / name

    def get(self, old: Document, new: Document) -> tuple[Pair, ...] | None:
        """The cached alignment of ``old`` with ``new``, or None."""
        path = self.path(old, new)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        pairs = _decode(data, old, new)
        if pairs is None:
            log.warning("ignoring a damaged alignment cache entry %s", path)
            try:
                path.unlink()
            except OSError:
                pass
        return pairs

    def put(self, old: Document, new: Document, pairs: Sequence[Pair]) -> None:
        """Store an alignment (best effort: a cache that cannot be written is skipped)."""
        path = self.path(old, new)
        body = {"format": FORMAT, "old": doc_key(old), "new": doc_key(new),
                "pairs": [[list(p.old), list(p.new), p.similarity, p.moved] for p in pairs]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(body, ensure_ascii=False, separators=(",", ":")))
        except (OSError, OutputError) as exc:
            log.info("alignment cache not written (%s)", exc)


    def chain_path(self, docs: Sequence[Document]) -> Path:
        digest = hashlib.sha256("\n".join(doc_key(d) for d in docs).encode()).hexdigest()
        return self.root / f"chain-{digest}.{_chain_fingerprint()}.json"

    def get_derived(self, docs: Sequence[Document]) -> Derived | None:
        """The cached restorations and successors of a chain of ``docs``, or None."""
        path = self.chain_path(docs)
        try:
            body = json.loads(path.read_bytes())
            if body.get("format") != FORMAT or body.get("docs") != [doc_key(d) for d in docs]:
                raise ValueError("another chain")
            ids = [{b.id for b in d.blocks()} for d in docs]
            rest = tuple((int(j), int(m), str(o), str(n), float(x)) for j, m, o, n, x in body["restorations"])
            succ = tuple((int(k), str(b), None if t is None else str(t), float(x))
                         for k, b, t, x in body["successors"])
            if any(o not in ids[j] or n not in ids[m] for j, m, o, n, _ in rest) or any(
                    b not in ids[k] or (t is not None and t not in ids[k + 1]) for k, b, t, _ in succ):
                raise ValueError("unknown block")
        except OSError:
            return None
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            log.warning("ignoring a damaged chain cache entry %s", path)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        return Derived(rest, succ)

    def put_derived(self, docs: Sequence[Document], derived: Derived) -> None:
        """Store a chain's restorations and successors (best effort)."""
        path = self.chain_path(docs)
        body = {"format": FORMAT, "docs": [doc_key(d) for d in docs],
                "restorations": [list(r) for r in derived.restorations],
                "successors": [list(s) for s in derived.successors]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(body, ensure_ascii=False, separators=(",", ":")))
        except (OSError, OutputError) as exc:
            log.info("chain cache not written (%s)", exc)


def _decode(data: bytes, old: Document, new: Document) -> tuple[Pair, ...] | None:
    """The pairs of an entry, if it is whole and covers both documents' blocks exactly once."""
    try:
        body = json.loads(data)
        if body.get("format") != FORMAT or body.get("old") != doc_key(old) or body.get("new") != doc_key(new):
            return None
        pairs = tuple(Pair(old=tuple(str(x) for x in o), new=tuple(str(x) for x in n),
                           similarity=float(s), moved=bool(m)) for o, n, s, m in body["pairs"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    got_old = [i for p in pairs for i in p.old]
    got_new = [i for p in pairs for i in p.new]
    want_old = [b.id for b in old.blocks()]
    want_new = [b.id for b in new.blocks()]
    if sorted(got_old) != sorted(want_old) or sorted(got_new) != sorted(want_new):
        return None
    if any(not p.old and not p.new for p in pairs):
        return None
    return pairs


def aligned_pairs(old: Document, new: Document, *, cache: AlignmentCache | None = None,
                  use_cache: bool = True) -> tuple[Pair, ...]:
    """The alignment of ``old`` with ``new`` as id pairs, from the cache when it has it."""
    store = None
    if use_cache and AlignmentCache.enabled():
        store = cache if cache is not None else AlignmentCache()
    if store is not None:
        found = store.get(old, new)
        if found is not None:
            log.debug("alignment of %s and %s read from the cache", old.source, new.source)
            return found
    pairs = _compute(old, new)
    if store is not None:
        store.put(old, new, pairs)
    return pairs
