"""Files on disk: written so that nothing half-written is ever visible, and where wtdiff's cache folder is.

The cache folder is named here, below both caches that use it — downloads (:mod:`wtdiff.cache`)
and parsed trees (:mod:`wtdiff.treecache`) — so that neither imports the other.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError

__all__ = ["default_root", "write_atomic"]


def default_root() -> Path:
    """``$WTDIFF_CACHE_DIR``, else the platform's user cache folder for wtdiff."""
    env = os.environ.get("WTDIFF_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wtdiff", appauthor=False))


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Either the whole new content is there afterwards or the old file (if any)
    is untouched. Raises :class:`~wtdiff.errors.OutputError` with the reason.
    """
    import tempfile  # here, not at the top: the CLI imports this module to start, and tempfile is slow to load

    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as readable as any file the user writes, not mkstemp's 0600
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"{target}: cannot write the file ({reason}).",
                          hint="Check that the folder exists, is writable and has free space.") from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
