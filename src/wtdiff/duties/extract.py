"""Read the duties out of an edition: who must, should or may do what, where, on what legal basis.

The unit is the sentence. Each block of kind paragraph, list item or
definition is split into sentences (:func:`sentences`); a sentence states a
duty when it holds a *deontic form* (:data:`FORMS`) whose conditions hold:

* ``must`` / ``must not`` / ``shall``, ``is required to``, ``should`` /
  ``should not`` / ``ought to``, ``need to`` (not the noun: "the need to"), ``is expected to`` state a
  requirement or expectation whoever their subject is (a passive "the plan
  should be agreed" is a duty whose actor may be unnamed);
* a form in an indirect question ("the plan sets out what each agency is
  expected to do") and any form of a sentence that quotes a modal verb ("we use
  'must' where…") state none;
* ``may`` (a permission), ``will`` (the guidance's statement of what an agency
  will do), ``has a duty to``, ``is under a duty to``, ``is subject to the …
  duties``, ``has the power to`` (a permission), ``is responsible for`` and ``holds
  (takes, has) responsibility for`` state one only when
  their subject is an actor of the vocabulary — "children may be at risk" and
  "this will help" are not duties.
* an impersonal assignment — "it is for X to", "it is the responsibility (or
  duty) of X to" (a requirement), "it will be for X to" (the guidance's
  *will*) — states one on the actors X names right after it (a determiner
  and up to two modifiers may come first: "the receiving local authority"),
  and none when X is no actor ("it is for this reason that…") or the action is
  to decide, determine or choose (the choice is X's: nothing is required);
* a requirement in the bare passive — "consent is required", "a plan is
  required for each child" — states one whoever must meet it, but not with a
  negative subject ("no referral is required") nor in a condition ("where a
  referral is required, …").

The first form of a sentence whose conditions hold is its duty: its
**strength** is the form's (:data:`STRENGTHS`), its **action** the words after
the form, its **actors** resolved in this order:

1. a passive ("should be informed", "must be agreed by the LSPs": the form,
   ``be`` and a past participle that does not describe the subject as
   "prepared" or "involved" do) acts on its subject, so its actor is its agent
   when that is an actor, else the actors named earlier in the sentence, else
   the lead-in's, else none — and ``may``, ``will`` in the passive place no duty
   unless the agent is named;
2. the vocabulary actors named in the subject — the words between the last
   clause boundary (sentence start, comma, semicolon, colon, "that", "if",
   "where", "what", "how", …) and the form, a list of actors ("schools, colleges
   and nurseries") read across its commas — each of them an actor of the duty,
   except those in a phrase modifying another ("proprietors of independent
   schools" is proprietors);
3. a subject that is only a pronoun or possessive ("they", "it", "their
   staff") resolves to the subject of an opening clause of the same sentence
   ("If a teacher finds…, they must"), else to the previous sentence's subject
   in the same paragraph (the actors of its form if it has one — none if its
   subject is not an actor — else the first actors it names; "they" and
   "their" pass over a sentence about "this", "it" or "there" that names no
   actor), else to the
   actors named earlier in the sentence, else (for a list item) the lead-in's;
4. a definite noun phrase with no actor's name ("these three partners",
   "those bodies", "the partners") points back to the actor named most
   recently in the same section whose name ends in the same noun ("the
   three safeguarding partners");
5. else the actors named earlier in the same sentence ("Where the local
   authority has concerns, a strategy discussion should be held"), else the
   lead-in's for a list item; else :data:`~.vocabulary.UNSPECIFIED`.

A list item (up to the next paragraph or heading — but a heading between the
lead-in and its first item is the list's caption, not its end) under a lead-in whose last
sentence ends with a form and a colon
("Safeguarding partners should:", "the LSPs should ensure that:") inherits the
lead-in's form and actors when its first sentence continues the lead-in's: it
starts in lower case, or it states no form and has no verb such as "is" or
"has" of its own (an item that is a sentence of its own does not), its number
("1.") aside; its action is the
lead-in's action followed by the item. Its place is the lead-in's paragraph
number with the item's position.

The **legal basis** of a duty is the legislation its sentence cites; if none,
that cited elsewhere in its paragraph (a list item: in its lead-in) or in the
footnotes the paragraph cites, found and normalised by :func:`.basis.legal_basis`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Block, Document
from ..normalize import fold
from .basis import legal_basis
from .subject import FINITE, QUESTION, SINGULAR_SUBJECT, Context, assigned, groups, heads, ids, resolve, subject_start
from .vocabulary import UNSPECIFIED, Mention, Vocabulary, load_vocabulary

__all__ = ["Duty", "Place", "Register", "STRENGTHS", "FORMS", "extract", "sentences", "legal_basis",
           "deontic", "Statement", "statements", "sentence_key"]

# "it is for…", "it will be the responsibility of…": the subject is "it", the actor comes after
_IMPERSONAL = r"it\s+"
_ASSIGNED = r"(?:for|(?:the|a)\s+(?:\w+\s+){0,2}?(?:responsibility|duty)\s+of)"

#: strength -> rank: how binding it is (``must not`` and ``should not`` rank with their positive)
STRENGTHS: dict[str, int] = {"must": 3, "must not": 3, "should": 2, "should not": 2, "will": 2, "may": 1}

#: (regular expression, strength, needs an actor subject) in the order they are tried at one place
FORMS: tuple[tuple[str, str, bool], ...] = (
    (r"must\s+(?:not|never)|mustn['\u2019]t|shall\s+not", "must not", False),
    (r"(?:is|are)\s+(?:legally\s+|statutorily\s+)?required\s+to", "must", False),
    # "it will be for the partners to", "it is the responsibility of schools to": the actor follows
    (_IMPERSONAL + r"will\s+be\s+" + _ASSIGNED, "will", True),
    (_IMPERSONAL + r"is\s+(?:also\s+|ultimately\s+|then\s+)?" + _ASSIGNED, "must", True),
    # "written consent is required": a requirement in the passive, whoever must meet it
    (r"(?:is|are)\s+(?:always\s+|also\s+|legally\s+|statutorily\s+)?required(?!\s+to\b)", "must", False),
    (r"(?:has|have)\s+(?:a|the)\s+(?:\w+\s+){0,3}?(?:duty|duties)\s+(?:to|under)", "must", True),
    (r"(?:is|are)\s+(?:also\s+)?under\s+(?:a|the)\s+(?:\w+\s+){0,2}?duty\s+to", "must", True),
    (r"(?:is|are)\s+(?:also\s+)?subject\s+to\s+(?:the\s+)?(?:[\w()]+\s+){0,3}?duty|"
     r"(?:is|are)\s+(?:also\s+)?subject\s+to\s+(?:the\s+)?(?:[\w()]+\s+){0,3}?duties", "must", True),
    (r"(?:has|have)\s+(?:a|the)?\s*(?:\w+\s+){0,2}?powers?\s+to", "may", True),
    (r"(?:is|are)\s+(?:legally\s+|also\s+|ultimately\s+|jointly\s+)?(?:responsible|accountable)"
     r"(?:\s+and\s+(?:responsible|accountable))?\s+for", "must", True),
    (r"(?:holds?|has|have|takes?|retains?|bears?)\s+(?:the\s+|overall\s+|ultimate\s+|lead\s+|full\s+|joint\s+)*"
     r"responsibility\s+for", "must", True),
    (r"must|shall", "must", False),
    (r"should\s+(?:not|never)|shouldn['\u2019]t|ought\s+not\s+to", "should not", False),
    (r"ought\s+to|should", "should", False),
    (r"(?:is|are)\s+(?:also\s+)?expected\s+to", "should", False),
    (r"needs?\s+to", "should", False),
    (r"may\s+not", "must not", True),
    (r"may", "may", True),
    (r"will", "will", True),
)
_FORM = re.compile(r"(?<![\w-])(?:" + "|".join(f"({p})" for p, _, _ in FORMS) + r")(?![\w-])", re.IGNORECASE)
# after "may" or "will", verbs of being and happening: a possibility or a prediction, not a
# permission or an expectation ("practitioners may become aware", "the police will hold information")
_STATIVE = {"be", "become", "have", "hold", "need", "find", "feel", "experience", "face", "come", "seem", "appear",
            "include", "vary", "know", "remain", "mean", "depend", "differ", "change", "happen", "occur", "get",
            "not", "result", "affect", "help", "arise", "exist", "continue"}
_NEXT_VERB = re.compile(r"\s+(?:(?:also|then|often|usually|normally|still|always|only|generally|typically|"
                        r"sometimes|already)\s+)*([a-z]+)", re.IGNORECASE)
_QUOTED_FORM = re.compile(r"[\"'\u201c\u2018](?:must|should|may|will|shall)(?:\s+not)?[\"'\u201d\u2019]",
                          re.IGNORECASE)
_NOMINAL = re.compile(r"\b(?:the|a|an|any|no|this|that|their|its|our|whose)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_HEDGED = re.compile(r"\b(?:may|might|could|can)\s+(?:also\s+)?$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|where|when|whenever|unless|until|whether|once)\b[^,;:]*$", re.IGNORECASE)
_NO_SUBJECT = re.compile(r"\b(?:no|nothing|neither|none)\b[^,;:]*$", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\bnot|n['\u2019]t)\s*$", re.IGNORECASE)

_QUOTES = set("\"'\u201c\u2018")
_ABBREV = {"e.g", "i.e", "etc", "para", "paras", "no", "nos", "s", "ss", "mr", "mrs", "ms", "dr", "st", "cf",
           "vs", "v", "approx", "incl", "p", "pp", "ch", "reg", "art", "sch"}
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?:\d{1,3}(?=\s))?\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a duty is: the block, the printed paragraph number, the list item, the page and heading."""

    block: str
    number: str | None = None
    item: str | None = None
    page: int | None = None
    page_label: str | None = None
    path: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """"paragraph 70(3), page 32" — what a reader looks for in the edition."""
        parts = []
        if self.number:
            parts.append(f"paragraph {self.number}" + (f"({self.item})" if self.item else ""))
        elif self.item:
            parts.append(f"list item {self.item}")
        if self.page_label or self.page:
            parts.append(f"page {self.page_label or self.page}")
        if not parts and self.path:
            parts.append(self.path[-1])
        return ", ".join(parts) or self.block


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence holding a deontic form, whether or not it places a duty (the register diff
    pairs these, so that "should" becoming a passive "may" is seen as weakened)."""

    id: str
    text: str
    #: the sentence as a reader needs it: a list item prefixed with its lead-in
    context: str
    strength: str | None
    form: str | None
    #: the strength of every deontic form in the sentence, in order (whoever their subject)
    forms: tuple[str, ...]
    actors: tuple[str, ...]
    action: str
    place: Place
    basis: tuple[str, ...]
    is_duty: bool


#: a duty is a statement that places one
Duty = Statement


@dataclass(frozen=True)
class Register:
    """The duties of one edition, in reading order."""

    title: str
    source: str
    duties: tuple[Duty, ...]
    #: the registry id of the edition (or specimen name), when known
    edition: str | None = None

    @classmethod
    def of(cls, doc: Document, found: Iterable[Statement]) -> "Register":
        """The register of ``doc`` from its statements (those that place a duty)."""
        return cls(title=doc.title, source=doc.source or doc.edition or "",
                   duties=tuple(s for s in found if s.is_duty), edition=doc.edition)

    def by_actor(self) -> dict[str, list[Duty]]:
        """The duties under each actor (a duty with several actors under each), actors in first-seen order."""
        out: dict[str, list[Duty]] = {}
        for d in self.duties:
            for a in d.actors:
                out.setdefault(a, []).append(d)
        return out


# --- sentences -------------------------------------------------------------------------------

def sentences(text: str) -> list[tuple[int, int]]:
    """The sentence spans of ``text``: split after . ! or ? (and any closing quote, bracket or
    footnote number) before a capital, digit or opening quote, except after an abbreviation."""
    out, start = [], 0
    for m in _END.finditer(text):
        word = re.search(r"([\w.]+)[.!?]?$", text[start:m.start() + 1])
        if word and word.group(1).rstrip(".").lower() in _ABBREV:
            continue
        if m.start() + 1 - start > 1:
            out.append((start, m.start() + 1))
            start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def sentence_key(text: str) -> str:
    """A short stable hash of a sentence's folded words (labels of real text keep only this)."""
    words = re.findall(r"\w+", fold(text).lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:12]


