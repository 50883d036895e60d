"""The registry's editions as the commands show and choose them.

* which editions ``wtdiff editions`` lists (:func:`select`), as a table
  (:func:`table`), as JSON (:func:`as_json`) or one by one in full (:func:`details`);
* what ``fetch`` and ``import`` say of the copy they got (:func:`fetched`, :func:`imported`);
* the editions a tracking command walks through: the registry's in date order between
  two of them (:func:`series`), or those the user named (:func:`span`).

Unknown facts are shown as ``-``. Nothing here prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .errors import UsageError, WtdiffError

if TYPE_CHECKING:
    from .cache import Cache, CachedFile
    from .fetch import FetchResult
    from .registry import Edition, Registry

__all__ = ["Places", "as_json", "both_ids", "details", "fetched", "imported", "select", "series", "span", "table"]


class Places(Protocol):
    """Where editions are known and kept: the registry and the cache, each opened when first
    asked for (a command that names only files needs neither)."""

    @property
    def registry(self) -> Registry: ...

    @property
    def cache(self) -> Cache: ...


def select(reg: Registry, refs: Sequence[str], family: str | None) -> list[Edition]:
    """The editions named by ``refs``, else those of ``family``, else all."""
    if refs:
        return [reg.resolve(r) for r in refs]
    if family:
        fam = reg.family(family)
        if fam is None:
            raise UsageError(f"--family {family}: no such family.",
                             hint=f"Known: {', '.join(f.prefix for f in reg.families)}.")
        return list(reg.in_family(fam.id))
    return list(reg.editions)


def as_json(chosen: Sequence[Edition], cache: Cache) -> str:
    """Everything the registry records of each edition, and whether it is cached."""
    items = []
    for e in chosen:
        item = e.to_dict()
        item["cached"] = cache.status(e)
        items.append(item)
    return json.dumps({"editions": items}, indent=2, ensure_ascii=False)


def table(chosen: Sequence[Edition], cache: Cache) -> str:
    """A table of id, publication date, pages, files, cache status and title, with a key."""
    rows = [(e.ref, e.published or "-", str(e.pages) if e.pages else "-", str(len(e.downloadable) or "-"),
             cache.status(e), _title(e)) for e in chosen]
    return (_table(("ID", "PUBLISHED", "PAGES", "FILES", "CACHED", "TITLE"), rows) + "\n"
            "\nFILES: official files with a known address ('-': get a copy and run `wtdiff import ID FILE`).\n"
            "Details, addresses and sources: `wtdiff editions ID`. Download: `wtdiff fetch ID`.")


def _title(e: Edition) -> str:
    if e.kind == "draft" and "draft" not in e.title.lower():
        return f"{e.title} (draft)"
    return f"{e.title} (update)" if e.kind == "update" else e.title


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    right = {2, 3}  # counts
    lines = []
    for r in [headers, *rows]:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def details(e: Edition, reg: Registry, cache: Cache) -> str:
    """Everything about one edition: its facts, its files and addresses, the copy in the cache,
    and the sources of the facts."""
    fam = next(f for f in reg.families if f.id == e.family)
    successors = [x.ref for x in reg.in_family(e.family) if x.replaces == e.id]
    replaces = reg.find(f"{e.family}:{e.replaces}") if e.replaces else None

    def v(value: object) -> str:
        return "-" if value in (None, "", ()) else str(value)

    lines = [f"{e.ref}: {e.title}"]
    if e.subtitle:
        lines.append(f"  {e.subtitle}")
    lines += [
        f"  family:      {fam.title} ({fam.id})",
        f"  kind:        {e.kind}",
        f"  aliases:     {v(', '.join(e.aliases))}",
        f"  published:   {v(e.published)}",
        f"  publisher:   {v(e.publisher)}",
        f"  replaces:    {v(replaces.ref if replaces else None)}",
        f"  replaced by: {v(', '.join(successors))}",
        f"  reference:   {v(e.reference)}",
        f"  ISBN:        {v(e.isbn)}",
        f"  pages:       {v(e.pages)}",
        f"  page:        {v(e.page_url)}",
    ]
    lines += [f"  archived:    {u}" for u in e.archived_pages]
    lines += [f"  licence:     {v(e.licence)}", f"  attribution: {v(e.attribution)}"]
    found = None
    try:
        found = cache.find(e)
    except WtdiffError as exc:
        lines.append(f"  cache:       damaged: {exc.message}")
    if found is not None:
        lines.append(f"  cached:      {found.path} ({found.record.method}, SHA-256 {found.record.sha256})")
    lines.append("  files:" if e.files else "  files:       - (none known)")
    for f in e.files:
        facts = ", ".join(x for x in (f.format, f"issued {f.issued}" if f.issued else "",
                                      f"{f.pages} pages" if f.pages else "") if x)
        lines.append(f"    {f.id} ({facts})")
        lines.append(f"      {f.url or '- (address not known)'}")
        lines += [f"      archive: {u}" for u in f.archive_urls]
        if f.sha256:
            lines.append(f"      SHA-256 {f.sha256}")
        if f.note:
            lines.append(f"      {f.note}")
    if e.related:
        lines.append("  published with:")
        lines += [f"    {r.title}: {r.url}" for r in e.related]
    if e.notes:
        lines.append(f"  notes:       {e.notes}")
    lines.append("  sources:")
    lines += [f"    {src}" for src in e.sources]
    return "\n".join(lines)


def fetched(e: Edition, got: FetchResult) -> str:
    """What ``fetch`` got for ``e``: a download, or the verified copy already in the cache."""
    rec = got.file.record
    if got.downloaded:
        return f"{e.ref}: downloaded {rec.origin} to {got.file.path} (SHA-256 {rec.sha256})."
    how = "imported from " + rec.origin if rec.method == "import" else "from " + rec.origin
    return f"{e.ref}: already in the cache, verified: {got.file.path} ({how})."


def imported(edition: Edition, file: Path, saved: CachedFile) -> tuple[list[str], list[str]]:
    """What ``import`` says of ``file``, saved as ``edition``: lines for the output (where it
    went; which official file it is) and notes (that it is none the registry knows)."""
    sha = saved.record.sha256
    out = [f"Imported {file} as the {edition.ref} edition: {saved.path} (SHA-256 {sha})."]
    known = [f for f in edition.files if f.sha256]
    match = next((f for f in known if f.sha256 == sha), None)
    if match is not None:
        out.append(f"It is the official file {match.id}{f' ({match.issued})' if match.issued else ''}.")
        return out, []
    if known:
        return out, ["Note: it is not any official file whose checksum the registry knows; it will be used as it is."]
    return out, []


def series(places: Places, *, first: str | None = None,
           last: str | None = None) -> tuple[list[str], int, int]:
    """The registry's editions in date order (no drafts; cached or downloadable) spanning FIRST and LAST,
    and the positions of FIRST and LAST in that list (the oldest and the newest when not given).

    FIRST and LAST must be registry ids; the family is theirs (default: Working Together).
    """
    from .sources import is_edition_ref

    reg = places.registry
    ends = [reg.resolve(r) if r and is_edition_ref(r) else None for r in (first, last)]
    for given, found in zip((first, last), ends):
        if given and found is None:
            raise UsageError(f"{given}: not an edition id, so wtdiff cannot tell which editions come before it.",
                             hint="Name the other editions with --via, oldest first.")
    family = next((e.family for e in ends if e is not None), reg.default_family.id)
    chosen = [e for e in reg.in_family(family)
              if e.kind != "draft" and (e.downloadable or places.cache.status(e) != "no")]
    chosen += [e for e in ends if e is not None and e not in chosen]  # a draft named on purpose
    chosen.sort(key=lambda e: (e.published or "", e.id))
    ids = [e.qualified_id for e in chosen]
    first_at = ids.index(ends[0].qualified_id) if ends[0] is not None else 0
    last_at = ids.index(ends[1].qualified_id) if ends[1] is not None else len(ids) - 1
    lo, hi = min(first_at, last_at), max(first_at, last_at)
    return [e.ref for e in chosen[lo:hi + 1]], first_at - lo, last_at - lo


def span(places: Places, old: str, new: str, via: Sequence[str]) -> tuple[list[str], int, int]:
    """The editions from OLD to NEW: with the --via editions, else the registry's in between (both ids)."""
    if via or not both_ids(old, new):
        return [old, *via, new], 0, len(via) + 1
    return series(places, first=old, last=new)


def both_ids(*refs: str) -> bool:
    """Whether every one of ``refs`` is a registry id (not a file or a specimen)."""
    from .sources import is_edition_ref

    return all(is_edition_ref(r) for r in refs)
