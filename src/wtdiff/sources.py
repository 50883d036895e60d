"""Where an edition comes from: a file path, or a bundled specimen edition.

(The registry of official editions, fetched from GOV.UK, plugs in here.)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import FileMissingError
from .model import Document
from .readers import read, read_bytes

__all__ = ["load", "SPECIMENS", "specimen_path"]

#: bundled specimen editions: name -> file name inside ``wtdiff/specimens``
SPECIMENS = {
    "specimen-a": "specimen-a.md",
    "specimen-b": "specimen-b.md",
}


def specimen_path(name: str) -> Path:
    """The path of a bundled specimen edition's Markdown file."""
    return Path(str(resources.files("wtdiff") / "specimens" / SPECIMENS[name]))


def load(source: str | Path, *, format: str | None = None) -> Document:
    """Read an edition from a path or a specimen name."""
    key = str(source)
    if key in SPECIMENS and not Path(key).exists():
        ref = resources.files("wtdiff") / "specimens" / SPECIMENS[key]
        return read_bytes(ref.read_bytes(), source=key, format=format or "markdown", edition=key)
    path = Path(source)
    if not path.exists():
        names = ", ".join(SPECIMENS)
        raise FileMissingError(
            f"{source}: no such file.",
            hint=f"Give the path of an edition file (.md, .txt, .html), or a specimen: {names}.",
        )
    return read(path, format=format)