# --- deontic forms and actors -----------------------------------------------------------------

def _form_of(m: re.Match[str]) -> tuple[str, bool]:
    for k, (_, strength, needs) in enumerate(FORMS):
        if m.group(k + 1):
            return strength, needs
    raise AssertionError("a form matched no group")


def deontic(sentence: str) -> list[tuple[int, int, str, bool, bool]]:
    """The deontic forms of ``sentence``: (start, end, strength, needs an actor subject, can place
    a duty); a form
    right after an opening quote is quoted, not used, and "not need to" or "not required to" is
    none, nor is "may need to"; "may" and "will" before a verb of being or happening
    ("may be", "will hold") are a possibility or a prediction and can place no duty."""
    out = []
    for m in _FORM.finditer(sentence):
        if sentence[max(0, m.start() - 1):m.start()] in _QUOTES:
            continue  # the word quoted ("we use the term 'must' when"), not used
        if _HEDGED.search(sentence[:m.start()]) and m.group(0).lower().startswith(("need", "is", "are")):
            continue  # "may need to": a possibility, not a requirement
        if m.group(0).lower().startswith("need") and _NOMINAL.search(sentence[:m.start()]):
            continue  # "the need to safeguard": a noun
        if _NEGATED.search(sentence[:m.start()]) and not m.group(0).lower().startswith(("must", "should")):
            continue  # "does not need to", "is not required to": no requirement
        if m.group(0).lower().endswith("required") and (_NO_SUBJECT.search(sentence[:m.start()]) or
                                                         _CONDITION.search(sentence[:m.start()])):
            continue  # "no further action is required", "where a referral is required,": none is
        strength, needs = _form_of(m)
        verb = _NEXT_VERB.match(sentence, m.end())
        # "may become", "will hold": a possibility or a prediction, never a duty (but still a form
        # whose change of strength the register diff reports)
        places = not (strength in ("may", "will") and verb and verb.group(1).lower() in _STATIVE)
        out.append((m.start(), m.end(), strength, needs, places))
    return out


