"""The duties register and its comparison as Markdown, HTML, CSV and JSON (``wtdiff duties -f``).

Every format groups by actor (a duty with several actors appears under each; the
CSV and JSON list each duty once with all its actors); within an actor, duties
keep reading order. Markdown redlines strike deletions through (``~~``) and
embolden insertions; HTML uses ``<del>``/``<ins>`` in the change log's page
shell; CSV is RFC 4180 with a byte-order mark, like ``compare -f csv``; JSON
follows ``schemas/duties.schema.json`` (``wtdiff/duties@1`` for a register,
``wtdiff/duty-changes@1`` for two compared). Same inputs, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .. import __version__
from ..report import licence
from ..report.markdown import _esc, wrap
from ..worddiff import Op
from .diff import KIND_TITLES, KINDS, DutyChange, RegisterDiff
from .extract import Duty, Place, Register
from .vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from ..model import Document

__all__ = ["FORMATS", "render_register", "render_diff", "report"]

FORMATS = ("md", "html", "csv", "json")



def _md_redline(ops: Iterable[Op]) -> str:
    return "".join(_esc(t) if op == "=" else wrap(t, "~~" if op == "-" else "**") for op, t in ops)


def _basis(d: Duty) -> str:
    return "; ".join(d.basis)


def _actor_names(d: Duty, vocab: Vocabulary) -> str:
    return "; ".join(vocab.name(a) for a in d.actors)


# --- one edition -------------------------------------------------------------------------------

def _counts(duties: Iterable[Duty]) -> str:
    found: dict[str, int] = {}
    for d in duties:
        found[d.strength or ""] = found.get(d.strength or "", 0) + 1
    return ", ".join(f"{n} {s}" for s, n in sorted(found.items(), key=lambda x: -x[1]))


def _register_md(r: Register, vocab: Vocabulary, audience: str | None) -> str:
    out = [f"# Duties: {_esc(r.title or r.source)}", ""]
    scope = f" that concern {vocab.audiences[audience].lower()} (`--for {audience}`)" if audience else ""
    out += [f"{len(r.duties)} duties{scope}: {_counts(r.duties)}. Source: {_esc(r.source)}.", ""]
    for actor, duties in r.by_actor().items():
        out += [f"## {_esc(vocab.name(actor))} ({len(duties)})", "",
                "| Place | Strength | Duty | Legal basis |", "|---|---|---|---|"]
        for d in duties:
            others = [vocab.name(a) for a in d.actors if a != actor]
            also = f" *(also: {_esc(', '.join(others))})*" if others else ""
            out.append(f"| {_esc(d.place.label)} | {d.strength} | {_esc(d.context)}{also} | {_esc(_basis(d))} |")
        out.append("")
    return "\n".join(out)


def _place_json(p: Place) -> dict[str, Any]:
    return {"block": p.block, "number": p.number, "item": p.item, "page": p.page, "page_label": p.page_label,
            "path": list(p.path), "label": p.label}


def _duty_json(d: Duty) -> dict[str, Any]:
    return {"id": d.id, "strength": d.strength, "form": d.form, "actors": list(d.actors), "action": d.action,
            "sentence": d.text, "context": d.context, "place": _place_json(d.place), "basis": list(d.basis)}


_REGISTER_COLUMNS = ("id", "paragraph", "item", "page", "section", "strength", "form", "actors", "actor_names",
                     "action", "sentence", "basis")


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def _register_rows(r: Register, vocab: Vocabulary) -> Iterable[dict[str, str]]:
    for d in r.duties:
        yield {"id": d.id, "paragraph": d.place.number or "", "item": d.place.item or "",
               "page": d.place.page_label or (str(d.place.page) if d.place.page else ""),
               "section": " › ".join(d.place.path), "strength": d.strength or "", "form": d.form or "",
               "actors": "; ".join(d.actors), "actor_names": _actor_names(d, vocab), "action": d.action,
               "sentence": d.context, "basis": _basis(d)}


def _dispatch(fmt: str, **makers: Callable[[], str]) -> str:
    """The output of the maker for ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in makers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return makers[fmt]()


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _page(template: str, **ctx: Any) -> str:
    from ..report.html import assets, environment

    a = assets()
    return environment().get_template(template).render(
        version=__version__, css=Markup(a.css), js=Markup(a.js), csp=Markup(a.csp), site=False, page=None, **ctx)


