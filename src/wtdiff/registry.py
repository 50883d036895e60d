"""The edition registry: which official editions wtdiff knows, and where each is published.

The registry is data — one TOML file per edition under ``versions/<family>/``,
plus a ``family.toml`` per family of guidance — read here into frozen
dataclasses and checked on load, so a bad value fails with a message naming
the file and the key. Only checkable facts are recorded: an empty string
(or an empty list) means "not known", never "none".

    versions/
      working-together/        the default family: ``2018`` means working-together:2018
        family.toml
        2018.toml …
      kcsie/                   another family: ``kcsie:2024``
        family.toml
        2024.toml …

An edition is named by its id or an alias, with the family's id or alias as a
prefix (``wt:2018``, ``kcsie:2024``); the prefix may be left out for the
default family. The format is described in ``versions/README.md`` and, as a
JSON Schema, in ``wtdiff/schemas/edition.schema.json``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RegistryError, UnknownEditionError

__all__ = [
    "Registry", "Family", "Edition", "FileEntry", "Link",
    "load", "default_directory", "FILE_FORMATS", "KINDS", "EXTENSIONS",
]

#: the formats a file entry may have (the reader that reads it)
FILE_FORMATS: tuple[str, ...] = ("pdf", "html", "markdown", "text", "docx")
#: file-name extension of each format, for cached copies
EXTENSIONS: Mapping[str, str] = {"pdf": ".pdf", "html": ".html", "markdown": ".md", "text": ".txt",
                                 "docx": ".docx"}
#: what an edition file describes: a full edition, an update of one, or a consultation draft
KINDS: tuple[str, ...] = ("edition", "update", "draft")
LICENCES: tuple[str, ...] = ("OGL-3.0",)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ISBN = re.compile(r"^97[89]-[0-9-]{13}$|^[0-9X-]{13}$")

_FAMILY_KEYS = ("id", "aliases", "title", "default", "description", "page_url", "sources")
_EDITION_KEYS = ("id", "aliases", "kind", "title", "subtitle", "publisher", "published", "replaces",
                 "page_url", "archived_pages", "reference", "isbn", "pages", "licence", "attribution",
                 "notes", "sources", "files")
_EDITION_OPTIONAL = ("related",)
_FILE_KEYS = ("id", "format", "title", "url", "archive_urls", "issued", "sha256", "pages", "note")
_LINK_KEYS = ("title", "url")


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One published file of an edition: the PDF, an HTML version, a re-issue.

    ``url`` is the official address ("" when not known); ``archive_urls`` are
    copies in the UK Government Web Archive, tried after it. ``sha256`` is
    recorded only when it is known for the file at ``url``.
    """

    id: str
    format: str
    title: str | None = None
    url: str | None = None
    archive_urls: tuple[str, ...] = ()
    issued: str | None = None
    sha256: str | None = None
    pages: int | None = None
    note: str | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        """Every address the file can be downloaded from, official one first."""
        return ((self.url,) if self.url else ()) + self.archive_urls

    @property
    def extension(self) -> str:
        """The file-name extension of a local copy (``.pdf``, ``.html``…)."""
        return EXTENSIONS[self.format]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "format": self.format, "title": self.title, "url": self.url,
                "archive_urls": list(self.archive_urls), "issued": self.issued, "sha256": self.sha256,
                "pages": self.pages, "note": self.note}


@dataclass(frozen=True, slots=True)
class Link:
    """A document published alongside an edition (a statutory framework, a summary of changes)."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Family:
    """A family of guidance whose editions replace one another (Working Together, KCSIE)."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    default: bool = False
    description: str | None = None
    page_url: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        """The short prefix shown before edition ids (``kcsie``, ``wt``)."""
        return min((self.id, *self.aliases), key=len)

    @property
    def content_api_url(self) -> str | None:
        """The GOV.UK Content API address of the publication page (``/api/content`` + its path)."""
        if not self.page_url or not self.page_url.startswith("https://www.gov.uk/"):
            return None
        return "https://www.gov.uk/api/content/" + self.page_url.removeprefix("https://www.gov.uk/")


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition (or update, or consultation draft) of a family of guidance."""

    family: str
    id: str
    title: str
    #: how users name it: the bare id in the default family, else ``prefix:id``
    ref: str
    kind: str = "edition"
    aliases: tuple[str, ...] = ()
    subtitle: str | None = None
    publisher: str | None = None
    #: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: only as precise as the sources are
    published: str | None = None
    #: id of the edition this one replaced, in the same family
    replaces: str | None = None
    page_url: str | None = None
    archived_pages: tuple[str, ...] = ()
    reference: str | None = None
    isbn: str | None = None
    pages: int | None = None
    licence: str | None = None
    attribution: str | None = None
    notes: str | None = None
    sources: tuple[str, ...] = ()
    #: published files, in order of preference
    files: tuple[FileEntry, ...] = ()
    related: tuple[Link, ...] = ()
    #: the TOML file it was read from
    path: Path | None = field(default=None, compare=False)

    @property
    def qualified_id(self) -> str:
        """``family:id``, unique across the registry."""
        return f"{self.family}:{self.id}"

    @property
    def downloadable(self) -> tuple[FileEntry, ...]:
        """The files that have an address to download them from."""
        return tuple(f for f in self.files if f.urls)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (``wtdiff editions --json``)."""
        return {
            "ref": self.ref, "family": self.family, "id": self.id, "aliases": list(self.aliases),
            "kind": self.kind, "title": self.title, "subtitle": self.subtitle, "publisher": self.publisher,
            "published": self.published, "replaces": self.replaces, "page_url": self.page_url,
            "archived_pages": list(self.archived_pages), "reference": self.reference, "isbn": self.isbn,
            "pages": self.pages, "licence": self.licence, "attribution": self.attribution,
            "notes": self.notes, "sources": list(self.sources), "files": [f.to_dict() for f in self.files],
            "related": [{"title": r.title, "url": r.url} for r in self.related],
        }


