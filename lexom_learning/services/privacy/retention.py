"""The retention schedule: periods read from the configuration, never from the code.

Each period is an environment variable (or the same key in the app config, which wins):

=====================================  =======  ==============================================
``LEXOM_RETENTION_PERSONAL_YEARS``     5        a participant's data, after the session's end
``LEXOM_RETENTION_DOCUMENTS_YEARS``    6        attestations, certificats, signed attendance
``LEXOM_RETENTION_MESSAGES_DAYS``      30       e-mails once sent (or copied, or failed)
``LEXOM_RETENTION_EXPORTS_DAYS``       7        export ZIPs in the instance folder
``LEXOM_RETENTION_TOKENS_DAYS``        30       revoked access links and API tokens
=====================================  =======  ==============================================

The defaults, and why, are in docs/privacy.md. A day ends at midnight in Paris: data kept
"5 years after the session's end" (ending on 3 March 2026) goes on 3 March 2031.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...clock import PARIS, utcnow

DEFAULTS = {
    "PERSONAL_YEARS": 5,
    "DOCUMENTS_YEARS": 6,
    "MESSAGES_DAYS": 30,
    "EXPORTS_DAYS": 7,
    "TOKENS_DAYS": 30,
}


class ScheduleError(ValueError):
    """A retention period in the configuration is not a whole number of at least 0."""


@dataclass(frozen=True)
class Schedule:
    """The retention periods in force."""

    personal_years: int
    documents_years: int
    messages_days: int
    exports_days: int
    tokens_days: int

    def personal_until(self, session_end: date) -> date:
        """Return the first day a participant's data is no longer kept."""
        return add_years(session_end, self.personal_years)

    def documents_until(self, session_end: date) -> date:
        """Return the first day the session's legal documents are no longer kept."""
        return add_years(session_end, self.documents_years)


def schedule(config: Mapping | None = None) -> Schedule:
    """Return the schedule from ``config`` (the app's), else the environment, else defaults.

    :raises ScheduleError: a period is not a whole number of at least 0.
    """
    config = config or {}
    values = {}
    for key, default in DEFAULTS.items():
        name = f"LEXOM_RETENTION_{key}"
        raw = config.get(name, os.environ.get(name, default))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ScheduleError(f"{name} must be a whole number, not {raw!r}") from None
        if value < 0:
            raise ScheduleError(f"{name} must be 0 or more, not {value}")
        values[key.lower()] = value
    return Schedule(**values)


def add_years(day: date, years: int) -> date:
    """Return the same day ``years`` later (29 February becomes 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def today(now: datetime | None = None) -> date:
    """Return today's date in Paris (retention days end at midnight there)."""
    return (now or utcnow()).astimezone(PARIS).date()


def days_ago(days: int, now: datetime | None = None) -> datetime:
    """Return the instant ``days`` days before ``now``."""
    return (now or utcnow()) - timedelta(days=days)
