"""What every command of :mod:`wtdiff.cli` shares: wtdiff's errors turned into one line and
an exit code (:func:`friendly`), output to a file or standard output (:func:`emit`), the
global options' registry, cache and network settings with the editions they load
(:class:`Settings`), and the progress bars on standard error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import WtdiffError
from ..fileio import write_atomic

if TYPE_CHECKING:
    from ..cache import Cache
    from ..fetch import FetchOptions
    from ..model import Document
    from ..registry import Edition, Registry

__all__ = ["TRACK_FORMATS", "ProgressBars", "ReadingBar", "Settings", "current_settings", "emit", "format_option",
           "friendly", "output_option"]

F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
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


def emit(text: str | bytes, output: Path | None) -> None:
    """Write ``text`` to the file ``output`` (atomically), else to standard output."""
    if output is None and isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    elif output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


class Settings:
    """The registry, cache and network options the global options ask for, built when first needed."""

    def __init__(self, registry: Path | None, cache_dir: Path | None, mirror: str | None,
                 timeout: float | None, *, quiet: bool = False, bars: bool = False) -> None:
        self._registry, self._cache_dir, self._mirror, self._timeout = registry, cache_dir, mirror, timeout
        self.bars, self.quiet = bars, quiet
        # downloads are announced in a line even off a terminal (they take a while), unless --quiet
        self.progress = ProgressBars(enabled=not quiet, bars=bars)

    @cached_property
    def registry(self) -> Registry:
        from .. import registry

        return registry.load(self._registry)

    @cached_property
    def cache(self) -> Cache:
        from ..cache import Cache

        return Cache(self._cache_dir)

    @cached_property
    def options(self) -> FetchOptions:
        from ..fetch import FetchOptions

        return FetchOptions.from_env(mirror=self._mirror, timeout=self._timeout)

    @contextmanager
    def status(self, line: str) -> Iterator[None]:
        """``line`` on standard error while the block runs (a terminal's progress bars only), then
        erased: a compare says it is comparing once its reading bar is full, not nothing for the
        seconds two long editions take."""
        if not self.bars:
            yield
            return
        sys.stderr.write(f"{line}…")
        sys.stderr.flush()
        try:
            yield
        finally:
            sys.stderr.write("\r\x1b[K")  # back to the line's start, and clear it
            sys.stderr.flush()

    def load(self, source: str, *, format: str | None = None) -> Document:
        """An edition from a path, a specimen or a registry id (fetched with a progress bar)."""
        return self.load_all([source], format=format)[0]

    def load_all(self, names: Sequence[str], *, format: str | None = None) -> list[Document]:
        """Editions as :meth:`load` reads one; those not in the parse cache read side by side."""
        from .. import sources

        reading = ReadingBar(" and ".join(Path(n).name for n in names)) if self.bars else None
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


class ReadingBar:
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


class ProgressBars:
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


def current_settings() -> Settings:
    """The settings the global options of this run ask for."""
    obj = click.get_current_context().find_root().obj
    settings: Settings = obj["settings"]
    return settings


#: the report formats of the tracking commands
TRACK_FORMATS = ("html", "md", "json")

format_option = click.option("-f", "--format", "fmt", type=click.Choice(TRACK_FORMATS),
                             help="Output format (default: from the -o file's extension, else md).")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                             help="Write to this file instead of standard output.")
