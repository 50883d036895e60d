"""The same edition read two ways compares as unchanged, on the real official files.

Issue 12's noise floor, as `../shared/tools/realcheck` measures it: a *record to read* is a
change with a category other than editorial, layout and terminology. These run whenever
`../shared/real/` is present and poppler's `pdftotext` is installed (CI installs it).
"""

from __future__ import annotations

import pytest

from wtdiff.comparison import compare
from wtdiff.eval import to_read
from wtdiff.eval.word import layout_text, pdftotext
from wtdiff.readers import read_bytes

pytestmark = pytest.mark.skipif(pdftotext() is None, reason="pdftotext (poppler-utils) is not installed")


def _read(data: bytes, name: str, fmt: str):
    return read_bytes(data, source=name, format=fmt)


def test_working_together_2023_pdf_and_its_layout_text_compare_as_unchanged(real_dir):
    pdf = _read((real_dir / "wt-2023.pdf").read_bytes(), "wt-2023.pdf", "pdf")
    text = _read((real_dir / "wt-2023.txt").read_bytes(), "wt-2023.txt", "layout")
    assert len(to_read(compare(pdf, text))) <= 3


def test_kcsie_2024_pdf_and_its_own_pdftotext_compare_as_unchanged(real_dir):
    data = (real_dir / "kcsie-2024.pdf").read_bytes()
    pdf = _read(data, "kcsie-2024.pdf", "pdf")
    text = _read(layout_text(data).encode("utf-8"), "kcsie-2024.txt", "layout")
    records = to_read(compare(pdf, text))
    assert len(records) <= 3, [(c.status, c.categories, c.old_text[:80], c.new_text[:80]) for c in records]
