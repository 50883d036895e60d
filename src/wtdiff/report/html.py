"""The HTML change log: one self-contained file (or, with :mod:`.site`, one page per chapter).

Rendered from ``templates/report.html.j2`` (and ``templates/html/``) through one
cached Jinja2 environment with autoescaping and ``StrictUndefined``, so every
piece of document text is escaped. The page is styled with a subset of GOV.UK
Frontend (built from the npm package, vendored in ``assets/``) plus
``assets/report.css``, and enhanced by ``assets/report.js``: both are inlined,
and the Content-Security-Policy allows exactly those two inline blocks by their
SHA-256 hashes and nothing else (no requests, no other script, no plug-ins).
Without JavaScript every change is shown; the script adds next/previous,
filters and the side-by-side view. The charts are inline SVG laid out here.

Output is deterministic: the same comparison gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..annotations import Annotation
from ..comparison import Change, Comparison
from ..worddiff import Op
from . import attribution
from .amendments import Item, Places, draft, notes
from .duties import duties_part
from .places import remaining_places
from .view import (
    CATEGORIES,
    KINDS,
    ChapterMap,
    ChapterStat,
    View,
    is_editorial,
    label,
    section_line,
    view,
    where,
)

__all__ = ["Assets", "assets", "environment", "page_context", "render", "templates_dir"]


def templates_dir() -> Path:
    """The report templates: inside the installed package, else the checkout's ``templates/``."""
    packaged = Path(str(resources.files("wtdiff") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


# --- the inlined assets and the policy that allows exactly them ---------------------------


@dataclass(frozen=True)
class Assets:
    """The inlined style sheet and script, and the Content-Security-Policy naming their hashes."""

    css: str
    js: str
    csp: str


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def assets() -> Assets:
    folder = resources.files("wtdiff.report") / "assets"
    govuk = (folder / "govuk-frontend.min.css").read_text("utf-8").lstrip("\ufeff").strip()
    own = (folder / "report.css").read_text("utf-8").strip()
    js = (folder / "report.js").read_text("utf-8").strip()
    # The blocks go between <style>…</style> and <script>…</script> verbatim (the hash is of
    # exactly these characters), so they must not be able to close their element early.
    css = f"\n{govuk}\n{own}\n"
    js = f"\n{js}\n"
    if "</style" in css.lower() or "</script" in js.lower():
        raise ValueError("an inlined asset contains its own closing tag")
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(css)}'; "
           f"script-src '{_sha256(js)}'; "
           "base-uri 'none'; form-action 'none'")
    return Assets(css=css, js=js, csp=csp)


# --- Jinja ------------------------------------------------------------------------------


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
    env.filters["ops_redline"] = ops_html
    env.filters["num"] = lambda n: f"{n:,}"
    env.filters["remaining"] = lambda rule, doc: remaining_places(rule, doc) if rule.remaining else ""
    env.filters["plural"] = lambda n, word, many=None: f"{n:,} {word if n == 1 else (many or word + 's')}"
    env.globals.update(label=label, where=where, section_line=section_line, types=types,
                       filter_categories=filter_categories, is_editorial=is_editorial, tag_class=tag_class,
                       lower_first=lower_first)
    return env


def _vh(text: str) -> str:
    return f'<span class="vh">{text}</span>'


def redline(c: Change) -> Markup:
    """The change's text as HTML: ``<del>``/``<ins>`` with hidden words for screen readers."""
    if c.diff is None:
        return ops_html((("+", c.new_text),) if c.new else (("-", c.old_text),))
    return ops_html(c.diff)


def ops_html(ops: Iterable[Op]) -> Markup:
    """Word ops as HTML: ``<del>``/``<ins>`` with hidden words for screen readers."""
    def mark(tag: str, word: str, text: str) -> str:
        # White space at the ends stays outside the mark, so only words are highlighted.
        core = text.strip()
        if not core:
            return f"<{tag}>{_vh(f'[{word}: ')}{escape(text)}{_vh(']')}</{tag}>"
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        return f"{escape(lead)}<{tag}>{_vh(f'[{word}: ')}{escape(core)}{_vh(']')}</{tag}>{escape(trail)}"

    def ins(text: str) -> str:
        return mark("ins", "inserted", text)

    def dele(text: str) -> str:
        return mark("del", "deleted", text)

    return Markup("".join(str(escape(text)) if op == "=" else dele(text) if op == "-" else ins(text)
                          for op, text in ops))


