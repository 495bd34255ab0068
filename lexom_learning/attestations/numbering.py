"""Attestation numbers: ``<course ref>-<year>-<sequence>``, e.g. ``MRK-STRA-05-2026-00042``."""

import re

NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,50}-\d{4}-\d{5,}$")


def prefix_for(ref: str, year: int) -> str:
    """Return the counter prefix for a course ref and a year."""
    return f"{ref}-{year}"


def format_number(prefix: str, sequence: int) -> str:
    """Return the number for the ``sequence``-th attestation of a prefix."""
    return f"{prefix}-{sequence:05d}"


def looks_like_number(text: str) -> bool:
    """Say whether ``text`` has the shape of an attestation number (checked before a lookup)."""
    return bool(NUMBER.match(text))
