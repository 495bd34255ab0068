"""Attestations: issued automatically when the course's rule holds, once per participant.

Idempotent under retries and concurrent triggers: the version number is unique per participant
and session, so a second issuer's insert fails and it returns the first one's attestation. The
sequence of a number comes from a counter row updated in the same transaction (a row lock on
PostgreSQL, the write lock on SQLite), so numbers are unique and leave no gap.

Everything the issuing needs from its process comes in a :class:`~.context.ServiceContext`
(database session, courses, settings, clock): the web app passes its own, a CLI command or a job
worker builds one without any Flask app, and both issue byte-identical snapshots.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from ..attestations.attendance import SlotState, totals
from ..attestations.numbering import format_number, prefix_for
from ..attestations.rule import Facts, parse_rule
from ..attestations.schedule import document_date, held
from ..attestations.snapshot import Issue, attendance_key, build_snapshot
from ..documents.attestation import render_attestation
from ..documents.certificate import render_certificate
from ..modules import Course
from ..storage import (
    Attestation,
    AttestationAudit,
    AttestationCounter,
    TrainingSession,
)
from ..translatable import N_
from . import attendance, close_checks, events, figures
from .attendance_sheet import session_header
from .attestation_queries import (  # noqa: F401  (re-exported: the service's read side)
    audit_trail,
    by_number,
    for_participant,
    for_session,
    replacement_of,
)
from .context import ServiceContext
from .context import current as app_context
from .errors import Conflict, Invalid
from .session_state import NOT_OPEN, OPEN
from .unit_of_work import unit_of_work

SYSTEM = "system"
# The certificat de réalisation has its own numbers: CR-<course ref>-<year>-<sequence>.
CERTIFICATE_PREFIX = "CR-"
ATTEMPTS = 5
ATTENDANCE_CHANGED = "Émargement modifié après la clôture de la session."


@dataclass
class IssueReport:
    """What one run of the issuing rule did for a session."""

    issued: list[Attestation] = field(default_factory=list)
    superseded: list[Attestation] = field(default_factory=list)
    unchanged: int = 0
    not_eligible: int = 0


def public_base_url(ctx: ServiceContext | None = None) -> str:
    """Return the public address of the app: LEXOM_BASE_URL, never the request's host."""
    return (ctx or app_context()).settings.base_url


def verify_url(number: str, ctx: ServiceContext | None = None) -> str:
    """Return the public verification address of a number."""
    return f"{public_base_url(ctx)}/verify/{number}"


@dataclass(frozen=True)
class _Context:
    """What every attestation of one run shares, read once (commits expire ORM objects)."""

    session_id: int
    course: Course
    session: dict
    signatory: str
    actor: str
    services: ServiceContext
    organisation: dict
    held: tuple = ()  # the half-days that took place: documents are dated after the last one


def _context(
    training: TrainingSession, course: Course, actor: str, ctx: ServiceContext
) -> _Context:
    session = {"id": training.id, **session_header(training), "funder": training.funder}
    if training.interrupted_at is not None:
        session["interruption"] = {
            "date": training.interrupted_at.astimezone(attendance.TIMEZONE).date(),
            "reason": training.interruption_reason or "",
        }
    signatory = ctx.settings.signatory_for(course)
    organisation = ctx.settings.organisation.snapshot()
    took_place = held(attendance.schedule_of(training, course), training.interrupted_at)
    return _Context(
        training.id, course, session, signatory, actor, ctx, organisation, tuple(took_place)
    )


def _latest_by_participant(ctx: ServiceContext, session_id: int) -> dict[int, Attestation]:
    latest_rows: dict[int, Attestation] = {}
    for row in ctx.session.scalars(
        select(Attestation)
        .where(Attestation.session_id == session_id)
        .order_by(Attestation.version)
    ):
        latest_rows[row.participant_id] = row
    return latest_rows


