"""The Markdown, plain-text and HTML readers produce the same tree for the same edition."""

from __future__ import annotations

import pytest

from wtdiff import export
from wtdiff.errors import FileMissingError, UnreadableDocumentError, UnsupportedFormatError
from wtdiff.readers import read

from .helpers import parse_md

GUIDANCE_MD = """\
# Working Together to Safeguard Children

This guidance applies to all organisations in England.

## Chapter 1: A shared responsibility

### A child-centred approach

1. Everyone who works with children has a role to play[^1] in keeping them safe.
This sentence was wrapped onto a second line.

2. Practitioners should:
- see the child;
  - listen to them, and
  a. record their views;
- read [the national framework](https://www.gov.uk/framework).

[^1]: Children Act 2004, section 11

| Agency | Statutory duty |
|---|---|
| Police | Protect children from harm |
| Health \\| NHS | Commission services |

## Chapter 2: Multi-agency arrangements

3.1 Safeguarding partners must publish their arrangements.

## Appendix A: Glossary

Abuse - A form of maltreatment of a child.
Neglect - The persistent failure to meet a child's basic needs.
"""


def shape(doc):
    """What must agree between readers: structure, numbers and texts, not ids or sources."""
    out = [("title", doc.title)]
    for s in doc.sections():
        out.append(("section", s.kind, s.number, s.level, s.title))
    for b in doc.blocks():
        out.append((b.kind, b.number, b.level, b.text, b.cells, b.header, b.term, tuple(n.text for n in b.notes)))
    return out


def test_markdown_reader_builds_the_expected_tree():
    doc = parse_md(GUIDANCE_MD)
    assert doc.title == "Working Together to Safeguard Children"
    sections = [(s.id, s.kind, s.number, s.level) for s in doc.sections()]
    assert sections == [
        ("ch1", "chapter", "1", 1), ("ch1.s1", "heading", None, 2),
        ("ch2", "chapter", "2", 1), ("appA", "appendix", "A", 1),
    ]
    blocks = {b.id: b for b in doc.blocks()}
    p1 = blocks["ch1.s1.p1"]
    assert p1.text == ("Everyone who works with children has a role to play in keeping them safe. "
                       "This sentence was wrapped onto a second line.")
    assert p1.path == ("Chapter 1: A shared responsibility", "A child-centred approach")
    assert [(n.id, n.number, n.text) for n in p1.notes] == [("ch1.s1.p1.fn1", "1", "Children Act 2004, section 11")]
    items = [(b.level, b.text) for b in doc.blocks() if b.kind == "list-item"]
    assert items == [(0, "see the child;"), (1, "listen to them, and"), (1, "a. record their views;"),
                     (0, "read the national framework.")]
    assert blocks["ch1.s1.p2.li4"].links == ("https://www.gov.uk/framework",)
    rows = [(b.cells, b.header) for b in doc.blocks() if b.kind == "table-row"]
    assert rows == [(("Agency", "Statutory duty"), True), (("Police", "Protect children from harm"), False),
                    (("Health | NHS", "Commission services"), False)]
    assert blocks["ch2.p3.1"].number == "3.1"
    defs = [(b.term, b.text) for b in doc.blocks() if b.kind == "definition"]
    assert defs == [("Abuse", "Abuse - A form of maltreatment of a child."),
                    ("Neglect", "Neglect - The persistent failure to meet a child's basic needs.")]
    assert doc.blocks().__next__().text == "This guidance applies to all organisations in England."


def test_html_reader_gives_the_same_tree_as_markdown():
    md = parse_md(GUIDANCE_MD)
    html = parse_md(export.to_html(md), format="html")
    assert shape(html) == shape(md)


def test_markdown_written_back_reads_the_same():
    md = parse_md(GUIDANCE_MD)
    again = parse_md(export.to_markdown(md))
    assert shape(again) == shape(md)


