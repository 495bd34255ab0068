"""Lateness, early departure and justified absence, as the trainer records them on the grid.

Each recording is a new append-only row; the latest row of a participant's half-day holds.
Times are wall-clock « HH:MM » in Paris; the minutes late or early count against the half-day's
own start and end (course ``start``/``end`` when the course gives them, else 09:00–12:30 in the
morning and 13:30–17:00 in the afternoon), and the hours followed are rounded to the quarter hour.
"""

import dataclasses
import re
from datetime import time

from sqlalchemy import select

from ..attestations.attendance import SlotState, slot_of
from ..extensions import db
from ..modules import Course
from ..storage import AttendanceAdjustment, TrainingSession, User
from . import events
from .context import ServiceContext, current
from .errors import Invalid, NotFound
from .unit_of_work import unit_of_work

HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MORNING, AFTERNOON = (time(9, 0), time(12, 30)), (time(13, 30), time(17, 0))
MAX_REASON = 500


def slot_times(course: Course, slot_id: str, training=None) -> tuple[time, time]:
    """Return the half-day's start and end: the session's own schedule when ``training`` is
    given, else the course's times, else the usual ones."""
    if training is not None:
        from .attendance import schedule_of

        for slot in schedule_of(training, course):
            if slot.id == slot_id:
                return slot.start, slot.end
    half_day = slot_of(course.half_days, slot_id)
    start, end = getattr(half_day, "start", None), getattr(half_day, "end", None)
    if start and end:
        return _time(str(start)), _time(str(end))
    same_day = [h.id for h in course.half_days if h.day == half_day.day]
    return MORNING if same_day.index(slot_id) == 0 else AFTERNOON


def _time(text: str) -> time:
    hours, minutes = text.split(":")[:2]
    return time(int(hours), int(minutes))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _parse(value: str | None, field: str) -> time | None:
    text = (value or "").strip()
    if not text:
        return None
    match = HHMM.match(text)
    if match is None:
        raise Invalid("Heure attendue au format HH:MM.", field)
    return time(int(match.group(1)), int(match.group(2)))


def record(
    training: TrainingSession,
    course: Course,
    trainer: User,
    participant_id: int,
    slot_id: str,
    arrived_at: str | None = None,
    left_at: str | None = None,
    justified_absence: bool = False,
    reason: str | None = None,
    ctx: ServiceContext | None = None,
) -> AttendanceAdjustment:
    """Record a participant's late arrival, early departure or justified absence on a half-day.

    :raises NotFound: unknown half-day or participant.
    :raises Invalid: a time outside the half-day, a departure before the arrival, a justified
        absence with times or without its reason.
    """
    from .attendance import _enrolled

    ctx = ctx or current()
    participant = _enrolled(training, participant_id, ctx.session)
    if slot_of(course.half_days, slot_id) is None:
        raise NotFound("Demi-journée inconnue.", "slot")
    start, end = slot_times(course, slot_id, training)
    arrived, left = _parse(arrived_at, "arrived_at"), _parse(left_at, "left_at")
    for value, field in ((arrived, "arrived_at"), (left, "left_at")):
        if value is not None and not start <= value <= end:
            raise Invalid(
                "L'heure doit être comprise entre %(start)s et %(end)s.",
                field,
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
            )
    if arrived and left and left <= arrived:
        raise Invalid("Le départ doit suivre l'arrivée.", "left_at")
    reason = " ".join((reason or "").split()) or None
    if reason and len(reason) > MAX_REASON:
        raise Invalid("Motif : %(limit)s caractères au plus.", "reason", limit=MAX_REASON)
    if justified_absence and (arrived or left):
        raise Invalid("Une absence justifiée n'a pas d'heure d'arrivée ni de départ.", "arrived_at")
    if justified_absence and not reason:
        raise Invalid("Indiquez le motif de l'absence.", "reason")
    row = AttendanceAdjustment(
        session_id=training.id,
        participant_id=participant.id,
        slot=slot_id,
        arrived_at=arrived.strftime("%H:%M") if arrived else None,
        left_at=left.strftime("%H:%M") if left else None,
        justified_absence=bool(justified_absence),
        reason=reason,
        actor=trainer.get_id(),
    )
    with unit_of_work(ctx.session) as session:
        session.add(row)
        events.record(
            training.id,
            participant.id,
            trainer.get_id(),
            "attendance_adjusted",
            slot_id,
            course.version,
            {"arrived_at": row.arrived_at, "left_at": row.left_at, "justified": justified_absence},
            session,
        )
    return row


def latest(participant_ids: list[int], session=None) -> dict[tuple[int, str], AttendanceAdjustment]:
    """Return the adjustment that holds for each (participant, half-day), read from ``session``
    (by default the app's)."""
    if not participant_ids:
        return {}
    rows = (db.session if session is None else session).scalars(
        select(AttendanceAdjustment)
        .where(AttendanceAdjustment.participant_id.in_(participant_ids))
        .order_by(AttendanceAdjustment.id)
    )
    return {(r.participant_id, r.slot): r for r in rows}


def apply(
    course: Course, states: dict[int, list[SlotState]], session=None, training=None
) -> dict[int, list[SlotState]]:
    """Return the states with each half-day's minutes late, minutes early and justification."""
    found = latest(list(states), session)
    if not found:
        return states
    out = {}
    for participant_id, mine in states.items():
        changed = []
        for state in mine:
            row = found.get((participant_id, state.slot_id))
            if row is None:
                changed.append(state)
                continue
            start, end = slot_times(course, state.slot_id, training)
            late = _minutes(_time(row.arrived_at)) - _minutes(start) if row.arrived_at else 0
            early = _minutes(end) - _minutes(_time(row.left_at)) if row.left_at else 0
            changed.append(
                dataclasses.replace(
                    state,
                    late_minutes=max(0, late),
                    early_minutes=max(0, early),
                    justified=row.justified_absence and not state.attended,
                )
            )
        out[participant_id] = changed
    return out
