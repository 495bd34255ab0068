"""A thin layer over a reportlab canvas: a top-down cursor, wrapped text and a segno QR code.

Every text drawn goes through ``typeset`` (French typography, at render time: snapshots are
never rewritten) unless the caller passes ``raw=True`` for an identifier printed as recorded
(a SIRET, a typed signature). URLs, e-mail addresses and codes are left alone by ``french``.
"""

import io
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache, wraps

import segno
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ..clock import PARIS, utcnow
from .fonts import RENDER_LOCK, assigned, prime, register_fonts, text_width, wrap
from .french import typeset

# Binary streams, not ASCII85: a tenth smaller, and no per-document text encoding of the
# images (every document embeds the organisation's stamp and signature).
rl_config.useA85 = 0
WIDTH, HEIGHT = A4
MARGIN = 50
INK = Color(0.11, 0.14, 0.2)
MUTED = Color(0.36, 0.39, 0.46)
ACCENT = Color(0.04, 0.36, 0.68)
LINE = Color(0.8, 0.82, 0.86)
BORDER = 2  # quiet zone around the QR code, in modules
# Recorded page operators of static blocks: key -> (operators, height). Bounded: cleared when
# full (a long-running server sees few courses and sessions at a time).
_BLOCKS: dict[tuple, tuple[list[str], float]] = {}
MAX_BLOCKS = 4096


