"""The organisation's identity block and its signature on every document (from a snapshot).

A snapshot's ``organisation`` is ``Organisation.snapshot()`` frozen at issue: name, address,
SIRET, numéro de déclaration d'activité with the sentence the law requires, legal representative,
signatory, and the paths of the signature, stamp and logo images.
"""

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from .page import MARGIN, MUTED, WIDTH, Page

LOGO_HEIGHT = 34


@lru_cache(maxsize=16)
def image_reader(path: str) -> str | None:
    """Return the path of a JPEG copy of an image file (made once per process), None when
    the file is gone.

    The image is flattened onto white, at most 600 pixels wide: reportlab puts a JPEG file
    into each PDF as it is, where a PNG is decoded, hashed and recompressed for every document
    (it halved the issuing rate). The images sit on white paper, so nothing shows it.
    """
    file = Path(path)
    if not file.is_file():
        return None
    with Image.open(file) as image:
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    flat.thumbnail((600, 600))
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"lexom-image-{os.getpid()}-{digest}.jpg"
    flat.save(target, "JPEG", quality=90)
    return str(target)


def draw_image(page: Page, path: str | None, x: float, y: float, width: float, height: float):
    """Draw an image fitted into the box whose bottom-left corner is x, y (nothing if none)."""
    jpeg = image_reader(path) if path else None
    if jpeg is None:
        return
    page.canvas.drawImage(
        jpeg, x, y, width, height, preserveAspectRatio=True, anchor="sw", mask="auto"
    )


def identity_block(page: Page, s: dict[str, Any]) -> None:
    """Draw the organisation's name, address, SIRET and declaration number at the top left."""
    o = s["organisation"]
    top = page.y
    x = MARGIN
    if o.get("logo"):
        draw_image(page, o["logo"], MARGIN, top - LOGO_HEIGHT + 14, 90, LOGO_HEIGHT)
        page.y = top - LOGO_HEIGHT - 4

    def block():
        page.text(o["name"], 15, bold=True, x=x, advance=11)
        page.text(f"Organisme de formation — {o['address_line']}", 8, x=x, color=MUTED, advance=10)
        page.text(f"SIRET {o['siret_display']}", 7.5, x=x, color=MUTED, advance=9, raw=True)
        page.paragraph(o["nda_statement"], 7, x=x, width=330, color=MUTED)

    page.static(("identity", tuple(sorted((k, str(v)) for k, v in o.items()))), block)


def signed_by(s: dict[str, Any]) -> str:
    """Return « name, capacity » of whoever signs the documents for the organisation."""
    signatory = s["organisation"]["signatory"]
    return f"{signatory['name']}, {signatory['capacity']}"


def signature(
    page: Page, s: dict[str, Any], top: float, label: str = "Signature et cachet de l'organisme"
) -> None:
    """Draw the signature block on the right: for whom, who, the stamp and signature images."""
    o = s["organisation"]
    x = WIDTH - MARGIN - 200
    page.y = top

    def block():
        page.text(f"Pour {o['name']},", 9.5, x=x, advance=13)
        page.text(signed_by(s), 9.5, bold=True, x=x, advance=11)
        page.paragraph(label, 7.5, x=x, width=200, color=MUTED)
        page.box(x, page.y - 56, 200, 60)

    page.static(("signature", o["name"], signed_by(s), label), block)
    bottom = page.y - 54
    draw_image(page, o.get("stamp_image"), x + 4, bottom, 80, 56)
    draw_image(page, o.get("signature_image"), x + 90, bottom, 106, 56)
    page.y = bottom - 6
