"""The self-contained HTML change log (one file: styles inline, no scripts, no requests).

Rendered from ``templates/report.html.j2`` through one cached Jinja2
environment with autoescaping and ``StrictUndefined``: every piece of
document text is escaped, and the Content-Security-Policy forbids scripts.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..comparison import Change, Comparison
from . import attribution
from .view import label, section_line, view, where

__all__ = ["render", "templates_dir"]


def templates_dir() -> Path:
    """The report templates: inside the installed package, else the checkout's ``templates/``."""
    packaged = Path(str(resources.files("wtdiff") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["redline"] = redline
    env.globals.update(label=label, where=where, section_line=section_line)
    return env


def redline(c: Change) -> Markup:
    """The change's text as HTML: ``<del>``/``<ins>`` with hidden words for screen readers."""
    def ins(text: str) -> str:
        return f'<ins><span class="vh">[inserted: </span>{escape(text)}<span class="vh">]</span></ins>'

    def dele(text: str) -> str:
        return f'<del><span class="vh">[deleted: </span>{escape(text)}<span class="vh">]</span></del>'

    if c.diff is None:
        return Markup(ins(c.new_text) if c.new else dele(c.old_text))
    parts = []
    for op, text in c.diff:
        parts.append(str(escape(text)) if op == "=" else dele(text) if op == "-" else ins(text))
    return Markup("".join(parts))


def render(c: Comparison) -> str:
    """The HTML report as a string."""
    return environment().get_template("report.html.j2").render(
        c=c, v=view(c), version=__version__, attribution=attribution(c),
    )
