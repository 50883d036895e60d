"""The ``wtdiff`` command: a thin Click layer over the library.

Each command turns its arguments into one library call and the result into
output; errors become one line on standard error and the exit code of their
class (see :mod:`wtdiff.errors`), with the traceback only under ``--debug``.
What the commands write is made by the library (:mod:`wtdiff.outputs`,
:mod:`wtdiff.catalogue`); here are only the options and the printing.

The modules: :mod:`.support` (errors to exit codes, output, the global
settings, progress bars), :mod:`.documents` (``compare``, ``parse``,
``specimen``, ``duties``), :mod:`.editions` (``editions``, ``fetch``,
``import``, ``check``), :mod:`.track` (``history``, ``blame``, ``locate``,
``concordance``, ``cite``, ``terms``); ``eval`` and the group are here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from .documents import compare_cmd, duties_cmd, parse_cmd, specimen_cmd
from .editions import check_cmd, editions_cmd, fetch_cmd, import_cmd
from .support import Settings
from .track import blame_cmd, cite_cmd, concordance_cmd, history_cmd, locate_cmd, terms_cmd

__all__ = ["main", "run"]


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
    ctx.obj["settings"] = Settings(registry_dir, cache_dir, mirror, timeout, quiet=quiet,
                                   bars=not quiet and sys.stderr.isatty())


for _command in (compare_cmd, parse_cmd, specimen_cmd, duties_cmd, editions_cmd, fetch_cmd, import_cmd, check_cmd,
                 history_cmd, blame_cmd, locate_cmd, concordance_cmd, cite_cmd, terms_cmd):
    main.add_command(_command)


@main.command("eval", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_cmd(args: tuple[str, ...]) -> None:
    """Score the aligner on generated revisions with known truth (see `wtdiff eval --help`).

    Generates editions, applies seeded edit scripts that mirror real
    revisions, compares, and prints precision, recall and F1 of block
    pairing, moves, splits and merges, and term replacements; exits 1 when a
    target is missed. The same as `python -m wtdiff.eval`.
    """
    from ..eval.__main__ import main as eval_main

    raise SystemExit(eval_main(list(args)))


def run() -> None:  # pragma: no cover - console entry point alias
    main(prog_name="wtdiff")
