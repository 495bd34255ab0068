"""Jinja filters for dates and percentages: French by default, English for English pages."""

from datetime import date, datetime

from flask_babel import gettext

from ..clock import PARIS
from ..documents.cells import decimal_fr
from ..documents.french import long_date
from .i18n import current_locale

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_percent(value: float | None) -> str:
    """Format a percentage as « 72,5 % », or « — » when there is none."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}\u202f%"


def display_date(value: date | datetime | str | None) -> str:
    """Format a date or an ISO string for the page: « 1er décembre 2026 », "1 December 2026"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if current_locale() != "en":
        return long_date(value)
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def display_percent(value: float | None) -> str:
    """Format a percentage for this page: « 72,5 % », or "72.5%" in English."""
    if value is None or current_locale() != "en":
        return format_percent(value)
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def display_hours(value: float | None) -> str:
    """Format a number of hours for this page: « 3,5 » in French, "3.5" in English."""
    if value is None:
        return "—"
    text = decimal_fr(float(value))
    return text.replace(",", ".") if current_locale() == "en" else text


def display_datetime(value: datetime | None) -> str:
    """Format a time in Europe/Paris, saying so: « 07/12/2026 à 04:46 (heure de Paris) »."""
    if value is None:
        return "—"
    local = value.astimezone(PARIS)
    return gettext(
        "%(date)s à %(time)s (heure de Paris)",
        date=local.strftime("%d/%m/%Y"),
        time=local.strftime("%H:%M"),
    )
