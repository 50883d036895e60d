"""Where an edition comes from: a file path, a bundled specimen, or an official edition by id.

:func:`load` tries, in order: a bundled specimen name (``specimen-a``) unless
a file of that name exists; an existing file; an edition of the registry
(``2018``, ``wt:2018``, ``kcsie:2024``, an alias), read from the download
cache and fetched on demand. Something that looks like a file name but does
not exist is reported as a missing file, anything else as an unknown edition.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FileMissingError, OutputError
from .fileio import write_atomic
from .model import Document
from .readers import ReadJob, detect_format, file_job, read_all, read_bytes

if TYPE_CHECKING:
    from .cache import Cache, CachedFile
    from .fetch import FetchOptions, Progress
    from .readers import Progress as ReadProgress
    from .registry import Registry

__all__ = ["load", "load_all", "load_edition", "read_cached", "SPECIMENS", "specimen_path", "looks_like_path",
           "is_edition_ref", "copy_specimens"]

#: bundled specimen editions: name -> file name inside ``wtdiff/specimens``
SPECIMENS = {
    "specimen-a": "specimen-a.md",
    "specimen-b": "specimen-b.md",
}

_FILE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml", ".pdf",
                            ".docx", ".doc", ".odt", ".rtf", ".xml", ".json"})


def specimen_path(name: str) -> Path:
    """The path of a bundled specimen edition's Markdown file."""
    return Path(str(resources.files("wtdiff") / "specimens" / SPECIMENS[name]))


def copy_specimens(directory: Path) -> Iterator[Path]:
    """Copy the bundled specimens into ``directory`` (made if missing), yielding each copy as
    it is written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create the folder ({exc.strerror}).") from exc
    for name in SPECIMENS:
        src = specimen_path(name)
        write_atomic(directory / src.name, src.read_bytes())
        yield directory / src.name


def looks_like_path(source: str) -> bool:
    """Whether ``source`` is meant as a file name (a folder part or a document extension)."""
    return "/" in source or "\\" in source or Path(source).suffix.lower() in _FILE_SUFFIXES


def is_edition_ref(source: str | Path) -> bool:
    """Whether :func:`load` would look ``source`` up in the registry (not a specimen, file or file name)."""
    if isinstance(source, Path):
        return False
    return source not in SPECIMENS and not looks_like_path(source) and not Path(source).exists()


def load(source: str | Path, *, format: str | None = None, registry: Registry | None = None,
         cache: Cache | None = None, options: FetchOptions | None = None,
         progress: Progress | None = None, reading: ReadProgress | None = None) -> Document:
    """Read an edition from a path, a specimen name or a registry id (fetched into the cache if needed).

    ``registry``, ``cache`` and ``options`` default to the registry shipped
    with wtdiff (or ``$WTDIFF_REGISTRY``), the user cache folder (or
    ``$WTDIFF_CACHE_DIR``) and ``$WTDIFF_MIRROR`` / ``$WTDIFF_TIMEOUT``.
    ``progress`` hears about downloads, ``reading`` about the pages read.
    """
    job = _job(source, format=format, registry=registry, cache=cache, options=options, progress=progress)
    return read_bytes(job.data, source=job.source, format=job.format, edition=job.edition, progress=reading,
                      cache=job.cache)


def load_all(sources: Sequence[str | Path], *, format: str | None = None, registry: Registry | None = None,
             cache: Cache | None = None, options: FetchOptions | None = None,
             progress: Progress | None = None, reading: ReadProgress | None = None) -> list[Document]:
    """Several editions, as :func:`load` reads each: downloads first, one after the other, then
    the files not in the parse cache read side by side (:func:`wtdiff.readers.read_all`);
    ``reading`` hears the pages read of them all together."""
    jobs = [_job(s, format=format, registry=registry, cache=cache, options=options, progress=progress)
            for s in sources]
    return read_all(jobs, reading)


def _job(source: str | Path, *, format: str | None, registry: Registry | None, cache: Cache | None,
         options: FetchOptions | None, progress: Progress | None) -> ReadJob:
    """The bytes :func:`load` reads for ``source``, and how."""
    key = str(source)
    if is_edition_ref(source):
        return _edition_job(key, format=format, registry=registry, cache=cache, options=options,
                            progress=progress)
    if key in SPECIMENS and not Path(key).exists():
        ref = resources.files("wtdiff") / "specimens" / SPECIMENS[key]
        return ReadJob(ref.read_bytes(), source=key, format=format or "markdown", edition=key, cache=False)
    path = Path(source)
    if not path.exists():
        names = ", ".join(SPECIMENS)
        raise FileMissingError(
            f"{source}: no such file.",
            hint=f"Give the path of an edition file (.md, .txt, .html), an edition id such as 2023 "
                 f"(`wtdiff editions`), or a specimen: {names}.",
        )
    return file_job(path, format=format)


def load_edition(ref: str, *, format: str | None = None, registry: Registry | None = None,
                 cache: Cache | None = None, options: FetchOptions | None = None,
                 progress: Progress | None = None, reading: ReadProgress | None = None) -> Document:
    """Read the official edition ``ref`` names, from the cache or downloaded into it first."""
    job = _edition_job(ref, format=format, registry=registry, cache=cache, options=options, progress=progress)
    return read_bytes(job.data, source=job.source, format=job.format, edition=job.edition, progress=reading,
                      cache=job.cache)


def _edition_job(ref: str, *, format: str | None, registry: Registry | None, cache: Cache | None,
                 options: FetchOptions | None, progress: Progress | None) -> ReadJob:
    from . import fetch
    from . import registry as _registry

    reg = registry if registry is not None else _registry.load()
    edition = reg.resolve(ref)
    got = fetch.ensure(edition, cache=cache, options=options, progress=progress)
    return _cached_job(got.file, format=format)


def read_cached(cached: CachedFile, *, format: str | None = None, reading: ReadProgress | None = None) -> Document:
    """Structure a verified cached copy; the document's source is where the file came from."""
    job = _cached_job(cached, format=format)
    return read_bytes(job.data, source=job.source, format=job.format, edition=job.edition, progress=reading,
                      cache=job.cache)


def _cached_job(cached: CachedFile, *, format: str | None) -> ReadJob:
    path = cached.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileMissingError(f"{path}: the cached copy cannot be read ({exc.strerror}).",
                               hint=f"Run `wtdiff fetch --force {cached.edition.ref}`.") from exc
    # the cached copy's extension follows the registry's format, so the usual detection applies
    fmt = format or detect_format(path, data[:8192])
    return ReadJob(data, source=cached.record.origin, format=fmt, edition=cached.edition.qualified_id)
