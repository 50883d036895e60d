"""PDF reader: characters with their fonts and positions, through PDFium.

pypdfium2 (Apache-2.0/BSD, PDFium inside) gives every character's code,
font, size and position quickly — about 1.5 s for the 168 pages of the 2023
edition on a 2-core machine, where pdfminer-based libraries take 6–10 s.
This module only turns characters into positioned :class:`~wtdiff.readers.lines.Line`
records: characters grouped into lines by baseline, lines cut into spans at
wide gaps (the tab after a paragraph number, table columns) and at changes of
size or weight, superscripts (smaller and raised: footnote markers) marked. Text set in type
too small to read (under 2.5 points — Word's hidden footnote-reference
bookmarks, exported as 1-point ``0F`` / ``F`` glued to the cited word) is not
text of the page and is dropped.
Everything about the layout of guidance is in :mod:`wtdiff.readers.layout`.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable

from ..errors import UnreadableDocumentError
from ..structure import Items
from .layout import analyse
from .lines import Line, Page, Span

__all__ = ["items", "pages_of"]

#: called with (pages done, pages in all) while a PDF is read
Progress = Callable[[int, int], None]

# A line-end hyphen PDFium could not classify comes as U+FFFE (or U+0002); Word
# does not hyphenate, so such a hyphen is a real one (multi-agency).
_HYPHEN_MARKS = {"\ufffe": "-", "\x02": "-"}
#: half of a character beyond U+FFFF in UTF-16: such a page is read character by character
_SURROGATE = re.compile("[\ud800-\udfff]")
_MIN_CHARS_PER_PAGE = 20
#: type smaller than this (points) cannot be read on the printed page: Word exports the
#: bookmarks of its footnote references as 1-point text ("0F", "9F") glued to the word cited
_INVISIBLE = 2.5
#: longer files are refused: official editions run to a few hundred pages
MAX_PAGES = 1000


#: A character: (text, x0, x1, y, size, bold, italic) — ``y`` the baseline from the page top. A
#: plain tuple, read by index: pages have hundreds of thousands of characters.
_Char = tuple[str, float, float, float, float, bool, bool]
_TEXT, _X0, _X1, _Y, _SIZE, _BOLD, _ITALIC = range(7)
#: every white-space character of a page (PDFium's generated spaces): it has no box, and only
#: says that a space stands there
_SPACE: _Char = (" ", 0.0, 0.0, 0.0, 0.0, False, False)


def _open(data: bytes) -> object:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableDocumentError(
                "this PDF is protected by a password, and wtdiff cannot open it.",
                hint="Save an unprotected copy (or the HTML version of the edition) and compare that.",
            ) from exc
        raise UnreadableDocumentError(
            f"this PDF is damaged or incomplete ({exc}).",
            hint="Download the file again; if it was cut short, the download did not finish.",
        ) from exc


def pages_of(data: bytes, progress: Progress | None = None) -> list[Page]:
    """The positioned lines of every page of a PDF."""
    import pypdfium2 as pdfium

    pdf = _open(data)
    try:
        total = len(pdf)  # type: ignore[arg-type]
        if total > MAX_PAGES:
            raise UnreadableDocumentError(
                f"this PDF has {total} pages; wtdiff reads editions of up to {MAX_PAGES} pages.",
                hint="Check that this is an edition of the guidance and not a compilation.",
            )
        if total == 0:
            raise UnreadableDocumentError("this PDF has no pages.")
        pages: list[Page] = []
        extract = _Extractor()
        for index in range(total):
            try:
                page = pdf[index]  # type: ignore[index]
            except pdfium.PdfiumError as exc:
                raise UnreadableDocumentError(
                    f"page {index + 1} of this PDF cannot be read: the file is damaged or incomplete.",
                    hint="Download the file again.",
                ) from exc
            height = page.get_height()
            width = page.get_width()
            textpage = page.get_textpage()
            runs = extract.runs(textpage, height)
            links = _page_links(pdf, page, height)
            textpage.close()
            page.close()
            lines = _lines(runs, index + 1)
            _attach_links(lines, links)
            pages.append(Page(number=index + 1, lines=lines, width=width, height=height, has_fonts=True))
            if progress is not None:
                progress(index + 1, total)
    finally:
        pdf.close()  # type: ignore[attr-defined]
    chars_found = sum(len(ln.text) for p in pages for ln in p.lines)
    if pages and chars_found < _MIN_CHARS_PER_PAGE * len(pages) * 0.2:
        raise UnreadableDocumentError(
            f"this PDF has no text layer ({len(pages)} pages of images: a scan).",
            hint="wtdiff does not do OCR; use the edition's text or HTML version from GOV.UK instead.",
        )
    _to_line_units(pages)
    return pages


def _c_function(fn: object, restype: object, *argtypes: object) -> Callable[..., object]:
    """PDFium's ``fn`` called with plain addresses: pypdfium2's typed wrappers check and convert
    every argument, which costs more than the call itself when made for every character."""
    proto = ctypes.CFUNCTYPE(restype, *argtypes)  # type: ignore[arg-type]
    return proto(ctypes.cast(fn, ctypes.c_void_p).value)  # type: ignore[arg-type, call-overload, no-any-return]


def _c_function_untyped(fn: object, restype: object) -> Callable[..., object]:
    """PDFium's ``fn`` with no argument types: called with ctypes objects (a pointer as a
    ``c_void_p``, an output by ``byref``) and small ints, which ctypes passes as they are — half
    the cost of a call that converts each argument, for the calls made for every character."""
    proto = ctypes.CFUNCTYPE(restype)  # type: ignore[arg-type]
    return proto(ctypes.cast(fn, ctypes.c_void_p).value)  # type: ignore[arg-type, call-overload, no-any-return]


class _Extractor:
    """Each character of a page, with the fewest calls into PDFium.

    The page's text comes in one call (``FPDFText_GetText``, one UTF-16 unit per character; a
    page where that does not hold is read character by character). PDFium generates only spaces
    and line breaks, and a space needs no box, so a space costs no call; every other character
    costs three: its loose box (x0, x1), its origin (the baseline) and its text object. Size,
    weight and slant belong to the text object — one font, one size, one matrix — so they are
    asked for once per object.
    """

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        V, I = ctypes.c_void_p, ctypes.c_int  # noqa: N806, E741 - ctypes' own names
        self._count = _c_function(raw.FPDFText_CountChars, I, V)
        self._text = _c_function(raw.FPDFText_GetText, I, V, I, I, V)
        self._unicode = _c_function(raw.FPDFText_GetUnicode, ctypes.c_uint, V, I)
        self._box = _c_function_untyped(raw.FPDFText_GetLooseCharBox, I)
        self._origin = _c_function_untyped(raw.FPDFText_GetCharOrigin, I)
        self._object = _c_function_untyped(raw.FPDFText_GetTextObject, V)
        self._font_size = _c_function(raw.FPDFText_GetFontSize, ctypes.c_double, V, I)
        self._matrix = _c_function(raw.FPDFText_GetMatrix, I, V, I, V)
        self._font_info = _c_function(raw.FPDFText_GetFontInfo, ctypes.c_ulong, V, I, V, ctypes.c_ulong, V)
        self._rect, self._matrix_out = raw.FS_RECTF(), raw.FS_MATRIX()
        self._ox, self._oy = ctypes.c_double(), ctypes.c_double()
        self._name, self._flags = ctypes.create_string_buffer(128), ctypes.c_int()
        #: font name -> (bold, italic)
        self._fonts: dict[str, tuple[bool, bool]] = {}

    def _page_text(self, tp: int, count: int) -> str:
        buf = (ctypes.c_ushort * (count + 1))()
        got = self._text(tp, 0, count, ctypes.addressof(buf)) if count else 0
        text = bytes(memoryview(buf)[:max(got - 1, 0)]).decode("utf-16-le", "surrogatepass")
        if len(text) != count or _SURROGATE.search(text):
            return "".join(chr(self._unicode(tp, k)) for k in range(count))
        return text

    def _style(self, tp: int, k: int) -> tuple[float, bool, bool]:
        """Size (font size times the text matrix's vertical scale), bold, italic of character ``k``."""
        m = self._matrix_out
        self._matrix(tp, k, ctypes.addressof(m))
        size = self._font_size(tp, k) * math.hypot(m.c, m.d)
        self._font_info(tp, k, ctypes.addressof(self._name), 128, ctypes.addressof(self._flags))
        font = self._name.value.decode("latin-1", "replace")
        if font not in self._fonts:
            low = font.lower()
            self._fonts[font] = (
                any(w in low for w in ("bold", "black", "heavy", "semibold", "demi"))
                or bool(self._flags.value & (1 << 18)),
                "italic" in low or "oblique" in low,
            )
        bold, italic = self._fonts[font]
        return size, bold, italic

    def runs(self, textpage: object, height: float) -> list[list[_Char]]:
        """The page's characters in PDFium's runs (cut at its line breaks)."""
        tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value  # type: ignore[attr-defined]
        text = self._page_text(tp, self._count(tp))
        box, origin, text_object = self._box, self._origin, self._object
        tpv = ctypes.c_void_p(tp)
        p_rect, p_ox, p_oy = ctypes.byref(self._rect), ctypes.byref(self._ox), ctypes.byref(self._oy)
        # the box (FS_RECTF: left, top, right, bottom) and the baseline read through memory views:
        # the same numbers as the structures' fields, without their descriptors
        rect = memoryview(self._rect).cast("B").cast("f")
        oy = memoryview(self._oy).cast("B").cast("d")
        hyphens = _HYPHEN_MARKS
        # text object -> (size rounded, bold, italic), or None for invisible type; on this page
        styles: dict[int | None, tuple[float, bool, bool] | None] = {}
        runs: list[list[_Char]] = [[]]
        run = runs[-1]
        prev_x0 = prev_y = prev_size = 0.0
        started = False  # the run has a character with a size (prev_* are its last one's)
        # the last character's text object and its style (consecutive characters share one)
        last_obj: object = _UNSEEN
        shown = False
        size, bold, italic = 0.0, False, False
        for k, t in enumerate(text):
            if t.isspace():
                if t == "\n" or t == "\r":
                    if run:
                        run = []
                        runs.append(run)
                        started = False
                else:
                    run.append(_SPACE)
                continue
            obj = text_object(tpv, k)
            if obj != last_obj:
                last_obj = obj
                style = styles.get(obj, _UNSEEN)
                if style is _UNSEEN:
                    size, bold, italic = self._style(tp, k)
                    # Word's hidden footnote-reference bookmark ("0F"): no one can read it
                    style = styles[obj] = None if size < _INVISIBLE else (round(size, 2), bold, italic)
                shown = style is not None
                if shown:
                    size, bold, italic = style  # type: ignore[misc]
            if not shown:
                continue
            # the loose box spans the glyph's advance, so gaps between boxes are real gaps
            box(tpv, k, p_rect)
            origin(tpv, k, p_ox, p_oy)
            x0 = rect[0]
            y = height - oy[0]
            if started and x0 < prev_x0:
                big = size if size > prev_size else prev_size
                if not -0.6 * big <= y - prev_y <= 0.6 * big:
                    run = []  # PDFium joins lines at a hyphen it takes as soft: split them
                    runs.append(run)
            run.append((hyphens.get(t, t), x0, rect[2], y, size, bold, italic))
            prev_x0, prev_y, prev_size = x0, y, size
            started = True
        return runs


_UNSEEN = object()


def _page_links(pdf: object, page: object, height: float) -> list[tuple[float, float, float, float, str]]:
    """The web links on a page: (x0, top, x1, bottom, address), top measured from the page top."""
    import pypdfium2.raw as raw

    found = []
    link = raw.FPDF_LINK()
    pos = ctypes.c_int(0)
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(pos), ctypes.byref(link)):  # type: ignore[attr-defined]
        action = raw.FPDFLink_GetAction(link)
        if not action:
            continue
        size = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)  # type: ignore[attr-defined]
        if size <= 1 or size > 4096 or not raw.FPDFLink_GetAnnotRect(link, rect):
            continue
        buf = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buf, size)  # type: ignore[attr-defined]
        uri = buf.value.decode("latin-1", "replace").strip()
        if uri.lower().startswith(("http://", "https://", "mailto:")):
            found.append((rect.left, height - rect.top, rect.right, height - rect.bottom, uri))
    return found


