"""The commands that track paragraphs across editions: ``history``, ``blame``, ``locate``,
``concordance``, ``cite`` and ``terms``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import catalogue
from ..errors import UsageError
from ..outputs import format_for, labelled_chain, track_output
from .support import TRACK_FORMATS, Settings, current_settings, emit, format_option, friendly, output_option

if TYPE_CHECKING:
    from ..track import Chain

__all__ = ["blame_cmd", "cite_cmd", "concordance_cmd", "history_cmd", "locate_cmd", "terms_cmd"]


def _chain(settings: Settings, refs: list[str]) -> Chain:
    """The editions ``refs``, loaded and chained (at least two)."""
    if len(refs) < 2:
        raise UsageError(f"{len(refs)} edition(s) to track; at least two are needed.",
                         hint="Give two or more editions, oldest first (ids, files or specimens).")
    return _editions(settings, refs)


def _editions(settings: Settings, refs: list[str]) -> Chain:
    """A chain of REFS, labelled as the user named registry editions (2018), else by file name."""
    return labelled_chain(refs, [settings.load(r) for r in refs])


@click.command("history")
@click.argument("editions", nargs=-1)
@format_option
@output_option
@friendly
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
    from .. import track

    settings = current_settings()
    refs = list(editions) or catalogue.series(settings)[0]
    result = track.history(_chain(settings, refs))
    emit(track_output(result, format_for(fmt, output)), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.lineages)} blocks traced over {len(refs)} editions, "
                   f"{len(result.removals)} removed.", err=True)


@click.command("blame")
@click.argument("edition")
@click.option("--chapter", metavar="N", help="Only this chapter or annex (its number, or the start of its title).")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An earlier edition to trace back through (repeat, oldest first; default: every "
                   "earlier edition of the registry).")
@format_option
@output_option
@friendly
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
    from .. import track

    settings = current_settings()
    refs, _, at = ([*via, edition], 0, len(via)) if via else catalogue.series(settings, last=edition)
    result = track.blame(_chain(settings, refs), at, chapter=chapter)
    emit(track_output(result, format_for(fmt, output)), output)


@click.command("locate")
@click.argument("edition")
@click.argument("paragraph")
@click.option("--in", "target", metavar="EDITION",
              help="The edition to look in (default: the newest edition of the registry).")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@format_option
@output_option
@friendly
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
    from .. import track

    settings = current_settings()
    if via:
        if target is None:
            raise UsageError("--via needs --in: the edition to look in.", hint="Add --in EDITION.")
        refs, start, end = [edition, *via, target], 0, len(via) + 1
    elif target is not None and not catalogue.both_ids(edition, target):
        refs, start, end = [edition, target], 0, 1
    else:
        refs, start, end = catalogue.series(settings, first=edition, last=target)
    result = track.locate(_chain(settings, refs), start, paragraph, target=end)
    emit(track_output(result, format_for(fmt, output)), output)


@click.command("concordance")
@click.argument("old")
@click.argument("new")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@click.option("-f", "--format", "fmt", type=click.Choice(("csv", *TRACK_FORMATS)),
              help="Output format (default: from the -o file's extension, else md).")
@output_option
@friendly
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
    from .. import track

    settings = current_settings()
    refs, start, end = catalogue.span(settings, old, new, via)
    result = track.concordance(_chain(settings, refs), start, end)
    emit(track_output(result, format_for(fmt, output, also=("csv",))), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.rows)} rows.", err=True)


@click.command("cite")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "old", required=True, metavar="EDITION",
              help="The edition the document cites (an id, a file or a specimen).")
@click.option("--to", "new", required=True, metavar="EDITION", help="The edition to cite instead.")
@click.option("--via", multiple=True, metavar="EDITION",
              help="An edition in between (repeat, in date order; default: the registry's editions in between).")
@click.option("-f", "--format", "fmt", type=click.Choice(("csv", *TRACK_FORMATS)),
              help="Report format (default: from the -o file's extension, else md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file; a .docx (for a Word FILE) is FILE itself with every "
                   "citation updated as a tracked change.")
@friendly
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
    from .. import cite

    settings = current_settings()
    refs, start, end = catalogue.span(settings, old, new, via)
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
    emit(track_output(result, format_for(fmt, output, also=("csv",))), output)
    if output is not None:
        click.echo(f"Wrote {output}: {len(result.items)} citations.", err=True)


@click.command("terms")
@click.argument("phrases", nargs=-1)
@click.option("-e", "--edition", "editions", multiple=True, metavar="EDITION",
              help="An edition to search (repeat, oldest first; default: every edition of the registry).")
@click.option("--changes", nargs=2, metavar="OLD NEW",
              help="List the term replacements mined between OLD and NEW instead.")
@format_option
@output_option
@friendly
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
    from .. import track

    settings = current_settings()
    if changes:
        if phrases:
            raise UsageError("give phrases or --changes, not both.")
        result: Any = track.term_changes(_chain(settings, list(changes)), 0, -1)
    else:
        if not phrases:
            raise UsageError("no phrases given.", hint='Try `wtdiff terms "Local Safeguarding Children Board"`.')
        result = track.terms(_editions(settings, list(editions) or catalogue.series(settings)[0]), phrases)
    emit(track_output(result, format_for(fmt, output)), output)
