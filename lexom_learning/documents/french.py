"""French formatting for documents: dates, hours, numbers, percentages, quotes, typesetting."""

from datetime import date
from functools import lru_cache

from ..typography import french, french_number

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NBSP = "\u00a0"


def long_date(value: date | str) -> str:
    """Format a date (or an ISO string) as « 1er décembre 2026 »."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | str) -> str:
    """Format a date as 03/12/2026."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def number(value: float) -> str:
    """Format a number the French way: 10,5 · 14 · 1 234,5 (thousands grouped by U+202F)."""
    return french_number(value, 1)


def hours(value: float) -> str:
    """Format hours as « 10,5 h »."""
    return f"{number(value)}{NBSP}h"


def percent(value: float | None) -> str:
    """Format a percentage as « 72,5 % », or « — » without a measure."""
    return "—" if value is None else f"{number(value)}{NBSP}%"


def quoted(text: str) -> str:
    """Put French quotes around a text, with non-breaking spaces inside."""
    return f"«{NBSP}{text}{NBSP}»"


@lru_cache(maxsize=4096)
def typeset(text: str) -> str:
    """Return a printed text with French typography (``typography.french``), cached.

    Documents print the same labels, titles and objectives again and again: the cache keeps
    typesetting off the rendering cost. Applied at render time only: snapshots stay as stored.
    """
    return french(text)