@dataclass(frozen=True, slots=True)
class Registry:
    """Every family and edition in one registry folder, with lookup by reference."""

    directory: Path
    families: tuple[Family, ...]
    editions: tuple[Edition, ...]

    @property
    def default_family(self) -> Family:
        return next(f for f in self.families if f.default)

    def family(self, name: str) -> Family | None:
        """The family with this id or alias (case-insensitive), or None."""
        key = name.strip().lower()
        return next((f for f in self.families if key == f.id or key in f.aliases), None)

    def in_family(self, family: str) -> tuple[Edition, ...]:
        return tuple(e for e in self.editions if e.family == family)

    def find(self, ref: str) -> Edition | None:
        """The edition ``ref`` names (``2018``, ``wt:2018``, ``kcsie:2024``, an alias), or None."""
        key = ref.strip().lower()
        prefix, sep, rest = key.partition(":")
        if sep:
            fam = self.family(prefix)
            if fam is None:
                return None
            family_id, key = fam.id, rest
        else:
            family_id = self.default_family.id
        for e in self.in_family(family_id):
            if key == e.id or key in e.aliases:
                return e
        return None

    def resolve(self, ref: str) -> Edition:
        """The edition ``ref`` names; :class:`UnknownEditionError` with suggestions if none."""
        found = self.find(ref)
        if found is not None:
            return found
        known = tuple(e.ref for e in self.editions)
        key = ref.strip().lower()
        # an id of another family ("2024" → "kcsie:2024"), else the closest spellings
        suggestions = tuple(e.ref for e in self.editions if key.rpartition(":")[2] in (e.id, *e.aliases))
        if not suggestions:
            names = {self._name(e, n): e.ref for e in self.editions for n in (e.id, *e.aliases)}
            close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
            suggestions = tuple(dict.fromkeys(names[n] for n in close))
        hint = f"Did you mean {' or '.join(suggestions)}? " if suggestions else ""
        raise UnknownEditionError(
            f"{ref}: not a file, and not an edition wtdiff knows.",
            hint=f"{hint}Known editions: {', '.join(known)} (run `wtdiff editions`).",
            known=known, suggestions=suggestions)

    def _name(self, edition: Edition, name: str) -> str:
        """``name`` (an id or alias of ``edition``) as a user would type it."""
        fam = next(f for f in self.families if f.id == edition.family)
        return name if fam.default else f"{fam.prefix}:{name}"

    def __iter__(self) -> Iterator[Edition]:
        return iter(self.editions)


