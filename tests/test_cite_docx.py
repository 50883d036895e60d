"""`wtdiff cite FILE.docx -o updated.docx`: only the citations change, as tracked changes with comments."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from lxml import etree

from wtdiff import cite
from wtdiff.cli import main
from wtdiff.track import Chain

from . import chaingen
from .docgen import convert_to_pdf
from .test_track import true_label

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MINE = ("word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def truth() -> chaingen.Chain:
    return chaingen.build()


@pytest.fixture(scope="module")
def chain(truth: chaingen.Chain) -> Chain:
    return Chain(truth.docs, use_cache=False)


def make_procedure(path: Path, truth: chaingen.Chain) -> Path:
    """A Word procedure: header, styles, a citation split over two runs with bold, another author's
    tracked insertion (inside a citation paragraph and alone), a hyperlink, and paragraphs with no citation."""
    consent, strategy, police = (true_label(truth, 0, k) for k in ("consent", "strategy", "police"))
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Local procedure — Working Together 2010, paragraph 3"
    d.add_heading("Multi-agency safeguarding procedure", 1)
    p = d.add_paragraph("This procedure applies ")
    p.add_run("Working Together 2010").italic = True
    p.add_run(" to the partnership's area.")
    p = d.add_paragraph(f"Consent is covered by Working Together 2010, para")
    p.add_run(f"graph {consent}").bold = True
    p.add_run(f"; strategy discussions by paragraph {strategy}.")
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="900" w:author="A. Reviewer" w:date="2024-01-01T00:00:00Z">'
                          f'<w:r><w:t xml:space="preserve"> Agreed by the board (paragraph {consent}).</w:t></w:r>'
                          '</w:ins>'))
    d.add_paragraph("Nothing here is a citation; the board met on 4 July 2018 (see page 4 of this procedure).")
    p = d.add_paragraph(f"The police duty was in paragraph {police}, and ")
    p._p.append(parse_xml(f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                          f'2006/relationships" w:anchor="top"><w:r><w:t>paragraph {strategy}</w:t></w:r>'
                          '</w:hyperlink>'))
    d.add_paragraph("A reviewer's deletion stays.")._p.append(parse_xml(
        f'<w:del xmlns:w="{W}" w:id="901" w:author="A. Reviewer"><w:r><w:delText>old words</w:delText></w:r></w:del>'))
    d.save(str(path))
    return path


def reject(root: etree._Element) -> etree._Element:
    """The document with wtdiff's changes rejected and its comment marks removed."""
    root = copy.deepcopy(root)
    for el in root.xpath("//w:ins[@w:author='wtdiff']", namespaces=NS):
        el.getparent().remove(el)
    for el in root.xpath("//w:del[@w:author='wtdiff']", namespaces=NS):
        for t in el.iter(w("delText")):
            t.tag = w("t")
        for r in list(el):
            el.addprevious(r)
        el.getparent().remove(el)
    _unmark(root)
    return root


def accept(root: etree._Element) -> etree._Element:
    root = copy.deepcopy(root)
    for el in root.xpath("//w:del[@w:author='wtdiff']", namespaces=NS):
        el.getparent().remove(el)
    for el in root.xpath("//w:ins[@w:author='wtdiff']", namespaces=NS):
        for r in list(el):
            el.addprevious(r)
        el.getparent().remove(el)
    _unmark(root)
    return root


def _unmark(root: etree._Element) -> None:
    for el in root.xpath("//w:commentRangeStart|//w:commentRangeEnd|//w:r[w:commentReference]", namespaces=NS):
        el.getparent().remove(el)


def chars(p: etree._Element) -> list[tuple[str, bytes]]:
    """Each character of a paragraph's text with its run's formatting (the layout of runs ignored)."""
    out = []
    for t in p.iter(w("t"), w("delText")):
        rpr = t.getparent().find(w("rPr"))
        fmt = etree.tostring(rpr) if rpr is not None else b""
        out += [(ch, fmt) for ch in t.text or ""]
    return out


