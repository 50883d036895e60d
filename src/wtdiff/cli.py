"""The ``wtdiff`` command: a thin Click layer over the library.

Each command turns its arguments into one library call and the result into
output; errors become one line on standard error and the exit code of their
class (see :mod:`wtdiff.errors`), with the traceback only under ``--debug``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__, compare
from .errors import EXIT_CHANGES, UsageError, WtdiffError
from .fileio import write_atomic

if TYPE_CHECKING:
    from .cache import Cache
    from .fetch import FetchOptions
    from .model import Document
    from .registry import Edition, Registry

F = TypeVar("F", bound=Callable[..., Any])

_REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def _friendly(fn: F) -> F:
    """Run a command, turning wtdiff's errors into one line and an exit code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.obj and ctx.obj.get("debug"))
        try:
            return fn(*args, **kwargs)
        except WtdiffError as exc:
            if debug:
                raise
            click.echo(f"wtdiff: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("wtdiff: interrupted; nothing was written.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader of our output went away (`wtdiff editions | head`): not an error
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            except OSError:
                pass
            ctx.exit(0)
        except Exception as exc:  # an internal fault: still no traceback by default
            if debug:
                raise
            click.echo(f"wtdiff: internal error: {type(exc).__name__}: {exc} "
                       "(run again with --debug and report it)", err=True)
            ctx.exit(1)

    return wrapper  # type: ignore[return-value]


def _emit(text: str | bytes, output: Path | None) -> None:
    if output is None and isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    elif output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


class _Settings:
    """The registry, cache and network options the global options ask for, built when first needed."""

    def __init__(self, registry: Path | None, cache_dir: Path | None, mirror: str | None,
                 timeout: float | None, *, quiet: bool = False, bars: bool = False) -> None:
        self._registry, self._cache_dir, self._mirror, self._timeout = registry, cache_dir, mirror, timeout
        self.bars, self.quiet = bars, quiet
        # downloads are announced in a line even off a terminal (they take a while), unless --quiet
        self.progress = _ProgressBars(enabled=not quiet, bars=bars)

    @cached_property
    def registry(self) -> Registry:
        from . import registry

        return registry.load(self._registry)

    @cached_property
    def cache(self) -> Cache:
        from .cache import Cache

        return Cache(self._cache_dir)

    @cached_property
    def options(self) -> FetchOptions:
        from .fetch import FetchOptions

        return FetchOptions.from_env(mirror=self._mirror, timeout=self._timeout)

    def load(self, source: str, *, format: str | None = None) -> Document:
        """An edition from a path, a specimen or a registry id (fetched with a progress bar)."""
        return self.load_all([source], format=format)[0]

    def load_all(self, names: Sequence[str], *, format: str | None = None) -> list[Document]:
        """Editions as :meth:`load` reads one; those not in the parse cache read side by side."""
        from . import sources

        reading = _ReadingBar(" and ".join(Path(n).name for n in names)) if self.bars else None
        refs = any(sources.is_edition_ref(n) for n in names)
        fetching: dict[str, Any] = dict(registry=self.registry, cache=self.cache, options=self.options,
                                        progress=self.progress) if refs else {}
        try:
            docs = sources.load_all(names, format=format, reading=reading, **fetching)
        finally:
            if refs:
                self.progress.close()
            if reading is not None:
                reading.close()
        if not self.quiet:
            for name, doc in zip(names, docs, strict=True):
                for remark in doc.remarks:
                    click.echo(f"wtdiff: note: {name}: {remark}", err=True)
        return docs


class _ReadingBar:
    """Pages read of a long file, as a click progress bar on standard error."""

    def __init__(self, source: str) -> None:
        self.label = f"Reading {Path(source).name}"
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total:  # served from the cache at once: no bar
                return
            self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.length = max(self._bar.length, total)
        self._bar.update(done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
        self._bar = None


class _ProgressBars:
    """A click progress bar on standard error per download (the library only calls back)."""

    def __init__(self, *, enabled: bool = True, bars: bool = True) -> None:
        self.enabled, self.bars = enabled, bars
        self._bar: Any = None
        self._key: str | None = None

    def __call__(self, edition: Edition, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if self._key != edition.qualified_id:
            self.close()
            self._key = edition.qualified_id
            label = f"Downloading the {edition.ref} edition"
            if not total or not self.bars:
                click.echo(f"{label}…", err=True)
                return
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr,
                                          show_pos=False, show_percent=True)
            self._bar.__enter__()
        if self._bar is not None:
            self._bar.update(done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
        self._bar = None
        self._key = None


def _settings() -> _Settings:
    obj = click.get_current_context().find_root().obj
    settings: _Settings = obj["settings"]
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="wtdiff")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.option("--registry", "registry_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Read the edition registry from DIR instead of the one shipped with wtdiff "
                   "(also WTDIFF_REGISTRY).")
@click.option("--mirror", metavar="URL",
              help="Download official files from this mirror instead of their official addresses: "
                   "URL/<host>/<path> (also WTDIFF_MIRROR).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Keep downloaded editions in DIR (also WTDIFF_CACHE_DIR; default: your user cache folder).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Give up on a silent server after this long (also WTDIFF_TIMEOUT; default 30).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars (they are shown only on a terminal anyway).")
@click.pass_context
def main(ctx: click.Context, debug: bool, registry_dir: Path | None, mirror: str | None,
         cache_dir: Path | None, timeout: float | None, quiet: bool) -> None:
    """Track how 'Working Together to Safeguard Children' changes between editions.

    Compare two editions — official ones by id (2018, 2023, kcsie:2024:
    see `wtdiff editions`), fetched from GOV.UK and cached; PDF, Word, HTML,
    Markdown or text files; or the bundled specimens 'specimen-a' and
    'specimen-b' — and get a change report in HTML, Markdown or JSON.

    Exit codes: 0 success; 1 differences found (compare --check, check);
    2 usage error; 3 unreadable input; 4 network; 5 output or cache could not be written.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["settings"] = _Settings(registry_dir, cache_dir, mirror, timeout, quiet=quiet,
                                    bars=not quiet and sys.stderr.isatty())


@main.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "fmt",
              type=click.Choice(["html", "md", "json", "site", "amendments", "table", "annex", "csv", "docx"]),
              help="Report format (default: from the -o file's extension, else md); "
                   "'site' writes a folder (-o DIR): index.html and a page per chapter; "
                   "'amendments' drafts the list of amendments and 'table' (or 'annex') the table of "
                   "changes and reasons, both in Markdown; 'csv' lists every change for spreadsheets; "
                   "'docx' is the new edition as a Word document with the changes tracked and commented.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to this file (with --format site, this folder) instead of standard output.")
@click.option("--check", is_flag=True, help="Exit with status 1 when the editions differ.")
@click.option("--show-editorial", is_flag=True,
              help="List editorial changes (punctuation, case, spelling, numbering) too; by default they are "
                   "only counted.")
@click.option("--annotations", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A YAML file of corrections to the drafted lines (reasons, wording, lines to hide), "
                   "for --format amendments, table, csv or html; with docx, the reasons go in the comments.")
@click.option("--for", "audience", metavar="AUDIENCE",
              help="Only the paragraphs that concern this audience (schools, police, health, local-authority, "
                   "vcse, justice, housing, government): those whose duties or words name its actors, and "
                   "those in sections addressed to it.")
@_friendly
def compare_cmd(old: str, new: str, fmt: str | None, output: Path | None, check: bool, show_editorial: bool,
                annotations: Path | None, audience: str | None) -> None:
    """Compare edition OLD with edition NEW and report what changed.

    OLD and NEW are edition ids (see `wtdiff editions`; downloaded and
    cached on first use), files (.md, .txt, .html) or specimen names.

    \b
    Examples:
      wtdiff compare 2018 2023 -o changes.html
      wtdiff compare kcsie:2024 kcsie:2025
      wtdiff compare specimen-a specimen-b -o changes.html
      wtdiff compare wt-2018.html wt-2023.html --format json -o changes.json
      wtdiff compare 2018 2023 --format amendments -o amendments.md
      wtdiff compare 2018 2023 --format table --annotations reasons.yaml
      wtdiff compare 2018 2023 --format docx -o changes.docx
      wtdiff compare kcsie:2024 kcsie:2025 --for schools
    """
    if fmt is None:
        fmt = {**_REPORT_SUFFIXES, ".csv": "csv", ".docx": "docx"}.get(output.suffix.lower(), "md") if output else "md"
    if fmt == "site" and output is None:
        raise UsageError("--format site writes a folder of pages.", hint="Name the folder with -o DIR.")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a Word file, not text for the terminal.",
                         hint="Name the file with -o changes.docx.")
    from .annotations import Annotation
    from .report import SUMMARY_FORMATS

    notes: tuple[Annotation, ...] = ()
    if annotations is not None:
        if fmt not in SUMMARY_FORMATS:
            raise UsageError(f"--annotations does not apply to --format {fmt}.",
                             hint="Use it with --format amendments, table, csv, html or docx.")
        from .annotations import load

        notes = load(annotations)
    settings = _settings()
    result = compare(*settings.load_all([old, new]))
    if audience is not None:
        from .duties.audience import comparison_for

        result = comparison_for(result, audience)
    if fmt == "site":
        from .report.site import write_site

        assert output is not None
        pages = write_site(result, output)
        click.echo(f"Wrote {len(pages)} pages to {output}; open {output / 'index.html'}.", err=True)
    elif fmt == "docx":
        from .report import render_bytes

        _emit(render_bytes(result, fmt, annotations=notes), output)
    else:
        from .report import render

        _emit(render(result, fmt, show_editorial=show_editorial, annotations=notes), output)
        if notes:
            from .report.amendments import draft

            for unused in draft(result, show_editorial=show_editorial, annotations=notes).unmatched:
                click.echo(f"wtdiff: note: {unused.where}: this annotation matches no line.", err=True)
    if output is not None and fmt != "site":
        s = result.summary
        click.echo(
            f"Wrote {output}: {s['modified']} modified, {s['added']} added, {s['deleted']} deleted, "
            f"{s['moved']} moved, {s['split']} split, {s['merged']} merged; "
            f"{len(result.terms)} term replacement(s).", err=True)
    if check and result.has_changes:
        click.get_current_context().exit(EXIT_CHANGES)


@main.command("parse")
@click.argument("source")
@click.option("-f", "--format", "fmt", type=click.Choice(["xml", "json", "text"]), default="text",
              show_default=True, help="xml: the document tree; json: the same as JSON; "
              "text: the tree written back as Markdown.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--input-format", type=click.Choice(["markdown", "text", "html"]),
              help="Read SOURCE with this reader (default: from the extension or content).")
@_friendly
def parse_cmd(source: str, fmt: str, output: Path | None, input_format: str | None) -> None:
    """Read edition SOURCE (an edition id, a file or a specimen) and print its structure.

    \b
    Examples:
      wtdiff parse specimen-a --format xml
      wtdiff parse 2023 --format json -o tree.json
      wtdiff parse wt-2023.html --format json -o tree.json
    """
    doc = _settings().load(source, format=input_format)
    if fmt == "xml":
        from .xmlio import to_xml

        data = to_xml(doc)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomic(output, data)
        return
    from .export import to_json, to_markdown

    _emit(to_json(doc) if fmt == "json" else to_markdown(doc), output)


@main.command("specimen")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_friendly
def specimen_cmd(directory: Path) -> None:
    """Copy the bundled specimen editions into DIRECTORY, to read or edit.

    The specimens are fictional texts written by the wtdiff project in the
    style of statutory guidance; they are not official guidance.
    """
    from .sources import SPECIMENS, specimen_path

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .errors import OutputError

        raise OutputError(f"{directory}: cannot create the folder ({exc.strerror}).") from exc
    for name in SPECIMENS:
        src = specimen_path(name)
        write_atomic(directory / src.name, src.read_bytes())
        click.echo(str(directory / src.name))

@main.command("duties")
@click.argument("edition")
@click.argument("new", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["md", "html", "csv", "json"]),
              help="Output format (default: from the -o file's extension, else md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--for", "audience", metavar="AUDIENCE",
              help="Only what concerns this audience: schools, police, health, local-authority, vcse, justice, "
                   "housing, government (or one an --actors file adds).")
@click.option("--actors", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A TOML file of further actors (and audiences) in the form of the built-in vocabulary.")
@_friendly
def duties_cmd(edition: str, new: str | None, fmt: str | None, output: Path | None, audience: str | None,
               actors: Path | None) -> None:
    """List who must, should or may do what in EDITION; with NEW, what changed for whom.

    Each duty comes with its actors, strength (must, must not, should,
    should not, will, may), action, place (paragraph, list item, page) and
    the legislation cited for it. With two editions: duties added, removed,
    strengthened, weakened, reversed, given to another actor, reworded and
    moved, grouped by actor.

    \b
    Examples:
      wtdiff duties 2023 -o duties.html
      wtdiff duties kcsie:2024 kcsie:2025 --for schools
      wtdiff duties specimen-a specimen-b -f csv -o duty-changes.csv
    """
    from .duties.render import report

    if fmt is None:
        fmt = {**_REPORT_SUFFIXES, ".csv": "csv"}.get(output.suffix.lower(), "md") if output else "md"
    settings = _settings()
    old_doc = settings.load(edition)
    new_doc = settings.load(new) if new is not None else None
    text, count = report(old_doc, new_doc, fmt=fmt, audience=audience, actors=actors)
    _emit(text, output)
    if output is not None:
        what = "duty change(s)" if new is not None else "duties"
        click.echo(f"Wrote {output}: {count} {what}.", err=True)


# -- the edition registry and the download cache ---------------------------------------------------

@main.command("editions")
@click.argument("refs", nargs=-1)
@click.option("--family", metavar="NAME", help="Only the editions of this family (wt, kcsie).")
@click.option("--json", "as_json", is_flag=True, help="Print everything the registry records, as JSON.")
@_friendly
def editions_cmd(refs: tuple[str, ...], family: str | None, as_json: bool) -> None:
    """List the official editions wtdiff knows, or show everything about some of them.

    Without REFS: a table of id, publication date, pages, whether a copy is
    in the cache, and title. With REFS (ids such as 2018 or kcsie:2024): the
    edition's details, its files and addresses, and the sources of the facts.
    Unknown facts are shown as "-".

    \b
    Examples:
      wtdiff editions
      wtdiff editions 2023 kcsie:2024
      wtdiff editions --family kcsie --json
    """
    settings = _settings()
    reg = settings.registry
    if refs:
        chosen = [reg.resolve(r) for r in refs]
    elif family:
        fam = reg.family(family)
        if fam is None:
            from .errors import UsageError

            raise UsageError(f"--family {family}: no such family.",
                             hint=f"Known: {', '.join(f.prefix for f in reg.families)}.")
        chosen = list(reg.in_family(fam.id))
    else:
        chosen = list(reg.editions)
    cache = settings.cache
    if as_json:
        items = []
        for e in chosen:
            item = e.to_dict()
            item["cached"] = cache.status(e)
            items.append(item)
        click.echo(json.dumps({"editions": items}, indent=2, ensure_ascii=False))
        return
    if refs:
        click.echo("\n\n".join(_details(e, reg, cache) for e in chosen))
        return
    rows = [(e.ref, e.published or "-", str(e.pages) if e.pages else "-", str(len(e.downloadable) or "-"),
             cache.status(e), _title(e)) for e in chosen]
    click.echo(_table(("ID", "PUBLISHED", "PAGES", "FILES", "CACHED", "TITLE"), rows))
    click.echo("\nFILES: official files with a known address ('-': get a copy and run `wtdiff import ID FILE`).\n"
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


def _details(e: Edition, reg: Registry, cache: Cache) -> str:
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


@main.command("fetch")
@click.argument("refs", nargs=-1, required=True)
@click.option("--force", is_flag=True,
              help="Download again even when a copy is cached, and forget the other copies "
                   "(an imported one too).")
@_friendly
def fetch_cmd(refs: tuple[str, ...], force: bool) -> None:
    """Download official editions into the cache (if not there already) and verify them.

    Each file's SHA-256 is recorded when it first arrives and checked every
    time it is used; a download never leaves a partial file behind. Behind a
    proxy or offline, see --mirror and `wtdiff import`.

    \b
    Examples:
      wtdiff fetch 2018 2023
      wtdiff --mirror https://intranet.example/wtdiff fetch kcsie:2025
    """
    from . import fetch

    settings = _settings()
    editions = [settings.registry.resolve(r) for r in refs]
    for e in editions:
        try:
            got = fetch.ensure(e, cache=settings.cache, options=settings.options,
                               progress=settings.progress, force=force)
        finally:
            settings.progress.close()
        rec = got.file.record
        if got.downloaded:
            click.echo(f"{e.ref}: downloaded {rec.origin} to {got.file.path} (SHA-256 {rec.sha256}).")
        else:
            how = "imported from " + rec.origin if rec.method == "import" else "from " + rec.origin
            click.echo(f"{e.ref}: already in the cache, verified: {got.file.path} ({how}).")


@main.command("import")
@click.argument("ref")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_friendly
def import_cmd(ref: str, file: Path) -> None:
    """Register FILE, a copy you already have, as edition REF (for machines that cannot reach GOV.UK).

    The file is copied into the cache with its SHA-256 and used in place of a
    download from then on (`wtdiff fetch --force REF` goes back to the
    official file).

    \b
    Example:
      wtdiff import 2018 ./Working_Together_to_Safeguard-Children.pdf
      wtdiff compare 2018 2023
    """
    settings = _settings()
    edition = settings.registry.resolve(ref)
    saved = settings.cache.import_file(edition, file, lock_timeout=settings.options.lock_timeout)
    sha = saved.record.sha256
    click.echo(f"Imported {file} as the {edition.ref} edition: {saved.path} (SHA-256 {sha}).")
    known = [f for f in edition.files if f.sha256]
    match = next((f for f in known if f.sha256 == sha), None)
    if match is not None:
        click.echo(f"It is the official file {match.id}{f' ({match.issued})' if match.issued else ''}.")
    elif known:
        click.echo("Note: it is not any official file whose checksum the registry knows; it will be used as it is.",
                   err=True)


@main.command("check")
@click.argument("family", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@_friendly
def check_cmd(family: str | None, as_json: bool) -> None:
    """Ask GOV.UK for documents the registry does not know: a new edition or a corrected re-issue.

    Reads the family's publication page (default: Working Together) through
    the GOV.UK Content API and lists every document whose address is not in
    the registry. Exit status: 0 nothing new, 1 something new, 4 GOV.UK
    could not be reached — so it can run on a schedule.

    \b
    Examples:
      wtdiff check
      wtdiff check --json
    """
    from . import govuk
    from .errors import UsageError

    settings = _settings()
    reg = settings.registry
    fam = reg.family(family) if family else reg.default_family
    if fam is None:
        raise UsageError(f"{family}: no such family.", hint=f"Known: {', '.join(f.prefix for f in reg.families)}.")
    report = govuk.check(reg, fam, options=settings.options)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        updated = f" (last updated {report.public_updated_at})" if report.public_updated_at else ""
        count = f"{len(report.documents)} document(s)"
        state = f"{len(report.new)} not in the registry" if report.new else "all in the registry"
        click.echo(f"{report.page_url}{updated}: {count}, {state}.")
        if report.latest_note:
            click.echo(f"Latest change ({report.latest_note_at or 'undated'}): {report.latest_note}")
        for d in report.new:
            facts = ", ".join(x for x in (d.content_type or d.kind or "", f"{d.pages} pages" if d.pages else "")
                              if x)
            click.echo(f"new: {d.title} <{d.url}>" + (f" ({facts})" if facts else ""))
    if report.new:
        click.get_current_context().exit(EXIT_CHANGES)


# -- tracking paragraphs across editions -----------------------------------------------------------

_TRACK_FORMATS = ("html", "md", "json")


def _track_format(fmt: str | None, output: Path | None, *, csv: bool = False) -> str:
    """The format asked for, else the -o file's extension, else Markdown."""
    if fmt is not None:
        return fmt
    suffixes = {**_REPORT_SUFFIXES, **({".csv": "csv"} if csv else {})}
    return suffixes.get(output.suffix.lower(), "md") if output else "md"


def _render_track(result: Any, fmt: str) -> str:
    if fmt == "csv":
        return str(result.to_csv())
    return str({"html": result.to_html, "md": result.to_markdown, "json": result.to_json}[fmt]())


def _series(settings: _Settings, *, first: str | None = None,
            last: str | None = None) -> tuple[list[str], int, int]:
    """The registry's editions in date order (no drafts; cached or downloadable) spanning FIRST and LAST,
    and the positions of FIRST and LAST in that list (the oldest and the newest when not given).

    FIRST and LAST must be registry ids; the family is theirs (default: Working Together).
    """
    from .sources import is_edition_ref

    reg = settings.registry
    ends = [reg.resolve(r) if r and is_edition_ref(r) else None for r in (first, last)]
    for given, found in zip((first, last), ends):
        if given and found is None:
            raise UsageError(f"{given}: not an edition id, so wtdiff cannot tell which editions come before it.",
                             hint="Name the other editions with --via, oldest first.")
    family = next((e.family for e in ends if e is not None), reg.default_family.id)
    chosen = [e for e in reg.in_family(family)
              if e.kind != "draft" and (e.downloadable or settings.cache.status(e) != "no")]
    chosen += [e for e in ends if e is not None and e not in chosen]  # a draft named on purpose
    chosen.sort(key=lambda e: (e.published or "", e.id))
    ids = [e.qualified_id for e in chosen]
    first_at = ids.index(ends[0].qualified_id) if ends[0] is not None else 0
    last_at = ids.index(ends[1].qualified_id) if ends[1] is not None else len(ids) - 1
    lo, hi = min(first_at, last_at), max(first_at, last_at)
    return [e.ref for e in chosen[lo:hi + 1]], first_at - lo, last_at - lo


def _chain(settings: _Settings, refs: list[str]) -> Any:
    if len(refs) < 2:
        raise UsageError(f"{len(refs)} edition(s) to track; at least two are needed.",
                         hint="Give two or more editions, oldest first (ids, files or specimens).")
    return _editions(settings, refs)


def _editions(settings: _Settings, refs: list[str]) -> Any:
    """A chain of REFS, labelled as the user named registry editions (2018), else by file name."""
    from .sources import is_edition_ref
    from .track import Chain
    from .track.refs import edition_label

    docs = [settings.load(r) for r in refs]
    return Chain(docs, labels=[r if is_edition_ref(r) else edition_label(d) for r, d in zip(refs, docs)])


_format_option = click.option("-f", "--format", "fmt", type=click.Choice(_TRACK_FORMATS),
                              help="Output format (default: from the -o file's extension, else md).")
_output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                              help="Write to this file instead of standard output.")


@main.command("history")
@click.argument("editions", nargs=-1)
@_format_option
@_output_option
@_friendly
def history_cmd(editions: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Where every paragraph of the newest edition came from, and what became of the others.

    EDITIONS, oldest first, are edition ids, files or specimens; by default,
    every edition of Working Together that is cached or can be downloaded,
    in date order. For each block of the newest edition: the edition it
    first appeared in, each later edition that changed or moved it, and its
    number in every edition; for each block removed along the way: the
    edition that removed it and its closest successor.

    \b
    Examples:
      wtdiff history -o history.html
      wtdiff history 2013 2018 2023 --format json -o history.json
      wtdiff history specimen-a specimen-b
    """
    from . import track

    settings = _settings()
    refs = list(editions) or _series(settings)[0]
    result = track.history(_chain(settings, refs))
    _emit(_render_track(result, _track_format(fmt, output)), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.lineages)} blocks traced over {len(refs)} editions, "
                   f"{len(result.removals)} removed.", err=True)


@main.command("blame")
@click.argument("edition")
@click.option("--chapter", metavar="N", help="Only this chapter or annex (its number, or the start of its title).")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An earlier edition to trace back through (repeat, oldest first; default: every "
                   "earlier edition of the registry).")
@_format_option
@_output_option
@_friendly
def blame_cmd(edition: str, chapter: str | None, via: tuple[str, ...], fmt: str | None,
              output: Path | None) -> None:
    """Mark each run of text of EDITION with the edition in which it first appeared.

    The HTML view shades text by edition, with a legend; every run also
    starts with its edition's label, so nothing depends on colour.

    \b
    Examples:
      wtdiff blame 2023 --chapter 3 -o blame.html
      wtdiff blame specimen-b --via specimen-a
      wtdiff blame wt-2023.html --via wt-2013.html --via wt-2018.html
    """
    from . import track

    settings = _settings()
    refs, _, at = ([*via, edition], 0, len(via)) if via else _series(settings, last=edition)
    result = track.blame(_chain(settings, refs), at, chapter=chapter)
    _emit(_render_track(result, _track_format(fmt, output)), output)


@main.command("locate")
@click.argument("edition")
@click.argument("paragraph")
@click.option("--in", "target", metavar="EDITION",
              help="The edition to look in (default: the newest edition of the registry).")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@_format_option
@_output_option
@_friendly
def locate_cmd(edition: str, paragraph: str, target: str | None, via: tuple[str, ...], fmt: str | None,
               output: Path | None) -> None:
    """Where PARAGRAPH of EDITION went: through every edition in between, to the newest one.

    PARAGRAPH is a number as printed (16, or 3.16 for chapter 3 where
    numbering restarts by chapter), a label such as "16 (item 2)", or a
    quoted phrase from the text. The answer names the matching block(s)
    with number, page, heading and similarity — or the edition that removed
    it, with its closest successor.

    \b
    Examples:
      wtdiff locate 2018 3.16 --in 2026
      wtdiff locate 2018 "Local Safeguarding Children Board" --in 2023
      wtdiff locate specimen-a 16 --in specimen-b
    """
    from . import track

    settings = _settings()
    if via:
        if target is None:
            raise UsageError("--via needs --in: the edition to look in.", hint="Add --in EDITION.")
        refs, start, end = [edition, *via, target], 0, len(via) + 1
    elif target is not None and not _both_ids(edition, target):
        refs, start, end = [edition, target], 0, 1
    else:
        refs, start, end = _series(settings, first=edition, last=target)
    result = track.locate(_chain(settings, refs), start, paragraph, target=end)
    _emit(_render_track(result, _track_format(fmt, output)), output)


def _span(settings: _Settings, old: str, new: str, via: tuple[str, ...]) -> tuple[list[str], int, int]:
    """The editions from OLD to NEW: with the --via editions, else the registry's in between (both ids)."""
    if via or not _both_ids(old, new):
        return [old, *via, new], 0, len(via) + 1
    return _series(settings, first=old, last=new)


def _both_ids(*refs: str) -> bool:
    from .sources import is_edition_ref

    return all(is_edition_ref(r) for r in refs)


@main.command("concordance")
@click.argument("old")
@click.argument("new")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@click.option("-f", "--format", "fmt", type=click.Choice(("csv", *_TRACK_FORMATS)),
              help="Output format (default: from the -o file's extension, else md).")
@_output_option
@_friendly
def concordance_cmd(old: str, new: str, via: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """The old-number → new-number table: every paragraph of OLD and what it is in NEW.

    One row per block of OLD (paragraphs, and list items, table rows and
    definitions by their paragraph: "16 (item 2)"), with its status —
    unchanged, modified, moved, split, merged or removed — and similarity.
    Use it to update citations in local procedures.

    \b
    Examples:
      wtdiff concordance 2018 2023 -o concordance.csv
      wtdiff concordance specimen-a specimen-b --format csv
    """
    from . import track

    settings = _settings()
    refs, start, end = _span(settings, old, new, via)
    result = track.concordance(_chain(settings, refs), start, end)
    _emit(_render_track(result, _track_format(fmt, output, csv=True)), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.rows)} rows.", err=True)


@main.command("cite")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "old", required=True, metavar="EDITION",
              help="The edition the document cites (an id, a file or a specimen).")
@click.option("--to", "new", required=True, metavar="EDITION", help="The edition to cite instead.")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@click.option("-f", "--format", "fmt", type=click.Choice(("csv", *_TRACK_FORMATS)),
              help="Report format (default: from the -o file's extension, else md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file; a .docx (for a Word FILE) is FILE itself with every "
                   "citation updated as a tracked change.")
@_friendly
def cite_cmd(file: Path, old: str, new: str, via: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Find every citation of the guidance in FILE and say what each one cites in the new edition.

    FILE is your own document (DOCX, PDF, HTML, Markdown or text): a
    procedure, policy or course notes citing "Working Together 2018,
    paragraph 31", "paras 40–45 of Working Together", "KCSIE 2024 paragraph
    135", "Annex B" … For each citation: the new number(s), and whether the
    cited text is unchanged, changed (with its redline), moved, split,
    merged or removed (with its closest successor). A citation naming
    another year than --from is still mapped, and marked.

    \b
    Examples:
      wtdiff cite procedure.docx --from 2018 --to 2023
      wtdiff cite policy.pdf --from kcsie-2024 --to kcsie-2025 -o citations.csv
      wtdiff cite procedure.docx --from 2018 --to 2023 -o procedure-2023.docx
    """
    from . import cite

    settings = _settings()
    refs, start, end = _span(settings, old, new, via)
    document = cite.read_user_document(file)
    result = cite.cite(document, _chain(settings, refs), start, end)
    if output is not None and output.suffix.lower() == ".docx" and fmt is None:
        if document.format != "docx":
            raise UsageError(f"{file} is not a Word document, so it cannot be written back as {output}.",
                             hint="Give a report file instead (-o citations.md, .html, .csv or .json).")
        changed = cite.update_docx(file, result, output)
        click.echo(f"Wrote {output}: {changed} of {len(result.items)} citations updated as tracked changes.",
                   err=True)
        return
    _emit(_render_track(result, _track_format(fmt, output, csv=True)), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.items)} citations.", err=True)


@main.command("terms")
@click.argument("phrases", nargs=-1)
@click.option("-e", "--edition", "editions", multiple=True, metavar="EDITION",
              help="An edition to search (repeat, oldest first; default: every edition of the registry).")
@click.option("--changes", nargs=2, metavar="OLD NEW",
              help="List the term replacements mined between OLD and NEW instead.")
@_format_option
@_output_option
@_friendly
def terms_cmd(phrases: tuple[str, ...], editions: tuple[str, ...], changes: tuple[str, str] | None,
              fmt: str | None, output: Path | None) -> None:
    """How often each of PHRASES occurs in every edition, and where; or the term replacements.

    Case, typography and a plural on the last word are ignored. With
    --changes OLD NEW: the names replaced consistently between the two
    editions ("Clinical Commissioning Groups → Integrated Care Boards"), with
    the paragraphs of NEW where the old name remains.

    \b
    Examples:
      wtdiff terms "Local Safeguarding Children Board" "safeguarding partners"
      wtdiff terms --changes 2018 2023
      wtdiff terms "Clinical Commissioning Group" -e specimen-a -e specimen-b
    """
    from . import track

    settings = _settings()
    if changes:
        if phrases:
            raise UsageError("give phrases or --changes, not both.")
        result: Any = track.term_changes(_chain(settings, list(changes)), 0, -1)
    else:
        if not phrases:
            raise UsageError("no phrases given.", hint='Try `wtdiff terms "Local Safeguarding Children Board"`.')
        result = track.terms(_editions(settings, list(editions) or _series(settings)[0]), phrases)
    _emit(_render_track(result, _track_format(fmt, output)), output)


@main.command("eval", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_cmd(args: tuple[str, ...]) -> None:
    """Score the aligner on generated revisions with known truth (see `wtdiff eval --help`).

    Generates editions, applies seeded edit scripts that mirror real
    revisions, compares, and prints precision, recall and F1 of block
    pairing, moves, splits and merges, and term replacements; exits 1 when a
    target is missed. The same as `python -m wtdiff.eval`.
    """
    from .eval.__main__ import main as eval_main

    raise SystemExit(eval_main(list(args)))


def run() -> None:  # pragma: no cover - console entry point alias
    main(prog_name="wtdiff")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog_name="wtdiff"))
