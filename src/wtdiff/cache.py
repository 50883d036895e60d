"""The download cache: official files on disk, each with the SHA-256 recorded when it arrived.

Layout (under ``$WTDIFF_CACHE_DIR``, else the user cache folder from
platformdirs)::

    editions/<family>/<edition>/
        <file-id>.pdf               a downloaded file (its id in the registry)
        <file-id>.pdf.json          its record: sha256, size, where it came from, when
        local.pdf, local.pdf.json   a copy registered with ``wtdiff import``
        .lock                       held while the folder is being written

Files only ever appear whole: they are written to a hidden temporary file in
the same folder and renamed into place (``os.replace``); the record is written
last, and a file without a record is ignored (and downloaded again). Every use
hashes the file again and compares it with its record — and with the registry's
checksum when one is known — so a damaged or altered copy is never read.
Writers hold the folder's lock (``fcntl.flock``, ``msvcrt.locking`` on Windows),
so two processes fetching the same edition do not both write it; readers need
no lock, so a read-only cache that already holds an edition still works.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from .errors import CacheError, ChecksumError, FileMissingError, UsageError
from .fileio import default_root
from .registry import EXTENSIONS, Edition, FileEntry

__all__ = ["Cache", "CachedFile", "Record", "default_root", "sha256_file", "format_of", "utc_now"]

#: key under which a file registered with ``wtdiff import`` is kept
LOCAL = "local"
_RECORD_SUFFIX = ".json"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Record:
    """What is known about a cached file: written when it arrived, checked on every use."""

    edition: str
    file: str
    format: str
    sha256: str
    size: int
    #: the official address (not the mirror), or the path it was imported from
    origin: str
    #: where the bytes actually came from (a mirror's address, a local path)
    fetched_from: str
    #: "download" or "import"
    method: str
    #: UTC time it was saved, ISO 8601
    saved: str

    @classmethod
    def read(cls, path: Path) -> Record | None:
        """The record in ``path``, or None when it is missing or unreadable."""
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(**{k: data[k] for k in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True, slots=True)
class CachedFile:
    """A verified local copy of one of an edition's files."""

    edition: Edition
    path: Path
    record: Record

    @property
    def entry(self) -> FileEntry | None:
        """The registry's entry for the file (None for an imported copy)."""
        return next((f for f in self.edition.files if f.id == self.record.file), None)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def format_of(path: Path, head: bytes) -> str:
    """The registry format of a local file: the reader wtdiff would use for it.

    Layout text (``pdftotext -layout``) is registered as text; its reader is
    chosen again from the content when the file is read.
    """
    from .errors import UnsupportedFormatError
    from .readers import detect_format

    try:
        fmt = detect_format(path, head)
    except UnsupportedFormatError:
        fmt = ""
    if fmt == "layout":
        return "text"
    if fmt not in EXTENSIONS:
        raise UsageError(f"{path}: cannot tell what kind of file this is.",
                         hint="Give it the right extension: .pdf, .html, .md or .txt.")
    return fmt


