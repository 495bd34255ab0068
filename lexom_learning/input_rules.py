"""What text and dates the application accepts, checked once at each edge (pure: no framework).

Every way in (JSON API, HTML forms, CSV import, the live shortcut) calls these functions, so
nothing reaches a database or a document that cannot hold it: PostgreSQL refuses NUL in text,
no UTF-8 encoder takes a lone surrogate, and XML (XLSX registers, DOCX) refuses C0 controls
and the non-characters U+FFFE/U+FFFF.
"""

import unicodedata
from datetime import date

from .clock import paris_now

# Allowed in a field that may hold several lines (comments, notes, free-text answers).
MULTILINE_CONTROLS = frozenset("\t\n\r")
NON_CHARACTERS = frozenset("\ufffe\uffff")
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 5


def bad_character(value: str, multiline: bool = False) -> str | None:
    """Return the first character of ``value`` the application refuses, or None.

    Refused: NUL and every other control character (C0, DEL, C1), lone surrogates and
    U+FFFE/U+FFFF; tab, line feed and carriage return are accepted when ``multiline``.
    """
    if value.isprintable():  # the common case, in C: no control, surrogate or separator
        return None
    for char in value:
        if char in NON_CHARACTERS:
            return char
        if unicodedata.category(char) in ("Cc", "Cs"):
            if multiline and char in MULTILINE_CONTROLS:
                continue
            return char
    return None


def describe(char: str) -> str:
    """Return a character as people can read it in a message: ``U+001B``."""
    return f"U+{ord(char):04X}"


def latest_date(today: date | None = None) -> date:
    """Return the last date accepted: ``YEARS_AHEAD`` years after today (Paris)."""
    today = today or paris_now().date()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_in_range(value: date, today: date | None = None) -> bool:
    """Say whether a date lies between 2000-01-01 and ``YEARS_AHEAD`` years after today."""
    return EARLIEST_DATE <= value <= latest_date(today)
