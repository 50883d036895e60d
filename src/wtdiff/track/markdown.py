"""Markdown (and the concordance's CSV) for the tracking results.

Blocks are shown by citation label, page and heading path; long texts are
cut to an excerpt. In blame, each run of text starts with its edition in
code marks — `` `[2013]` and partners`` — so the provenance reads without colour.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .jsonout import attribution
from .refs import EditionInfo, Ref

if TYPE_CHECKING:
    from .blame import Blame
    from .lineage import Event, History, Lineage
    from .locate import Concordance, Located, Location, Row
    from .terms import TermChanges, TermReport

__all__ = [
    "blame_md",
    "concordance_csv",
    "concordance_md",
    "describe_event",
    "history_md",
    "located_md",
    "row_note",
    "term_changes_md",
    "terms_md",
    "where",
]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
EXCERPT = 160


def esc(text: str) -> str:
    """Text with Markdown's special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def excerpt(text: str, size: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def where(r: Ref, *, page: bool = True) -> str:
    """``16`` or ``16 (p. 37)``: the citation label, and the page when known."""
    p = r.page_label or (str(r.page) if r.page else None)
    return f"{r.label} (p. {p})" if page and p else r.label


def labels(refs: Iterable[Ref]) -> str:
    return ", ".join(where(r) for r in refs) or "—"


def heading(r: Ref) -> str:
    return " › ".join(r.path) or "(before the first heading)"


def _editions(eds: tuple[EditionInfo, ...]) -> list[str]:
    out = ["| edition | title | source |", "|---|---|---|"]
    out += [f"| {esc(e.label)} | {esc(e.title)} | {esc(e.source)} |" for e in eds]
    return out


def _foot(eds: Iterable[EditionInfo]) -> list[str]:
    return ["", "---", "", esc(attribution(eds)), ""]


def describe_event(e: Event) -> str:
    """One event in words: "2018: split into 3.16, 3.17 (0.94)"."""
    what = {"added": "added", "modified": "modified", "unchanged": "", "split": "split into",
            "merged": "merged from", "restored": "restored"}.get(e.status, e.status)
    if e.status == "split":
        what += " " + labels(e.new)
    elif e.status == "merged":
        what += " " + labels(e.old)
    elif e.status == "restored":
        what += f" (removed in {e.removed_in}; last in {e.old[0].edition} as {labels(e.old)})"
    elif e.status == "added":
        what += f" as {labels(e.new)}"
    parts = [what] if what else []
    if e.moved:
        parts.append(f"moved (was {labels(e.old)} under {heading(e.old[0])})" if e.old else "moved")
    if e.status not in ("added", "unchanged"):
        parts.append(f"similarity {e.similarity:.2f}")
    return f"{e.edition}: " + ", ".join(parts)


def _age(x: Lineage) -> str:
    return f"{x.origin} or earlier" if x.since_first else x.origin


def history_md(h: History) -> str:
    newest = h.editions[-1].label
    out = [f"# History of {esc(h.editions[-1].title)}", "",
           f"{len(h.editions)} editions, oldest first: " + " → ".join(esc(e.label) for e in h.editions) + ".", ""]
    out += _editions(h.editions)
    keys = list(h.steps[0].counts) if h.steps else []
    out += ["", "## Edition by edition", "", "| from | to | " + " | ".join(keys) + " |",
            "|---|---|" + "---:|" * len(keys)]
    out += [f"| {esc(s.old)} | {esc(s.new)} | " + " | ".join(str(s.counts[k]) for k in keys) + " |"
            for s in h.steps]
    out += ["", f"## Every block of {esc(newest)}", "",
            ("First appearance, then each edition that changed or moved it (or what it came from), "
             "then its citation in every edition that had it."), ""]
    chapter = None
    for x in h.lineages:
        top = x.block.path[0] if x.block.path else "(before the first heading)"
        if top != chapter:
            chapter = top
            out += ["", f"### {esc(top)}", ""]
        line = f"- **{esc(where(x.block))}** — first in {esc(_age(x))}"
        if x.events and not (len(x.events) == 1 and x.events[0].status == "added"):
            line += "; " + "; ".join(esc(describe_event(e)) for e in x.events if e.status != "added")
        line += ". Cited as: " + " · ".join(f"{esc(ed)} {esc(', '.join(ls))}" for ed, ls in x.numbers)
        out += [line, f"  > {esc(excerpt(x.block.text))}"]
    out += ["", "## Removed", ""]
    if not h.removals:
        out.append("Nothing was removed for good.")
    else:
        out += [("| removed in | was | first in | closest successor there | similarity | "
                 f"that successor in {esc(newest)} | text |"), "|---|---|---|---|---:|---|---|"]
        for r in h.removals:
            first = f"{r.origin} or earlier" if r.since_first else r.origin
            succ = where(r.successor) if r.successor else "none"
            out.append(f"| {esc(r.removed_in)} | {esc(r.block.edition)} {esc(where(r.block))} | {esc(first)} | "
                       f"{esc(succ)} | {r.similarity:.2f} | {esc(labels(r.now))} | {esc(excerpt(r.block.text, 90))} |")
    return "\n".join(out + _foot(h.editions))