@pytest.fixture(scope="module")
def updated(truth, chain, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx")
    src = make_procedure(tmp / "procedure.docx", truth)
    report = cite.cite(cite.read_user_document(src), chain, "2010", "2023")
    out = tmp / "updated.docx"
    changed = cite.update_docx(src, report, out)
    return src, out, report, changed


def _xml(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_every_other_part_of_the_package_is_unchanged(updated):
    src, out, _, _ = updated
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        before = {i.filename: (i.date_time, a.read(i)) for i in a.infolist()}
        after = {i.filename: (i.date_time, b.read(i)) for i in b.infolist()}
        assert [i.filename for i in b.infolist()][:len(before)] == [i.filename for i in a.infolist()]
    assert set(after) - set(before) == {"word/comments.xml"}
    for name, value in before.items():
        if name not in MINE:
            assert after[name] == value, name


def test_rejecting_the_changes_gives_back_every_paragraph(updated):
    """Paragraphs without a citation are byte for byte the same; the others have the same text and the
    same formatting for every character."""
    src, out, _, _ = updated
    old = list(_xml(src).iter(w("p")))
    new = list(reject(_xml(out)).iter(w("p")))
    assert len(old) == len(new)
    touched = 0
    for a, b in zip(old, new):
        if etree.tostring(a) != etree.tostring(b):
            touched += 1
            assert chars(a) == chars(b)
    assert touched == 3  # the heading, the no-citation paragraph and the reviewer's deletion untouched
    new_body = reject(_xml(out)).find(w("body"))
    assert etree.tostring(new_body.find(w("sectPr"))) == etree.tostring(_xml(src).find(w("body")).find(w("sectPr")))


def test_accepting_the_changes_gives_the_new_citations_and_edition(truth, updated, tmp_path):
    src, out, report, changed = updated
    accepted = accept(_xml(out))
    text = ["".join(t.text or "" for t in p.iter(w("t"))) for p in accepted.iter(w("p"))]
    consent, strategy = true_label(truth, 3, "consent"), true_label(truth, 3, "strategy-1")
    strategy2 = true_label(truth, 3, "strategy-2")
    assert text[1] == "This procedure applies Working Together 2023 to the partnership's area."
    assert text[2].startswith(f"Consent is covered by Working Together 2023, paragraph {consent}; strategy "
                              f"discussions by paragraphs {strategy}–{strategy2}. Agreed by the board (paragraph")
    wanted = sum(1 for x in report.items if x.replacement and x.replacement != x.citation.text)
    assert changed == wanted - 1  # not the one inside the reviewer's insertion: that one is commented


def test_each_citation_has_a_comment_saying_what_happened(updated):
    _, out, report, _ = updated
    comments = {c.get(w("id")): "".join(c.itertext()) for c in _xml(out, "word/comments.xml")}
    assert len(comments) == len(report.items)
    assert all(c.get(w("author")) == "wtdiff" for c in _xml(out, "word/comments.xml"))
    joined = " ".join(comments.values())
    assert "was split into" in joined and "was removed in 2018; its closest successor there" in joined
    assert "could not mark the citation itself" in joined  # the citation inside the reviewer's insertion


def test_other_authors_changes_and_the_hyperlink_are_kept(truth, updated):
    src, out, _, _ = updated
    for xpath in ("//w:ins[@w:author='A. Reviewer']", "//w:del[@w:author='A. Reviewer']"):
        (a,) = _xml(src).xpath(xpath, namespaces=NS)
        (b,) = _xml(out).xpath(xpath, namespaces=NS)
        assert etree.tostring(a) == etree.tostring(b)
    (link,) = _xml(out).xpath("//w:hyperlink", namespaces=NS)  # the citation in it is updated inside it
    assert link.get(w("anchor")) == "top" and link.find(w("ins")) is not None
    assert "".join(accept(link).itertext()) == f"paragraphs {true_label(truth, 3, 'strategy-1')}–" \
                                                f"{true_label(truth, 3, 'strategy-2')}"


def test_the_same_inputs_give_the_same_bytes_and_the_command_writes_it(truth, updated, tmp_path):
    src, out, report, _ = updated
    again = tmp_path / "again.docx"
    cite.update_docx(src, report, again)
    assert again.read_bytes() == out.read_bytes()
    paths = [str(tmp_path / f"{e}.md") for e in ("2010", "2023")]
    for e, p in zip((0, 3), paths):
        Path(p).write_text(truth.markdown[e], "utf-8")
    result = CliRunner().invoke(main, ["cite", str(src), "--from", paths[0], "--to", paths[1], "-o",
                                       str(tmp_path / "cli.docx")])
    assert result.exit_code == 0, result.output
    assert "citations updated as tracked changes" in result.output


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def test_libreoffice_opens_the_updated_document(updated, tmp_path):
    """LibreOffice converts it; the first page goes to test-artifacts/ (git-ignored) for people to look at."""
    _, out, _, _ = updated
    pdf = convert_to_pdf(out, tmp_path)
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    assert pdf.stat().st_size > 1000
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(ARTIFACTS / "cite-updated-docx")], check=True, timeout=60)


def _texts(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in root.iter(w("p"))]


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_procedures_round_trip(seed, tmp_path):
    """Procedures of the measured corpus: rejecting gives the original text; accepting gives the text with
    each citation replaced by its new wording and each old year by the new one, nothing else."""
    import random

    from wtdiff.eval import base_edition, make_case

    from . import citegen

    case = make_case(base_edition("generated", seed, size="small"), "heavy", seed)
    chain = Chain([case.old_doc, case.new_doc], labels=["2018", "2023"], use_cache=False)
    true_new = {u: news for olds, news in case.truth.groups for u in olds}
    rng = random.Random(seed)
    for k in range(3):
        src = citegen.write(citegen.procedure(rng, case.old_doc, true_new, year="2018"), tmp_path / f"p{k}.docx")
        report = cite.cite(cite.read_user_document(src), chain, 0, 1)
        out = tmp_path / f"u{k}.docx"
        cite.update_docx(src, report, out)
        original = _texts(_xml(src))
        assert _texts(reject(_xml(out))) == original
        want = list(original)
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for x in report.items:
            if x.replacement and x.replacement != x.citation.text and not x.other_year and not x.other_guidance:
                edits.setdefault(x.paragraph, []).append((x.citation.start, x.citation.end, x.replacement))
        for i, m in report.mentions:
            if m.guidance == "wt" and m.year == "2018":
                edits.setdefault(i, []).append((m.year_start, m.year_start + 4, "2023"))
        for i, spans in edits.items():
            for start, end, new in sorted(spans, reverse=True):
                want[i] = want[i][:start] + new + want[i][end:]
        assert _texts(accept(_xml(out))) == want