def utc_now() -> str:
    """The current UTC time, to the second, as ISO 8601 (``2025-01-31T12:00:00Z``)."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Cache:
    """The cache folder; every method takes the edition it works on."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_root()

    def __repr__(self) -> str:
        return f"Cache({str(self.root)!r})"

    def folder(self, edition: Edition) -> Path:
        return self.root / "editions" / edition.family / edition.id

    # -- reading (no lock: files are only ever replaced whole) ------------------------------------

    def _candidates(self, edition: Edition) -> Iterator[tuple[str, Path, FileEntry | None]]:
        """Possible copies in the order they are used: an imported one, then the registry's files."""
        folder = self.folder(edition)
        for ext in dict.fromkeys(EXTENSIONS.values()):
            yield LOCAL, folder / f"{LOCAL}{ext}", None
        for entry in edition.files:
            yield entry.id, folder / f"{entry.id}{entry.extension}", entry

    def find(self, edition: Edition) -> CachedFile | None:
        """The copy of ``edition`` to use, checked against its record; None if there is none.

        Raises :class:`~wtdiff.errors.ChecksumError` when a copy no longer has
        the checksum recorded for it, or the one the registry gives.
        """
        for _, path, entry in self._candidates(edition):
            record = Record.read(_record_path(path))
            if record is None or not path.is_file():
                continue
            try:
                digest = sha256_file(path)
            except OSError as exc:
                raise CacheError(f"{path}: the cached copy of the {edition.ref} edition cannot be read "
                                 f"({exc.strerror}).",
                                 hint=f"Run `wtdiff fetch --force {edition.ref}`.") from exc
            if digest != record.sha256:
                raise ChecksumError(
                    f"{path}: the cached copy of the {edition.ref} edition has changed since it was saved "
                    f"(SHA-256 {digest[:12]}…, recorded {record.sha256[:12]}…).",
                    hint=f"Run `wtdiff fetch --force {edition.ref}` to download it again.")
            if entry is not None and entry.sha256 and digest != entry.sha256:
                raise ChecksumError(
                    f"{path}: the cached copy of the {edition.ref} edition is not the file the registry "
                    f"describes (SHA-256 {digest[:12]}…, expected {entry.sha256[:12]}…).",
                    hint=f"Run `wtdiff fetch --force {edition.ref}` to download it again.")
            return CachedFile(edition=edition, path=path, record=record)
        return None

    def status(self, edition: Edition) -> str:
        """``"imported"``, ``"yes"`` or ``"no"`` — from the records alone, without hashing."""
        for key, path, _ in self._candidates(edition):
            if path.is_file() and _record_path(path).is_file():
                return "imported" if key == LOCAL else "yes"
        return "no"

    # -- writing (under the folder's lock) ---------------------------------------------------------

    def prepare(self, edition: Edition) -> Path:
        """Create the edition's folder; :class:`CacheError` when the cache cannot be written."""
        folder = self.folder(edition)
        try:
            _make_dirs(folder)
        except OSError as exc:
            raise _unwritable(self.root, edition, exc) from exc
        return folder

    @contextmanager
    def lock(self, edition: Edition, *, timeout: float = 600.0) -> Iterator[None]:
        """Hold the edition folder's lock (waiting up to ``timeout`` seconds for another process)."""
        folder = self.prepare(edition)
        try:
            fd = _open_lock(folder / ".lock")
        except OSError as exc:
            raise _unwritable(self.root, edition, exc) from exc
        try:
            deadline = time.monotonic() + timeout
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise CacheError(
                        f"{folder}: another wtdiff has been saving the {edition.ref} edition for over "
                        f"{timeout:.0f} s.", hint="Wait for it to finish, or stop it and try again.")
                time.sleep(0.05)
            self._sweep(folder)
            yield
        finally:
            _unlock(fd)
            os.close(fd)

    def _sweep(self, folder: Path) -> None:
        """Remove temporary files left by a process that died mid-write (we hold the lock)."""
        for stale in folder.glob(".*.part"):
            try:
                stale.unlink()
            except OSError:
                pass

    @contextmanager
    def temporary(self, edition: Edition, key: str) -> Iterator[tuple[IO[bytes], Path]]:
        """A hidden temporary file in the edition's folder, removed unless :meth:`commit` took it."""
        folder = self.folder(edition)
        try:
            fd, name = _make_temp(folder, key)
        except OSError as exc:
            raise _unwritable(self.root, edition, exc) from exc
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh, tmp
        except OSError as exc:
            raise _unwritable(self.root, edition, exc) from exc
        finally:
            if tmp.exists():
                try:
                    tmp.unlink()
                except OSError:
                    pass

    def commit(self, edition: Edition, key: str, ext: str, tmp: Path, record: Record,
               *, replace_all: bool = False) -> CachedFile:
        """Move a complete temporary file into place and write its record (hold the lock).

        ``replace_all`` first forgets every other copy of the edition (``fetch --force``).
        """
        folder = self.folder(edition)
        target = folder / f"{key}{ext}"
        try:
            # the record goes first: a file without one is ignored, never trusted
            _unlink(_record_path(target))
            others = [p for k, p, _ in self._candidates(edition)
                      if p != target and (replace_all or (key == LOCAL and k == LOCAL))]
            for path in others:  # replace_all: every other copy; an import: any other imported copy
                _unlink(_record_path(path))
                _unlink(path)
            os.replace(tmp, target)
            _write_json(_record_path(target), asdict(record))
        except OSError as exc:
            raise _unwritable(self.root, edition, exc) from exc
        return CachedFile(edition=edition, path=target, record=record)

    def import_file(self, edition: Edition, source: str | Path, *, lock_timeout: float = 600.0) -> CachedFile:
        """Register a local copy of ``edition`` (``wtdiff import``); it is used before any download."""
        src = Path(source).expanduser()
        if not src.is_file():
            raise FileMissingError(f"{src}: no such file.", hint="Give the path of the edition's PDF or HTML file.")
        try:
            with src.open("rb") as fh:
                head = fh.read(8192)
        except OSError as exc:
            raise FileMissingError(f"{src}: cannot be read ({exc.strerror}).") from exc
        if not head:
            raise UsageError(f"{src}: the file is empty.", hint="Give the edition's PDF or HTML file.")
        fmt = format_of(src, head)
        with self.lock(edition, timeout=lock_timeout), self.temporary(edition, LOCAL) as (out, tmp):
            h = hashlib.sha256()
            size = 0
            with src.open("rb") as fh:
                for chunk in iter(lambda: fh.read(_CHUNK), b""):
                    out.write(chunk)
                    h.update(chunk)
                    size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
            out.close()  # before the rename (Windows cannot rename an open file)
            origin = str(src.resolve())
            record = Record(edition=edition.qualified_id, file=LOCAL, format=fmt, sha256=h.hexdigest(),
                            size=size, origin=origin, fetched_from=origin, method="import", saved=utc_now())
            return self.commit(edition, LOCAL, EXTENSIONS[fmt], tmp, record)

    def clear(self, edition: Edition) -> None:
        """Forget every copy of ``edition``."""
        folder = self.folder(edition)
        if folder.is_dir():
            try:
                shutil.rmtree(folder)
            except OSError as exc:
                raise _unwritable(self.root, edition, exc) from exc


def _record_path(path: Path) -> Path:
    return path.with_name(path.name + _RECORD_SUFFIX)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _write_json(path: Path, data: dict[str, Any]) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, path)
    except BaseException:
        try:
            os.unlink(name)
        except OSError:
            pass
        raise


def _unwritable(root: Path, edition: Edition, exc: OSError) -> CacheError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        hint = "Free some space, or set WTDIFF_CACHE_DIR (or --cache-dir) to another folder."
    else:
        hint = "Set WTDIFF_CACHE_DIR (or --cache-dir) to a folder you can write to."
    return CacheError(f"{root}: cannot save the {edition.ref} edition in the cache folder ({reason}).", hint=hint)


# -- operating-system seams (small so that tests can make them fail) ----------------------------------

def _make_dirs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)


def _make_temp(folder: Path, key: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{key}.", suffix=".part", dir=folder)


def _open_lock(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
