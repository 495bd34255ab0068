"""What a participant's signature may be: a drawn PNG, an SVG path, or their typed name."""

import base64
import binascii
import re

from .errors import Invalid

MAX_SIGNATURE = 150_000  # characters of a PNG data URL or SVG path (about 110 kB of image)
MAX_NAME = 200
PNG_PREFIX = "data:image/png;base64,"
SVG_PATH = re.compile(r"^[MmLlHhVvCcSsQqTtZz0-9eE.,\s+-]+$")


def parse_signature(raw: str) -> tuple[str, str]:
    """Return (method, value) for a drawn PNG, an SVG path or a typed name.

    :raises Invalid: empty, too large, or not a readable image.
    """
    value = (raw or "").strip()
    if not value:
        raise Invalid("Signez (tracé ou nom saisi) avant de valider.", "signature")
    if len(value) > MAX_SIGNATURE:
        raise Invalid("Signature trop volumineuse.", "signature")
    if value.startswith("data:"):
        if not value.startswith(PNG_PREFIX):
            raise Invalid("Signature tracée : image PNG attendue.", "signature")
        try:
            image = base64.b64decode(value[len(PNG_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            raise Invalid("Signature tracée illisible.", "signature") from None
        if not image.startswith(b"\x89PNG\r\n\x1a\n"):
            raise Invalid("Signature tracée : image PNG attendue.", "signature")
        return "drawn_png", value
    if value[0] in "Mm" and any(c.isdigit() for c in value) and SVG_PATH.match(value):
        return "drawn_svg", value
    name = " ".join(value.split())
    if len(name) > MAX_NAME:
        raise Invalid("Nom saisi : %(limit)s caractères au plus.", "signature", limit=MAX_NAME)
    return "typed", name
