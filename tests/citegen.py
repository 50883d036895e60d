"""A corpus of local procedures citing generated editions, with the truth about every citation.

Each case is a pair of editions with a known alignment: a generated base
edition revised by an edit script (:mod:`wtdiff.eval`), or — when
``/work/shared/real`` is present — the real 2023 text taken as the base and
revised the same way. For each case, :func:`procedures` writes procedure
documents in every input format (DOCX through python-docx, PDF through
reportlab, HTML, Markdown, text): paragraphs in the style of a safeguarding
partnership's procedure, each with citations of paragraphs of the old
edition in one of the styles people use (:data:`STYLES`) and distractors
that look like citations but are not (:data:`DISTRACTORS`: other statutory
guidance, statutes, dates, the procedure's own pages and paragraphs).

The truth of a citation is what it cites (guidance, year, numbers) and,
for each paragraph, the new blocks its text truly became (the revision's
origins), empty when it was deleted. :func:`score` matches the report
against it as multisets, so the order and format of the document do not
matter.
"""

from __future__ import annotations

import random
from datetime import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wtdiff.cite import CiteReport
from wtdiff.model import Document

#: (template, kind, style) — {y} the year, {n} a number, {a}-{b} a range, {c} the chapter, {n2} {n3} a list
STYLES = [
    ("Working Together {y}, paragraph {n}", "named"),
    ("WT {y} para {n}", "named"),
    ("paragraph {n} of Working Together {y}", "named"),
    ("paragraphs {a}–{b} of Working Together", "range"),
    ("Working Together {y}, paras {a}-{b}", "range"),
    ("Working Together {y}, chapter {c}, paragraph {n}", "chapter"),
    ("(Working Together to Safeguard Children, {y}, paragraph {n})", "named"),
    ("Working Together {y} (paragraphs {n}, {n2} and {n3})", "list"),
    ("paragraph {n}", "bare"),
    ("¶ {n}", "bare"),
    ("chapter {c}, paragraph {n}", "bare-chapter"),
    ("the {y} Working Together, paragraph {n}", "named"),
    ("(Working Together, {y}, p. {p})", "page"),
    ("Working Together {o}, paragraph {n}", "other-year"),
    ("Para. {n} of Working Together ({y})", "named"),
    ("Working Together ({y}) paragraph {n}", "named"),
    ("Working Together to Safeguard Children {y}, Paragraph\u00a0{n}", "named"),
    ("paragraphs {a} to {b} of Working Together {y}", "range"),
    ("working together to safeguard children ({y}), para {n}", "named"),
    ("KCSIE {k} paragraph {m}", "kcsie"),
    ("Keeping children safe in education {k}, Annex {x}", "kcsie-annex"),
]

DISTRACTORS = [
    "Information sharing advice {z}, paragraph {d}",
    "paragraph {d} of Schedule 2 to the Children Act 1989",
    "section {d} of the Children Act 2004",
    "paragraph {d} of this procedure",
    "see page {d} of this document",
    "the review on {day} March {z}",
    "paragraph {d} above",
    "Working together to improve school attendance ({z}), paragraph {d}",
    "the Education (Independent School Standards) Regulations 2014, paragraph {d}",
    "meetings at 10:{d:02d} on {day}/{mo}/{z}",
]

OPENINGS = [
    "Practitioners in every agency should act on concerns about a child without delay, and",
    "The designated safeguarding lead records each decision and the reasons for it, and",
    "When a referral is received the duty team must acknowledge it within one working day, and",
    "Partners agree that early help should be offered as soon as a need is identified, and",
    "Supervision gives each practitioner the chance to reflect on their cases, and",
    "The partnership's scrutiny arrangements test whether this procedure works in practice, and",
    "Any practitioner who disagrees with a decision may escalate it to a manager, and",
]
CLOSINGS = [
    "the manager checks that this has been done.",
    "this applies to volunteers as well as to paid staff.",
    "the partnership reviews this section every year.",
    "the child's views are recorded in their own words.",
]


@dataclass
class Seeded:
    """One seeded citation and the truth about it."""

    kind: str  # paragraph | page | annex
    guidance: str
    year: str
    values: tuple[str, ...]
    #: per cited number: the new block ids its text truly became (paragraph citations of the old edition)
    truth: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Procedure:
    paragraphs: list[str]
    seeded: list[Seeded]


