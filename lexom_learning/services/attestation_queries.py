"""Reading attestations: by number, per session or participant, replacements, the audit trail."""

from sqlalchemy import select

from ..attestations.numbering import looks_like_number
from ..extensions import db
from ..storage import Attestation, AttestationAudit, Participant
from .errors import NotFound


def by_number(number: str) -> Attestation:
    """Return the attestation with that number (its own, or its certificate's).

    :raises NotFound: no such number.
    """
    found = None
    if looks_like_number(number):
        found = db.session.scalar(
            select(Attestation).where(
                (Attestation.number == number) | (Attestation.certificate_number == number)
            )
        )
    if found is None:
        raise NotFound("Attestation introuvable.")
    return found


def for_session(session_id: int, current_only: bool = False) -> list[Attestation]:
    """Return a session's attestations (every version, or the valid ones), by number."""
    query = select(Attestation).where(Attestation.session_id == session_id)
    if current_only:
        query = query.where(Attestation.status == "valid")
    return list(db.session.scalars(query.order_by(Attestation.number)))


def for_participant(participant: Participant) -> list[Attestation]:
    """Return a participant's attestations, newest version first."""
    return list(
        db.session.scalars(
            select(Attestation)
            .where(Attestation.participant_id == participant.id)
            .order_by(Attestation.version.desc())
        )
    )


def replacement_of(attestation: Attestation) -> Attestation | None:
    """Return the version that superseded this one, if any."""
    return db.session.scalar(select(Attestation).where(Attestation.supersedes_id == attestation.id))


def audit_trail(session_id: int) -> list[AttestationAudit]:
    """Return a session's audit lines, newest first."""
    return list(
        db.session.scalars(
            select(AttestationAudit)
            .where(AttestationAudit.session_id == session_id)
            .order_by(AttestationAudit.id.desc())
        )
    )
