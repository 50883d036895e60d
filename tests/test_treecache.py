"""Parsed trees are cached by file hash: a second read of the same file does not parse it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import wtdiff
import wtdiff.readers as readers
from wtdiff.readers import read
from wtdiff.treecache import TreeCache
from wtdiff.xmlio import to_xml

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
    entry.write_bytes(to_xml(doc)[:200])  # cut short
    again = read(edition)
    assert again == doc
    assert entry.read_bytes() == to_xml(doc)


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