def render_register(r: Register, fmt: str, *, vocab: Vocabulary | None = None, audience: str | None = None) -> str:
    """The register ``r`` in ``fmt`` (one of :data:`FORMATS`)."""
    vocab = vocab or load_vocabulary()
    return _dispatch(
        fmt,
        md=lambda: _register_md(r, vocab, audience),
        json=lambda: _json({"schema": "wtdiff/duties@1", "generator": f"wtdiff {__version__}",
                            "title": r.title, "source": r.source, "audience": audience,
                            "actors": {a: vocab.name(a) for a in r.by_actor()},
                            "duties": [_duty_json(d) for d in r.duties]}),
        csv=lambda: _csv(_REGISTER_COLUMNS, _register_rows(r, vocab)),
        html=lambda: _page("duties.html.j2", r=r, d=None, vocab=vocab, audience=audience, counts=_counts(r.duties),
                           attribution=licence((r.edition,)), sources=[r.source]))


# --- two editions ------------------------------------------------------------------------------

def _where(c: DutyChange) -> str:
    if c.old is not None and c.new is not None and c.old.place.label != c.new.place.label:
        return f"{c.old.place.label} → {c.new.place.label}"
    return (c.new or c.old).place.label  # type: ignore[union-attr]


def _change_md(c: DutyChange, vocab: Vocabulary, actor: str) -> list[str]:
    head = f"- **{_esc(c.change)}** — {_esc(_where(c))}"
    extra = [k for k in c.kinds[1:]]
    if extra:
        head += f" *(also {', '.join(extra)})*"
    if "reassigned" in c.kinds and c.old is not None and c.new is not None:
        head += (f" — was {_esc(', '.join(vocab.name(a) for a in c.old.actors))}, now "
                 f"{_esc(', '.join(vocab.name(a) for a in c.new.actors))}")
    if c.diff is not None:
        body = _md_redline(c.diff)
    elif c.new is not None:
        body = _esc(c.new.context)
    else:
        body = _esc(c.old.context) if c.old else ""
    return [head, f"  {body}"]


def _diff_md(d: RegisterDiff, vocab: Vocabulary, audience: str | None) -> str:
    scope = f" that concern {vocab.audiences[audience].lower()} (`--for {audience}`)" if audience else ""
    counts = d.counts()
    out = [f"# Duties compared: {_esc(d.old.title or d.old.source)} → {_esc(d.new.title or d.new.source)}", "",
           f"{len(d.old.duties)} duties in the old edition, {len(d.new.duties)} in the new; "
           f"{len(d.changes)} changed{scope}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n) +
           f"; {d.unchanged} unchanged.", ""]
    for actor, changes in d.by_actor().items():
        out += [f"## {_esc(vocab.name(actor))} ({len(changes)})", ""]
        for kind in KINDS:
            these = [c for c in changes if c.kind == kind]
            if not these:
                continue
            out += [f"### {KIND_TITLES[kind]} ({len(these)})", ""]
            for c in these:
                out += _change_md(c, vocab, actor)
            out.append("")
    return "\n".join(out)


_DIFF_COLUMNS = ("kind", "kinds", "change", "actors", "actor_names", "old_id", "old_place", "old_strength",
                 "old_actors", "new_id", "new_place", "new_strength", "new_actors", "old_sentence", "new_sentence",
                 "basis")