def issue_due(
    training: TrainingSession,
    course: Course,
    actor: str = SYSTEM,
    ctx: ServiceContext | None = None,
) -> IssueReport:
    """Issue every attestation the rule calls for, and supersede those whose attendance changed.

    ``ctx`` defaults to the current Flask app's; a process without one passes its own.
    """
    ctx = ctx or app_context()
    report = IssueReport()
    rule = parse_rule(course.attestation.rule)
    people = [(p.id, p.name) for p in training.participants]
    employers = {p.id: _employer(p) for p in training.participants}
    states = attendance.states_for(training, course, ctx.session)
    results = figures.figures_for(ctx.session, course, [p for p, _ in people])
    current_rows = _latest_by_participant(ctx, training.id)
    context = _context(training, course, actor, ctx)
    closed = training.status in NOT_OPEN  # closing: the close steps issue
    for participant_id, name in people:
        mine = states[participant_id]
        current = current_rows.get(participant_id)
        half_days, hours = totals(mine)
        if not rule.holds(Facts(closed, half_days, hours)):
            report.not_eligible += current is None
            report.unchanged += current is not None
            continue
        attended = tuple(s.slot_id for s in mine if s.attended)
        scores = _scores(results, participant_id)
        if current is None:
            person = (participant_id, name, employers[participant_id])
            report.issued.append(_issue(context, person, mine, scores))
        elif current.status == "valid" and attendance_key(current.snapshot) != attended:
            person = (participant_id, name, employers[participant_id])
            new = _issue(context, person, mine, scores, current, ATTENDANCE_CHANGED)
            report.superseded.append(new)
        else:
            report.unchanged += 1
    return report


def _employer(participant) -> dict:
    """Return the employer the certificat names: the participant's, else an intra session's
    client company."""
    training = participant.session
    if not participant.employer_name and training.kind == "intra" and training.client_name:
        return {"employer_name": training.client_name, "employer_siret": training.client_siret}
    return {
        "employer_name": participant.employer_name,
        "employer_siret": participant.employer_siret,
    }


def _scores(results: dict, participant_id: int) -> dict[str, tuple]:
    return {o: (r.percent, r.level) for o, r in results.get(participant_id, {}).items()}


def issue_due_attestations(
    ctx: ServiceContext, session_id: int | None = None, actor: str = SYSTEM
) -> dict[int, IssueReport]:
    """Run the issuing rule on every closed session (or only ``session_id``), with the courses
    of ``ctx``: what a CLI command, a job worker or a closing step calls. Sessions whose course
    is unknown are left out of the result."""
    query = select(TrainingSession).where(TrainingSession.status == "closed")
    if session_id is not None:
        query = query.where(TrainingSession.id == session_id)
    reports = {}
    for training in ctx.session.scalars(query.order_by(TrainingSession.id)).all():
        course = ctx.courses.get(training.course_id)
        if course is not None:
            reports[training.id] = issue_due(training, course, actor, ctx)
    return reports


def close_and_issue(
    training: TrainingSession,
    course: Course,
    request: close_checks.CloseRequest | None = None,
    actor: str = SYSTEM,
    now=None,
):
    """Close the session and run every close step (``services.closing.close``); return the
    session's outcome (its attestations), the same for every caller.

    An open session is first checked (``close_checks``: time, interruption, countersignatures)
    and the trainer's decisions written; a session already ``closing`` resumes without checks.

    :raises Conflict: see ``close_checks.check``; nothing is written then.
    """
    from .closing import close  # closing runs this module's issue_due

    if training.status == OPEN:
        plan = close_checks.check(training, course, request, now)
        close_checks.apply(training, course, plan, actor)
    return close(training, course, now)


