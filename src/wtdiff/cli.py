"""The ``wtdiff`` command: a thin Click layer over the library.

Each command turns its arguments into one library call and the result into
output; errors become one line on standard error and the exit code of their
class (see :mod:`wtdiff.errors`), with the traceback only under ``--debug``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, compare, parse
from .errors import EXIT_CHANGES, EXIT_USAGE, WtdiffError
from .fileio import write_atomic

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
        except Exception as exc:  # an internal fault: still no traceback by default
            if debug:
                raise
            click.echo(f"wtdiff: internal error: {type(exc).__name__}: {exc} "
                       "(run again with --debug and report it)", err=True)
            ctx.exit(1)

    return wrapper  # type: ignore[return-value]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="wtdiff")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Track how 'Working Together to Safeguard Children' changes between editions.

    Compare two editions (Markdown, text or GOV.UK HTML files, or the bundled
    specimens 'specimen-a' and 'specimen-b') and get a change report in
    HTML, Markdown or JSON.

    Exit codes: 0 success; 1 differences found (compare --check);
    2 usage error; 3 unreadable input; 4 network; 5 output could not be written.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "fmt", type=click.Choice(["html", "md", "json"]),
              help="Report format (default: from the -o file's extension, else md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--check", is_flag=True, help="Exit with status 1 when the editions differ.")
@_friendly
def compare_cmd(old: str, new: str, fmt: str | None, output: Path | None, check: bool) -> None:
    """Compare edition OLD with edition NEW and report what changed.

    OLD and NEW are files (.md, .txt, .html) or specimen names.

    \b
    Examples:
      wtdiff compare specimen-a specimen-b -o changes.html
      wtdiff compare wt-2018.html wt-2023.html --format json -o changes.json
    """
    if fmt is None:
        fmt = _REPORT_SUFFIXES.get(output.suffix.lower(), "md") if output else "md"
    result = compare(old, new)
    from .report import render

    _emit(render(result, fmt), output)
    if output is not None:
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
    """Read edition SOURCE and print its structure.

    \b
    Examples:
      wtdiff parse specimen-a --format xml
      wtdiff parse wt-2023.html --format json -o tree.json
    """
    doc = parse(source, format=input_format)
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


def run() -> None:  # pragma: no cover - console entry point alias
    main(prog_name="wtdiff")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog_name="wtdiff"))
