"""Read several files at once, each in a process of its own.

Reading a 185-page PDF is seconds of work on one core; comparing two editions
reads two, and the machines wtdiff runs on have two cores or more. :func:`read_all`
looks every file up in the parse cache first, then reads the ones that are not
there side by side in worker processes (forked where the system allows, so a
worker starts with wtdiff already imported) and stores what they read. A file
is read exactly once, by the same reader as :func:`~wtdiff.readers.read_bytes`,
so the trees are the same as one after the other; only the wall-clock time
differs. When no file left to read is paged (PDF, Word, layout text) or over a
megabyte, they are read in this process, where workers would cost more than they save.

Progress: the workers tell the pages they have read through a queue; the
calling process adds them up and reports (pages read, pages in all) over every
file being read, once each file has said how many pages it has (or finished).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..collector import paused
from ..errors import WtdiffError
from ..model import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["ReadJob", "read_all"]

#: formats worth a process of their own: paged readers, whatever the size
_HEAVY_FORMATS = frozenset({"pdf", "layout", "docx"})
#: any other file this large is worth one too
_HEAVY_BYTES = 1 << 20


@dataclass(frozen=True)
class ReadJob:
    """One file to read: its bytes and what :func:`~wtdiff.readers.read_bytes` would be told."""

    data: bytes
    source: str
    format: str
    edition: str | None = None
    #: look the tree up in, and store it into, the parse cache
    cache: bool = True


def _heavy(job: ReadJob) -> bool:
    return job.format in _HEAVY_FORMATS or len(job.data) >= _HEAVY_BYTES


def read_all(jobs: Sequence[ReadJob], progress: Any = None) -> list[Document]:
    """The document of each job, in order; files not in the parse cache read side by side.

    ``progress`` is told (pages read, pages in all) over the files being read.
    """
    from ..treecache import TreeCache

    from . import read_bytes

    store = TreeCache() if TreeCache.enabled() else None
    docs: list[Document | None] = [None] * len(jobs)
    todo: list[int] = []
    for i, job in enumerate(jobs):
        found = None
        if job.cache and store is not None:
            found = store.get(hashlib.sha256(job.data).hexdigest(), job.format, job.source)
        if found is not None:
            docs[i] = replace(found, edition=job.edition)
        else:
            todo.append(i)
    if len(todo) < 2 or sum(_heavy(jobs[i]) for i in todo) == 0:
        for i in todo:
            job = jobs[i]
            docs[i] = read_bytes(job.data, source=job.source, format=job.format, edition=job.edition,
                                 progress=progress, cache=job.cache)
    else:
        for i, doc in zip(todo, _read_in_workers([jobs[i] for i in todo], progress), strict=True):
            docs[i] = doc
            if jobs[i].cache and store is not None:
                store.put(doc)
    return [d for d in docs if d is not None]


def _context() -> Any:
    import multiprocessing  # here, as the pool below: every command imports the readers

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _read_in_workers(jobs: list[ReadJob], progress: Any) -> list[Document]:
    from concurrent.futures import ProcessPoolExecutor

    ctx = _context()
    pages = ctx.Queue()
    # the trees handed back are unpickled here, thousands of small objects in no cycles
    with paused(), ProcessPoolExecutor(max_workers=len(jobs), mp_context=ctx, initializer=_worker_start,
                                       initargs=(pages,)) as pool:
        futures = [pool.submit(_work, n, job) for n, job in enumerate(jobs)]
        _relay(pages, futures, progress)
        results = [f.result() for f in futures]
    docs = []
    for result in results:
        if isinstance(result, _Failure):
            raise result.error_type(result.message, hint=result.hint)
        docs.append(result)
    return docs


@dataclass(frozen=True)
class _Failure:
    """A wtdiff error raised in a worker, sent back as data (its keyword arguments do not pickle)."""

    error_type: type[WtdiffError]
    message: str
    hint: str | None


#: in a worker, the queue its page counts go to (a queue is handed over when the worker starts)
_pages: Any = None


def _worker_start(pages: Any) -> None:
    global _pages
    _pages = pages


def _work(n: int, job: ReadJob) -> Document | _Failure:
    from . import _parse

    try:
        return _parse(job.data, source=job.source, format=job.format, edition=job.edition,
                      progress=lambda done, total: _pages.put((n, done, total)))
    except WtdiffError as exc:
        return _Failure(type(exc), exc.message, exc.hint)


def _relay(pages: Any, futures: list[Future[Any]], progress: Any) -> None:
    """Pass the workers' page counts on, summed, until every worker has finished."""
    import queue as queue_module

    done: dict[int, int] = {}
    total: dict[int, int] = {}

    def tell() -> None:
        finished = {n for n, f in enumerate(futures) if f.done()}
        if progress is not None and all(n in total or n in finished for n in range(len(futures))):
            progress(sum(done.values()), sum(total.values()))

    while True:
        try:
            n, d, t = pages.get(timeout=0.05)
        except queue_module.Empty:
            if all(f.done() for f in futures):
                break  # and nothing more came in 50 ms: the last counts are in
            continue
        done[n], total[n] = d, t
        tell()
    tell()
