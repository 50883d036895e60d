"""The commands on the edition registry and the download cache: list the ``editions``,
``fetch`` them, ``import`` a copy, ``check`` GOV.UK for new ones."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import catalogue
from ..errors import EXIT_CHANGES, UsageError
from .support import current_settings, friendly

__all__ = ["check_cmd", "editions_cmd", "fetch_cmd", "import_cmd"]


@click.command("editions")
@click.argument("refs", nargs=-1)
@click.option("--family", metavar="NAME", help="Only the editions of this family (wt, kcsie).")
@click.option("--json", "as_json", is_flag=True, help="Print everything the registry records, as JSON.")
@friendly
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
    settings = current_settings()
    chosen = catalogue.select(settings.registry, refs, family)
    cache = settings.cache
    if as_json:
        click.echo(catalogue.as_json(chosen, cache))
    elif refs:
        click.echo("\n\n".join(catalogue.details(e, settings.registry, cache) for e in chosen))
    else:
        click.echo(catalogue.table(chosen, cache))


@click.command("fetch")
@click.argument("refs", nargs=-1, required=True)
@click.option("--force", is_flag=True,
              help="Download again even when a copy is cached, and forget the other copies "
                   "(an imported one too).")
@friendly
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
    from .. import fetch

    settings = current_settings()
    editions = [settings.registry.resolve(r) for r in refs]
    for e in editions:
        try:
            got = fetch.ensure(e, cache=settings.cache, options=settings.options,
                               progress=settings.progress, force=force)
        finally:
            settings.progress.close()
        click.echo(catalogue.fetched(e, got))


@click.command("import")
@click.argument("ref")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly
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
    settings = current_settings()
    edition = settings.registry.resolve(ref)
    saved = settings.cache.import_file(edition, file, lock_timeout=settings.options.lock_timeout)
    said, notes = catalogue.imported(edition, file, saved)
    for line in said:
        click.echo(line)
    for line in notes:
        click.echo(line, err=True)


@click.command("check")
@click.argument("family", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@friendly
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
    from .. import govuk

    settings = current_settings()
    reg = settings.registry
    fam = reg.family(family) if family else reg.default_family
    if fam is None:
        raise UsageError(f"{family}: no such family.", hint=f"Known: {', '.join(f.prefix for f in reg.families)}.")
    report = govuk.check(reg, fam, options=settings.options)
    click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if as_json else "\n".join(report.to_lines()))
    if report.new:
        click.get_current_context().exit(EXIT_CHANGES)