def _diff_rows(d: RegisterDiff, vocab: Vocabulary) -> Iterable[dict[str, str]]:
    for c in d.changes:
        o, n = c.old, c.new
        yield {"kind": c.kind, "kinds": "; ".join(c.kinds), "change": c.change, "actors": "; ".join(c.actors),
               "actor_names": "; ".join(vocab.name(a) for a in c.actors),
               "old_id": o.id if o else "", "old_place": o.place.label if o else "",
               "old_strength": (o.strength or "") if o else "", "old_actors": "; ".join(o.actors) if o else "",
               "new_id": n.id if n else "", "new_place": n.place.label if n else "",
               "new_strength": (n.strength or "") if n else "", "new_actors": "; ".join(n.actors) if n else "",
               "old_sentence": o.context if o else "", "new_sentence": n.context if n else "",
               "basis": _basis(n or o)}  # type: ignore[arg-type]


def _change_json(c: DutyChange) -> dict[str, Any]:
    return {"kind": c.kind, "kinds": list(c.kinds), "change": c.change, "actors": list(c.actors),
            "old": _duty_json(c.old) if c.old else None, "new": _duty_json(c.new) if c.new else None,
            "diff": [list(op) for op in c.diff] if c.diff is not None else None}


def html_redline(ops: Iterable[Op]) -> Markup:
    """Word ops as ``<del>``/``<ins>`` HTML."""
    return Markup("".join(str(escape(t)) if op == "=" else
                          f"<{'del' if op == '-' else 'ins'}>{escape(t)}</{'del' if op == '-' else 'ins'}>"
                          for op, t in ops))


def render_diff(d: RegisterDiff, fmt: str, *, vocab: Vocabulary | None = None, audience: str | None = None) -> str:
    """The registers compared, in ``fmt`` (one of :data:`FORMATS`)."""
    vocab = vocab or load_vocabulary()
    return _dispatch(
        fmt,
        md=lambda: _diff_md(d, vocab, audience),
        json=lambda: _json({"schema": "wtdiff/duty-changes@1", "generator": f"wtdiff {__version__}",
                            "old": {"title": d.old.title, "source": d.old.source, "duties": len(d.old.duties)},
                            "new": {"title": d.new.title, "source": d.new.source, "duties": len(d.new.duties)},
                            "audience": audience, "counts": d.counts(), "unchanged": d.unchanged,
                            "actors": {a: vocab.name(a) for a in d.by_actor()},
                            "changes": [_change_json(c) for c in d.changes]}),
        csv=lambda: _csv(_DIFF_COLUMNS, _diff_rows(d, vocab)),
        html=lambda: _page("duties.html.j2", r=None, d=d, vocab=vocab, audience=audience, kinds=KINDS,
                           kind_titles=KIND_TITLES, where=_where, html_redline=html_redline,
                           attribution=licence((d.old.edition, d.new.edition)),
                           sources=[d.old.source, d.new.source]))


def report(old: Document, new: Document | None = None, *, fmt: str = "md", audience: str | None = None,
           actors: Path | None = None) -> tuple[str, int]:
    """The register of ``old`` (or, with ``new``, the two registers compared) in ``fmt``, only what
    concerns ``audience`` when given, with the vocabulary extended by the ``actors`` file; and the
    number of duties (or duty changes) listed."""
    from .audience import diff_for, register_for
    from .diff import compare_duties
    from .extract import extract
    from .vocabulary import load_vocabulary as load

    vocab = load(actors)
    if audience is not None:
        vocab.check_audience(audience)
    if new is None:
        r = extract(old, vocab)
        r = register_for(r, audience, vocab) if audience else r
        return render_register(r, fmt, vocab=vocab, audience=audience), len(r.duties)
    d = compare_duties(old, new, vocab)
    d = diff_for(d, audience, vocab) if audience else d
    return render_diff(d, fmt, vocab=vocab, audience=audience), len(d.changes)
