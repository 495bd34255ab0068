"""A session's half-day schedule: read it, check an edit, store it.

The rules of time themselves (signing windows, when a session may close) are pure, in
``attestations.schedule``; this module checks what trainers and staff type.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import select

from ..attestations.schedule import Slot, build_schedule, parse_time
from ..extensions import db
from ..modules import Course
from ..storage import AttendanceSignature, TrainingSession
from .errors import Conflict, Invalid


def entries_of(slots: Iterable[Slot]) -> list[dict[str, str]]:
    """Return the stored form of slots."""
    return [s.as_entry() for s in slots]


def _entry(course: Course, raw: Mapping, seen: set[str]) -> dict[str, str]:
    labels = {h.id: h.label for h in course.half_days}
    slot = str(raw.get("slot") or "")
    if slot not in labels:
        raise Invalid("Demi-journée inconnue : %(slot)s.", "schedule", slot=slot or "—")
    if slot in seen:
        raise Invalid("%(label)s apparaît deux fois.", "schedule", label=labels[slot])
    seen.add(slot)
    on = raw.get("date")
    try:
        on = on if isinstance(on, date) else date.fromisoformat(str(on))
    except ValueError:
        raise Invalid("%(label)s : date invalide.", "schedule", label=labels[slot]) from None
    times = []
    for key in ("start", "end"):
        value = raw.get(key)
        value = value.strftime("%H:%M") if hasattr(value, "strftime") else str(value or "")
        try:
            parse_time(value)
        except ValueError:
            raise Invalid(
                "%(label)s : heure invalide (HH:MM attendu).", "schedule", label=labels[slot]
            ) from None
        times.append(value)
    if times[1] <= times[0]:
        raise Invalid("%(label)s : la fin doit suivre le début.", "schedule", label=labels[slot])
    return {"slot": slot, "date": on.isoformat(), "start": times[0], "end": times[1]}


def checked_schedule(
    course: Course, starts_on: date, ends_on: date, edits: Iterable[Mapping] | None, base=None
) -> list[Slot]:
    """Return the slots after ``edits`` (some or all half-days; the others keep ``base``, else
    the course's times on the default dates).

    :raises Invalid: unknown or repeated half-day, bad date or time, end before start, or
        half-days out of order or overlapping.
    """
    seen: set[str] = set()
    changed = [_entry(course, raw, seen) for raw in edits or ()]
    current = {e["slot"]: e for e in base or ()}
    current.update({e["slot"]: e for e in changed})
    slots = build_schedule(
        course.half_days, course.days, starts_on, ends_on, list(current.values())
    )
    for previous, slot in zip(slots, slots[1:], strict=False):
        if slot.starts_at < previous.ends_at:
            raise Invalid(
                "%(label)s commence avant la fin de %(previous)s.",
                "schedule",
                label=slot.label,
                previous=previous.label,
            )
    return slots


def apply_schedule(training: TrainingSession, slots: list[Slot]) -> None:
    """Store the slots on the session and move its first and last days (a step of a use case)."""
    training.schedule = entries_of(slots)
    training.starts_on = min(s.on for s in slots)
    training.ends_on = max(s.on for s in slots)


def update_schedule(
    training: TrainingSession, course: Course, edits: Iterable[Mapping]
) -> list[Slot]:
    """Change some half-days' dates and times.

    :raises Invalid: see :func:`checked_schedule`.
    :raises Conflict: the session is closed, or a changed half-day already has signatures.
    """
    if training.status != "planned":
        raise Conflict("La session est clôturée : son planning ne change plus.")
    before = build_schedule(
        course.half_days, course.days, training.starts_on, training.ends_on, training.schedule
    )
    slots = checked_schedule(
        course, training.starts_on, training.ends_on, edits, entries_of(before)
    )
    moved = {b.id for b, a in zip(before, slots, strict=True) if b != a}
    signed = set(
        db.session.scalars(
            select(AttendanceSignature.slot).where(
                AttendanceSignature.session_id == training.id,
                AttendanceSignature.slot.in_(moved),
            )
        )
    )
    if signed:
        label = next(s.label for s in before if s.id in signed)
        raise Conflict(
            "%(label)s a déjà des signatures : sa date et ses heures ne changent plus.",
            "schedule",
            label=label,
        )
    apply_schedule(training, slots)
    db.session.commit()
    return slots
