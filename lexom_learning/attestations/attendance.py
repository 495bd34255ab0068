"""Half-day attendance: which slot is open, which signatures count, how many hours (pure).

A half-day counts as attended when the trainer has vouched for it: either the participant
signed on their phone (drawn or typed) and the trainer countersigned, or the trainer recorded
a signature made on the printed sheet (with the reason the phone was not used). A phone
signature that is not countersigned yet does not count.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

AFTERNOON_STARTS = time(13, 0)


class HalfDayLike(Protocol):
    """What a course's half-day declares."""

    id: str
    day: int
    label: str
    hours: float


@dataclass(frozen=True, slots=True)
class SlotState:
    """One participant's signatures on one half-day."""

    slot_id: str
    label: str
    day: int
    hours: float
    on: date
    signed: str | None = None  # drawn_png, drawn_svg, typed
    countersigned: bool = False
    paper: bool = False
    late_minutes: int = 0  # arrived this late (recorded by the trainer)
    early_minutes: int = 0  # left this early
    justified: bool = False  # an absence the trainer recorded as justified

    @property
    def hours_followed(self) -> float:
        """Return the hours actually followed: the half-day's, less lateness and early
        departure, rounded to the nearest quarter hour; none when the half-day does not count."""
        if not self.attended:
            return 0.0
        minutes = max(0.0, self.hours * 60 - self.late_minutes - self.early_minutes)
        return int(minutes / 15 + 0.5) / 4

    @property
    def attended(self) -> bool:
        """Say whether the half-day counts: countersigned phone signature, or paper."""
        return self.paper or (self.signed is not None and self.countersigned)

    @property
    def status(self) -> str:
        """Return attended, awaiting_countersign or missing."""
        if self.attended:
            return "attended"
        return "awaiting_countersign" if self.signed else "missing"


def day_date(day: int, days: int, starts_on: date, ends_on: date) -> date:
    """Return the date of day ``day`` (the last day is the session's end date)."""
    if day >= days:
        return ends_on
    return min(starts_on + timedelta(days=day - 1), ends_on)


def slot_of(half_days: Sequence[HalfDayLike], slot_id: str) -> HalfDayLike | None:
    """Return the half-day with that id, or None."""
    return next((h for h in half_days if h.id == slot_id), None)


def current_slot(
    half_days: Sequence[HalfDayLike], days: int, starts_on: date, ends_on: date, now: datetime
) -> HalfDayLike | None:
    """Return the half-day open for signing at local time ``now`` (morning before 13:00)."""
    for day in sorted({h.day for h in half_days}):
        if day_date(day, days, starts_on, ends_on) == now.date():
            same_day = [h for h in half_days if h.day == day]
            return same_day[-1] if now.time() >= AFTERNOON_STARTS else same_day[0]
    return None


def slot_states(
    half_days: Sequence[HalfDayLike],
    days: int,
    starts_on: date,
    ends_on: date,
    signatures: Iterable[tuple[str, str, str]],
) -> list[SlotState]:
    """Return every half-day's state from (slot, kind, method) triples of one participant."""
    by_slot: dict[str, dict[str, str]] = {}
    for slot, kind, method in signatures:
        by_slot.setdefault(slot, {})[kind] = method
    states = []
    for h in half_days:
        acts = by_slot.get(h.id, {})
        states.append(
            SlotState(
                h.id,
                h.label,
                h.day,
                h.hours,
                day_date(h.day, days, starts_on, ends_on),
                signed=acts.get("participant"),
                countersigned="countersign" in acts,
                paper="paper" in acts,
            )
        )
    return states


def totals(states: Iterable[SlotState]) -> tuple[int, float]:
    """Return (half-days attended, hours followed: lateness and early departures deducted)."""
    attended = [s for s in states if s.attended]
    return len(attended), float(sum(s.hours_followed for s in attended))
