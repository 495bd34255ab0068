"""What must hold before a session closes, checked before anything is written.

- A session closes once its last half-day has ended (Europe/Paris). Stopped early, it closes
  as *interrupted*, with a reason: then only the half-days that had started by the
  interruption (or up to the last one the trainer says was held) count as held.
- No phone signature may be left awaiting countersignature: the close request decides each
  (countersign, or mark absent with a reason); any left undecided refuses the close (409)
  with the list.

:func:`check` validates everything and returns a :class:`Plan`; :func:`apply` then writes the
decisions and the interruption. The close service calls both, in that order, before closing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..attestations.schedule import PARIS, Slot, held, slot_in
from ..clock import utcnow
from ..extensions import db
from ..modules import Course
from ..storage import AttendanceSignature, TrainingSession
from ..translatable import N_
from . import attendance
from .errors import Conflict, Invalid, NotFound

ACTIONS = ("countersign", "absent")


@dataclass(frozen=True, slots=True)
class Decision:
    """The trainer's choice for one signature awaiting countersignature."""

    participant_id: int
    slot: str
    action: str  # countersign or absent
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class CloseRequest:
    """What the trainer asks: a normal close, or an interrupted one; and their decisions."""

    interrupted: bool = False
    reason: str | None = None
    last_half_day: str | None = None  # interrupted: the last half-day held (default: by now)
    decisions: tuple[Decision, ...] = ()

    @classmethod
    def from_json(cls, body: Mapping[str, Any] | None) -> "CloseRequest":
        """Build the request from a (schema-checked) JSON body, or an empty one."""
        body = body or {}
        return cls(
            bool(body.get("interrupted")),
            body.get("reason"),
            body.get("last_half_day"),
            tuple(
                Decision(d["participant_id"], d["slot"], d["action"], d.get("reason"))
                for d in body.get("decisions") or ()
            ),
        )


