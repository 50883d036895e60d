"""Word fixtures for the DOCX and PDF tests, built with python-docx.

:func:`build_docx` writes a :class:`Spec` (title; chapters; sections and
subsections; paragraphs with footnotes and links; nested bullet lists; lettered
lists; two-column tables; glossary definitions) as a real Word file — ``Title``
and ``Heading 1/2/3`` styles, paragraph numbers typed (``24.<tab>Text``) or
made by Word auto-numbering, ``List Bullet`` items (or ``List Paragraph`` with
bullet numbering), a ``Table Grid`` table, real Word footnotes in small type
(the ``footnotes.xml`` part is built by hand: python-docx has no footnote API),
a running header with the title and a ``Page N`` footer made with a ``PAGE``
field — and returns the :class:`ExpectedTree` the DOCX reader should produce,
so a test can assert exact equality with :meth:`ExpectedTree.of`.

:func:`long_spec` makes a long edition (375 paragraphs come to about 120
pages) from the project's own sentence bank, and :func:`convert_to_pdf` turns a
DOCX into PDF with LibreOffice when it is installed.

Inline markup in paragraph, list and footnote text: ``[fn]`` puts the next
footnote reference there (the rest follow the text), ``[label](https://…)``
is a hyperlink.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from wtdiff.eval.word import NSDECL as _NSDECL
from wtdiff.eval.word import add_footnotes, add_header_footer, convert, footnote_xml, soffice
from wtdiff.model import Document
from wtdiff.structure import heading_kind

__all__ = [
    "Bullet",
    "Bullets",
    "Chapter",
    "Definition",
    "ExpectedTree",
    "Para",
    "Sec",
    "Spec",
    "Table",
    "build_docx",
    "convert_to_docx",
    "convert_to_pdf",
    "long_spec",
    "small_spec",
    "soffice",
]



# --- the spec ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Para:
    """A paragraph; numbered (in sequence through the document) unless ``numbered=False``."""

    text: str
    notes: tuple[str, ...] = ()
    numbered: bool = True


@dataclass(frozen=True)
class Bullet:
    text: str
    children: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class Bullets:
    """A bullet list (nested by ``Bullet.children``), or with ``lettered`` a one-level a), b) list."""

    items: tuple[Bullet, ...]
    lettered: bool = False


@dataclass(frozen=True)
class Table:
    """A two-column table with a header row."""

    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Definition:
    """A glossary entry, written ``Term – text``; only under a heading naming a glossary."""

    term: str
    text: str


Block = Para | Bullets | Table | Definition


@dataclass(frozen=True)
class Sec:
    title: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Sec, ...] = ()


@dataclass(frozen=True)
class Chapter:
    title: str
    blocks: tuple[Block, ...] = ()  # before the first section
    sections: tuple[Sec, ...] = ()
    #: paragraph numbers start again at 1 in this chapter
    restart: bool = False


@dataclass(frozen=True)
class Spec:
    title: str
    chapters: tuple[Chapter, ...]
    intro: tuple[Block, ...] = ()  # before the first chapter


# --- the expected tree ---------------------------------------------------------------------

#: (kind, number, level, title) of a section
ExpectedSection = tuple[str, str | None, int, str]
#: (kind, number, level, text, cells, header, term, notes as (number, text), links) of a block
ExpectedBlock = tuple[str, str | None, int, str, tuple[str, ...], bool, str | None,
                      tuple[tuple[str | None, str], ...], tuple[str, ...]]


@dataclass
class ExpectedTree:
    """What a reader should make of a generated document: title, sections and blocks in order."""

    title: str
    sections: list[ExpectedSection] = field(default_factory=list)
    blocks: list[ExpectedBlock] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> ExpectedTree:
        """The same description of a parsed document, to compare with ``==``."""
        return cls(
            title=doc.title,
            sections=[(s.kind, s.number, s.level, s.title) for s in doc.sections()],
            blocks=[(b.kind, b.number, b.level, b.text, b.cells, b.header, b.term,
                     tuple((n.number, n.text) for n in b.notes), b.links)
                    for b in doc.blocks(notes=False)],
        )

    @property
    def footnotes(self) -> int:
        return sum(len(b[7]) for b in self.blocks)


_MARKUP = re.compile(r"\[fn\]|\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _display(text: str) -> tuple[str, tuple[str, ...]]:
    """The text as displayed (markup removed) and the link addresses in it."""
    links = tuple(m.group(2) for m in _MARKUP.finditer(text) if m.group(2))
    shown = _MARKUP.sub(lambda m: m.group(1) or "", text)
    return re.sub(r"\s+", " ", shown).strip(), links


# --- building the document -----------------------------------------------------------------

def build_docx(spec: Spec, path: str | Path, *, auto_numbering: bool = False, footnotes: bool = True,
               header_footer: bool = True) -> ExpectedTree:
    """Write ``spec`` as a Word file at ``path``; the tree the DOCX reader should give.

    ``auto_numbering`` numbers paragraphs, bullets and lettered lists with Word
    numbering (a numbered paragraph style; ``List Paragraph`` with bullet
    levels; a lettered list restarted per list with ``startOverride``) instead
    of typed numbers and ``List Bullet`` styles. ``footnotes=False`` leaves the
    notes out; ``header_footer=False`` leaves the page header and footer empty.
    """
    builder = _Builder(auto_numbering=auto_numbering, footnotes=footnotes)
    expected = builder.write(spec, header_footer=header_footer)
    builder.doc.save(str(path))
    return expected


class _Builder:
    def __init__(self, *, auto_numbering: bool, footnotes: bool) -> None:
        self.doc = new_document()
        self.auto = auto_numbering
        self.with_notes = footnotes
        self.expected = ExpectedTree(title="")
        self.number = 0
        self.note_xml: list[str] = []
        self.heading_title = ""
        self._styles()
        if self.auto:
            self._numbering()

    # -- set-up --

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(12)
        text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = normal
        text.font.size = Pt(8)
        text.paragraph_format.space_after = Pt(0)
        ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        ref.font.superscript = True
        numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
        numbered.base_style = normal
        numbered.paragraph_format.left_indent = Pt(28)
        numbered.paragraph_format.first_line_indent = Pt(-28)

    def _numbering(self) -> None:
        """Add paragraph, bullet and letter numbering; the paragraph style carries the first."""
        numbering = self.doc.part.numbering_part.element
        nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        self.next_num = max(nums, default=0) + 1
        bullet_levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>'
            for i, (glyph, font) in enumerate([("\uf0b7", "Symbol"), ("o", "Courier New"), ("\uf0a7", "Wingdings")])
        )
        abstracts = {
            900: '<w:multiLevelType w:val="hybridMultilevel"/>'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="NumberedParagraph"/>'
                 '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
                 '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>',
            901: '<w:multiLevelType w:val="hybridMultilevel"/>' + bullet_levels,
            902: '<w:multiLevelType w:val="singleLevel"/>'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>',
        }
        first_num = numbering.find(qn("w:num"))
        for aid, body in abstracts.items():
            el = parse_xml(f'<w:abstractNum {_NSDECL} w:abstractNumId="{aid}">{body}</w:abstractNum>')
            if first_num is not None:
                first_num.addprevious(el)
            else:
                numbering.append(el)
        self.para_num = self._new_num(900)
        self.bullet_num = self._new_num(901)
        style = self.doc.styles["Numbered Paragraph"].element
        style.get_or_add_pPr().insert(0, parse_xml(
            f'<w:numPr {_NSDECL}><w:numId w:val="{self.para_num}"/></w:numPr>'))

    def _new_num(self, abstract: int, *, restart: bool = False) -> int:
        numbering = self.doc.part.numbering_part.element
        num_id = self.next_num
        self.next_num += 1
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        numbering.append(parse_xml(
            f'<w:num {_NSDECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return num_id

    # -- the document --

    def write(self, spec: Spec, *, header_footer: bool) -> ExpectedTree:
        self.expected.title = spec.title
        self.doc.add_paragraph(spec.title, style="Title")
        self.restart_num: int | None = None
        self._blocks(spec.intro)
        for chapter in spec.chapters:
            if chapter.restart:
                self.number = 0
                if self.auto:
                    self.restart_num = self._new_num(900, restart=True)
            self._heading(chapter.title, 1)
            self._blocks(chapter.blocks)
            for sec in chapter.sections:
                self._section(sec, 2)
        if header_footer:
            self._header_footer(spec.title)
        if self.note_xml:
            self._footnotes_part()
        return self.expected

    def _section(self, sec: Sec, level: int) -> None:
        self._heading(sec.title, level)
        self._blocks(sec.blocks)
        for sub in sec.subsections:
            self._section(sub, level + 1)

    def _heading(self, title: str, level: int) -> None:
        self.doc.add_heading(title, level)
        kind, number = heading_kind(title)
        self.expected.sections.append((kind, number, level, title))
        self.heading_title = title

    def _blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Para):
                self._para(block)
            elif isinstance(block, Bullets):
                if block.lettered:
                    self._lettered(block)
                else:
                    for item in block.items:
                        self._bullet(item, 0)
            elif isinstance(block, Table):
                self._table(block)
            else:
                self._definition(block)

    def _para(self, para: Para) -> None:
        number: str | None = None
        if para.numbered:
            self.number += 1
            number = str(self.number)
        if para.numbered and self.auto:
            p = self.doc.add_paragraph(style="Numbered Paragraph")
            if self.restart_num is not None:
                p._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {_NSDECL}><w:ilvl w:val="0"/><w:numId w:val="{self.restart_num}"/></w:numPr>'))
        elif para.numbered:
            p = self.doc.add_paragraph(style="Numbered Paragraph")
            p.add_run(f"{number}.").add_tab()
        else:
            p = self.doc.add_paragraph()
        notes = self._content(p, para.text, para.notes)
        text, links = _display(para.text)
        self.expected.blocks.append(("paragraph", number, 0, text, (), False, None, notes, links))

    def _bullet(self, item: Bullet, level: int) -> None:
        if self.auto:
            p = self.doc.add_paragraph(style="List Paragraph")
            self._num_pr(p, self.bullet_num, level)
        else:
            p = self.doc.add_paragraph(style="List Bullet" if level == 0 else f"List Bullet {level + 1}")
        notes = self._content(p, item.text, ())
        text, links = _display(item.text)
        self.expected.blocks.append(("list-item", None, level, text, (), False, None, notes, links))
        for child in item.children:
            self._bullet(child, level + 1)

    def _lettered(self, block: Bullets) -> None:
        num = self._new_num(902, restart=True) if self.auto else 0
        for i, item in enumerate(block.items):
            label = f"{chr(ord('a') + i)})"
            p = self.doc.add_paragraph(style="List Paragraph")
            if self.auto:
                self._num_pr(p, num, 0)
            else:
                p.add_run(label).add_tab()
            self._content(p, item.text, ())
            text, links = _display(item.text)
            self.expected.blocks.append(("list-item", None, 0, f"{label} {text}", (), False, None, (), links))

    @staticmethod
    def _num_pr(p: Paragraph, num: int, level: int) -> None:
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {_NSDECL}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))

    def _table(self, table: Table) -> None:
        t = self.doc.add_table(rows=1 + len(table.rows), cols=2)
        t.style = self.doc.styles["Table Grid"]
        for r, row in enumerate((table.header, *table.rows)):
            for c, value in enumerate(row):
                cell = t.cell(r, c)
                cell.text = value
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            cells = tuple(_display(v)[0] for v in row)
            self.expected.blocks.append(("table-row", None, 0, " | ".join(cells), cells, r == 0, None, (), ()))
        if self.auto:  # a header row repeated on each page, as Word marks it
            t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {_NSDECL}/>'))
        self.doc.add_paragraph()  # Word keeps an empty paragraph between a table and what follows

    def _definition(self, entry: Definition) -> None:
        if not re.search(r"glossary|definitions|key terms", self.heading_title, re.IGNORECASE):
            raise ValueError(f"definition {entry.term!r} is not under a glossary heading")
        p = self.doc.add_paragraph()
        p.add_run(entry.term).bold = True
        self._content(p, f" \u2013 {entry.text}", ())
        text, links = _display(f"{entry.term} \u2013 {entry.text}")
        self.expected.blocks.append(("definition", None, 0, text, (), False, entry.term, (), links))

    # -- inline content --

    def _content(self, p: Paragraph, text: str, notes: tuple[str, ...]) -> tuple[tuple[str | None, str], ...]:
        """Write ``text`` into ``p`` with its links and footnote references; the expected notes."""
        pending = list(notes) if self.with_notes else []
        expected: list[tuple[str | None, str]] = []
        pos = 0
        for m in _MARKUP.finditer(text):
            if m.start() > pos:
                p.add_run(text[pos:m.start()])
            if m.group(2):
                self._hyperlink(p, m.group(1), m.group(2))
            elif pending:
                expected.append(self._note_ref(p, pending.pop(0)))
            pos = m.end()
        if pos < len(text):
            p.add_run(text[pos:])
        while pending:
            expected.append(self._note_ref(p, pending.pop(0)))
        return tuple(expected)

    def _hyperlink(self, p: Paragraph, label: str, url: str) -> None:
        rid = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
        p._p.append(parse_xml(
            f'<w:hyperlink {_NSDECL} r:id="{rid}"><w:r><w:rPr><w:color w:val="1D70B8"/><w:u w:val="single"/>'
            f'</w:rPr><w:t xml:space="preserve">{_esc(label)}</w:t></w:r></w:hyperlink>'))

    def _note_ref(self, p: Paragraph, note: str) -> tuple[str | None, str]:
        note_id = len(self.note_xml) + 1
        p._p.append(parse_xml(
            f'<w:r {_NSDECL}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'))
        body = []
        pos = 0
        for m in _MARKUP.finditer(note):
            body.append(_text_run(note[pos:m.start()]))
            if m.group(2):
                body.append(f'<w:hyperlink r:id="@link:{m.group(2)}@"><w:r><w:rPr><w:color w:val="1D70B8"/>'
                            f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{_esc(m.group(1))}</w:t>'
                            f'</w:r></w:hyperlink>')
            pos = m.end()
        body.append(_text_run(note[pos:]))
        self.note_xml.append(footnote_xml(note_id, "".join(body)))
        return str(note_id), _display(note)[0]

    def _footnotes_part(self) -> None:
        """The footnotes part, its relationships and the separators Word expects."""
        add_footnotes(self.doc, self.note_xml)

    def _header_footer(self, title: str) -> None:
        add_header_footer(self.doc, title)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""


# --- conversion ----------------------------------------------------------------------------

_TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def convert_to_pdf(docx_path: str | Path, out_dir: str | Path, *, tagged: bool = False,
                   timeout: float = 300) -> Path | None:
    """Convert a DOCX to PDF with headless LibreOffice; None when LibreOffice is not installed.

    ``tagged`` writes a tagged PDF (with a structure tree, as Word's "Save as
    PDF" does by default). A private LibreOffice profile is used, so
    conversions may run side by side.
    """
    return _convert(docx_path, out_dir, _TAGGED if tagged else "pdf", "pdf", timeout)


def convert_to_docx(path: str | Path, out_dir: str | Path, *, timeout: float = 300) -> Path | None:
    """Save a document LibreOffice can open (HTML, ODT, …) as DOCX; None without LibreOffice."""
    return _convert(path, out_dir, "docx:MS Word 2007 XML", "docx", timeout)


def _convert(path: str | Path, out_dir: str | Path, target: str, suffix: str, timeout: float) -> Path | None:
    return convert(path, out_dir, target, suffix, timeout=timeout)


# --- specs ---------------------------------------------------------------------------------

def small_spec() -> Spec:
    """A short edition that uses every feature once or twice."""
    return Spec(
        title="Working Together to Safeguard Children",
        intro=(Para("This statutory guidance applies to every organisation in England that works with "
                    "children and families.", numbered=False),),
        chapters=(
            Chapter("Chapter 1: A shared responsibility", blocks=(
                Para("Everyone who works with children has a role to play in keeping them safe[fn], and no "
                     "single practitioner can have a full picture of a child\u2019s needs.",
                     notes=("Children Act 2004, section 11.",)),
            ), sections=(
                Sec("A child-centred approach", blocks=(
                    Para("Practitioners should:"),
                    Bullets((Bullet("see the child and speak with them alone where it is safe to do so;",
                                    children=(Bullet("record the child\u2019s own words;"),
                                              Bullet("note who else was present \u2013 and why."))),
                             Bullet("read the [multi-agency framework](https://www.gov.uk/guidance/framework) "
                                    "before the first visit."))),
                    Para("Multi-agency working is built on \u201ctrust, challenge and shared purpose\u201d \u2014 "
                         "not on the structure chart of any one agency.",
                         notes=("See the information-sharing advice for practitioners.",
                                "Further detail is at [the national panel](https://www.gov.uk/panel).")),
                )),
                Sec("Roles of each agency", blocks=(
                    Table(("Agency", "Statutory duty"), (
                        ("Local authority", "Lead the assessment and co\u2011ordinate the plan"),
                        ("Police", "Investigate crimes against children"),
                        ("Health", "Provide specialist advice and treatment"),
                    )),
                    Para("Where a child\u2019s needs change, the lead practitioner must review the plan."),
                )),
            )),
            Chapter("Chapter 2: Multi-agency arrangements", restart=True, blocks=(
                Para("The safeguarding partners must agree how they will work together.", notes=("Children and Social Work Act 2017, section 16E.",)),
                Bullets((Bullet("publish the arrangements;"), Bullet("name a lead representative;"),
                         Bullet("review them each year.")), lettered=True),
            ), sections=(
                Sec("Independent scrutiny", blocks=(
                    Para("The arrangements should include independent scrutiny of their effectiveness."),
                ), subsections=(
                    Sec("The scrutineer\u2019s report", blocks=(
                        Para("The scrutineer\u2019s findings are published with the yearly report."),
                    )),
                )),
            )),
            Chapter("Appendix A: Glossary", blocks=(
                Definition("Early help", "support given as soon as a problem emerges, at any point in a "
                                         "child\u2019s life."),
                Definition("Safeguarding partners", "the local authority, the integrated care board and the "
                                                    "chief officer of police for an area."),
            )),
        ),
    )


# The sentence bank: the project's own sentences in the register of statutory guidance.
_ACTORS = [
    "Safeguarding partners",
    "The local authority",
    "Each school and college",
    "Health practitioners",
    "The designated safeguarding lead",
    "Police officers",
    "Early help practitioners",
    "The lead practitioner",
    "Children\u2019s social care",
    "Integrated care boards",
    "Youth justice services",
    "Voluntary and community organisations",
    "The independent scrutineer",
    "Probation services",
    "Housing authorities",
    "Designated doctors and nurses",
    "Early years providers",
    "The multi-agency safeguarding hub",
    "Sports clubs and faith organisations",
    "Adult mental health services",
    "The child protection chair",
    "Frontline managers",
    "General practitioners",
    "Local authority designated officers",
]
_MODALS = ["should", "must", "should always", "are expected to", "will need to", "may", "should, where possible,"]
_ACTIONS = [
    "record the child\u2019s wishes and feelings in their own words",
    "share information promptly with the agencies that need it",
    "agree a clear plan of support with the family and review it regularly",
    "escalate concerns through the locally agreed resolution procedure",
    "consider whether a strategy discussion is needed",
    "make sure an interpreter is available when a family needs one",
    "keep the child at the centre of every decision about their care",
    "explain to parents what will happen next and why",
    "check what other agencies already know before visiting",
    "write down the reasons for each decision, including a decision to take no further action",
    "seek advice from a named or designated professional",
    "take account of the child\u2019s age, disability and communication needs",
    "look beyond the immediate incident to the pattern of harm over time",
    "support staff to challenge one another constructively",
    "make sure that managers have oversight of the most complex cases",
    "co-ordinate a single multi-agency assessment instead of several separate ones",
    "offer a face-to-face meeting with the family at the earliest opportunity",
    "provide out-of-hours cover so that urgent referrals are not delayed",
    "consider the risks a child may face outside the home",
    "include fathers and male carers in every assessment",
    "agree who will tell the child about the outcome of the meeting",
    "check that the plan still meets the child\u2019s needs as circumstances change",
]
_WHEN = [
    "when a referral is received", "within one working day", "before a child protection conference",
    "where there are concerns about harm outside the home", "throughout the assessment",
    "in line with the local threshold document", "so that no child falls through the gaps between services",
    "at every stage of the process", "whenever a child moves to a new area", "as soon as a concern is identified",
    "during the transition to adult services", "when a child is missing from education",
    "while criminal proceedings are under way", "where a parent does not engage with services",
]
_SCOPES = [
    "children in need",
    "disabled children and their families",
    "young carers",
    "children living away from home",
    "care leavers up to the age of 25",
    "children at risk of exploitation",
    "unaccompanied children seeking asylum",
    "children in custody",
    "children who are privately fostered",
    "babies under one year old",
]
_TOPICS = [
    "information sharing",
    "early help",
    "child protection planning",
    "the use of restraint",
    "contextual safeguarding",
    "neglect",
    "domestic abuse",
    "online harm",
    "allegations against staff",
    "child sexual exploitation",
    "serious youth violence",
    "female genital mutilation",
    "forced marriage",
    "radicalisation",
]
_QUALITIES = [
    "listen and take their views seriously",
    "explain clearly what is happening",
    "are honest about what they can and cannot do",
    "stay in contact over time",
    "treat them with respect",
    "keep the promises they make",
]
_TEMPLATES = [
    "{actor} {modal} {action} {when}.",
    "Where {topic} is a concern, {actor_l} {modal} {action}.",
    "This applies to all {scope}, including {scope2}.",
    "Decisions about {topic} should be recorded, with the reasons for them, {when}.",
    "Children say they value practitioners who {quality} \u2013 and who {quality2}.",
    "{actor} {modal} not wait for a formal referral before they {action}.",
    "A whole-family approach means that {actor_l} {modal} {action}.",
    "The timescale for an assessment is no more than {days} working days from the point of referral.",
    "Local arrangements for {topic} should be set out in writing and kept under review {when}.",
    "{actor} and {actor2_l} {modal} work together on {topic} \u2014 neither can do so alone.",
    "It is the \u2018lead practitioner\u2019 who {holds}.",
    "Practitioners should be alert to the signs of {topic}, particularly among {scope}.",
    "Good practice on {topic} is described in the \u201cthink family\u201d principles set out earlier.",
    "{actor} {modal} {action}; {actor2_l} {modal2} {action2}.",
]
_HOLDS = [
    "holds the overview of the plan", "co-ordinates the core group", "speaks with the child about the plan",
    "keeps the family informed of changes", "makes sure actions are completed on time",
]
_CHAPTER_TITLES = [
    "A shared responsibility",
    "Multi-agency safeguarding arrangements",
    "Early help",
    "Assessing need and providing support",
    "Child protection",
    "Organisational responsibilities",
    "Safeguarding disabled children",
    "Harm outside the home",
    "Child death reviews",
    "Learning from serious incidents",
    "Information sharing",
    "Working with parents and carers",
    "Education settings",
    "Health services",
    "Police and the youth justice system",
    "Children in care and care leavers",
    "Private fostering",
    "Young carers",
    "Domestic abuse",
    "Online safety",
]
_SECTION_TITLES = [
    "Principles", "Roles and responsibilities", "Leadership and accountability", "Working with families",
    "Thresholds and referrals", "Assessment", "Planning and review", "Recording decisions", "Escalation",
    "Training and supervision", "Quality assurance", "Transitions", "Local arrangements", "Scrutiny",
    "Timescales", "Consent", "Records", "Support for practitioners", "Children\u2019s voices", "Next steps",
]
_NOTES = [
    "Children Act 1989, section 17.",
    "Children Act 1989, section 47.",
    "Children Act 2004, section 11.",
    "Education Act 2002, section 175.",
    "Children and Social Work Act 2017, section 16E.",
    "Data Protection Act 2018 and the UK General Data Protection Regulation.",
    "Domestic Abuse Act 2021, section 3.",
    "See the [national framework](https://www.gov.uk/guidance/national-framework).",
    "Care Act 2014, section 58.",
    "Police and Criminal Evidence Act 1984, section 46.",
]
_TABLE_ROWS = [
    ("Local authority", "Lead the assessment and co-ordinate the child protection plan"),
    ("Police", "Investigate crimes against children and share intelligence"),
    ("Health", "Give specialist advice, treatment and health assessments"),
    ("Schools", "Identify concerns early and refer them without delay"),
    ("Probation", "Manage the risks posed by adults who may harm children"),
    ("Housing", "Make sure families in temporary accommodation are known to services"),
    ("Youth justice", "Support children in the justice system and reduce reoffending"),
    ("Early years", "Notice changes in a young child\u2019s development or behaviour"),
]


def _sentences(rng: random.Random) -> Iterator[str]:
    while True:
        actor, actor2 = rng.sample(_ACTORS, 2)
        scope, scope2 = rng.sample(_SCOPES, 2)
        quality, quality2 = rng.sample(_QUALITIES, 2)
        action, action2 = rng.sample(_ACTIONS, 2)
        yield rng.choice(_TEMPLATES).format(
            actor=actor, actor_l=_lower(actor), actor2_l=_lower(actor2), modal=rng.choice(_MODALS),
            modal2=rng.choice(_MODALS), action=action, action2=action2, when=rng.choice(_WHEN),
            topic=rng.choice(_TOPICS), scope=scope, scope2=scope2, quality=quality, quality2=quality2,
            days=rng.choice((10, 15, 20, 35, 45)), holds=rng.choice(_HOLDS),
        )


def _lower(actor: str) -> str:
    return actor[0].lower() + actor[1:]


def long_spec(paragraphs: int = 375, *, seed: int = 1) -> Spec:
    """A long edition: ``paragraphs`` numbered paragraphs of about 90 words in chapters and
    sections, with bullet lists, tables, footnotes and links (375 give about 120 pages)."""
    rng = random.Random(seed)
    sentences = _sentences(rng)
    per_chapter = 21
    chapters: list[Chapter] = []
    done = 0
    for c in range((paragraphs + per_chapter - 1) // per_chapter):
        count = min(per_chapter, paragraphs - done)
        sections: list[Sec] = []
        bounds = [0, count // 3, 2 * count // 3, count]
        for s in range(3):
            blocks: list[Block] = []
            for _ in range(bounds[s + 1] - bounds[s]):
                done += 1
                text = " ".join(next(sentences) for _ in range(rng.randint(4, 6)))
                if done % 9 == 0:
                    text += " Read the [published guidance](https://www.gov.uk/guidance/section-" + str(done) + ")."
                notes = (rng.choice(_NOTES),) if done % 10 == 3 else ()
                blocks.append(Para(text, notes=notes))
                if done % 4 == 0:
                    blocks.append(Bullets(tuple(
                        Bullet(_item(next(sentences)),
                               children=(Bullet(_item(next(sentences))),) if i == 1 and done % 8 == 0 else ())
                        for i in range(rng.randint(3, 5)))))
                if done % 55 == 0:
                    rows = tuple(rng.sample(_TABLE_ROWS, 4))
                    blocks.append(Table(("Agency", "Main responsibility"), rows))
            title = _SECTION_TITLES[(c * 3 + s) % len(_SECTION_TITLES)]
            subsections: tuple[Sec, ...] = ()
            if s == 2 and c % 3 == 0 and len(blocks) > 2:
                subsections = (Sec(f"{title}: practice points", tuple(blocks[len(blocks) // 2:])),)
                blocks = blocks[:len(blocks) // 2]
            sections.append(Sec(title, tuple(blocks), subsections))
        name = _CHAPTER_TITLES[c % len(_CHAPTER_TITLES)]
        chapters.append(Chapter(f"Chapter {c + 1}: {name}", sections=tuple(sections)))
    glossary = tuple(Definition(term, text) for term, text in [
        ("Child", "anyone who has not yet reached their 18th birthday."),
        ("Early help", "support for children and families as soon as a problem emerges."),
        ("Lead practitioner", "the person who co-ordinates the help a family receives."),
        ("Relevant agency", "an organisation named by the partners to take part in local arrangements."),
        ("Strategy discussion", "a meeting to decide whether to start enquiries under section 47."),
    ])
    chapters.append(Chapter("Appendix A: Glossary", blocks=glossary))
    return Spec("Working Together to Safeguard Children", tuple(chapters), intro=(
        Para("This is statutory guidance for everyone who works with children in England.", numbered=False),))


def _item(sentence: str) -> str:
    """A sentence as a list item: lower-case start, ending with a semicolon."""
    return sentence[0].lower() + sentence[1:-1] + ";" if sentence[1:2].islower() else sentence[:-1] + ";"
