"""The citation report as Markdown, CSV and JSON (``wtdiff/cite@1``); HTML is ``templates/track/cite.html.j2``.

One row per citation found, in document order: where it is (the paragraph
of the user's document), the citation as written, the edition it names,
what it cites now (the suggested wording) and what happened to the cited
text, in a sentence (:func:`describe`) that the Word comments reuse. The
Markdown report then gives the redline of every cited text that changed
(deleted words ~~struck through~~, inserted **in bold**).
"""

from __future__ import annotations

from ..report.markdown import wrap

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from ..track.jsonout import _head, attribution, ref_dict
from ..track.markdown import esc, excerpt

if TYPE_CHECKING:
    from ..track.refs import Ref
    from .mapping import Cited, CiteReport, Outcome

__all__ = ["CSV_COLUMNS", "cite_csv", "cite_dict", "cite_md", "describe", "redline_md"]

GUIDANCE = {"wt": "Working Together", "kcsie": "Keeping Children Safe in Education"}
_SPECIAL = re.compile(r"([\\`*_~<>\[\]|#])")
_NOUN = {"paragraph": "paragraph", "page": "page", "annex": "Annex"}


def _cites(o: Outcome, kind: str) -> str:
    return f"{_NOUN[kind]} {o.cited}"


def _list(kind: str, values: tuple[str, ...] | list[str]) -> str:
    noun = _NOUN[kind]
    if len(values) == 1:
        return f"{noun} {values[0]}"
    plural = "Annexes" if kind == "annex" else noun + "s"
    return f"{plural} {', '.join(values[:-1])} and {values[-1]}"


def _number(r: Ref) -> str:
    m = re.match(r"^(?:[A-Z]\.)?\d+(?:\.\d+)?", r.label)
    return m.group(0) if m else r.label


def _one(o: Outcome, kind: str, old: str, new: str) -> str:
    """What happened to one cited paragraph, page or annex, in a sentence."""
    what = _cites(o, kind)
    head = what[0].upper() + what[1:]
    now = _list(kind, list(o.now)) if o.now else ""
    if o.status == "not-found":
        return f"{old} has no {what}: check the citation."
    if o.status == "removed":
        if o.successor is not None:
            there = f"{_list(kind, [_number(o.successor)])} (similarity {o.successor_similarity:.2f})"
            if o.successor.edition == new:
                return f"{head} of {old} was removed; its closest successor in {new} is {there}."
            later = f"{_list(kind, list(o.now))} in {new}" if o.now else f"not in {new}"
            return (f"{head} of {old} was removed in {o.successor.edition}; its closest successor there is "
                    f"{there}, now {later}.")
        return f"{head} of {old} was removed, with no close successor in {new}."
    if o.status == "unchanged":
        return f"{head} is {now} in {new}; its text is unchanged." if now != what else \
            f"{head} is unchanged in {new}."
    if o.status == "modified":
        still = "still " if now == what else ""
        return f"{head} is {still}{now} in {new}; its text changed (similarity {o.similarity:.2f})."
    if o.status == "moved":
        where = " › ".join(o.new[0].path) if o.new and o.new[0].path else ""
        return f"{head} moved to {now}" + (f" ({where})" if where else "") + f" in {new}."
    if o.status == "split":
        return f"{head} was split into {now} in {new}."
    merged = ", ".join(r.label for r in o.merged_with)
    return f"{head} was merged" + (f" with {_list(kind, [merged])}" if merged else "") + f" into {now} in {new}."


def describe(item: Cited, report: CiteReport) -> str:
    """What happened to the text a citation cites, in sentences a reader can act on."""
    old, new = report.old.label, report.new.label
    c = item.citation
    if item.other_guidance:
        return (f"This cites {GUIDANCE[c.guidance]}, not {GUIDANCE[report.family]} "
                f"({old} → {new}): not mapped.")
    out = [_one(o, c.kind, old, new) for o in item.outcomes]
    if item.other_year:
        out.insert(0, f"This names the {c.year} edition; mapped as if it cited {old} — check.")
    elif c.by == "context":
        out.insert(0, f"The edition ({c.year or old}) is named elsewhere in the document.")
    return " ".join(out)


def _esc(text: str) -> str:
    """Markdown's special characters escaped, white space kept (on one line)."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s", " ", text))


def _md(text: str, mark: str) -> str:
    return wrap(text, mark, _esc)


def redline_md(o: Outcome) -> str:
    """The cited text's word redline: deleted ~~struck~~, inserted **bold**."""
    return "".join(_esc(t) if op == "=" else _md(t, "~~" if op == "-" else "**") for op, t in o.redline)


