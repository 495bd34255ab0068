"""Drawn signatures on a PDF: a PNG data URL as an image, an SVG path as vector strokes."""

import base64
import binascii
import io
import re

from reportlab.lib.utils import ImageReader

from .page import INK, Page

PNG_PREFIX = "data:image/png;base64,"
TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


def svg_segments(path: str) -> list[list[tuple[str, tuple[float, ...]]]]:
    """Return an SVG path as absolute sub-paths of ("M"|"L"|"C"|"Q", coordinates) steps.

    S and T (smooth curves) are taken as straight lines to their end point: enough for a
    signature stroke. Malformed tails are dropped.
    """
    tokens = TOKEN.findall(path)
    subpaths: list[list[tuple[str, tuple[float, ...]]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command = None
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                x, y = start
                continue
        if command is None:
            break
        upper, relative = command.upper(), command.islower()
        count = ARITY[upper]
        values = tokens[i : i + count]
        if len(values) < count or any(v.isalpha() for v in values):
            break
        numbers = [float(v) for v in values]
        i += count
        if upper == "H":
            numbers = [numbers[0] + (x if relative else 0), y]
        elif upper == "V":
            numbers = [x, numbers[0] + (y if relative else 0)]
        elif relative:
            numbers = [n + (x if k % 2 == 0 else y) for k, n in enumerate(numbers)]
        if upper == "M":
            subpaths.append([("M", tuple(numbers))])
            start = (numbers[0], numbers[1])
            command = "l" if relative else "L"  # further pairs are lines
        elif not subpaths:
            subpaths.append([("M", (x, y))])
        if upper in ("L", "H", "V", "S", "T"):
            subpaths[-1].append(("L", tuple(numbers[-2:])))
        elif upper == "C":
            subpaths[-1].append(("C", tuple(numbers)))
        elif upper == "Q":
            subpaths[-1].append(("Q", tuple(numbers)))
        x, y = numbers[-2], numbers[-1]
    return subpaths


def draw_svg_path(page: Page, path: str, x: float, y: float, width: float, height: float):
    """Draw an SVG path fitted into the box whose bottom-left corner is x, y."""
    subpaths = svg_segments(path)
    points = [
        pair
        for sub in subpaths
        for _, coords in sub
        for pair in zip(coords[::2], coords[1::2], strict=True)
    ]
    if not points:
        return
    left, right = min(p[0] for p in points), max(p[0] for p in points)
    top, bottom = min(p[1] for p in points), max(p[1] for p in points)
    scale = min(width / max(right - left, 1e-6), height / max(bottom - top, 1e-6))
    canvas = page.canvas

    def at(px: float, py: float) -> tuple[float, float]:
        # SVG's y grows downwards, the PDF's upwards.
        return x + (px - left) * scale, y + height - (py - top) * scale

    drawn = canvas.beginPath()
    for sub in subpaths:
        for kind, coords in sub:
            if kind == "M":
                drawn.moveTo(*at(*coords))
            elif kind == "L":
                drawn.lineTo(*at(*coords))
            elif kind == "C":
                drawn.curveTo(*at(*coords[0:2]), *at(*coords[2:4]), *at(*coords[4:6]))
            else:  # a quadratic curve drawn as the equivalent cubic
                (qx, qy), (ex, ey) = coords[0:2], coords[2:4]
                drawn.curveTo(*at(qx, qy), *at(qx, qy), *at(ex, ey))
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.drawPath(drawn, stroke=1, fill=0)
    canvas.restoreState()


def png_reader(data_url: str) -> ImageReader | None:
    """Return a reader for a PNG data URL, None when it cannot be read."""
    if not data_url.startswith(PNG_PREFIX):
        return None
    try:
        return ImageReader(io.BytesIO(base64.b64decode(data_url[len(PNG_PREFIX) :])))
    except (binascii.Error, ValueError, OSError):
        return None


def draw_signature(page: Page, method: str | None, value: str | None, box: tuple) -> bool:
    """Draw a participant's drawn signature into ``box`` (x, y, width, height); say if drawn."""
    x, y, width, height = box
    if method == "drawn_png" and value:
        reader = png_reader(value)
        if reader is not None:
            page.canvas.drawImage(
                reader, x, y, width, height, preserveAspectRatio=True, anchor="sw", mask="auto"
            )
            return True
    if method == "drawn_svg" and value:
        draw_svg_path(page, value, x, y, width, height)
        return True
    return False
