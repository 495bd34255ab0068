"""When each half-day takes place: its date, start and end in Europe/Paris (pure).

The course declares its half-days (``course.yaml`` ``half_days[]``, with optional
``start``/``end``); a session runs them on its own dates and may move their times (it keeps
its schedule as a list of ``{"slot", "date", "start", "end"}``). Every comparison is made on
timezone-aware instants, so the changes of hour (last Sunday of March and of October) are
handled by ``zoneinfo``.

The rules of time:

- a participant signs a half-day from :data:`EARLY_SIGNING` before its start to its end;
- a trainer countersigns or records a paper signature once the half-day has started;
- a session closes once its last half-day has ended (or earlier, declared interrupted: then
  only the half-days that had started count as held).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MORNING = ("09:00", "12:30")
AFTERNOON = ("13:30", "17:00")
EARLY_SIGNING = timedelta(minutes=15)


class HalfDayLike(Protocol):
    """What a course's half-day declares."""

    id: str
    day: int
    label: str
    hours: float
    start: str | None
    end: str | None


def parse_time(text: str) -> time:
    """Return the time of an ``HH:MM`` string.

    :raises ValueError: not a time of day written HH:MM.
    """
    if len(text) != 5 or text[2] != ":":
        raise ValueError(text)
    return time(int(text[:2]), int(text[3:]))


def _instant(on: date, at: time) -> datetime:
    """Return the aware instant of a local date and time in Paris (normalised through UTC)."""
    return datetime.combine(on, at, tzinfo=PARIS).astimezone(UTC).astimezone(PARIS)


@dataclass(frozen=True, slots=True)
class Slot:
    """One half-day of one session: when it takes place and what it is worth."""

    id: str
    day: int
    label: str
    hours: float
    on: date
    start: time
    end: time

    @property
    def starts_at(self) -> datetime:
        """Return the start, timezone-aware (Europe/Paris)."""
        return _instant(self.on, self.start)

    @property
    def ends_at(self) -> datetime:
        """Return the end, timezone-aware (Europe/Paris)."""
        return _instant(self.on, self.end)

    @property
    def signing_opens_at(self) -> datetime:
        """Return when participants may start signing (15 minutes before the start)."""
        return (self.starts_at.astimezone(UTC) - EARLY_SIGNING).astimezone(PARIS)

    def open_to_participants(self, now: datetime) -> bool:
        """Say whether a participant may sign at ``now`` (aware): opening to end, inclusive."""
        return self.signing_opens_at <= now <= self.ends_at

    def started(self, now: datetime) -> bool:
        """Say whether the half-day has started at ``now`` (a trainer may sign it)."""
        return now >= self.starts_at

    def ended(self, now: datetime) -> bool:
        """Say whether the half-day is over at ``now``."""
        return now >= self.ends_at

    def as_entry(self) -> dict[str, str]:
        """Return the stored form: slot id, ISO date, start and end HH:MM."""
        return {
            "slot": self.id,
            "date": self.on.isoformat(),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
        }


def day_date(day: int, days: int, starts_on: date, ends_on: date) -> date:
    """Return the default date of day ``day`` (the last day is the session's end date)."""
    if day >= days:
        return ends_on
    return min(starts_on + timedelta(days=day - 1), ends_on)


def default_times(half_days: Sequence[HalfDayLike]) -> dict[str, tuple[str, str]]:
    """Return each half-day's (start, end): its own, else morning for a day's first, else
    afternoon."""
    seen_days: set[int] = set()
    times = {}
    for h in half_days:
        fallback = AFTERNOON if h.day in seen_days else MORNING
        seen_days.add(h.day)
        times[h.id] = (h.start or fallback[0], h.end or fallback[1])
    return times


def build_schedule(
    half_days: Sequence[HalfDayLike],
    days: int,
    starts_on: date,
    ends_on: date,
    stored: Iterable[Mapping[str, str]] | None = None,
) -> list[Slot]:
    """Return the session's slots, in course order: the stored entries where they exist,
    else the course's times on the default dates."""
    entries = {e["slot"]: e for e in stored or ()}
    times = default_times(half_days)
    slots = []
    for h in half_days:
        entry = entries.get(h.id)
        if entry:
            on, start, end = date.fromisoformat(entry["date"]), entry["start"], entry["end"]
        else:
            on = day_date(h.day, days, starts_on, ends_on)
            start, end = times[h.id]
        slots.append(Slot(h.id, h.day, h.label, h.hours, on, parse_time(start), parse_time(end)))
    return slots


def slot_in(slots: Sequence[Slot], slot_id: str) -> Slot | None:
    """Return the slot with that id, or None."""
    return next((s for s in slots if s.id == slot_id), None)


def open_to_participants(slots: Sequence[Slot], now: datetime) -> list[Slot]:
    """Return the slots a participant may sign at ``now`` (usually none or one)."""
    return [s for s in slots if s.open_to_participants(now)]


def held(slots: Sequence[Slot], interrupted_at: datetime | None) -> list[Slot]:
    """Return the slots that took place: all, or those started before the interruption."""
    if interrupted_at is None:
        return list(slots)
    return [s for s in slots if s.starts_at < interrupted_at]


def document_date(closed_at: datetime, held_slots: Sequence[Slot]) -> date:
    """Return the date documents carry: never before the end of the last half-day held."""
    moment = closed_at.astimezone(PARIS)
    if held_slots:
        moment = max(moment, max(s.ends_at for s in held_slots))
    return moment.date()