def default_directory() -> Path:
    """The registry folder: ``$WTDIFF_REGISTRY``, else the one shipped in the package, else the checkout's."""
    env = os.environ.get("WTDIFF_REGISTRY")
    if env:
        return Path(env)
    packaged = Path(str(resources.files("wtdiff") / "versions"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "versions"


def load(directory: str | Path | None = None) -> Registry:
    """Read and check every family and edition file in ``directory`` (default: :func:`default_directory`).

    Raises :class:`~wtdiff.errors.RegistryError` naming the file and key of the
    first problem found.
    """
    root = Path(directory) if directory is not None else default_directory()
    if not root.is_dir():
        raise RegistryError(f"{root}: the edition registry folder does not exist.",
                            hint="Give a folder laid out as versions/<family>/<edition>.toml "
                                 "(--registry or WTDIFF_REGISTRY).")
    families: list[Family] = []
    editions: list[Edition] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        family_file = folder / "family.toml"
        if not family_file.is_file():
            continue
        fam = _family(family_file, _read(family_file))
        if fam.id != folder.name:
            raise RegistryError(f"{family_file}: id: {fam.id!r} must be the folder's name, {folder.name!r}.")
        families.append(fam)
    if not families:
        raise RegistryError(f"{root}: no family of editions found (no <family>/family.toml).",
                            hint="See versions/README.md for the layout.")
    defaults = [f.id for f in families if f.default]
    if len(defaults) != 1:
        raise RegistryError(f"{root}: exactly one family must have default = true (found {len(defaults)}).")
    _check_unique([(f.id, f"{root / f.id / 'family.toml'}: id") for f in families] +
                  [(a, f"{root / f.id / 'family.toml'}: aliases") for f in families for a in f.aliases])
    for fam in families:
        for path in sorted((root / fam.id).glob("*.toml")):
            if path.name != "family.toml":
                editions.append(_edition(path, _read(path), fam))
        _check_family(fam, [e for e in editions if e.family == fam.id])
    order = {f.id: i for i, f in enumerate(sorted(families, key=lambda f: (not f.default, f.id)))}
    editions.sort(key=lambda e: (order[e.family], e.published or e.id, e.id))
    return Registry(directory=root, families=tuple(sorted(families, key=lambda f: order[f.id])),
                    editions=tuple(editions))


# -- reading and checking ---------------------------------------------------------------------------

def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML ({exc}).") from exc
    except OSError as exc:
        raise RegistryError(f"{path}: cannot be read ({exc.strerror}).") from exc


class _Table:
    """Typed access to one TOML table, with errors naming the file and the key path."""

    def __init__(self, path: Path, data: Mapping[str, Any], where: str = "") -> None:
        self.path, self.data, self.where = path, data, where

    def fail(self, key: str, problem: str) -> RegistryError:
        return RegistryError(f"{self.path}: {self.where}{key}: {problem}",
                             hint="See versions/README.md for the format.")

    def keys(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        for key in required:
            if key not in self.data:
                raise self.fail(key, "missing (write an empty value when it is not known).")
        for key in self.data:
            if key not in required and key not in optional:
                close = difflib.get_close_matches(key, required + optional, n=1)
                extra = f" Did you mean {close[0]!r}?" if close else ""
                raise self.fail(key, f"not a key of this file.{extra}")

    def text(self, key: str, *, required: bool = False, pattern: re.Pattern[str] | None = None,
             choices: tuple[str, ...] = (), what: str = "") -> str | None:
        value = self.data[key]
        if isinstance(value, _dt.date):
            raise self.fail(key, f"write the date as a string, in quotes: \"{value.isoformat()}\".")
        if not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {_show(value)}.")
        value = value.strip()
        if not value:
            if required:
                raise self.fail(key, "must not be empty.")
            return None
        if choices and value not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}; got {value!r}.")
        if pattern is not None and not pattern.match(value):
            raise self.fail(key, f"expected {what}; got {value!r}.")
        return value

    def url(self, key: str, value: Any = None, index: int | None = None) -> str | None:
        v = self.data[key] if index is None else value
        label = key if index is None else f"{key}[{index}]"
        if not isinstance(v, str):
            raise self.fail(label, f"expected an address as a string, got {_show(v)}.")
        v = v.strip()
        if not v:
            return None
        if not re.match(r"^https?://[^\s/]+\S*$", v):
            raise self.fail(label, f"expected an http:// or https:// address; got {v!r}.")
        return v

    def urls(self, key: str) -> tuple[str, ...]:
        items = self.list(key)
        out = tuple(self.url(key, v, i) for i, v in enumerate(items))
        if any(u is None for u in out):
            raise self.fail(key, "an address in the list is empty (leave the list empty instead).")
        return tuple(u for u in out if u is not None)

    def list(self, key: str) -> list[Any]:
        value = self.data[key]
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {_show(value)}.")
        return value

    def strings(self, key: str, *, pattern: re.Pattern[str] | None = None, what: str = "") -> tuple[str, ...]:
        out: list[str] = []
        for i, v in enumerate(self.list(key)):
            if not isinstance(v, str) or not v.strip():
                raise self.fail(f"{key}[{i}]", f"expected a non-empty string, got {_show(v)}.")
            if pattern is not None and not pattern.match(v):
                raise self.fail(f"{key}[{i}]", f"expected {what}; got {v!r}.")
            out.append(v.strip())
        return tuple(out)

    def date(self, key: str) -> str | None:
        value = self.text(key, pattern=_DATE, what="a date written YYYY, YYYY-MM or YYYY-MM-DD")
        if value is not None:
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                _dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                raise self.fail(key, f"{value!r} is not a real date.") from None
        return value

    def pages(self, key: str) -> int | None:
        value = self.data[key]
        if value == "":
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, f"expected a page count (a whole number from 1) or \"\"; got {_show(value)}.")
        return value


def _show(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _family(path: Path, data: dict[str, Any]) -> Family:
    t = _Table(path, data)
    t.keys(_FAMILY_KEYS)
    default = data["default"]
    if not isinstance(default, bool):
        raise t.fail("default", f"expected true or false, got {_show(default)}.")
    return Family(
        id=t.text("id", required=True, pattern=_ID, what="lower-case letters, digits and hyphens") or "",
        title=t.text("title", required=True) or "",
        aliases=t.strings("aliases", pattern=_ID, what="lower-case letters, digits and hyphens"),
        default=default,
        description=t.text("description"),
        page_url=t.url("page_url"),
        sources=t.strings("sources"),
    )


def _edition(path: Path, data: dict[str, Any], fam: Family) -> Edition:
    t = _Table(path, data)
    t.keys(_EDITION_KEYS, _EDITION_OPTIONAL)
    ident = t.text("id", required=True, pattern=_ID, what="lower-case letters, digits and hyphens") or ""
    if path.stem != ident:
        raise t.fail("id", f"{ident!r} must be the file's name ({path.stem}.toml is named {path.stem!r}).")
    files_data = t.list("files")
    files = tuple(_file(path, f, i) for i, f in enumerate(files_data))
    _check_unique([(f.id, f"{path}: files[{i}].id") for i, f in enumerate(files)])
    related = tuple(_link(path, r, i) for i, r in enumerate(data.get("related", [])))
    sources = t.strings("sources")
    if not sources:
        raise t.fail("sources", "list at least one source for the facts in this file.")
    licence = t.text("licence", choices=LICENCES)
    return Edition(
        family=fam.id, id=ident,
        ref=ident if fam.default else f"{fam.prefix}:{ident}",
        kind=t.text("kind", required=True, choices=KINDS) or "edition",
        title=t.text("title", required=True) or "",
        aliases=t.strings("aliases", pattern=_ID, what="lower-case letters, digits and hyphens"),
        subtitle=t.text("subtitle"), publisher=t.text("publisher"), published=t.date("published"),
        replaces=t.text("replaces", pattern=_ID, what="the id of another edition"),
        page_url=t.url("page_url"), archived_pages=t.urls("archived_pages"),
        reference=t.text("reference"),
        isbn=t.text("isbn", pattern=_ISBN, what="an ISBN such as 978-1-84775-715-9"),
        pages=t.pages("pages"), licence=licence, attribution=t.text("attribution"),
        notes=t.text("notes"), sources=sources, files=files, related=related, path=path,
    )


def _file(path: Path, data: Any, index: int) -> FileEntry:
    where = f"files[{index}]."
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: files[{index}]: expected a table ([[files]]), got {_show(data)}.")
    t = _Table(path, data, where)
    t.keys(_FILE_KEYS)
    return FileEntry(
        id=t.text("id", required=True, pattern=_ID, what="lower-case letters, digits and hyphens") or "",
        format=t.text("format", required=True, choices=FILE_FORMATS) or "",
        title=t.text("title"), url=t.url("url"), archive_urls=t.urls("archive_urls"),
        issued=t.date("issued"),
        sha256=t.text("sha256", pattern=_SHA256, what="64 lower-case hexadecimal digits"),
        pages=t.pages("pages"), note=t.text("note"),
    )


def _link(path: Path, data: Any, index: int) -> Link:
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: related[{index}]: expected a table ([[related]]), got {_show(data)}.")
    t = _Table(path, data, f"related[{index}].")
    t.keys(_LINK_KEYS)
    url = t.url("url")
    if url is None:
        raise t.fail("url", "must not be empty.")
    return Link(title=t.text("title", required=True) or "", url=url)


def _check_unique(names: list[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for name, where in names:
        if name in seen:
            raise RegistryError(f"{where}: {name!r} is already used ({seen[name]}).")
        seen[name] = where


def _check_family(fam: Family, editions: list[Edition]) -> None:
    """Ids and aliases unique within the family; ``replaces`` names an edition of it."""
    _check_unique([(e.id, f"{e.path}: id") for e in editions] +
                  [(a, f"{e.path}: aliases") for e in editions for a in e.aliases])
    ids = {e.id for e in editions}
    for e in editions:
        if e.replaces is not None and e.replaces not in ids:
            raise RegistryError(f"{e.path}: replaces: {e.replaces!r} is not an edition of {fam.id} "
                                f"(known: {', '.join(sorted(ids))}).")