# --- the register -----------------------------------------------------------------------------

_KINDS = frozenset({"paragraph", "list-item", "definition"})


@dataclass
class _Lead:
    """A lead-in whose list items inherit its form and actors."""

    strength: str
    form: str
    actors: tuple[str, ...]
    action: str
    text: str
    number: str | None
    basis: tuple[str, ...]
    items: list[int]
    path: tuple[str, ...] = ()


def _statement(block: Block, k: int, text: str, context: str, found: tuple[str, str, tuple[str, ...], str, bool] | None,
               place: Place, basis: tuple[str, ...]) -> Statement:
    strength, form, actors, action, duty = found if found else (None, None, (), "", False)
    return Statement(id=f"{block.id}#{k}", text=text, context=context, strength=strength, form=form,
                     forms=tuple(f[2] for f in deontic(text)) or ((strength,) if strength else ()),
                     actors=actors or ((UNSPECIFIED,) if duty else ()), action=action, place=place,
                     basis=basis, is_duty=duty)


def _read_sentence(sentence: str, vocab: Vocabulary, ctx: Context
                   ) -> tuple[tuple[str, str, tuple[str, ...], str, bool] | None, list[Mention]]:
    """The first form of ``sentence`` that places a duty (else its first form, as a non-duty)."""
    mentions = vocab.find(sentence)
    first = None
    quoted = bool(_QUOTED_FORM.search(sentence))  # about the words ("we use 'must' where"): no duty
    for start, end, strength, needs, places in deontic(sentence):
        subject = subject_start(sentence, start, mentions)
        if re.match(_IMPERSONAL, sentence[start:end], re.IGNORECASE):
            actors, action = assigned(sentence, end, mentions)
            named = bool(actors)
        else:
            actors, named = resolve(sentence, subject, start, end, mentions, ctx)
            action = sentence[end:].strip().rstrip(".;:").strip()
        # in an indirect question ("what each agency is expected to do") nothing is required
        asked = bool(re.search(QUESTION.pattern + "$", sentence[:subject], re.IGNORECASE))
        duty = (not needs or named) and places and not quoted and not asked
        found = (strength, re.sub(r"\s+", " ", sentence[start:end].lower()), actors, action, duty)
        if found[4]:
            return found, mentions
        first = first or found
    return first, mentions