def blame_md(b: Blame) -> str:
    scope = f", chapter {b.chapter}" if b.chapter else ""
    first = b.editions[0].label
    out = [f"# Blame: {esc(b.edition)}{esc(scope)}", "",
           f"Each run of text starts with the edition it first appeared in, in code marks: `[{first}]`.", ""]
    words = b.words
    total = sum(words.values()) or 1
    out += ["| edition | words | share |", "|---|---:|---:|"]
    out += [f"| {esc(e)} | {n} | {100 * n / total:.1f}% |" for e, n in words.items()]
    out.append("")
    chapter = None
    for x in b.blocks:
        top = x.block.path[0] if x.block.path else "(before the first heading)"
        if top != chapter:
            chapter = top
            out += [f"## {esc(top)}", ""]
        runs = " ".join(f"`[{r.edition}]` {esc(r.text)}" for r in x.runs if r.text.strip())
        out += [f"**{esc(where(x.block))}** {runs}", ""]
    return "\n".join(out + _foot(b.editions)[1:])


def _location_md(loc: Location) -> list[str]:
    s = loc.start
    out = [f"## {esc(s.edition)} {esc(where(s))} — {esc(heading(s))}", "", f"> {esc(excerpt(s.text, 400))}", ""]
    if loc.hops:
        out += ["| edition | what happened | where | heading | similarity to the start |", "|---|---|---|---|---:|"]
        for hop in loc.hops:
            what = hop.status + (", moved" if hop.moved else "") + (", renumbered" if hop.renumbered else "")
            place = labels(hop.blocks) if hop.blocks else "—"
            head = heading(hop.blocks[0]) if hop.blocks else "—"
            out.append(f"| {esc(hop.edition)} | {esc(what)} | {esc(place)} | {esc(head)} | {hop.similarity:.2f} |")
        out.append("")
    if loc.found:
        out.append(f"**In {esc(loc.target)}: {esc(labels(loc.found))}** — {esc(heading(loc.found[0]))}, "
                   f"similarity {loc.similarity:.2f}.")
    else:
        line = (f"**Removed in {esc(loc.removed_in or '?')}.**" if loc.forward else
                f"**Not in {esc(loc.removed_in or '?')}: added after it.**")
        if loc.successor:
            kin = "successor" if loc.forward else "predecessor"
            line += (f" Closest {kin} there: {esc(where(loc.successor))} ({esc(heading(loc.successor))}), "
                     f"similarity {loc.successor_similarity:.2f}")
            if loc.successor_found and loc.successor.edition != loc.target:
                line += f"; in {esc(loc.target)}: {esc(labels(loc.successor_found))}"
            line += "."
        else:
            line += " No block there is like it."
        out.append(line)
    return out + [""]


def located_md(x: Located) -> str:
    query = f"“{x.query}”" if x.by == "phrase" else x.query
    out = [f"# Where {esc(x.edition)} {esc(query)} is in {esc(x.target)}", "",
           f"Matched by {x.by}: {len(x.locations)} block(s).", ""]
    for loc in x.locations:
        out += _location_md(loc)
    return "\n".join(out + _foot(x.editions)[1:])


