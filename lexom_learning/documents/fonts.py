"""The Unicode font embedded in every PDF (DejaVu Sans, shipped with its licence).

Embedding a TrueType subset is most of the cost of a one-page PDF: the subset is rebuilt and
compressed for every document. Every page first assigns a fixed set of characters (PRIMER), so
the subset, and so its compressed bytes, are the same from one document to the next and are
built once per process; a rarer character (a Vietnamese name, say) simply extends the subset.
"""

import threading
import zlib
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "LexomSans"
BOLD = "LexomSans-Bold"
PRIMER = (
    "".join(chr(c) for c in range(32, 127))
    + "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’“”–—…•°€\u202f"
)
# reportlab keeps per-document font state on shared objects: render one document at a time.
RENDER_LOCK = threading.Lock()
_SUBSETS: dict[tuple[str, str, tuple[int, ...]], "_Subset"] = {}


class _Raw(pdfdoc.PDFObject):
    """A PDF value formatted once and reused as bytes."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


class _Subset:
    """The parts of one font subset that do not depend on the document, built once."""

    def __init__(self, face, base_name: str, subset: list[int]):
        raw = face.makeSubset(subset)
        self.font_file = zlib.compress(raw)
        self.length1 = len(raw)
        widths = " ".join(str(face.getCharWidth(code)) for code in subset)
        self.widths = _Raw(f"[ {widths} ]".encode())
        self.cmap = zlib.compress(makeToUnicodeCMap(base_name, subset).encode())


class CachedTTFont(TTFont):
    """A TrueType font whose subsets are built and compressed once per process.

    ``addObjects`` follows reportlab's own (TTFont.addObjects and addSubsetObjects), with
    the subset's font program, widths and ToUnicode map taken from a cache.
    """

    def addObjects(self, doc) -> None:  # noqa: N802 (reportlab's name)
        """Add this font's subsets to ``doc`` (reportlab calls it when saving)."""
        state = self._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = (SUBSETN(n) + b"+" + self.face.name + self.face.subfontNameX).decode(
                "pdfdoc"
            )
            parts = _subset(self.face, base_name, subset)
            font = pdfdoc.PDFTrueTypeFont()
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = parts.widths
            cmap = pdfdoc.PDFStream(content=parts.cmap)
            cmap.dictionary["Filter"] = pdfdoc.PDFName("FlateDecode")
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = _descriptor(doc, self.face, base_name, parts)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]


def _subset(face, base_name: str, subset: list[int]) -> _Subset:
    key = (face.filename, base_name, tuple(subset))
    found = _SUBSETS.get(key)
    if found is None:
        if len(_SUBSETS) > 256:
            _SUBSETS.clear()
        found = _SUBSETS[key] = _Subset(face, base_name, subset)
    return found


def _descriptor(doc, face, fontname: str, parts: _Subset):
    stream = pdfdoc.PDFStream(content=parts.font_file)
    stream.dictionary["Length1"] = parts.length1
    stream.dictionary["Filter"] = pdfdoc.PDFName("FlateDecode")
    stream_ref = doc.Reference(stream, f"fontFile:{face.filename}({fontname})")
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": stream_ref,
            "MissingWidth": face.defaultWidth,
        }
    )
    return doc.Reference(descriptor, "fontDescriptor:" + fontname)


@cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold fonts once per process; return their names."""
    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(CachedTTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


def prime(doc) -> None:
    """Assign PRIMER's characters first in ``doc``, so its font subsets are the usual ones.

    The fonts' internal names are fixed here too (regular, then bold), so the operators of a
    block drawn with primer characters only are the same bytes in every document.
    """
    for name in register_fonts():
        font = pdfmetrics.getFont(name)
        font.splitString(PRIMER, doc)
        font.getSubsetInternalName(0, doc)


def assigned(doc) -> tuple[int, ...]:
    """Return how many characters each font has assigned in ``doc`` (grows with new ones)."""
    return tuple(len(pdfmetrics.getFont(n).state[doc].assignments) for n in register_fonts())


@cache
def _width_table(font: str) -> dict[str, float]:
    return {}


def text_width(text: str, font: str, size: float) -> float:
    """Return the width of ``text`` in points (character widths cached per font)."""
    table = _width_table(font)
    total = 0.0
    for char in text:
        width = table.get(char)
        if width is None:
            width = table[char] = pdfmetrics.stringWidth(char, font, 1000)
        total += width
    return total * size / 1000


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` (breaking at spaces)."""
    lines: list[str] = []
    current = ""
    space = text_width(" ", font, size)
    current_width = 0.0
    for word in text.split(" "):
        word_width = text_width(word, font, size)
        if current and current_width + space + word_width > width:
            lines.append(current)
            current, current_width = word, word_width
        else:
            current_width += (space if current else 0) + word_width
            current = f"{current} {word}" if current else word
    if current or not lines:
        lines.append(current)
    return lines
