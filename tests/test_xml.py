from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wtdiff
from wtdiff.errors import UnreadableDocumentError
from wtdiff.model import Block, Document, Section
from wtdiff.xmlio import from_xml, to_xml


@pytest.mark.parametrize("name", ["specimen-a", "specimen-b"])
def test_specimen_round_trips_through_xml(name):
    doc = wtdiff.parse(name)
    assert from_xml(to_xml(doc)) == doc
    assert to_xml(from_xml(to_xml(doc))) == to_xml(doc)


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).map(str.strip).filter(bool)
opt = st.none() | st.from_regex(r"\A[0-9]{1,3}(\.[0-9]{1,2})?\Z")
page = st.none() | st.integers(1, 300)


@st.composite
def blocks(draw, path):
    kind = draw(st.sampled_from(["paragraph", "list-item", "table-row", "definition", "figure"]))
    n = draw(st.integers(0, 10_000))
    notes = tuple(Block(id=f"b{n}.fn{k}", kind="footnote", text=draw(text), number=str(k), page=draw(page), path=path)
                  for k in range(draw(st.integers(0, 2))))
    cells = tuple(draw(st.lists(text, max_size=3))) if kind == "table-row" else ()
    return Block(id=f"b{n}", kind=kind, text=draw(text), number=draw(opt), page=draw(page),
                 page_label=draw(st.none() | st.sampled_from(["i", "ii", "12"])), path=path,
                 level=draw(st.integers(0, 3)) if kind == "list-item" else 0, cells=cells,
                 header=draw(st.booleans()) if kind == "table-row" else False,
                 term=draw(text) if kind == "definition" else None, notes=notes,
                 links=tuple(draw(st.lists(st.just("https://www.gov.uk/x?a=1&b=2"), max_size=2))))


@st.composite
def documents(draw):
    children = []
    for k in range(draw(st.integers(0, 3))):
        title = draw(text)
        kids = tuple(draw(st.lists(blocks((title,)), max_size=4)))
        children.append(Section(id=f"s{k}", title=title, kind=draw(st.sampled_from(["chapter", "annex", "heading"])),
                                number=draw(opt), level=1, page=draw(page), path=(title,), children=kids))
    return Document(title=draw(text), children=tuple(children), source="x", sha256="0" * 64, format="markdown",
                    edition=draw(st.none() | st.just("2023")), pages=draw(st.none() | st.integers(1, 200)))


@settings(max_examples=150, deadline=None)
@given(documents())
def test_any_tree_round_trips_through_xml(doc):
    assert from_xml(to_xml(doc)) == doc


def test_xml_reader_does_not_expand_entities_or_fetch_anything(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<document xmlns="https://wtdiff.org/ns/document/1" title="&x;&b;"/>"""
    try:
        doc = from_xml(xxe.encode())
    except UnreadableDocumentError:
        return  # refusing it outright is fine too
    assert "TOP SECRET" not in doc.title and "aaaaaaaaaa" not in doc.title


def test_not_a_tree_is_a_clear_error():
    with pytest.raises(UnreadableDocumentError, match="not a wtdiff document tree"):
        from_xml(b"<html/>")
    with pytest.raises(UnreadableDocumentError):
        from_xml(b"not xml at all <")
