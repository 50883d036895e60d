"""HTML for the tracking results: one self-contained page each, from ``templates/track/*.html.j2``.

The templates are rendered through one cached Jinja2 environment with
autoescaping and ``StrictUndefined``. The page has no script and makes no
request; its only style sheet (``templates/track/track.css``) is inlined and
allowed by its SHA-256 in the Content-Security-Policy. In blame, each edition
has a shade *and* an underline style, and every run of text starts with its
edition's label in visible text, so nothing depends on colour. Output is
deterministic.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from .jsonout import attribution
from .markdown import describe_event, excerpt, heading, labels, row_note, where

__all__ = ["PAGES", "SHADES", "environment", "render", "templates_dir"]

#: the result kinds with a template
PAGES = ("history", "blame", "locate", "concordance", "terms", "term_changes", "cite")
#: distinct shades (and underline styles) in the style sheet; editions beyond reuse them in turn
SHADES = 8


def templates_dir() -> Path:
    """The templates: inside the installed package, else the checkout's ``templates/``."""
    packaged = Path(str(resources.files("wtdiff") / "templates"))
    if (packaged / "track").is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "track")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(where=where, heading=heading, labels=labels, excerpt=excerpt,
                       describe_event=describe_event, row_note=row_note, SHADES=SHADES)
    return env


@lru_cache(maxsize=1)
def style() -> tuple[str, str]:
    """The style sheet and the Content-Security-Policy that allows exactly it."""
    css = (templates_dir() / "track" / "track.css").read_text("utf-8").strip()
    if "</" in css:
        raise ValueError("track.css must not contain '</'")
    css = f"\n{css}\n"
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; "
           "form-action 'none'")
    return css, csp


def render(page: str, result: Any) -> str:
    """The HTML page of ``result`` (a History, Blame, Located, Concordance, TermReport, TermChanges or CiteReport)."""
    if page not in PAGES:
        raise ValueError(f"no page {page!r}")
    css, csp = style()
    editions = result.editions if hasattr(result, "editions") else (result.old, result.new)
    shade = {e.label: i % SHADES for i, e in enumerate(editions)}
    return environment().get_template(f"{page}.html.j2").render(
        r=result, css=css, csp=csp, shade=shade, editions=editions, attribution=attribution(editions),
        generator=f"wtdiff {__version__}")