@dataclass(frozen=True, slots=True)
class Pending:
    """A phone signature still awaiting the trainer's countersignature."""

    participant_id: int
    name: str
    slot: str
    label: str

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form listed in the 409 body."""
        return {
            "participant_id": self.participant_id,
            "name": self.name,
            "slot": self.slot,
            "label": self.label,
        }


class Undecided(Conflict):
    """Closing refused: signatures still await countersignature; ``pending`` lists them."""

    def __init__(self, pending: list[Pending]):
        super().__init__(
            N_(
                "%(count)s signature(s) attendent encore votre contreseing : contresignez-les "
                "ou marquez les participants absents avant de clôturer."
            ),
            "decisions",
            count=len(pending),
        )
        self.pending = [p.as_dict() for p in pending]


@dataclass(frozen=True)
class Plan:
    """What closing will write first: the decisions and the interruption, if any."""

    decisions: tuple[Decision, ...] = ()
    interrupted_at: datetime | None = None
    reason: str | None = None
    held: tuple[Slot, ...] = field(default=())


def _stamp(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def pending_countersignatures(
    training: TrainingSession, course: Course, interrupted_at: datetime | None = None
) -> list[Pending]:
    """Return the phone signatures awaiting countersignature on half-days held."""
    states = attendance.states_for(training, course)
    slots = attendance.schedule_of(training, course)
    took_place = {s.id for s in held(slots, interrupted_at or training.interrupted_at)}
    return [
        Pending(p.id, p.name, s.slot_id, s.label)
        for p in training.participants
        for s in states[p.id]
        if s.slot_id in took_place and s.signed and not s.countersigned and not s.absent
    ]


def _interruption(
    slots: list[Slot], request: CloseRequest, now: datetime
) -> tuple[datetime | None, str | None]:
    """Return (interrupted_at, reason) of the request, checked against the schedule."""
    first, last = min(slots, key=lambda s: s.starts_at), max(slots, key=lambda s: s.ends_at)
    if not request.interrupted:
        if not last.ended(now):
            raise Conflict(
                "La session ne peut pas être clôturée avant la fin de sa dernière demi-journée, "
                "le %(end)s (heure de Paris). Si elle s'est arrêtée plus tôt, clôturez-la comme "
                "interrompue, avec le motif.",
                end=_stamp(last.ends_at),
            )
        return None, None
    reason = attendance.clean_reason(request.reason, N_("Indiquez le motif de l'interruption."))
    if not first.started(now):
        raise Conflict(
            "La session n'a pas commencé (première demi-journée le %(start)s) : elle ne peut "
            "pas être interrompue.",
            start=_stamp(first.starts_at),
        )
    if not request.last_half_day:
        return now, reason
    slot = slot_in(slots, request.last_half_day)
    if slot is None:
        raise NotFound("Demi-journée inconnue.", "last_half_day")
    if not slot.started(now):
        raise Conflict(
            "%(label)s n'a pas commencé : elle ne peut pas avoir été tenue.",
            "last_half_day",
            label=slot.label,
        )
    return min(slot.ends_at, now), reason


def _check_decisions(
    training: TrainingSession, decisions: Iterable[Decision], pending: list[Pending]
) -> tuple[Decision, ...]:
    awaiting = {(p.participant_id, p.slot): p for p in pending}
    names = {p.id: p.name for p in training.participants}
    checked, seen = [], set()
    for d in decisions:
        key = (d.participant_id, d.slot)
        if key in seen:
            raise Invalid("Une même signature est décidée deux fois.", "decisions")
        seen.add(key)
        if d.action not in ACTIONS:
            raise Invalid("Décision inconnue : %(action)s.", "decisions", action=d.action)
        if key not in awaiting:
            raise Conflict(
                "Aucune signature de %(name)s n'attend de contreseing sur cette demi-journée.",
                "decisions",
                name=names.get(d.participant_id, f"#{d.participant_id}"),
            )
        reason = None
        if d.action == "absent":
            reason = attendance.clean_reason(d.reason, N_("Indiquez le motif de l'absence."))
        checked.append(Decision(d.participant_id, d.slot, d.action, reason))
    return tuple(checked)


def check(
    training: TrainingSession,
    course: Course,
    request: CloseRequest | None = None,
    now: datetime | None = None,
) -> Plan:
    """Check that the session may close now, as asked; write nothing.

    :raises Conflict: before the end of the last half-day (not interrupted), interrupted
        before it started, or a decision about a signature that does not await one.
    :raises Undecided: signatures still await countersignature (409, with the list).
    :raises Invalid: interrupted without a reason, absent without a reason, bad decision.
    :raises NotFound: unknown half-day.
    """
    request = request or CloseRequest()
    now = (now or utcnow()).astimezone(PARIS)
    if training.status == "closed":
        return Plan()
    slots = attendance.schedule_of(training, course)
    interrupted_at, reason = _interruption(slots, request, now)
    pending = pending_countersignatures(training, course, interrupted_at)
    decisions = _check_decisions(training, request.decisions, pending)
    decided = {(d.participant_id, d.slot) for d in decisions}
    undecided = [p for p in pending if (p.participant_id, p.slot) not in decided]
    if undecided:
        raise Undecided(undecided)
    return Plan(decisions, interrupted_at, reason, tuple(held(slots, interrupted_at)))


def apply(training: TrainingSession, course: Course, plan: Plan, actor: str) -> None:
    """Write the plan's decisions and the interruption, in one transaction."""
    people = {p.id: p for p in training.participants}
    for d in plan.decisions:
        participant = people[d.participant_id]
        if d.action == "absent":
            row = attendance.absent_row(training, participant, d.slot, d.reason or "", actor)
        else:
            row = AttendanceSignature(
                session_id=training.id,
                participant_id=participant.id,
                slot=d.slot,
                kind="countersign",
                method="countersign",
                actor=actor,
            )
        attendance.stage(row, course)
    if plan.interrupted_at is not None:
        training.interrupted_at = plan.interrupted_at
        training.interruption_reason = plan.reason
    db.session.commit()