def _next_number(session, prefix: str) -> str:
    """Take the next sequence number of a prefix inside the current transaction."""
    value = session.execute(
        update(AttestationCounter)
        .where(AttestationCounter.prefix == prefix)
        .values(last=AttestationCounter.last + 1)
        .returning(AttestationCounter.last)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if value is None:
        session.add(AttestationCounter(prefix=prefix, last=1))
        session.flush()
        value = 1
    return format_number(prefix, value)


def _issue(
    context: _Context,
    person: tuple[int, str, dict],
    states: list[SlotState],
    scores: dict[str, tuple],
    supersedes: Attestation | None = None,
    reason: str | None = None,
) -> Attestation:
    """Issue one version; when someone else issued it first, return theirs."""
    participant_id, name, employer = person
    version = supersedes.version + 1 if supersedes else 1
    previous = (supersedes.id, supersedes.number) if supersedes else (None, None)
    course, actor = context.course, context.actor
    ctx = context.services
    db_session = ctx.session
    for _ in range(ATTEMPTS):
        now = ctx.clock()
        try:
            prefix = prefix_for(course.ref, now.astimezone(attendance.TIMEZONE).year)
            number = _next_number(db_session, prefix)
            certificate_number = _next_number(db_session, f"{CERTIFICATE_PREFIX}{prefix}")
            issue = Issue(
                number,
                version,
                now,
                document_date(now, context.held),
                verify_url(number, ctx),
                context.signatory,
                previous[1],
                reason,
                certificate_number,
                verify_url(certificate_number, ctx),
            )
            person_data = {"id": participant_id, "name": name, **employer}
            snapshot = build_snapshot(
                issue, course, context.session, person_data, states, scores, context.organisation
            )
            pdf, certificate = render_attestation(snapshot), render_certificate(snapshot)
            row = Attestation(
                number=number,
                session_id=context.session_id,
                participant_id=participant_id,
                version=version,
                status="valid",
                snapshot=snapshot,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                certificate_number=certificate_number,
                certificate_pdf=certificate,
                certificate_sha256=hashlib.sha256(certificate).hexdigest(),
                issued_at=now,
                issued_by=actor,
                supersedes_id=previous[0],
            )
            db_session.add(row)
            if supersedes is not None:
                supersedes.status = "superseded"
                db_session.flush()
                details = {"by": number}
                audit(context.session_id, "superseded", actor, reason, supersedes, details, ctx)
            db_session.flush()
            details = {"version": version}
            audit(context.session_id, "issued", actor, reason, row, details, ctx)
            events.record(
                context.session_id,
                participant_id,
                actor,
                "attestation_issued",
                number,
                course.version,
                {"version": version, "sha256": row.sha256},
                db_session,
            )
            db_session.commit()
            return row
        except DBAPIError:
            db_session.rollback()
            existing = db_session.scalar(
                select(Attestation).where(
                    Attestation.participant_id == participant_id,
                    Attestation.session_id == context.session_id,
                    Attestation.version == version,
                )
            )
            if existing is not None:
                return existing
    raise Conflict("L'attestation n'a pas pu être émise ; réessayez.")


def audit(
    session_id: int,
    action: str,
    actor: str,
    reason: str | None = None,
    attestation: Attestation | None = None,
    details: dict | None = None,
    ctx: ServiceContext | None = None,
) -> None:
    """Add a line to the attestation audit trail, inside the calling use case's unit of work."""
    (ctx or app_context()).session.add(
        AttestationAudit(
            session_id=session_id,
            attestation_id=attestation.id if attestation else None,
            action=action,
            actor=actor,
            reason=reason,
            details=details,
        )
    )


def record_audit(session_id: int, action: str, actor: str, **found: Any) -> None:
    """Log a reading of the records (a download, an export) as its own unit of work.

    ``found``: the ``attestation`` read, the ``details`` and the ``ctx``, as :func:`audit`.
    """
    ctx = found.pop("ctx", None) or app_context()
    with unit_of_work(ctx.session):
        audit(session_id, action, actor, None, ctx=ctx, **found)


def _reason(reason: str | None) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise Invalid("Le motif est obligatoire.", "reason")
    if len(text) > 500:
        raise Invalid("Motif : 500 caractères au plus.", "reason")
    return text


def _valid_with_reason(attestation: Attestation, reason: str | None, refusal: str) -> str:
    """Return the cleaned reason of a change to a valid attestation.

    :raises Invalid: no reason, or too long.
    :raises Conflict: the attestation is no longer valid (``refusal`` says why).
    """
    reason = _reason(reason)
    if attestation.status != "valid":
        raise Conflict(refusal)
    return reason


def supersede(
    attestation: Attestation,
    course: Course,
    actor: str,
    reason: str,
    ctx: ServiceContext | None = None,
) -> Attestation:
    """Replace a valid attestation by a new version built from today's records.

    :raises Invalid: no reason.
    :raises Conflict: the attestation is no longer valid.
    """
    reason = _valid_with_reason(
        attestation, reason, N_("Seule une attestation valide peut être remplacée.")
    )
    ctx = ctx or app_context()
    training = attestation.session
    participant = attestation.participant
    person = (participant.id, participant.name, _employer(participant))
    states = attendance.states_for(training, course, ctx.session)[person[0]]
    scores = _scores(figures.figures_for(ctx.session, course, [person[0]]), person[0])
    context = _context(training, course, actor, ctx)
    return _issue(context, person, states, scores, attestation, reason)


def revoke(
    attestation: Attestation, actor: str, reason: str, ctx: ServiceContext | None = None
) -> Attestation:
    """Revoke a valid attestation, keeping it (and its PDF) for the record.

    :raises Invalid: no reason.
    :raises Conflict: the attestation is no longer valid.
    """
    reason = _valid_with_reason(
        attestation, reason, N_("Seule une attestation valide peut être révoquée.")
    )
    ctx = ctx or app_context()
    with unit_of_work(ctx.session):
        attestation.status = "revoked"
        attestation.revoked_reason, attestation.revoked_by = reason, actor
        attestation.revoked_at = ctx.clock()
        audit(attestation.session_id, "revoked", actor, reason, attestation, None, ctx)
    return attestation