def row_note(r: Row) -> str:
    """The concordance's note: successor of a removed block, merge partners, restorations."""
    notes = []
    if r.status in ("removed", "added"):
        notes.append(f"removed in {r.removed_in}" if r.status == "removed" else f"added in {r.added_in}")
        if r.successor:
            kin = "successor" if r.status == "removed" else "predecessor"
            notes.append(f"closest {kin} {where(r.successor)} (similarity {r.successor_similarity:.2f})")
    if r.merged_with:
        notes.append("merged with " + ", ".join(x.label for x in r.merged_with))
    notes += [f"removed in {x.split('→')[0]}, restored in {x.split('→')[1]}" for x in r.restored]
    return "; ".join(notes)


def concordance_md(c: Concordance) -> str:
    via = f" (through {esc(', '.join(c.via))})" if c.via else ""
    counts: dict[str, int] = {}
    for r in c.rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    out = [f"# Concordance: {esc(c.old.label)} → {esc(c.new.label)}{via}", "",
           ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + ".", "",
           f"| {esc(c.old.label)} | kind | status | {esc(c.new.label)} | similarity | heading now | note |",
           "|---|---|---|---|---:|---|---|"]
    for r in c.rows:
        head = heading(r.new[0]) if r.new else ""
        out.append(f"| {esc(where(r.old))} | {r.old.kind} | {r.status} | {esc(labels(r.new))} | "
                   f"{r.similarity:.2f} | {esc(head)} | {esc(row_note(r))} |")
    return "\n".join(out + _foot((c.old, c.new)))


CSV_COLUMNS = ("old", "new", "status", "similarity", "renumbered", "kind", "old_page", "new_page",
               "old_heading", "new_heading", "note", "old_id", "new_id")


def concordance_csv(c: Concordance) -> str:
    """One row per block of the old edition; several new blocks are joined by "; "."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in c.rows:
        w.writerow([
            r.old.label, "; ".join(x.label for x in r.new), r.status, f"{r.similarity:.4f}",
            "yes" if r.renumbered else "no", r.old.kind,
            r.old.page_label or r.old.page or "", "; ".join(str(x.page_label or x.page or "") for x in r.new),
            " > ".join(r.old.path), " > ".join(r.new[0].path) if r.new else "", row_note(r),
            r.old.id, "; ".join(x.id for x in r.new)])
    return buf.getvalue()


def terms_md(t: TermReport) -> str:
    labels_ = [e.label for e in t.editions]
    out = ["# Terms across editions", "", "| term | " + " | ".join(esc(x) for x in labels_) + " | came | went |",
           "|---|" + "---:|" * len(labels_) + "---|---|"]
    for u in t.terms:
        out.append(f"| {esc(u.phrase)} | " + " | ".join(str(e.count) for e in u.editions)
                   + f" | {esc(', '.join(u.came)) or '—'} | {esc(', '.join(u.went)) or '—'} |")
    for u in t.terms:
        out += ["", f"## {esc(u.phrase)}", ""]
        for e in u.editions:
            places = ", ".join(where(p.block) + (f" ×{p.count}" if p.count > 1 else "") for p in e.places)
            out.append(f"- **{esc(e.edition)}** ({e.count}): {esc(places) or 'not found'}")
    return "\n".join(out + _foot(t.editions))


def term_changes_md(t: TermChanges) -> str:
    out = ["# Term replacements", ""]
    for s in t.steps:
        out += [f"## {esc(s.old)} → {esc(s.new)}", ""]
        if not s.rules:
            out += ["No phrase was replaced consistently.", ""]
            continue
        out += ["| old | new | places | old name remains in |", "|---|---|---:|---|"]
        for r, left in zip(s.rules, s.remaining or [()] * len(s.rules)):
            places = f"{r.count} of {r.total}" if r.remaining else str(r.count)
            out.append(f"| {esc(r.old)} | {esc(r.new)} | {places} | {esc(labels(left))} |")
        out.append("")
    return "\n".join(out + _foot(t.editions)[1:])