def statements(doc: Document, vocab: Vocabulary | None = None) -> Iterator[Statement]:
    """Every sentence of ``doc`` holding a deontic form, in reading order (see the module doc)."""
    vocab = vocab or load_vocabulary()
    lead: _Lead | None = None
    section: tuple[str, ...] | None = None
    recent: list[tuple[str, str]] = []
    for block in doc.blocks(notes=False):
        if block.kind not in _KINDS:
            if block.kind != "footnote":
                lead = None
            continue
        notes = tuple(c for n in block.notes for c in legal_basis(n.text))
        if lead is not None and block.kind == "list-item" and lead.path != block.path and not lead.items:
            lead.path = block.path  # a heading between a lead-in and its first item is the list's caption
        if block.kind != "list-item" or (lead is not None and lead.path != block.path):
            lead = None  # a list continues its lead-in only up to the next paragraph or heading
        if block.path != section:
            section, recent = block.path, []
        ctx = Context(lead=lead.actors if lead else (), recent=recent)
        spans = sentences(block.text)
        own = tuple(legal_basis(block.text))
        item = None
        if block.kind == "list-item" and lead is not None:
            _count(lead, block.level)
            item = ".".join(str(n) for n in lead.items)
        number = block.number or (lead.number if lead and block.kind == "list-item" else None)
        place = Place(block=block.id, number=number, item=item, page=block.page, page_label=block.page_label,
                      path=block.path)
        last_found = None
        worded = False  # whether a sentence with words came before (an item's number is none)
        for k, (s, e) in enumerate(spans):
            sentence = block.text[s:e].strip()
            if not re.search(r"[^\W\d_]{2}", sentence):
                continue  # no words ("18.", an item's "1."): a number, not a sentence
            opening, worded = not worded, True
            found, mentions = _read_sentence(sentence, vocab, ctx)
            cites = tuple(legal_basis(sentence)) or own or (lead.basis if lead and block.kind == "list-item" else ())
            basis = tuple(dict.fromkeys(cites + notes))
            context = sentence
            if lead is not None and block.kind == "list-item" and opening and (
                    sentence[:1].islower() or (found is None and not FINITE.search(sentence))):
                # the item continues its lead-in's sentence
                found = (lead.strength, lead.form, lead.actors,
                         f"{lead.action} {sentence}".strip().rstrip(".;"), True)
                context = f"{lead.text} {sentence}"
            if found is not None:
                yield _statement(block, k, sentence, context, found, place, basis)
                last_found = found
            ctx.recent.extend(heads(sentence, mentions))
            if found is not None:  # a pronoun in the next sentence points to this one's subject
                ctx.last = found[2] if found[2] != (UNSPECIFIED,) else ()
            elif mentions:  # no form: its subject, the actors it names first
                ctx.last = ids(groups(mentions, sentence)[0])
            if ctx.last or not SINGULAR_SUBJECT.match(sentence):
                ctx.plural = ctx.last
        if block.kind != "list-item" and spans and block.text.rstrip().endswith(":"):
            lead = _lead(block, spans, last_found, number, tuple(dict.fromkeys(own + notes)))


def _lead(block: Block, spans: list[tuple[int, int]], found: tuple[str, str, tuple[str, ...], str, bool] | None,
          number: str | None, basis: tuple[str, ...]) -> _Lead | None:
    """The lead-in a paragraph ending with a colon makes, if its last sentence holds a duty."""
    s, e = spans[-1]
    last = block.text[s:e].strip()
    if found is None or not found[4] or found[3] not in last:
        return None
    return _Lead(strength=found[0], form=found[1], actors=found[2], action=found[3], text=last.rstrip(":").strip(),
                 number=number, basis=basis, items=[], path=block.path)


def _count(lead: _Lead, level: int) -> None:
    """Advance the lead-in's item counter for an item at nesting ``level``."""
    depth = level + 1
    if len(lead.items) >= depth:
        del lead.items[depth:]
        lead.items[depth - 1] += 1
    else:
        lead.items.extend([1] * (depth - len(lead.items)))


def extract(doc: Document, vocab: Vocabulary | None = None) -> Register:
    """The duties register of ``doc``: every sentence that places a duty, in reading order."""
    return Register.of(doc, statements(doc, vocab))