def _counts(report: CiteReport) -> str:
    counts: dict[str, int] = {}
    for x in report.items:
        counts[x.status] = counts.get(x.status, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))


def cite_md(report: CiteReport) -> str:
    old, new = report.old.label, report.new.label
    out = [f"# Citations in {esc(report.document)}: {esc(old)} → {esc(new)}", ""]
    n = len(report.items)
    out += [f"{n} citation{'s' if n != 1 else ''} of the guidance found"
            + (f": {_counts(report)}." if n else "."), ""]
    if any(x.other_year for x in report.items):
        out += ["Some citations name another edition than " + esc(old) + "; they are mapped as if they cited "
                + esc(old) + " and marked *other edition*.", ""]
    if n:
        out += ["| # | where | citation | cites | now | status | what happened |", "|---:|---|---|---|---|---|---|"]
        for k, x in enumerate(report.items, 1):
            c = x.citation
            cites = f"{GUIDANCE[c.guidance]} {c.year or ''}".strip() + (" (other edition)" if x.other_year else "")
            out.append(f"| {k} | paragraph {x.paragraph + 1} | {esc(c.text)} | {esc(cites)} | "
                       f"{esc(x.replacement or '—')} | {x.status} | {esc(describe(x, report))} |")
    changed = [(k, x, o) for k, x in enumerate(report.items, 1) for o in x.outcomes if o.redline]
    if changed:
        out += ["", "## What changed in the cited text", ""]
        for k, x, o in changed:
            out += [f"### {k}. {esc(x.citation.text)}: {x.citation.kind} {esc(o.cited)} → "
                    f"{esc(', '.join(o.now))} ({o.status})", "", redline_md(o), ""]
    out += ["", "---", "", esc(attribution(report.editions)), ""]
    return "\n".join(out)


CSV_COLUMNS = ("n", "paragraph", "citation", "kind", "guidance", "year", "attributed", "other_edition", "cited",
               "status", "now", "replacement", "what_happened", "context")


def cite_csv(report: CiteReport) -> str:
    """One row per cited number (a range gives one row per paragraph), in document order."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for k, x in enumerate(report.items, 1):
        c = x.citation
        common = [k, x.paragraph + 1, c.text, c.kind, c.guidance, c.year or "", c.by,
                  "yes" if x.other_year else "no"]
        tail = [x.replacement or "", describe(x, report), excerpt(x.context)]
        if not x.outcomes:
            w.writerow([*common, "", x.status, "", *tail])
        for o in x.outcomes:
            w.writerow([*common, o.cited, o.status, "; ".join(o.now), *tail])
    return buf.getvalue()


def _outcome(o: Outcome) -> dict[str, Any]:
    return {"cited": o.cited, "status": o.status, "now": list(o.now), "similarity": round(o.similarity, 4),
            "old": [ref_dict(r) for r in o.old], "new": [ref_dict(r) for r in o.new],
            "successor": ref_dict(o.successor) if o.successor else None,
            "successor_now": [ref_dict(r, text=False) for r in o.successor_now],
            "successor_similarity": round(o.successor_similarity, 4),
            "merged_with": [ref_dict(r, text=False) for r in o.merged_with],
            "redline": [[op, t] for op, t in o.redline]}


def cite_dict(report: CiteReport) -> dict[str, Any]:
    out = _head("wtdiff/cite@1", report.editions)
    out["document"] = {"source": report.document, "sha256": report.document_sha256}
    out.update({"old": report.old.label, "new": report.new.label, "via": list(report.via),
                "guidance": report.family, "old_year": report.old_year, "new_year": report.new_year})
    out["citations"] = [{
        "paragraph": x.paragraph + 1, "start": x.citation.start, "end": x.citation.end, "text": x.citation.text,
        "kind": x.citation.kind, "guidance": x.citation.guidance, "year": x.citation.year,
        "attributed": x.citation.by, "other_edition": x.other_year, "other_guidance": x.other_guidance,
        "numbers": list(x.citation.numbers or x.citation.pages or ((x.citation.annex,) if x.citation.annex else ())),
        "chapter": x.citation.chapter, "status": x.status, "replacement": x.replacement,
        "what_happened": describe(x, report), "outcomes": [_outcome(o) for o in x.outcomes],
    } for x in report.items]
    out["attribution"] = attribution(report.editions)
    return out
