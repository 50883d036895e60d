"""The commands on documents: ``compare`` two editions, ``parse`` one, copy the ``specimen``
editions, list the ``duties`` of one or what changed in them between two."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import compare
from ..errors import EXIT_CHANGES, UsageError
from ..outputs import annotations_for, comparison_output, document_output, format_for, summary
from .support import current_settings, emit, friendly

__all__ = ["compare_cmd", "duties_cmd", "parse_cmd", "specimen_cmd"]


@click.command("compare")
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
@friendly
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
    fmt = format_for(fmt, output, also=("csv", "docx"))
    if fmt == "site" and output is None:
        raise UsageError("--format site writes a folder of pages.", hint="Name the folder with -o DIR.")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a Word file, not text for the terminal.",
                         hint="Name the file with -o changes.docx.")
    notes = annotations_for(annotations, fmt)
    settings = current_settings()
    editions = settings.load_all([old, new])
    with settings.status(f"Comparing {Path(old).name} with {Path(new).name}"):
        made = comparison_output(compare(*editions), fmt, audience=audience, show_editorial=show_editorial,
                                 annotations=notes, folder=output)
    if made.data is None:  # a site, written
        assert output is not None
        click.echo(f"Wrote {len(made.pages)} pages to {output}; open {output / 'index.html'}.", err=True)
    else:
        emit(made.data, output)
        for note in made.notes:
            click.echo(f"wtdiff: note: {note}", err=True)
    if output is not None and fmt != "site":
        click.echo(f"Wrote {output}: {summary(made.result)}", err=True)
    if check and made.result.has_changes:
        click.get_current_context().exit(EXIT_CHANGES)


@click.command("parse")
@click.argument("source")
@click.option("-f", "--format", "fmt", type=click.Choice(["xml", "json", "text"]), default="text",
              show_default=True, help="xml: the document tree; json: the same as JSON; "
              "text: the tree written back as Markdown.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--input-format", type=click.Choice(["markdown", "text", "html"]),
              help="Read SOURCE with this reader (default: from the extension or content).")
@friendly
def parse_cmd(source: str, fmt: str, output: Path | None, input_format: str | None) -> None:
    """Read edition SOURCE (an edition id, a file or a specimen) and print its structure.

    \b
    Examples:
      wtdiff parse specimen-a --format xml
      wtdiff parse 2023 --format json -o tree.json
      wtdiff parse wt-2023.html --format json -o tree.json
    """
    emit(document_output(current_settings().load(source, format=input_format), fmt), output)


@click.command("specimen")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@friendly
def specimen_cmd(directory: Path) -> None:
    """Copy the bundled specimen editions into DIRECTORY, to read or edit.

    The specimens are fictional texts written by the wtdiff project in the
    style of statutory guidance; they are not official guidance.
    """
    from ..sources import copy_specimens

    for path in copy_specimens(directory):
        click.echo(str(path))


@click.command("duties")
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
@friendly
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
    from ..duties.render import report

    fmt = format_for(fmt, output, also=("csv",))
    settings = current_settings()
    old_doc = settings.load(edition)
    new_doc = settings.load(new) if new is not None else None
    text, count = report(old_doc, new_doc, fmt=fmt, audience=audience, actors=actors)
    emit(text, output)
    if output is not None:
        what = "duty change(s)" if new is not None else "duties"
        click.echo(f"Wrote {output}: {count} {what}.", err=True)
