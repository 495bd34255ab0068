"""Read numbers the way French learners type them: ``12,5``, ``12 500``, ``-3``, ``12,5 %``."""

import math
import re

from .result import ResponseError

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_TRAILING_UNITS = ("%", "€", "eur", "euros", "pts", "points", "pt")
MAX_LENGTH = 40


def parse_number(raw: object, unit: str = "") -> float:
    """Return the number in ``raw`` (a number or a string), ignoring a trailing unit.

    :raises ResponseError: when ``raw`` is not a readable finite number.
    """
    if isinstance(raw, bool):
        raise ResponseError("La réponse doit être un nombre.")
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:
            raise ResponseError("Ce nombre est trop grand.") from None
    elif isinstance(raw, str):
        value = _parse_text(raw, unit)
    else:
        raise ResponseError("La réponse doit être un nombre.")
    if not math.isfinite(value):
        raise ResponseError("La réponse doit être un nombre fini.")
    return value


def _parse_text(raw: str, unit: str) -> float:
    if len(raw) > MAX_LENGTH:
        raise ResponseError("Réponse trop longue pour un nombre.")
    text = raw.strip().lower()
    for suffix in sorted({unit.strip().lower(), *_TRAILING_UNITS} - {""}, key=len, reverse=True):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    text = _SPACES.sub("", text).replace("\u2212", "-").replace("\u2013", "-")
    if "," in text and "." in text:
        raise ResponseError(
            "« %(raw)s » : utilisez soit la virgule, soit le point décimal.", raw=raw.strip()
        )
    if not _NUMBER.match(text):
        raise ResponseError("« %(raw)s » n'est pas un nombre (exemple : 12,5).", raw=raw.strip())
    return float(text.replace(",", "."))


def format_number(value: float) -> str:
    """Format a number the French way: ``12,5``, ``1 200 000``."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")