def types(c: Change) -> list[str]:
    """The kinds of change a filter matches: the status, and "moved" when it moved."""
    out = [] if c.status == "unchanged" else [c.status]
    return out + ["moved"] if c.moved else out


def filter_categories(c: Change) -> list[str]:
    """The categories the category filter matches; "structure" for a change with none."""
    cats = [k for k in c.categories if k not in ("editorial", "layout")]
    return cats or ([] if c.categories else ["structure"])


_TAG = {"added": "green", "deleted": "red", "modified": "blue", "moved": "purple",
        "split": "orange", "merged": "orange", "renamed": "teal", "kept": "grey"}


def tag_class(status: str) -> str:
    """The GOV.UK tag colour for a kind of change (the tag's text says what it is)."""
    return f"govuk-tag govuk-tag--{_TAG.get(status, 'grey')}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- charts ----------------------------------------------------------------------------

def _f(x: float) -> str:
    """A coordinate, written the same way every time."""
    return f"{x:.1f}".removesuffix(".0")


def _wrap(text: str, width: int, lines: int = 3) -> list[str]:
    """``text`` broken into at most ``lines`` lines of about ``width`` characters."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(0, width - 1)].rstrip() + "…"
    return out or [""]


@dataclass(frozen=True)
class Bar:
    title: list[str]
    anchor: str
    y: str
    text_y: list[str]
    added_w: str
    deleted_x: str
    deleted_w: str
    value_x: str
    value: str
    value_y: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_x: int
    bar_x: int
    bar_h: int


def bar_chart(chapters: tuple[ChapterStat, ...], *, width: int = 880) -> BarChart:
    """Words inserted and deleted per chapter as horizontal stacked bars."""
    label_w, gap, value_w = 290, 12, 150
    bar_x = label_w + gap
    span = width - bar_x - value_w
    biggest = max((c.words_changed for c in chapters), default=0) or 1
    bars, y = [], 40
    line_h = 17
    for c in chapters:
        lines = _wrap(c.title, 36, 2)
        row_h = max(34, line_h * len(lines) + 10)
        a = span * c.words_added / biggest
        d = span * c.words_deleted / biggest
        mid = y + row_h / 2
        first = mid - (len(lines) - 1) * line_h / 2 + 5
        bars.append(Bar(
            title=lines, anchor=c.anchor, y=_f(mid - 11),
            text_y=[_f(first + k * line_h) for k in range(len(lines))],
            added_w=_f(a), deleted_x=_f(bar_x + a), deleted_w=_f(d),
            value_x=_f(bar_x + a + d + 8), value_y=_f(mid + 5),
            value=f"+{c.words_added:,} −{c.words_deleted:,}",
        ))
        y += row_h + 6
    return BarChart(width=width, height=int(y + 4), bars=bars, label_x=label_w, bar_x=bar_x, bar_h=22)


@dataclass(frozen=True)
class Node:
    title: list[str]
    note: list[str]
    status: str
    x: str
    y: str
    h: str
    text_y: list[str]
    note_y: list[str]
    loss_y: str
    loss_h: str


@dataclass(frozen=True)
class Ribbon:
    d: str
    kind: str
    words: int
    old: int
    new: int


@dataclass(frozen=True)
class MapChart:
    width: int
    height: int
    old: list[Node]
    new: list[Node]
    ribbons: list[Ribbon]
    left_label: int
    right_label: int


def map_chart(m: ChapterMap, *, width: int = 880) -> MapChart:
    """The alignment map laid out: chapters as bars on each side, text as ribbons between them.

    A chapter's bar is as tall as its words (with a floor that fits its
    label); its ribbons share the bar in proportion to their words, ordered by
    the chapter at the other end so that few cross. Deleted (left) and added
    (right) paragraphs are the hatched part at the foot of a bar.
    """
    label_w, node_w, top = 300, 14, 30
    xl, xr = label_w, width - label_w - node_w
    line_h, gap = 16, 14
    total = max(sum(c.words for c in m.old), sum(c.words for c in m.new), 1)
    n = max(len(m.old), len(m.new), 1)
    scale = 44 * n / total  # px per word: about 44 px for an average chapter

    def layout(chapters: tuple[Any, ...], x: int, anchor_right: bool, extra: tuple[int, ...]) -> list[Node]:
        nodes, y = [], float(top)
        for k, c in enumerate(chapters):
            lines = _wrap(c.title, 40, 3)
            note = _wrap(c.note, 42, 2) if c.note else []
            need = line_h * (len(lines) + len(note)) + 4
            h = max(c.words * scale, need, 6)
            first = y + 12
            loss = extra[k] / c.words * h if c.words else 0.0
            nodes.append(Node(
                title=lines, note=note, status=c.status,
                x=_f(x), y=_f(y), h=_f(h), text_y=[_f(first + i * line_h) for i in range(len(lines))],
                note_y=[_f(first + (len(lines) + i) * line_h) for i in range(len(note))], loss_y=_f(y + h - loss), loss_h=_f(loss),
            ))
            y += h + gap
        return nodes

    old = layout(m.old, xl, True, m.deleted)
    new = layout(m.new, xr, False, m.added)

    # Share each bar among its ribbons, in the order of the other end.
    def shares(nodes: list[Node], chapters: tuple[Any, ...], lost: tuple[int, ...], key: str) -> dict[int, float]:
        cursor = {k: float(node.y) for k, node in enumerate(nodes)}
        out: dict[int, float] = {}
        for idx, f in sorted(enumerate(m.flows), key=lambda t: (getattr(t[1], key),
                                                                 t[1].new if key == "old" else t[1].old)):
            k = getattr(f, key)
            words = f.old_words if key == "old" else f.new_words
            h = float(nodes[k].h) * words / chapters[k].words if chapters[k].words else 0.0
            out[idx] = cursor[k]
            cursor[k] += h
        return out

    left = shares(old, m.old, m.deleted, "old")
    right = shares(new, m.new, m.added, "new")
    x0, x1 = xl + node_w, xr
    xm = (x0 + x1) / 2
    ribbons = []
    for idx, f in enumerate(m.flows):
        h0 = float(old[f.old].h) * f.old_words / m.old[f.old].words if m.old[f.old].words else 0.0
        h1 = float(new[f.new].h) * f.new_words / m.new[f.new].words if m.new[f.new].words else 0.0
        a, b = left[idx], right[idx]
        d = (f"M{_f(x0)} {_f(a)}C{_f(xm)} {_f(a)} {_f(xm)} {_f(b)} {_f(x1)} {_f(b)}"
             f"V{_f(b + h1)}C{_f(xm)} {_f(b + h1)} {_f(xm)} {_f(a + h0)} {_f(x0)} {_f(a + h0)}Z")
        moved = f.kind == "moved" or m.old[f.old].status == "moved"
        ribbons.append(Ribbon(d=d, kind="moved" if moved else "kept", words=f.old_words, old=f.old, new=f.new))
    # Moved text on top, so a thin ribbon is not hidden under a wide one.
    ribbons.sort(key=lambda r: (r.kind == "moved", -r.words))
    bottom = max([float(x.y) + float(x.h) for x in old + new] + [top])
    return MapChart(width=width, height=int(bottom + 10), old=old, new=new, ribbons=ribbons,
                    left_label=xl - 10, right_label=xr + node_w + 10)


# --- rendering -------------------------------------------------------------------------

#: what each category means, for the summary's table
CATEGORY_NOTES = {
    "substantive": "Wording that changes what the guidance says",
    "obligation": "A duty made stronger or weaker: should, must, may",
    "legislation": "Acts, sections or regulations cited",
    "reference": "Links and references to other documents",
    "terminology": "A term replaced throughout",
    "editorial": "Wording, punctuation or style only",
    "layout": "The same words set differently (blocks split or joined, a footnote moved, a figure read in another order)",
}

_TYPE_NAMES = (("modified", "Modified"), ("added", "Added"), ("deleted", "Deleted"), ("moved", "Moved"),
               ("split", "Split"), ("merged", "Merged"))
_CATEGORY_NAMES = (("substantive", "Substantive"), ("obligation", "Obligation"), ("legislation", "Legislation"),
                   ("reference", "Reference"), ("terminology", "Terminology"),
                   ("structure", "Moved, split or merged only"))


@dataclass(frozen=True)
class FilterCounts:
    """How many listed changes each filter option matches (options matching none are left out)."""

    types: list[tuple[str, str, int]]
    categories: list[tuple[str, str, int]]
    editorial: int


def filter_counts(v: View) -> FilterCounts:
    entries = [e.change for g in v.groups for e in g.entries]
    def count(fn: Any, names: tuple[tuple[str, str], ...]) -> list[tuple[str, str, int]]:
        out = [(k, text, sum(1 for ch in entries if k in fn(ch))) for k, text in names]
        return [x for x in out if x[2]]
    return FilterCounts(types=count(types, _TYPE_NAMES), categories=count(filter_categories, _CATEGORY_NAMES),
                        editorial=sum(1 for ch in entries if is_editorial(ch)))



def page_context(c: Comparison, v: View | None = None) -> dict[str, Any]:
    """What every page of the report needs."""
    v = v or view(c)
    a = assets()
    listed = sum(len(g.entries) for g in v.groups)
    return {
        "c": c, "v": v, "version": __version__, "attribution": attribution(c),
        "css": Markup(a.css), "js": Markup(a.js), "csp": Markup(a.csp),
        "chart": bar_chart(v.chapters), "map": map_chart(v.map) if v.map else None,
        "listed": listed, "categories": CATEGORIES, "kinds": KINDS, "category_notes": CATEGORY_NOTES,
        "filter_counts": filter_counts(v),
        "specimen": all((d.edition or "").startswith("specimen") for d in (c.old, c.new)),
    }


@dataclass(frozen=True)
class Brief:
    """The drafted list of amendments as the one-file report shows it: each line with its
    place, linked to the change it tells (or to the terms, for a term replaced throughout)."""

    groups: list[tuple[str, list[tuple[Item, str, str | None]]]]
    notes: list[str]


def brief(c: Comparison, v: View, *, show_editorial: bool, annotations: Sequence[Annotation] = ()) -> Brief:
    d = draft(c, show_editorial=show_editorial, annotations=annotations)
    at = Places(d)
    listed = {e.change.id for g in v.groups for e in g.entries}
    ids = [ch.id for ch in c.changes]

    def href(item: Item) -> str | None:
        for ch in item.changes:
            if ch.id in listed:
                return f"#change-{ch.id}"
        if item.kind == "term":
            return "#terms"
        if not item.changes and 0 <= item.order < len(ids) and ids[item.order] in listed:
            return f"#change-{ids[item.order]}"
        return None

    groups = [(chapter, [(item, at(item), href(item)) for item in items]) for chapter, items in d.groups]
    return Brief(groups=groups, notes=[n.replace("`", "") for n in notes(d)])


def render(c: Comparison, *, show_editorial: bool = True, annotations: Sequence[Annotation] = ()) -> str:
    """The HTML report as a string: one self-contained page.

    ``show_editorial=False`` counts editorial changes instead of listing them;
    ``annotations`` correct the drafted list of amendments at the top.
    """
    v = view(c, show_editorial=show_editorial)
    ctx = page_context(c, v)
    return environment().get_template("report.html.j2").render(
        **ctx, site=False, page=None, index_href="", chapter_href=lambda s: f"#{s.anchor}",
        brief=brief(c, v, show_editorial=show_editorial, annotations=annotations),
        duties=duties_part(c, [e.change.id for g in v.groups for e in g.entries]))
