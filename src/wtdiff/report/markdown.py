"""The Markdown change report: summary, term rules, sections, then the changes by chapter.

Deleted words are ~~struck through~~ and inserted words **in bold**, so the
report reads correctly without colour and in plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import re

from .. import __version__
from ..comparison import Change, Comparison
from . import attribution, own_changes_note
from .places import term_extent
from .view import section_line, view

__all__ = ["render"]

_SPECIAL = re.compile(r"([\\`*_~<>\[\]|#])")


def _esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def wrap(text: str, mark: str, esc: Callable[[str], str] = _esc) -> str:
    """Mark up ``text`` keeping its outer white space outside the markers (``esc`` escapes the rest)."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{esc(core)}{mark}{trail}"


def redline(c: Change) -> str:
    """The change's text with deletions struck through and insertions in bold."""
    if c.diff is None:
        return wrap(c.new_text, "**") if c.new else wrap(c.old_text, "~~")
    out = []
    for op, text in c.diff:
        out.append(_esc(text) if op == "=" else wrap(text, "~~" if op == "-" else "**"))
    return "".join(out)


def render(c: Comparison, *, show_editorial: bool = True) -> str:
    """The report; ``show_editorial=False`` counts editorial changes instead of listing them."""
    v = view(c, show_editorial=show_editorial)
    lines = [
        f"# What changed: {c.old.title or c.old.source} → {c.new.title or c.new.source}",
        "",
        f"- Old edition: {_esc(c.old.title)} ({_esc(c.old.source)})",
        f"- New edition: {_esc(c.new.title)} ({_esc(c.new.source)})",
        "",
        "Deleted words are ~~struck through~~; inserted words are **in bold**.",
        "",
        "## Summary",
        "",
        "| Blocks | Count |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {n} |" for name, n in v.counts]
    s = c.summary
    lines += [f"| Words added | {s['words_added']} |", f"| Words deleted | {s['words_deleted']} |", ""]
    if c.terms:
        lines += ["## Terms replaced throughout", ""]
        lines += [f"- “{_esc(t.old)}” → “{_esc(t.new)}” ({_esc(term_extent(t, c.new))})" for t in c.terms]
        if v.hidden_terminology:
            lines += ["", f"{v.hidden_terminology} paragraph(s) changed only by these replacements "
                          "are not listed again below."]
        lines.append("")
    if v.sections:
        lines += ["## Headings", ""]
        lines += [f"- {_esc(section_line(x))}" for x in v.sections]
        lines.append("")
    lines += ["## Changes", ""]
    own = own_changes_note(c)
    if own:
        lines += [_esc(own), ""]
    if v.hidden_editorial:
        n = v.hidden_editorial
        lines += [f"{n} editorial change{'s' if n != 1 else ''} (punctuation, case, spelling or numbering only) "
                  f"{'is' if n == 1 else 'are'} not listed; `--show-editorial` lists them.", ""]
    if not v.groups:
        lines += ["No changes.", ""]
    for g in v.groups:
        lines += [f"### {_esc(g.title)}", ""]
        for e in g.entries:
            cats = f" · {', '.join(e.change.categories)}" if e.change.categories else ""
            lines += [f"#### {_esc(e.title)} — {e.status_text}{cats}", ""]
            if e.context:
                lines += [f"*{_esc(e.context)}*", ""]
            lines += [redline(e.change), ""]
            if e.links:
                lines += [f"- {_esc(x)}" for x in e.links] + [""]
            for o in e.change.obligations:
                lines += [f"- Obligation {o.direction}: {o.old or '(none)'} → {o.new or '(none)'}"]
            if e.change.obligations:
                lines.append("")
    lines += ["---", "", f"Made by wtdiff {__version__}. {_esc(attribution(c))}", ""]
    return "\n".join(lines)
