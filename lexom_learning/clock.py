"""The one place the rules ask what time it is, so tests can set it.

Production code calls :func:`utcnow` or :func:`paris_now` (or receives a ``now`` argument);
tests move time with the ``time-machine`` library, which every call here follows.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def paris_now() -> datetime:
    """Return the current time in Europe/Paris (the course's time zone)."""
    return datetime.now(PARIS)
