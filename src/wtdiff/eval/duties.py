"""The duties register scored against sentences labelled by hand.

A label says of one sentence whether it places a duty, of what strength and on
whom: ``"-"`` (no duty) or ``"should: police, local-authority"``. Two kinds of
labelled sample are scored the same way:

* **written cases** (:class:`Case`): a paragraph, optionally its list items and
  a paragraph before it, built into a small :class:`~wtdiff.model.Document`;
* **sentences of a real edition**, named only by the paragraph they are in and
  :func:`~wtdiff.duties.extract.sentence_key` (a hash of their words), so the
  labels can be kept without the text.

:func:`score` gives duty detection precision and recall, and — over the duties
found that are labelled duties — actor accuracy (the same set of actors) and
strength accuracy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..duties.extract import Statement, sentence_key, sentences, statements
from ..duties.vocabulary import Vocabulary, load_vocabulary
from ..model import Block, Document, Section

__all__ = ["Label", "Case", "DutyScore", "parse_label", "predict_case", "predict_document", "score"]


@dataclass(frozen=True, slots=True)
class Label:
    """Whether a sentence places a duty; if so its strength and actor ids."""

    duty: bool
    strength: str | None = None
    actors: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return f"{self.strength}: {', '.join(sorted(self.actors))}" if self.duty else "-"


def parse_label(text: str) -> Label:
    """``"-"`` or ``"STRENGTH: actor, actor"``."""
    text = text.strip()
    if text == "-":
        return Label(False)
    strength, _, actors = text.partition(":")
    if not actors.strip():
        raise ValueError(f"label {text!r}: write '-' or 'STRENGTH: actor, …'")
    return Label(True, strength.strip(), frozenset(a.strip() for a in actors.split(",") if a.strip()))


def _label_of(s: Statement | None) -> Label:
    if s is None or not s.is_duty:
        return Label(False)
    return Label(True, s.strength, frozenset(s.actors))


@dataclass(frozen=True)
class Case:
    """A paragraph written for the sample, with a label per sentence (then per list item)."""

    text: str
    labels: tuple[Label, ...]
    items: tuple[str, ...] = ()
    before: str | None = None

    def document(self) -> Document:
        blocks: list[Block] = []
        if self.before:
            blocks.append(Block(id="p0", kind="paragraph", text=self.before, number="1"))
        blocks.append(Block(id="p1", kind="paragraph", text=self.text, number="2"))
        blocks += [Block(id=f"p1.li{k}", kind="list-item", text=t) for k, t in enumerate(self.items, 1)]
        return Document(title="case", children=(Section(id="s1", title="Case", children=tuple(blocks)),))

    def sentence_count(self) -> int:
        return len(sentences(self.text)) + len(self.items)


def predict_case(case: Case, vocab: Vocabulary) -> list[Label]:
    """The register's label for each labelled sentence of ``case``."""
    found = {s.id: s for s in statements(case.document(), vocab)}
    out = [_label_of(found.get(f"p1#{k}")) for k in range(len(sentences(case.text)))]
    out += [_label_of(found.get(f"p1.li{k}#0")) for k in range(1, len(case.items) + 1)]
    return out


def predict_document(doc: Document, vocab: Vocabulary) -> dict[str, Label]:
    """The register's label of every sentence of ``doc``, by sentence key (the first of equal ones)."""
    found = {s.id: s for s in statements(doc, vocab)}
    out: dict[str, Label] = {}
    for b in doc.blocks(notes=False):
        for k, (start, end) in enumerate(sentences(b.text)):
            out.setdefault(sentence_key(b.text[start:end]), _label_of(found.get(f"{b.id}#{k}")))
    return out


@dataclass(frozen=True)
class DutyScore:
    """Duty detection and actor resolution against labels."""

    sentences: int
    duties: int
    true_positives: int
    false_positives: int
    false_negatives: int
    actors_right: int
    strengths_right: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.duties if self.duties else 1.0

    @property
    def actor_accuracy(self) -> float:
        return self.actors_right / self.true_positives if self.true_positives else 1.0

    @property
    def strength_accuracy(self) -> float:
        return self.strengths_right / self.true_positives if self.true_positives else 1.0

    def line(self) -> str:
        return (f"{self.sentences} sentences, {self.duties} duties: precision {self.precision:.3f}, "
                f"recall {self.recall:.3f}, actors {self.actor_accuracy:.3f}, strength {self.strength_accuracy:.3f}")


def score(pairs: Iterable[tuple[Label, Label]]) -> DutyScore:
    """Score (truth, prediction) pairs."""
    n = duties = tp = fp = fn = actors = strengths = 0
    for truth, got in pairs:
        n += 1
        duties += truth.duty
        if truth.duty and got.duty:
            tp += 1
            actors += truth.actors == got.actors
            strengths += truth.strength == got.strength
        elif got.duty:
            fp += 1
        elif truth.duty:
            fn += 1
    return DutyScore(n, duties, tp, fp, fn, actors, strengths)


def case_pairs(cases: Iterable[Case], vocab: Vocabulary | None = None) -> Iterator[tuple[Case, Label, Label]]:
    """(case, truth, prediction) for every labelled sentence of ``cases``."""
    vocab = vocab or load_vocabulary()
    for case in cases:
        for truth, got in zip(case.labels, predict_case(case, vocab), strict=True):
            yield case, truth, got


def load_cases(data: Mapping[str, object]) -> list[Case]:
    """Cases from parsed TOML (``[[case]]`` tables with text, labels, optional items and before)."""
    out = []
    for k, raw in enumerate(data.get("case", []), 1):  # type: ignore[union-attr]
        case = Case(text=raw["text"], labels=tuple(parse_label(x) for x in raw["labels"]),
                    items=tuple(raw.get("items", ())), before=raw.get("before"))
        if len(case.labels) != case.sentence_count():
            raise ValueError(f"case {k} ({case.text[:40]!r}…): {len(case.labels)} labels for "
                             f"{case.sentence_count()} sentences")
        out.append(case)
    return out
