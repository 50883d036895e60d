"""Whatever a user feeds wtdiff, it answers with a tree or with one of its own errors.

A bounded fuzz run over every reader (random bytes, and valid files damaged at
random), then the hostile inputs users really have: empty files, scans, huge
PDFs, mixed encodings, documents with no headings or no text at all.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wtdiff
from wtdiff import export
from wtdiff.errors import UnreadableDocumentError, WtdiffError
from wtdiff.readers import FORMATS, read, read_bytes

from . import pagegen
from .helpers import changed, compare_md, parse_md

#: damaged copies tried per format (the README reports the total)
MUTATIONS = {"pdf": 25, "docx": 40, "layout": 40, "html": 40, "markdown": 40, "text": 40}
#: random byte strings tried per reader
RANDOM_INPUTS = 60


def _read_or_refuse(data: bytes, fmt: str) -> None:
    try:
        doc = read_bytes(data, source=f"fuzz.{fmt}", format=fmt)
    except WtdiffError as exc:
        assert str(exc).startswith(f"fuzz.{fmt}: ")  # every refusal names the file
        assert "\n" not in str(exc)
        return
    assert any(True for _ in doc.blocks())


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=RANDOM_INPUTS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_crash_a_reader(fmt, data):
    _read_or_refuse(data, fmt)


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory) -> dict[str, bytes]:
    doc = wtdiff.parse("specimen-a")
    ts = pagegen.typeset(doc)
    path = tmp_path_factory.mktemp("fuzz") / "edition.pdf"
    pagegen.write_pdf(ts, path)
    from . import docgen

    docgen.build_docx(docgen.small_spec(), path.with_suffix(".docx"))
    return {
        "docx": path.with_suffix(".docx").read_bytes(),
        "pdf": path.read_bytes(),
        "layout": pagegen.layout_text(ts).encode(),
        "html": export.to_html(doc).encode(),
        "markdown": export.to_markdown(doc).encode(),
        "text": export.to_markdown(doc).encode(),
    }


@pytest.mark.parametrize("fmt", ["pdf", "docx", "layout", "html", "markdown", "text"])
def test_damaged_files_never_crash_a_reader(valid_files, fmt):
    """Seeded mutations of a valid edition: bytes overwritten, cut short, chunks dropped."""
    rng = random.Random(fmt)
    original = valid_files[fmt]
    for _ in range(MUTATIONS[fmt]):
        data = bytearray(original)
        kind = rng.choice(["flip", "cut", "drop"])
        if kind == "flip":
            for _ in range(rng.randint(1, 40)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == "cut":
            data = data[: rng.randrange(len(data))]
        else:
            start = rng.randrange(len(data))
            del data[start: start + rng.randint(1, 5000)]
        _read_or_refuse(bytes(data), fmt)


@pytest.mark.parametrize("name", ["empty.md", "empty.txt", "empty.html", "empty.pdf"])
def test_empty_files_are_refused_clearly(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(WtdiffError, match=rf"{name}: "):
        read(tmp_path / name)


def test_a_huge_pdf_is_refused_before_it_is_read(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "huge.pdf"
    c = Canvas(str(path), invariant=1)
    for n in range(2000):
        c.drawString(72, 720, f"{n + 1}. Page {n + 1} of a very long document.")
        c.showPage()
    c.save()
    with pytest.raises(UnreadableDocumentError, match="huge.pdf: this PDF has 2000 pages"):
        read(path)


def test_mixed_encodings_are_read(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Title\n\n1. The child\u2019s plan.\n\n2. The ".encode() + b"child\x92s voice \x96 heard.\n")
    texts = [b.text for b in read(path).blocks()]
    assert texts[0] == "The child\u2019s plan." and texts[1].startswith("The child")


def test_a_document_without_headings_compares():
    old = "1. Partners must work together.\n\n2. They should publish plans.\n"
    new = "1. Partners must work together.\n\n2. They must publish plans.\n"
    c = compare_md(old, new)
    [ch] = changed(c)
    assert ch.categories == ("obligation",)


def test_a_document_of_headings_only_is_refused_as_empty():
    with pytest.raises(UnreadableDocumentError, match="no text was found"):
        parse_md("# Title\n\n## Chapter 1: Nothing here\n")


def test_an_edition_compared_with_itself_reversed_pairs_every_block():
    doc = parse_md(export.to_markdown(wtdiff.parse("specimen-a")))
    blocks = [b for b in doc.blocks(notes=False) if b.kind == "paragraph" and b.number]
    reversed_md = "# Reversed\n\n" + "\n\n".join(f"{b.number}. {b.text}" for b in reversed(blocks)) + "\n"
    original_md = "# Original\n\n" + "\n\n".join(f"{b.number}. {b.text}" for b in blocks) + "\n"
    c = compare_md(original_md, reversed_md)
    assert c.summary["added"] == c.summary["deleted"] == 0
    assert c.summary["unchanged"] == len(blocks)
    assert 0 < c.summary["moved"] < len(blocks)  # the fewest moves that explain the new order
