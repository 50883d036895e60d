"""Parsed trees are cached by file hash: a second read of the same file does not parse it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import wtdiff
import wtdiff.readers as readers
from wtdiff.readers import read
from wtdiff.model import Block, Document, Section
from wtdiff.treecache import TreeCache, decode, encode
from wtdiff.xmlio import from_xml, to_xml

from . import pagegen


@pytest.fixture
def edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "edition.pdf"
    pagegen.write_pdf(pagegen.typeset(wtdiff.parse("specimen-a")), path)
    return path


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setitem(readers._READERS, "pdf", refuse)


def test_second_read_comes_from_the_cache(edition, monkeypatch):
    first = read(edition)
    _no_parsing(monkeypatch)
    pages = []
    second = read(edition, progress=lambda done, total: pages.append((done, total)))
    assert second == first
    assert pages == [(first.pages, first.pages)]


def test_a_copy_elsewhere_hits_the_same_entry_with_its_own_source(edition, monkeypatch, tmp_path):
    read(edition)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(edition.read_bytes())
    _no_parsing(monkeypatch)
    assert read(copy).source == str(copy)


def test_a_damaged_entry_is_ignored_and_rebuilt(edition):
    doc = read(edition)
    entry = TreeCache().path(doc.sha256, "pdf")
    entry.write_bytes(encode(doc)[:200])  # cut short
    again = read(edition)
    assert again == doc
    assert entry.read_bytes() == encode(doc)
    entry.write_bytes(b'{"title":"x","children":[[0,"s"]]}')  # JSON, but not a tree
    assert read(edition) == doc
    assert entry.read_bytes() == encode(doc)


def test_cache_off_and_unwritable_cache_still_read(edition, monkeypatch, tmp_path):
    monkeypatch.setenv("WTDIFF_NO_CACHE", "1")
    doc = read(edition)
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("WTDIFF_NO_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("WTDIFF_CACHE_DIR", str(blocked))
    assert read(edition) == doc


def test_entries_are_keyed_by_wtdiff_code(edition, monkeypatch):
    from wtdiff import treecache

    doc = read(edition)
    before = TreeCache().path(doc.sha256, "pdf")
    treecache.fingerprint.cache_clear()
    monkeypatch.setattr(treecache, "__version__", "999.0")
    try:
        assert TreeCache().path(doc.sha256, "pdf") != before
    finally:
        treecache.fingerprint.cache_clear()
    assert os.path.basename(before).startswith(doc.sha256)


def test_the_key_covers_every_module_that_reads_even_in_a_reader_s_own_package(monkeypatch):
    """A change to any module that shapes a tree — the readers' own packages included
    (``readers/layout/footnotes.py``) — makes new keys, so no tree read by old code is served."""
    from importlib import resources

    from wtdiff import treecache

    seen = [path for path, _ in treecache._sources(resources.files("wtdiff") / "readers", "readers")]
    assert "readers/layout/footnotes.py" in seen and "readers/docx/reader.py" in seen and "readers/pdf.py" in seen
    treecache.fingerprint.cache_clear()
    before = treecache.fingerprint()
    real = treecache._sources

    def edited(node, path):
        for p, f in real(node, path):
            if p == "readers/layout/footnotes.py":
                class Edited:
                    @staticmethod
                    def read_bytes() -> bytes:
                        return f.read_bytes() + b"\n# edited\n"
                yield p, Edited
            else:
                yield p, f

    monkeypatch.setattr(treecache, "_sources", edited)
    treecache.fingerprint.cache_clear()
    try:
        assert treecache.fingerprint() != before
    finally:
        treecache.fingerprint.cache_clear()


def test_an_entry_reads_back_as_the_tree(edition):
    """An entry gives back the tree it was made from — and the tree the XML gives back, which
    the cache held before: a tree from the cache compares exactly as it did."""
    for doc in (read(edition), wtdiff.parse("specimen-a"), wtdiff.parse("specimen-b")):
        back = decode(encode(doc))
        assert back == doc
        assert repr(back) == repr(doc)
        assert back == from_xml(to_xml(doc))


def test_an_entry_gives_back_what_the_xml_gave_back():
    """Values the XML does not keep (an empty number, a section at level 0, a path that is not
    the nesting's) come back from the cache as they come back from the XML."""
    note = Block(id="n1", kind="footnote", text="a note\r\twith\u2028breaks", number="", path=("elsewhere",))
    block = Block(id="b1", kind="table-row", text="a | b", number="", page=0, page_label="", path=("other",),
                  cells=("a", ""), header=True, term="", notes=(note,), links=("https://x.example/",))
    section = Section(id="s1", title="Heading", number="", level=0, page=3, page_label="iii", children=(block,))
    doc = Document(title="", children=(section, Block(id="b2", kind="paragraph", text="")), source="f",
                   sha256="0" * 64, format="pdf", edition="", pages=0, remarks=("", "read"))
    assert decode(encode(doc)) == from_xml(to_xml(doc))
    assert repr(decode(encode(doc))) == repr(from_xml(to_xml(doc)))


def test_an_entry_of_an_older_format_or_key_is_not_served(edition, monkeypatch):
    """A tree cached as XML (the format before this one) or under another fingerprint is never
    read: the file is parsed again."""
    from wtdiff import treecache

    doc = read(edition)
    entry = TreeCache().path(doc.sha256, "pdf")
    assert entry.suffix == ".json"
    stale = replace_text(doc, "stale text")
    entry.unlink()
    entry.with_suffix(".xml").write_bytes(to_xml(stale))  # the older format, at its own name
    other = entry.with_name(entry.name.replace(treecache.fingerprint(), "0" * 16))
    other.write_bytes(encode(stale))  # another wtdiff's key
    parsed = []
    real = readers._READERS["pdf"]
    monkeypatch.setitem(readers._READERS, "pdf", lambda *a, **k: parsed.append(1) or real(*a, **k))
    assert read(edition) == doc
    assert parsed == [1]


def replace_text(doc: Document, text: str) -> Document:
    """``doc`` with every block's text set to ``text``."""
    from dataclasses import replace

    def walk(nodes):
        return tuple(replace(n, text=text) if isinstance(n, Block) else replace(n, children=walk(n.children))
                     for n in nodes)

    return replace(doc, children=walk(doc.children))
