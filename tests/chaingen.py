"""A chain of four small editions written with known edits, and the truth about every paragraph.

The editions ("2010", "2013", "2018", "2023") are built from the test
corpus's paragraphs (:mod:`tests.corpus`) plus a few of our own, one edit
script per edition. Every paragraph and list item has a *key* that stays
with it while it is kept, moved or reworded; a split, merge or insertion
makes new keys, and :attr:`Chain.pred` records where each new key came from.
Texts are held as runs of (text, edition index), so the truth about which
edition every word first appeared in is exact.

What happens, edition by edition:

* 2013 — a new first paragraph (everything after it is renumbered);
  ``records`` moves from chapter 1 to chapter 3 (first move); ``equality`` is
  deleted; ``assessment`` gains a sentence; ``referral``: should → must.
* 2018 — ``records`` moves again, to chapter 4 (second move); ``strategy``
  is split in two; ``reviews`` and ``learning`` are merged; ``police`` is
  deleted for good, with ``police-2018`` (somewhat like it) added in another
  section; "Local Safeguarding Children Board" becomes "safeguarding
  partnership"; an item is added to the ``principles`` list.
* 2023 — ``equality`` is restored (one word changed); "Clinical
  Commissioning Groups" becomes "Integrated Care Boards"; ``consent`` has a
  word replaced; a new paragraph is added in chapter 2.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from wtdiff.model import Document

from .corpus import P
from .helpers import parse_md

LABELS = ("2010", "2013", "2018", "2023")

Runs = list[tuple[str, int]]  # (text, edition index)

EXTRA = {
    "new-intro": "This edition brings together the duties of every agency in one place and replaces the "
                 "separate guidance that was issued to each sector before it.",
    "principles": "The principles of effective information sharing are that it should be:",
    "p-necessary": "necessary and proportionate to the concern that has been raised",
    "p-relevant": "relevant to the purpose for which the information is shared",
    "p-accurate": "accurate, up to date and clearly recorded by the sender",
    "p-recorded": "recorded, with the reasons for the decision to share or not to share",
    "lscb-role": "Each local authority must establish a Local Safeguarding Children Board for its area, and "
                 "the Local Safeguarding Children Board must include senior people from the police and health "
                 "services.",
    "lscb-report": "The chair of the Local Safeguarding Children Board should publish an annual report on the "
                   "effectiveness of child safeguarding in the local area.",
    "strategy": "A strategy discussion should be held whenever enquiries are being considered, so that the "
                "agencies can share what they know and agree what happens next. It should involve the local "
                "authority, the police, health professionals and the referring agency, and a record of every "
                "decision should be kept.",
    "police-2018": "Each chief constable must make sure that specialist officers are trained to investigate "
                   "offences against children and that their caseloads are reviewed every quarter.",
    "ch2-new": "Partners must publish their arrangements on their websites and review them at least every three "
               "years, consulting children and families as they do so.",
}


@dataclass
class Edition:
    """One edition: chapters of sections of paragraph keys, and list items under some paragraphs."""

    chapters: list[list]  # [title, [[section title, [key, ...]], ...]]
    items: dict[str, list[str]] = field(default_factory=dict)

    def reading_order(self) -> list[str]:
        """Paragraph and item keys in reading order."""
        out = []
        for _, sections in self.chapters:
            for _, keys in sections:
                for k in keys:
                    out.append(k)
                    out.extend(self.items.get(k, []))
        return out

    def section(self, chapter: int, section: int) -> list[str]:
        return self.chapters[chapter][1][section][1]

    def remove(self, key: str) -> None:
        for _, sections in self.chapters:
            for _, keys in sections:
                if key in keys:
                    keys.remove(key)
                    return
        raise KeyError(key)


@dataclass
class Chain:
    """The editions, their Markdown and parsed documents, and the truth."""

    editions: list[Edition]
    texts: list[dict[str, Runs]]  # per edition: key -> runs
    #: per edition: new key -> (keys it came from, the edition they are in)
    pred: list[dict[str, tuple[tuple[str, ...], int]]]
    #: per edition: keys that moved to another section in that edition
    moved: list[set[str]]
    markdown: list[str] = field(default_factory=list)
    docs: list[Document] = field(default_factory=list)
    #: per edition: key -> block id, and key -> paragraph number label
    ids: list[dict[str, str]] = field(default_factory=list)

    def text(self, e: int, key: str) -> str:
        return "".join(t for t, _ in self.texts[e][key])

    def ancestors(self, e: int, key: str) -> dict[int, set[str]]:
        """The keys a block came from, in every edition."""
        out: dict[int, set[str]] = {e: {key}}
        todo = [(e, key)]
        while todo:
            k, name = todo.pop()
            if k == 0:
                continue
            if name in self.pred[k]:
                olds, j = self.pred[k][name]
            elif name in self.texts[k - 1]:
                olds, j = (name,), k - 1
            else:
                continue  # added in k
            for o in olds:
                if o not in out.setdefault(j, set()):
                    out[j].add(o)
                    todo.append((j, o))
        return out

    def origin(self, e: int, key: str) -> int:
        return min(k for k, names in self.ancestors(e, key).items() if names)

    def words(self, e: int, key: str) -> list[tuple[str, str]]:
        """Each word of a block with the label of the edition it first appeared in."""
        out = []
        for text, k in self.texts[e][key]:
            out += [(w, LABELS[k]) for w in re.findall(r"\w+", text)]
        return out


def _runs(text: str) -> Runs:
    return [(text, 0)]


def replace(runs: Runs, old: str, new: str, e: int, *, count: int | None = None) -> Runs:
    """``runs`` with every ``old`` (or the first ``count``) replaced by ``new``, which belongs to edition ``e``."""
    text = "".join(t for t, _ in runs)
    owner = [k for t, k in runs for _ in t]
    out: Runs = []
    pos = 0
    for n, m in enumerate(re.finditer(re.escape(old), text)):
        if count is not None and n == count:
            break
        out += _slice(text, owner, pos, m.start())
        out.append((new, e))
        pos = m.end()
    out += _slice(text, owner, pos, len(text))
    return out


def insert(runs: Runs, after: str, new: str, e: int) -> Runs:
    """``runs`` with ``new`` (of edition ``e``) inserted after the first ``after``."""
    text = "".join(t for t, _ in runs)
    owner = [k for t, k in runs for _ in t]
    at = text.index(after) + len(after)
    return _slice(text, owner, 0, at) + [(new, e)] + _slice(text, owner, at, len(text))


def _slice(text: str, owner: list[int], start: int, end: int) -> Runs:
    out: Runs = []
    for i in range(start, end):
        if out and out[-1][1] == owner[i]:
            out[-1] = (out[-1][0] + text[i], owner[i])
        else:
            out.append((text[i], owner[i]))
    return out


def render(ed: Edition, texts: dict[str, Runs], title: str) -> str:
    out = [f"# {title}", ""]
    n = 0
    for chapter, sections in ed.chapters:
        out += [f"## {chapter}", ""]
        for section, keys in sections:
            out += [f"### {section}", ""]
            for k in keys:
                n += 1
                out += [f"{n}. " + "".join(t for t, _ in texts[k]), ""]
                if ed.items.get(k):
                    out += ["- " + "".join(t for t, _ in texts[i]) for i in ed.items[k]] + [""]
    return "\n".join(out)


def base() -> tuple[Edition, dict[str, Runs]]:
    ed = Edition([
        ["Chapter 1: A shared responsibility", [
            ["A child-centred approach", ["child-centred", "whole-family", "equality"]],
            ["Information sharing", ["info-sharing", "principles", "consent", "records"]],
        ]],
        ["Chapter 2: Multi-agency safeguarding arrangements", [
            ["Safeguarding partners", ["partners", "lead-members", "lscb-role", "lscb-report"]],
            ["Scrutiny and funding", ["scrutiny", "funding", "yearly-report"]],
        ]],
        ["Chapter 3: Assessing need and providing help", [
            ["Early help", ["early-help", "assessment"]],
            ["Child protection", ["referral", "section47", "strategy", "conference"]],
            ["Organisational duties", ["schools", "health", "police", "allegations"]],
        ]],
        ["Chapter 4: Learning from serious incidents", [
            ["Reviews", ["reviews", "learning"]],
        ]],
    ], items={"principles": ["p-necessary", "p-relevant", "p-accurate"]})
    texts = {k: _runs(EXTRA.get(k) or P[k]) for k in ed.reading_order()}
    return ed, texts


def build() -> Chain:
    """The four editions and their truth (see the module docstring)."""
    ed0, t0 = base()
    chain = Chain(editions=[ed0], texts=[t0], pred=[{}], moved=[set()])

    def next_edition() -> tuple[Edition, dict[str, Runs], dict[str, tuple[tuple[str, ...], int]], set[str]]:
        ed = copy.deepcopy(chain.editions[-1])
        texts = copy.deepcopy(chain.texts[-1])
        pred: dict[str, tuple[tuple[str, ...], int]] = {}
        moved: set[str] = set()
        chain.editions.append(ed)
        chain.texts.append(texts)
        chain.pred.append(pred)
        chain.moved.append(moved)
        return ed, texts, pred, moved

    # 2013
    ed, texts, pred, moved = next_edition()
    ed.section(0, 0).insert(0, "new-intro")
    texts["new-intro"] = [(EXTRA["new-intro"], 1)]
    ed.remove("records")
    ed.section(2, 2).append("records")
    moved.add("records")
    ed.remove("equality")
    texts.pop("equality")
    added = " Where the family does not consent, the practitioner should record the reasons and consider other support."
    texts["assessment"] = texts["assessment"] + [(added, 1)]
    texts["referral"] = replace(texts["referral"], "should", "must", 1, count=1)
    # 2018
    ed, texts, pred, moved = next_edition()
    ed.remove("records")
    ed.section(3, 0).append("records")
    moved.add("records")
    sec = ed.section(2, 1)
    at = sec.index("strategy")
    sec[at:at + 1] = ["strategy-1", "strategy-2"]
    whole = "".join(t for t, _ in texts.pop("strategy"))
    first, second = whole.split(" It should involve")
    texts["strategy-1"] = [(first, 0)]
    texts["strategy-2"] = [("It should involve" + second, 0)]
    pred["strategy-1"] = pred["strategy-2"] = (("strategy",), 1)
    sec = ed.section(3, 0)
    at = sec.index("reviews")
    sec[at:at + 2] = ["reviews+learning"]
    texts["reviews+learning"] = texts.pop("reviews") + [(" ", 0)] + texts.pop("learning")
    pred["reviews+learning"] = (("reviews", "learning"), 1)
    ed.remove("police")
    texts.pop("police")
    ed.section(1, 1).append("police-2018")
    texts["police-2018"] = [(EXTRA["police-2018"], 2)]
    for k in ("lscb-role", "lscb-report"):
        texts[k] = replace(texts[k], "Local Safeguarding Children Board", "safeguarding partnership", 2)
    ed.items["principles"].append("p-recorded")
    texts["p-recorded"] = [(EXTRA["p-recorded"], 2)]
    # 2023
    ed, texts, pred, moved = next_edition()
    sec = ed.section(0, 0)
    sec.insert(sec.index("whole-family") + 1, "equality")
    texts["equality"] = replace(chain.texts[0]["equality"], "Local authorities", "Public bodies", 3)
    pred["equality"] = (("equality",), 0)
    for k in list(texts):
        texts[k] = replace(texts[k], "Clinical Commissioning Groups", "Integrated Care Boards", 3)
    texts["consent"] = insert(texts["consent"], "explain to the ", "child and ", 3)
    ed.section(1, 0).append("ch2-new")
    texts["ch2-new"] = [(EXTRA["ch2-new"], 3)]

    for e, (edition, texts) in enumerate(zip(chain.editions, chain.texts)):
        md = render(edition, texts, f"Working Together (test chain) {LABELS[e]}")
        doc = parse_md(md, source=f"{LABELS[e]}.md")
        keys = edition.reading_order()
        blocks = list(doc.blocks())
        assert [b.text for b in blocks] == [chain.text(e, k) for k in keys], "the chain did not parse back"
        chain.markdown.append(md)
        chain.docs.append(doc)
        chain.ids.append({k: b.id for k, b in zip(keys, blocks)})
    return chain