def _attach_links(lines: list[Line], links: list[tuple[float, float, float, float, str]]) -> None:
    """Give each link to the lines its box covers (a link over two lines goes to both)."""
    for x0, top, x1, bottom, uri in links:
        for ln in lines:
            # ``ln.top`` is still the baseline in points here
            if top - 2 <= ln.top <= bottom + 4 and ln.x0 < x1 and ln.x1 > x0 and uri not in ln.links:
                ln.links.append(uri)


def _median(values: list[float]) -> float:
    """:func:`statistics.median` of a list that is not empty (the same arithmetic)."""
    values.sort()
    n = len(values)
    if n % 2 == 1:
        return values[n // 2]
    i = n // 2
    return (values[i - 1] + values[i]) / 2


def _lines(runs: list[list[_Char]], page_number: int) -> list[Line]:
    """Group PDFium's runs into lines by baseline, then cut each line into spans."""
    rows: list[tuple[float, float, list[_Char]]] = []  # (baseline, biggest size, chars)
    for run in runs:
        visible = [c for c in run if c is not _SPACE]
        if not visible:
            continue
        # the baseline of a run is that of its biggest characters (superscripts ride above)
        big = max([c[_SIZE] for c in visible])
        least = big - 0.5
        base = _median([c[_Y] for c in visible if c[_SIZE] >= least])
        x0, x1 = min([c[_X0] for c in visible]), max([c[_X1] for c in visible])
        for k, (row_base, row_big, row) in enumerate(rows):
            # a run of much smaller type (a note's raised number) may sit higher on its line
            reach = 0.5 if min(big, row_big) < 0.75 * max(big, row_big) else 0.35
            if abs(row_base - base) > reach * max(big, row_big):
                continue
            if any(not (x1 <= c[_X0] + 0.5 or x0 >= c[_X1] - 0.5) for c in row if c is not _SPACE
                   and c is not _RUN_BREAK):
                # overlapping text on one baseline is another layer, not the same line (boxes
                # that merely touch, as a raised note number after its word, do not overlap)
                continue
            row.append(_RUN_BREAK)
            row.extend(run)
            if big > row_big:
                rows[k] = (base, big, row)
            break
        else:
            rows.append((base, big, list(run)))
    lines = []
    for _, _, row in rows:
        # PDFium's order inside a run is the reading order (its generated spaces
        # included); runs sharing a baseline are put left to right
        row = _left_to_right(row)
        line = _spans(row, page_number)
        if line.spans:
            lines.append(line)
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    return lines


_RUN_BREAK: _Char = ("\n", 0.0, 0.0, 0.0, 0.0, False, False)


def _left_to_right(row: list[_Char]) -> list[_Char]:
    if _RUN_BREAK not in row:
        # one run (most lines): kept whole when it has a visible character
        return row if any(c is not _SPACE for c in row) else []
    runs: list[list[_Char]] = [[]]
    for c in row:
        if c is _RUN_BREAK:
            runs.append([])
        else:
            runs[-1].append(c)
    runs = [r for r in runs if any(c is not _SPACE for c in r)]
    runs.sort(key=lambda r: min([c[_X0] for c in r if c is not _SPACE]))
    return [c for r in runs for c in r]


def _spans(row: list[_Char], page_number: int) -> Line:
    visible = [c for c in row if c is not _SPACE]
    # the line's type: the commonest size among its big characters — small type beside
    # bigger is a note's marker however many digits it has ("area.173174" on a short last line)
    biggest = max([c[_SIZE] for c in visible], default=0.0)
    least = 0.8 * biggest
    sizes = Counter([c[_SIZE] for c in visible if c[_SIZE] >= least])
    size = max(sizes, key=lambda s: (sizes[s], s)) if sizes else 0.0
    base = _median([c[_Y] for c in visible if abs(c[_SIZE] - size) < 0.5]) if visible else 0.0
    line = Line(page=page_number, top=base)
    spans = line.spans
    current: Span | None = None
    parts: list[str] = []  # the current span's text, joined when it ends
    # the current span's size (and that to the half point), weight and raising
    cur_size = cur_half = 0.0
    cur_bold = cur_sup = False
    last_x1 = 0.0
    pending_space = False
    small, raised, wide_gap, space_gap = size * 0.8, 0.15 * size, 0.9 * max(size, 1.0), 0.4 * size
    for c in row:
        if c is _SPACE:
            pending_space = True
            continue
        text, x0, x1, y, csize, bold, italic = c
        sup = csize < small and (base - y) > raised
        if current is not None:
            gap = x0 - last_x1
            wide = gap > wide_gap
            # a new span at a wide gap or a change of style: size to the half point, weight, raising
            if not wide and bold == cur_bold and sup == cur_sup \
                    and (csize == cur_size or round(csize * 2) / 2 == cur_half):
                if (pending_space or gap > space_gap) and text not in ",.;:!?)":
                    parts.append(" ")
                parts.append(text)
                current.x1 = x1
                pending_space = False
                last_x1 = x1
                continue
            # a superscript ordinal ("18th") is glued to its number; a note marker is cut out later
            joined = not wide and not pending_space
            current.text = "".join(parts)
            if pending_space and not wide:
                current.text += " "
        else:
            joined = False
        current = Span(text, x0, x1, csize, bold, italic, sup, gap_before=not joined)
        parts = [text]
        cur_size, cur_half, cur_bold, cur_sup = csize, round(csize * 2) / 2, bold, sup
        spans.append(current)
        pending_space = False
        last_x1 = x1
    if current is not None:
        current.text = "".join(parts)
    return line


def _to_line_units(pages: list[Page]) -> None:
    """Express vertical positions in body line heights, as layout text has them."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    if not sizes:
        return
    body = sizes.most_common(1)[0][0]
    steps = []
    for p in pages:
        prev = None
        for ln in p.lines:
            if abs(ln.size - body) < 0.5:
                if prev is not None and 0.9 * body < ln.top - prev < 2.0 * body:
                    steps.append(ln.top - prev)
                prev = ln.top
    pitch = statistics.median(steps) if steps else body * 1.2
    for p in pages:
        for ln in p.lines:
            ln.top = ln.top / pitch


def items(data: bytes, progress: Progress | None = None) -> Items:
    """The items of a PDF edition."""
    return analyse(pages_of(data, progress))
