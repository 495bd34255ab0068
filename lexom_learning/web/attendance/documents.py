"""Sending a stored PDF: to the participant it belongs to, or to staff who may read its session."""

from flask import abort
from flask_login import current_user

from ...services import attestations
from ...storage import Participant
from ..downloads import private_attachment
from ..security import can_read_session, is_staff
from ..session_access import visible_or_404


def may_read(caller, attestation) -> bool:
    """The participant it names, the session's trainer, compliance and admin may read it."""
    if isinstance(caller, Participant):
        return caller.id == attestation.participant_id
    return is_staff(caller) and can_read_session(caller, attestation.session)


def pdf_response(attestation, certificate: bool):
    """Return the stored bytes as a PDF download, never re-rendered."""
    data = attestation.certificate_pdf if certificate else attestation.pdf
    suffix = "-certificat" if certificate else ""
    return private_attachment(data, "application/pdf", f"{attestation.number}{suffix}.pdf")


def send_document(number: str, certificate: bool):
    """Send one document of the web session's caller, auditing the download."""
    caller = current_user._get_current_object()
    if not getattr(caller, "is_authenticated", False):
        abort(404)
    attestation = visible_or_404(
        attestations.by_number, number, lambda found: may_read(caller, found)
    )
    attestations.record_audit(
        attestation.session_id,
        "downloaded",
        caller.get_id(),
        attestation=attestation,
        details={"document": "certificat" if certificate else "attestation"},
    )
    return pdf_response(attestation, certificate)