def _numbered(doc: Document) -> list[tuple[str, str, str | None]]:
    """(number, block id, chapter number) of every numbered paragraph."""
    out = []

    def walk(children: tuple[object, ...], chapter: str | None) -> None:
        for c in children:
            kids = getattr(c, "children", None)
            if kids is not None:
                walk(kids, chapter if chapter is not None or getattr(c, "kind", "") != "chapter" else c.number)
            elif getattr(c, "number", None) and c.kind == "paragraph":  # type: ignore[attr-defined]
                out.append((c.number, c.id, chapter))  # type: ignore[attr-defined]

    walk(doc.children, None)
    return out


def procedure(rng: random.Random, old: Document, true_new: dict[str, tuple[str, ...]], *, year: str,
              citations: int = 14, distractors: int = 8) -> Procedure:
    """A procedure citing ``old`` (numbered ``year``) in every style, with distractors."""
    numbered = _numbered(old)
    by_number = {n: (bid, ch) for n, bid, ch in numbered}
    order = [n for n, _, _ in numbered]
    paras = [f"This procedure applies Working Together to Safeguard Children ({year}) to our area."]
    seeded: list[Seeded] = []
    items: list[tuple[str, Seeded | None]] = []
    for _ in range(citations):
        template, style = rng.choice(STYLES)
        at = rng.randrange(len(order) - 3)
        n = order[at]
        nums = [n]
        if style == "range":
            nums = order[at:at + rng.randint(2, 3)]
        elif style == "list":
            nums = [order[at], order[at + 1], order[at + 3]]
        fields = dict(y=year, n=nums[0], a=nums[0], b=nums[-1], n2=nums[1] if len(nums) > 1 else "",
                      n3=nums[-1], c=by_number[n][1] or "1", p=rng.randint(2, 90), o=str(int(year) - 5),
                      k=rng.choice(["2023", "2024"]), m=rng.randint(1, 300), x=rng.choice("ABCDEFG"))
        if style.endswith("chapter") and by_number[n][1] is None:
            template, style = "paragraph {n} of Working Together {y}", "named"
        text = template.format(**fields)
        if style == "page":
            s = Seeded("page", "wt", year, (str(fields["p"]),))
        elif style == "kcsie":
            s = Seeded("paragraph", "kcsie", str(fields["k"]), (str(fields["m"]),))
        elif style == "kcsie-annex":
            s = Seeded("annex", "kcsie", str(fields["k"]), (str(fields["x"]),))
        else:
            y = fields["o"] if style == "other-year" else year
            s = Seeded("paragraph", "wt", str(y), tuple(nums),
                       {x: true_new[by_number[x][0]] for x in nums})
        items.append((text, s))
        seeded.append(s)
    for _ in range(distractors):
        d = rng.choice(DISTRACTORS).format(z=rng.randint(2010, 2024), d=rng.randint(1, 59), day=rng.randint(1, 28),
                                           mo=rng.randint(1, 12))
        items.append((d, None))
    rng.shuffle(items)
    while items:
        take, items = items[:2], items[2:]
        body = " ".join(f"{rng.choice(OPENINGS)} {t} says so; {rng.choice(CLOSINGS)}" for t, _ in take)
        paras.append(body)
    return Procedure(paras, seeded)


# -- writing the procedure in every format ------------------------------------------------------------

def write(proc: Procedure, path: Path) -> Path:
    """``proc`` as the file ``path`` (its extension names the format)."""
    fmt = path.suffix.lower()
    title = "Multi-agency safeguarding procedure"
    if fmt == ".docx":
        import docx

        d = docx.Document()
        d.add_heading(title, level=1)
        for p in proc.paragraphs:
            d.add_paragraph(p)
        d.core_properties.created = d.core_properties.modified = datetime(2024, 1, 1)
        d.save(str(path))
    elif fmt == ".pdf":
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        styles = getSampleStyleSheet()
        flow = [Paragraph(title, styles["Heading1"])]
        flow += [Paragraph(p.replace("&", "&amp;").replace("<", "&lt;"), styles["BodyText"]) for p in proc.paragraphs]
        SimpleDocTemplate(str(path), pagesize=A4, allowSplitting=0, invariant=1).build(flow)
    elif fmt == ".html":
        from html import escape

        body = "".join(f"<p>{escape(p)}</p>\n" for p in proc.paragraphs)
        path.write_text(f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>\n"
                        f"{body}</body></html>\n", "utf-8")
    elif fmt == ".md":
        path.write_text(f"# {title}\n\n" + "\n\n".join(proc.paragraphs) + "\n", "utf-8")
    else:
        path.write_text(title + "\n\n" + "\n\n".join(proc.paragraphs) + "\n", "utf-8")
    return path


# -- scoring ---------------------------------------------------------------------------------------------

