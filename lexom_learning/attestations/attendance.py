"""Half-day attendance: which slot is open, which signatures count, how many hours (pure).

A half-day counts as attended when the trainer has vouched for it: either the participant
signed on their phone (drawn or typed) and the trainer countersigned, or the trainer recorded
a signature made on the printed sheet (with the reason the phone was not used). A phone
signature that is not countersigned yet does not count; one the trainer marked absent never
counts; nor does any half-day after the interruption of a session stopped early.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .schedule import Slot, day_date, held, open_to_participants, slot_in

__all__ = ["SlotState", "current_slot", "day_date", "slot_of", "slot_states", "totals"]


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
    absent: bool = False  # the trainer refused a phone signature (with a reason)
    held: bool = True  # False: the session was interrupted before this half-day
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
        """Say whether the half-day counts: held, and countersigned or signed on paper."""
        if not self.held or self.absent:
            return False
        return self.paper or (self.signed is not None and self.countersigned)

    @property
    def status(self) -> str:
        """Return attended, awaiting_countersign, absent, not_held or missing."""
        if not self.held:
            return "not_held"
        if self.attended:
            return "attended"
        if self.absent:
            return "absent"
        return "awaiting_countersign" if self.signed else "missing"


def slot_of(slots: Sequence[Slot], slot_id: str) -> Slot | None:
    """Return the half-day with that id, or None."""
    return slot_in(slots, slot_id)


def current_slot(slots: Sequence[Slot], now: datetime) -> Slot | None:
    """Return the half-day a participant may sign at ``now`` (aware), or None."""
    found = open_to_participants(slots, now)
    return found[0] if found else None


def slot_states(
    slots: Sequence[Slot],
    signatures: Iterable[tuple[str, str, str]],
    interrupted_at: datetime | None = None,
) -> list[SlotState]:
    """Return every half-day's state from (slot, kind, method) triples of one participant."""
    by_slot: dict[str, dict[str, str]] = {}
    for slot, kind, method in signatures:
        by_slot.setdefault(slot, {})[kind] = method
    took_place = {s.id for s in held(slots, interrupted_at)}
    states = []
    for h in slots:
        acts = by_slot.get(h.id, {})
        states.append(
            SlotState(
                h.id,
                h.label,
                h.day,
                h.hours,
                h.on,
                signed=acts.get("participant"),
                countersigned="countersign" in acts,
                paper="paper" in acts,
                absent="absent" in acts,
                held=h.id in took_place,
            )
        )
    return states


def totals(states: Iterable[SlotState]) -> tuple[int, float]:
    """Return (half-days attended, hours followed: lateness and early departures deducted)."""
    attended = [s for s in states if s.attended]
    return len(attended), float(sum(s.hours_followed for s in attended))