GOVUK_HTML = """<!DOCTYPE html><html lang="en"><head><title>Guidance</title>
<script>document.title = 'x'</script><style>p { color: red }</style></head><body>
<header><nav><a href="/">GOV.UK</a> Skip to main content</nav></header>
<main id="content"><div class="govspeak">
<h1>Working Together</h1>
<h2>Chapter 1: Duties</h2>
<p>1. Partners must<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="govuk-link">[footnote 1]</a></sup>
work together<sup id="fnref:2"><a href="#fn:2">[footnote 2]</a></sup>.</p>
<p onclick="alert(1)">2. They should <a href="javascript:alert(1)">act</a> <strong>promptly</strong>.</p>
<ol><li>first step<ol><li>inner step</li></ol></li><li>second step</li></ol>
<table><tr><th>Term</th><th>Meaning</th></tr><tr><td>LA</td><td>Local authority</td></tr></table>
<h2>Glossary</h2>
<dl><dt>Child</dt><dd>Anyone under 18.</dd></dl>
<div class="footnotes" role="doc-endnotes"><ol>
<li id="fn:1" role="doc-endnote"><p>Children Act 2004 <a href="#fnref:1" class="reversefootnote">&#8617;</a></p></li>
<li id="fn:2" role="doc-endnote"><p>See <a href="https://www.gov.uk/x">guidance</a> <a href="#fnref:2">&#8617;</a></p></li>
</ol></div>
</div></main><footer>Crown copyright</footer></body></html>"""


def test_html_reader_reads_govuk_markup_and_ignores_the_page_around_it():
    doc = parse_md(GOVUK_HTML, format="html")
    assert doc.title == "Working Together"
    blocks = list(doc.blocks())
    texts = [(b.kind, b.number, b.text) for b in blocks]
    assert texts == [
        ("paragraph", "1", "Partners must work together."),
        ("footnote", "1", "Children Act 2004"),
        ("footnote", "2", "See guidance"),
        ("paragraph", "2", "They should act promptly."),
        ("list-item", None, "first step"),
        ("list-item", None, "inner step"),
        ("list-item", None, "second step"),
        ("table-row", None, "Term | Meaning"),
        ("table-row", None, "LA | Local authority"),
        ("definition", None, "Child - Anyone under 18."),
    ]
    assert [b.level for b in blocks if b.kind == "list-item"] == [0, 1, 0]
    assert blocks[2].links == ("https://www.gov.uk/x",)
    assert blocks[3].links == ()  # javascript: links are not kept
    assert "GOV.UK" not in " ".join(b.text for b in blocks)


def test_plain_text_takes_short_standalone_lines_as_headings():
    text = ("Working Together\r\n\r\nChapter 1: A shared responsibility\r\n\r\nPrinciples\r\n\r\n"
            "1. Everyone must help.\r\n\r\n2. Practitioners should listen\r\nto children.\r\n")
    doc = parse_md(text, format="text")
    assert doc.title == "Working Together"
    assert [(s.title, s.level) for s in doc.sections()] == [
        ("Chapter 1: A shared responsibility", 1), ("Principles", 2)]
    assert [(b.number, b.text) for b in doc.blocks()] == [
        ("1", "Everyone must help."), ("2", "Practitioners should listen to children.")]


def test_windows_1252_text_is_decoded(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("Title\n\n1. The child\x92s voice \x96 heard.\n".encode("latin-1"))
    doc = read(f)
    assert [b.text for b in doc.blocks()] == ["The child\u2019s voice \u2013 heard."]


def test_numbered_line_inside_a_wrapped_sentence_is_not_a_new_paragraph():
    doc = parse_md("# T\n\n1. Enquiries must start within\n10 working days of the referral.\n")
    assert [(b.number, b.text) for b in doc.blocks()] == [
        ("1", "Enquiries must start within 10 working days of the referral.")]


def test_footnote_markers_restarting_per_chapter_attach_to_the_nearest_citation():
    doc = parse_md("# T\n\n## Chapter 1: A\n\n1. First[^1].\n\n[^1]: Note A\n\n"
                   "## Chapter 2: B\n\n2. Second[^1].\n\n[^1]: Note B\n")
    notes = {b.number: [n.text for n in b.notes] for b in doc.blocks() if b.kind == "paragraph"}
    assert notes == {"1": ["Note A"], "2": ["Note B"]}


def test_ids_are_unique(tmp_path):
    doc = parse_md("# T\n\n## Intro\n\nA.\n\nA.\n\n## Intro\n\n1. x\n\n1. y\n")
    ids = [s.id for s in doc.sections()] + [b.id for b in doc.blocks()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name, data, error", [
    ("missing.md", None, FileMissingError),
    ("empty.md", b"", UnreadableDocumentError),
    ("blank.txt", b"\n\n   \n", UnreadableDocumentError),
    ("edition.pdf", b"%PDF-1.7\n...", UnreadableDocumentError),
    ("notes.docx", b"PK\x03\x04 not a zip", UnreadableDocumentError),
    ("edition.bin", b"\x00\x01\x02binary", UnsupportedFormatError),
])
def test_unreadable_inputs_raise_clear_errors(tmp_path, name, data, error):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(error) as info:
        read(path)
    assert name in str(info.value)
