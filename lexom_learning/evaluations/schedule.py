"""The cold evaluation's calendar: the invitation ``delay_days`` after the session closes, then
at most ``reminders`` reminders to non-respondents, each ``interval_days`` after the previous
message (never two on one run even if the sender was down for weeks)."""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ColdState:
    """What happened so far for one participant: when each message (0 = invitation, then the
    reminders) was issued, and whether they answered."""

    due_at: datetime
    issued: tuple[datetime, ...] = ()
    responded: bool = False


def cold_due_at(closed_at: datetime, delay_days: int) -> datetime:
    """Return when the invitation is due: ``delay_days`` after the session closed."""
    return closed_at + timedelta(days=delay_days)


def cold_closes_at(due_at: datetime, window_days: int) -> datetime:
    """Return when the cold evaluation stops taking answers: ``window_days`` after it is due."""
    return due_at + timedelta(days=window_days)


def cold_phase(due_at: datetime, window_days: int, now: datetime) -> str:
    """Say where ``now`` stands: ``early`` (before it is due), ``open``, or ``over`` (from the
    closing instant on)."""
    if now < due_at:
        return "early"
    return "open" if now < cold_closes_at(due_at, window_days) else "over"


def planned_dates(due_at: datetime, reminders: int, interval_days: int) -> list[datetime]:
    """Return the planned dates of the invitation and of each reminder."""
    return [due_at + timedelta(days=interval_days * k) for k in range(reminders + 1)]


def next_step(state: ColdState, reminders: int, interval_days: int, now: datetime) -> int | None:
    """Return the message due at ``now`` (0 = invitation, k = reminder k), or None."""
    step = len(state.issued)
    if step == 0:
        return 0 if now >= state.due_at else None
    if state.responded or step > reminders:
        return None
    planned = state.due_at + timedelta(days=interval_days * step)
    spaced = state.issued[-1] + timedelta(days=interval_days)
    return step if now >= max(planned, spaced) else None
