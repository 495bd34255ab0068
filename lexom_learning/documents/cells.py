"""Safe, French spreadsheet cells: the one function every CSV and XLSX export passes values through.

OWASP's CSV-injection guidance: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read as a formula by spreadsheet programs, so it gets a leading apostrophe
(shown by none of them, kept as text). Numbers become French text in ``;``-separated CSVs
(« 3,5 »), dates and times are written in Europe/Paris with their offset.
"""

from datetime import date, datetime
from typing import Any

from ..clock import PARIS

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Return ``text`` made inert for a spreadsheet (a leading apostrophe when it could run)."""
    return f"'{text}" if text.startswith(DANGEROUS_FIRST) else text


def paris_iso(value: datetime) -> str:
    """Return a time in Europe/Paris with its offset: 2026-12-03T09:15:00+01:00."""
    return value.astimezone(PARIS).isoformat(timespec="seconds")


def decimal_fr(value: float) -> str:
    """Return a number with a decimal comma, without trailing zeros: 3,5 · 14 · 0,25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def csv_cell(value: Any) -> str:
    """Return the text of one CSV cell: numbers French, times in Paris, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_fr(value)
    if isinstance(value, datetime):
        return paris_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def xlsx_value(value: Any) -> Any:
    """Return what an XLSX cell holds: numbers stay numbers, times in Paris, text neutralised."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime):
        return paris_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))
