"""Attendance (émargement): sign a half-day, countersign it, record a paper signature.

Which half-days count is decided in ``attestations.attendance`` (pure): a phone signature
countersigned by the trainer, or a paper signature the trainer recorded with its reason.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..attestations.attendance import SlotState, current_slot, slot_of, slot_states, totals
from ..attestations.schedule import PARIS, Slot, build_schedule, held
from ..clock import paris_now
from ..extensions import db
from ..modules import Course
from ..storage import AttendanceSignature, Participant, TrainingSession, User
from ..translatable import N_
from . import events
from .context import ServiceContext, current
from .errors import Conflict, Invalid, NotFound
from .session_state import CLOSE_IN_PROGRESS, CLOSING, current_status, ensure_open
from .signatures import parse_signature

SIGNING_CLOSED = N_("La session est clôturée : l'émargement est fermé.")
TIMEZONE = PARIS
MAX_REASON = 500


def local_now() -> datetime:
    """Return the time in France (half-days follow the room's clock)."""
    return paris_now()


def schedule_of(training: TrainingSession, course: Course) -> list[Slot]:
    """Return the session's half-days with their dates and times (its own, else the course's)."""
    return build_schedule(
        course.half_days, course.days, training.starts_on, training.ends_on, training.schedule
    )


def open_slot(training: TrainingSession, course: Course, now: datetime | None = None):
    """Return the half-day a participant may sign now, or None."""
    now = (now or local_now()).astimezone(TIMEZONE)
    return current_slot(schedule_of(training, course), now)


def _stamp(moment: datetime) -> str:
    """Return a Paris date and time as printed in messages: 14/06/2027 08:45."""
    return moment.astimezone(TIMEZONE).strftime("%d/%m/%Y %H:%M")


def _slot(training: TrainingSession, course: Course, slot_id: str) -> Slot:
    slot = slot_of(schedule_of(training, course), slot_id)
    if slot is None:
        raise NotFound("Demi-journée inconnue.", "slot")
    return slot


def _trainer_may_sign(training: TrainingSession, slot: Slot, now: datetime | None) -> None:
    """A trainer signs a half-day once it has started (catching up later is fine)."""
    now = (now or local_now()).astimezone(TIMEZONE)
    if not slot.started(now):
        raise Conflict(
            "Cette demi-journée n'a pas encore commencé : elle se contresigne à partir du "
            "%(start)s (heure de Paris).",
            "slot",
            start=_stamp(slot.starts_at),
        )
    if not held([slot], training.interrupted_at):
        raise Conflict("La formation a été interrompue avant cette demi-journée.", "slot")


def _signatures(participant_ids: list[int], session=None) -> list[AttendanceSignature]:
    if not participant_ids:
        return []
    return list(
        (db.session if session is None else session).scalars(
            select(AttendanceSignature)
            .where(AttendanceSignature.participant_id.in_(participant_ids))
            .order_by(AttendanceSignature.id)
        )
    )


def states_for(
    training: TrainingSession, course: Course, session=None
) -> dict[int, list[SlotState]]:
    """Return every participant's half-day states (lateness deducted), in three queries (from
    ``session``, by default the app's)."""
    ids = [p.id for p in training.participants]
    acts: dict[int, list[tuple[str, str, str]]] = {p: [] for p in ids}
    for s in _signatures(ids, session):
        acts[s.participant_id].append((s.slot, s.kind, s.method))
    slots = schedule_of(training, course)
    states = {p: slot_states(slots, a, training.interrupted_at) for p, a in acts.items()}
    from .presence import apply  # lateness, early departure, justified absence

    return apply(course, states, session, training)


def hours_attended(states: list[SlotState]) -> float:
    """Return the hours of the half-days that count."""
    return totals(states)[1]


def signatures_of(participant: Participant) -> list[AttendanceSignature]:
    """Return a participant's signature acts, oldest first."""
    return _signatures([participant.id])


def _has(participant_id: int, slot: str, kind: str, session=None) -> bool:
    return (db.session if session is None else session).scalar(
        select(AttendanceSignature.id).where(
            AttendanceSignature.participant_id == participant_id,
            AttendanceSignature.slot == slot,
            AttendanceSignature.kind == kind,
        )
    ) is not None


def stage(row: AttendanceSignature, course: Course, session=None) -> None:
    """Add a signature act and its completion-log line, inside the caller's unit of work."""
    session = db.session if session is None else session
    session.add(row)
    events.record(
        row.session_id,
        row.participant_id,
        row.actor,
        "attendance_signed",
        row.slot,
        course.version,
        {"kind": row.kind, "method": row.method},
        session,
    )


def _store(
    row: AttendanceSignature, course: Course, duplicate: str, session
) -> AttendanceSignature:
    """Commit one signature act and its log line (one unit of work); a duplicate conflicts."""
    stage(row, course, session)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(duplicate) from None
    return row


def sign(
    participant: Participant,
    course: Course,
    slot_id: str,
    signature: str,
    user_agent: str = "",
    now: datetime | None = None,
    ctx: ServiceContext | None = None,
) -> AttendanceSignature:
    """Record the participant's own signature for the half-day open now.

    :raises NotFound: unknown half-day.
    :raises Conflict: session closing or closed, outside the half-day's signing window (from
        15 minutes before its start to its end, Paris time), or already signed.
    :raises Invalid: empty or unreadable signature.
    """
    ctx = ctx or current()
    training = participant.session
    slot = _slot(training, course, slot_id)
    ensure_open(training, SIGNING_CLOSED, ctx.session)
    if not slot.open_to_participants((now or ctx.clock()).astimezone(TIMEZONE)):
        raise Conflict(
            "Cette demi-journée se signe du %(opens)s au %(ends)s (heure de Paris), "
            "pas en ce moment.",
            "slot",
            opens=_stamp(slot.signing_opens_at),
            ends=_stamp(slot.ends_at),
        )
    if _has(participant.id, slot_id, "participant", ctx.session):
        raise Conflict("Vous avez déjà signé cette demi-journée.", "slot")
    method, value = parse_signature(signature)
    row = AttendanceSignature(
        session_id=training.id,
        participant_id=participant.id,
        slot=slot_id,
        kind="participant",
        method=method,
        signature=value,
        actor=participant.get_id(),
        user_agent=(user_agent or "")[:300],
    )
    return _store(row, course, N_("Vous avez déjà signé cette demi-journée."), ctx.session)


def _enrolled(training: TrainingSession, participant_id: int, session=None) -> Participant:
    # A trainer's correction is taken before and after closing (it re-issues then), not while
    # the attestations are being issued.
    session = db.session if session is None else session
    if current_status(training.id, session) == CLOSING:
        raise Conflict(CLOSE_IN_PROGRESS)
    participant = session.get(Participant, participant_id)
    if participant is None or participant.session_id != training.id:
        raise NotFound("Participant introuvable dans cette session.", "participant_id")
    return participant


def countersign(
    training: TrainingSession,
    course: Course,
    trainer: User,
    participant_id: int,
    slot_id: str,
    user_agent: str = "",
    now: datetime | None = None,
    ctx: ServiceContext | None = None,
) -> AttendanceSignature:
    """Record the trainer's countersignature of a participant's half-day signature.

    :raises NotFound: unknown half-day or participant.
    :raises Conflict: the half-day has not started, the participant has not signed, it is
        countersigned already or marked absent.
    """
    ctx, participant = _trainer_act(training, course, participant_id, slot_id, now, ctx)
    db_session = ctx.session
    if _has(participant.id, slot_id, "absent", db_session):
        raise Conflict(
            "%(name)s est marqué(e) absent(e) sur cette demi-journée.",
            "slot",
            name=participant.name,
        )
    if not _has(participant.id, slot_id, "participant", db_session):
        raise Conflict("%(name)s n'a pas signé cette demi-journée.", "slot", name=participant.name)
    row = _row(training, participant, slot_id, "countersign", trainer.get_id(), user_agent or "")
    return _commit_act(training, course, row, N_("Cette signature est déjà contresignée."), ctx)


def record_paper(
    training: TrainingSession,
    course: Course,
    trainer: User,
    participant_id: int,
    slot_id: str,
    reason: str,
    user_agent: str = "",
    now: datetime | None = None,
    ctx: ServiceContext | None = None,
) -> AttendanceSignature:
    """Record a signature made on the printed sheet, with the reason the phone was not used.

    :raises Invalid: no reason.
    :raises NotFound: unknown half-day or participant.
    :raises Conflict: the half-day has not started, already recorded, or signed on the phone
        (countersign that instead).
    """
    reason = clean_reason(reason, N_("Indiquez le motif de la signature papier."))
    ctx, participant = _trainer_act(training, course, participant_id, slot_id, now, ctx)
    db_session = ctx.session
    if _has(participant.id, slot_id, "participant", db_session):
        raise Conflict(
            "%(name)s a signé sur son téléphone : contresignez cette signature.",
            "slot",
            name=participant.name,
        )
    row = _row(training, participant, slot_id, "paper", trainer.get_id(), user_agent or "", reason)
    duplicate = N_("La signature papier de cette demi-journée est déjà enregistrée.")
    return _commit_act(training, course, row, duplicate, ctx)


def clean_reason(reason: str | None, missing: str) -> str:
    """Return the reason on one line.

    :raises Invalid: empty (with the ``missing`` message) or longer than 500 characters.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid(missing, "reason")
    if len(reason) > MAX_REASON:
        raise Invalid("Motif : %(limit)s caractères au plus.", "reason", limit=MAX_REASON)
    return reason


def absent_row(
    training: TrainingSession, participant: Participant, slot_id: str, reason: str, actor: str
) -> AttendanceSignature:
    """Return (unsaved) the act marking a phone signature absent, with its reason."""
    return _row(training, participant, slot_id, "absent", actor, None, reason)


def mark_absent(
    training: TrainingSession,
    course: Course,
    trainer: User,
    participant_id: int,
    slot_id: str,
    reason: str,
    user_agent: str = "",
    now: datetime | None = None,
    ctx: ServiceContext | None = None,
) -> AttendanceSignature:
    """Refuse a participant's phone signature (they were not there), with the reason.

    :raises Invalid: no reason.
    :raises NotFound: unknown half-day or participant.
    :raises Conflict: the half-day has not started, no phone signature awaits countersignature.
    """
    reason = clean_reason(reason, N_("Indiquez le motif de l'absence."))
    ctx, participant = _trainer_act(training, course, participant_id, slot_id, now, ctx)
    db_session = ctx.session
    if not _has(participant.id, slot_id, "participant", db_session) or _has(
        participant.id, slot_id, "countersign", db_session
    ):
        raise Conflict(
            "Aucune signature de %(name)s n'attend de contreseing sur cette demi-journée.",
            "slot",
            name=participant.name,
        )
    row = _row(training, participant, slot_id, "absent", trainer.get_id(), user_agent or "", reason)
    return _commit_act(training, course, row, N_("Cette signature est déjà marquée absente."), ctx)


def _trainer_act(
    training: TrainingSession,
    course: Course,
    participant_id: int,
    slot_id: str,
    now: datetime | None,
    ctx: ServiceContext | None,
) -> tuple[ServiceContext, Participant]:
    """Return the context and the participant of a trainer's act on a half-day it may sign."""
    ctx = ctx or current()
    participant = _enrolled(training, participant_id, ctx.session)
    _trainer_may_sign(training, _slot(training, course, slot_id), now or ctx.clock())
    return ctx, participant


def _row(
    training: TrainingSession,
    participant: Participant,
    slot_id: str,
    kind: str,
    actor: str,
    user_agent: str | None = "",
    reason: str | None = None,
) -> AttendanceSignature:
    """Return (unsaved) a trainer's act of ``kind`` (its method has the same name)."""
    return AttendanceSignature(
        session_id=training.id,
        participant_id=participant.id,
        slot=slot_id,
        kind=kind,
        method=kind,
        reason=reason,
        actor=actor,
        user_agent=None if user_agent is None else user_agent[:300],
    )


def _commit_act(
    training: TrainingSession,
    course: Course,
    row: AttendanceSignature,
    duplicate: str,
    ctx: ServiceContext,
) -> AttendanceSignature:
    """Refuse a second act of the same kind, else commit this one (re-issuing once closed)."""
    if _has(row.participant_id, row.slot, row.kind, ctx.session):
        raise Conflict(duplicate, "slot")
    return _after_change(training, course, _store(row, course, duplicate, ctx.session), ctx)


def _after_change(
    training: TrainingSession, course: Course, row: AttendanceSignature, ctx: ServiceContext
):
    """Once the session is closed, a change of attendance re-runs the issuing rule."""
    if training.status == "closed":
        from .attestations import issue_due

        issue_due(training, course, ctx=ctx)
    return row