@dataclass
class Tally:
    found_tp: int = 0
    found_pred: int = 0
    found_true: int = 0
    map_tp: int = 0
    map_pred: int = 0
    map_true: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _rate(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def finding(self) -> tuple[float, float]:
        return self._rate(self.found_tp, self.found_pred), self._rate(self.found_tp, self.found_true)

    @property
    def mapping(self) -> tuple[float, float]:
        return self._rate(self.map_tp, self.map_pred), self._rate(self.map_tp, self.map_true)


def score(report: CiteReport, proc: Procedure) -> Tally:
    """Finding: (kind, guidance, year, values) multisets. Mapping: (number, new block ids) of the
    old edition's paragraph citations, an empty set standing for "removed"."""
    pred = Counter((x.citation.kind, x.citation.guidance, x.citation.year,
                    x.citation.numbers or x.citation.pages or (x.citation.annex,)) for x in report.items)
    true = Counter((s.kind, s.guidance, s.year, s.values) for s in proc.seeded)
    t = Tally(found_tp=sum((pred & true).values()), found_pred=sum(pred.values()), found_true=sum(true.values()))
    mp: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for x in report.items:
        if x.citation.kind != "paragraph" or x.other_guidance:
            continue
        for o in x.outcomes:
            ids = ("not-found",) if o.status == "not-found" else tuple(sorted(r.id for r in o.new))
            mp[o.cited, ids] += 1
    mt: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for s in proc.seeded:
        for n, ids in s.truth.items():
            mt[n, tuple(sorted(ids))] += 1
    t.map_tp, t.map_pred, t.map_true = sum((mp & mt).values()), sum(mp.values()), sum(mt.values())
    return t


# -- the measurement -------------------------------------------------------------------------------------

FORMATS = (".docx", ".pdf", ".html", ".md", ".txt")


@dataclass
class CaseResult:
    name: str
    format: str
    tally: Tally


def cases(*, seeds: tuple[int, ...] = (1, 2, 3), real: bool = True) -> list[tuple[str, object]]:
    """Generated heavy and light revisions of small bases, and the real 2023 text revised, when present."""
    from wtdiff.eval import base_edition, make_case, real_path

    out: list[tuple[str, object]] = []
    for seed in seeds:
        base = base_edition("generated", seed, size="small")
        out.append((f"generated-{seed}-heavy", make_case(base, "heavy", seed)))
        out.append((f"generated-{seed}-light", make_case(base, "light", seed)))
    if real and real_path() is not None:
        out.append(("real-2023-heavy", make_case(base_edition("real", 1), "heavy", 1)))
    return out


def measure(tmp: Path, *, seeds: tuple[int, ...] = (1, 2, 3), real: bool = True,
            per_format: int = 2) -> list[CaseResult]:
    """Every case, ``per_format`` procedures in each format: cite them old → new and score."""
    from wtdiff import cite
    from wtdiff.track import Chain

    results = []
    for name, case in cases(seeds=seeds, real=real):
        old_doc, new_doc = case.old_doc, case.new_doc  # type: ignore[attr-defined]
        chain = Chain([old_doc, new_doc], labels=["2018", "2023"], use_cache=False)
        true_new = {u: news for olds, news in case.truth.groups for u in olds}  # type: ignore[attr-defined]
        for fmt in FORMATS:
            rng = random.Random(f"cite-{name}-{fmt}")
            tally = Tally()
            for k in range(per_format):
                proc = procedure(rng, old_doc, true_new, year="2018")
                path = write(proc, tmp / f"{name}-{k}{fmt}")
                report = cite.cite(cite.read_user_document(path), chain, 0, 1)
                tally.add(score(report, proc))
            results.append(CaseResult(name, fmt.lstrip("."), tally))
    return results


def table(results: list[CaseResult]) -> str:
    """The figures as a Markdown table: per format, then in total."""
    rows = ["| format | citations | finding precision | finding recall | mapped | mapping precision | "
            "mapping recall |", "|---|---:|---:|---:|---:|---:|---:|"]
    total = Tally()
    for fmt in dict.fromkeys(r.format for r in results):
        t = Tally()
        for r in results:
            if r.format == fmt:
                t.add(r.tally)
        total.add(t)
        rows.append(f"| {fmt} | {t.found_true} | {t.finding[0]:.3f} | {t.finding[1]:.3f} | {t.map_true} | "
                    f"{t.mapping[0]:.3f} | {t.mapping[1]:.3f} |")
    rows.append(f"| **all** | {total.found_true} | {total.finding[0]:.3f} | {total.finding[1]:.3f} | "
                f"{total.map_true} | {total.mapping[0]:.3f} | {total.mapping[1]:.3f} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m tests.citegen
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        res = measure(Path(d))
    print(", ".join(sorted(dict.fromkeys(r.name for r in res))))
    print(table(res))
