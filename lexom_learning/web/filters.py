"""Jinja filters for French display of dates and percentages."""

from datetime import date, datetime

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


def format_date(value: date | datetime | None) -> str:
    """Format a date as « 27 novembre 2026 »."""
    if value is None:
        return "—"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def format_percent(value: float | None) -> str:
    """Format a percentage as « 72,5 % », or « — » when there is none."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}\u202f%"