class Page:
    """One A4 page written from the top down; ``y`` is the baseline of the next line."""

    def __init__(self, title: str, subject: str, author: str = "", created: datetime | None = None):
        self.regular, self.bold = register_fonts()
        self.buffer = io.BytesIO()
        # invariant: no random document id, so equal inputs give equal bytes; the creation date
        # is the document's own (its issue), given by the caller, in Paris time with its offset.
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1, lang="fr-FR")
        set_creation_date(self.canvas, created or utcnow())
        prime(self.canvas._doc)
        self.primed = assigned(self.canvas._doc)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setAuthor(author)
        self.canvas.setCreator("lexom_learning")
        self.canvas.setFillColor(INK)
        self.y = HEIGHT - MARGIN
        self.left = MARGIN
        self.width = WIDTH - 2 * MARGIN

    def static(self, key: tuple, draw: Callable[[], None]) -> None:
        """Draw a block that depends only on ``key`` and the cursor, recorded once per process.

        Laying out text is most of reportlab's work; a block whose characters were all primed
        produces the same operators in every document, so later pages replay them.
        """
        full_key = (key, round(self.y, 3), round(self.left, 3))
        found = _BLOCKS.get(full_key)
        if found is not None:
            operators, height = found
            self.canvas._code.extend(operators)
            self.y -= height
            return
        mark, top = len(self.canvas._code), self.y
        draw()
        # Record only while this document uses primed characters alone: then every code in
        # the block is one of the usual ones, valid in any other document.
        if assigned(self.canvas._doc) == self.primed:
            if len(_BLOCKS) >= MAX_BLOCKS:
                _BLOCKS.clear()
            _BLOCKS[full_key] = (self.canvas._code[mark:], top - self.y)

    def text(
        self,
        text: str,
        size: float = 10,
        bold: bool = False,
        x: float | None = None,
        color: Color = INK,
        advance: float | None = None,
        raw: bool = False,
    ) -> None:
        """Write one line at the cursor, then move down by ``advance`` (1.4 × size)."""
        self.canvas.setFillColor(color)
        self.canvas.setFont(self.bold if bold else self.regular, size)
        x = self.left if x is None else x
        self.canvas.drawString(x, self.y, text if raw else typeset(text))
        self.y -= size * 1.4 if advance is None else advance

    def centred(self, text: str, size: float, bold: bool = False, color: Color = INK) -> None:
        """Write one centred line."""
        self.canvas.setFillColor(color)
        self.canvas.setFont(self.bold if bold else self.regular, size)
        self.canvas.drawCentredString(WIDTH / 2, self.y, typeset(text))
        self.y -= size * 1.4

    def right(
        self, text: str, y: float, size: float = 8.5, bold: bool = False, color: Color = MUTED
    ) -> None:
        """Write one line flush right at height ``y`` (the cursor does not move)."""
        self.canvas.setFillColor(color)
        self.canvas.setFont(self.bold if bold else self.regular, size)
        self.canvas.drawRightString(WIDTH - MARGIN, y, typeset(text))

    def paragraph(
        self,
        text: str,
        size: float = 10,
        bold: bool = False,
        x: float | None = None,
        width: float | None = None,
        leading: float | None = None,
        color: Color = INK,
    ) -> int:
        """Write wrapped text at the cursor (typeset first: no break at a no-break space)."""
        font = self.bold if bold else self.regular
        x = self.left if x is None else x
        lines = wrap(typeset(text), font, size, width or (self.left + self.width - x))
        for line in lines:
            self.text(line, size, bold, x, color, leading or size * 1.35, raw=True)
        return len(lines)

    def field(self, label: str, value: str, size: float = 9.5, label_width: float = 120) -> None:
        """Write « label : value », the value wrapped in its column."""
        top = self.y
        self.canvas.setFillColor(MUTED)
        self.canvas.setFont(self.regular, size)
        self.canvas.drawString(self.left, top, typeset(f"{label} :"))
        self.paragraph(value, size, x=self.left + label_width, leading=size * 1.35)
        self.y -= size * 0.25

    def heading(self, text: str, size: float = 11) -> None:
        """Write a section heading with a thin rule under it."""
        self.y -= size * 0.4
        self.text(text, size, bold=True, color=ACCENT, advance=size * 0.55)
        self.rule()
        self.y -= size * 0.95

    def rule(self, x: float | None = None, width: float | None = None) -> None:
        """Draw a thin horizontal rule at the cursor."""
        x = self.left if x is None else x
        self.canvas.setStrokeColor(LINE)
        self.canvas.setLineWidth(0.6)
        self.canvas.line(x, self.y, x + (width or self.width), self.y)

    def box(self, x: float, y: float, width: float, height: float) -> None:
        """Draw an empty rectangle (a signature box, a check box)."""
        self.canvas.setStrokeColor(MUTED)
        self.canvas.setLineWidth(0.6)
        self.canvas.rect(x, y, width, height, stroke=1, fill=0)

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """Draw a QR code for ``url`` (one filled path) with its bottom-left corner at x, y."""
        runs, modules = qr_runs(url)
        cell = size / modules
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColor(INK)
        # One module is one unit, rows counted downwards: the path is written in integers.
        canvas.transform(cell, 0, 0, -cell, x, y + size)
        canvas.addLiteral(" ".join(f"{c} {r} {n} 1 re" for r, c, n in runs) + " f")
        canvas.restoreState()

    def width_of(self, text: str, size: float, bold: bool = False) -> float:
        """Return the width of a text in this page's font."""
        return text_width(text, self.bold if bold else self.regular, size)

    def finish(self) -> bytes:
        """Close the page and return the PDF bytes."""
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def set_creation_date(canvas: Canvas, created: datetime) -> None:
    """Date the PDF (CreationDate and ModDate) at ``created``, as Paris wall time and offset."""
    local = created.astimezone(PARIS)
    minutes = int(local.utcoffset().total_seconds() // 60)
    stamp = canvas._doc._timeStamp
    stamp.t = created.timestamp()
    stamp.YMDhms = local.timetuple()[:6]
    stamp.dhh, stamp.dmm = divmod(minutes, 60)


def rendered_alone[**P](render: Callable[P, bytes]) -> Callable[P, bytes]:
    """Run a renderer under the process-wide lock (reportlab's font state is shared)."""

    @wraps(render)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with RENDER_LOCK:
            return render(*args, **kwargs)

    return wrapper


@lru_cache(maxsize=256)
def qr_runs(url: str) -> tuple[tuple[tuple[int, int, int], ...], int]:
    """Return the dark runs (row, first column, length) of a QR code with a 2-module border."""
    # A fixed mask skips segno's search for the best of eight (about 12 ms of the 14 ms a code
    # costs); every mask is valid for readers, the search only optimises contrast patterns.
    code = segno.make(url, error="m", micro=False, mask=0, boost_error=False)
    runs = []
    for r, row in enumerate(code.matrix):
        c, width = 0, len(row)
        while c < width:
            if row[c]:
                start = c
                while c < width and row[c]:
                    c += 1
                runs.append((r + BORDER, start + BORDER, c - start))
            else:
                c += 1
    return tuple(runs), len(code.matrix) + 2 * BORDER
