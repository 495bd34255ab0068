"""Attendance, closing, attestations, verification and the xAPI export (issue 7)."""

from flask import jsonify, request

from ...services import attendance, attestations, events, exports, verification
from ...services.close_checks import CloseRequest
from ...services.errors import NotFound
from ..attendance.documents import may_read, pdf_response
from ..downloads import private_attachment
from . import bp
from .access import course_of, managed_session, participant, readable_session, signed_in
from .access import staff as staff_caller
from .models_attestations import (
    AttendanceRecord,
    AttendanceSign,
    AttendanceSignature,
    Attestation,
    AttestationList,
    SessionClose,
    SessionClosed,
    Verification,
    VerifyQuery,
    XapiStatements,
)
from .serializers import iso, row_data
from .spec import WRITE_OR_CONFLICT, binary, operation, validated_body, validated_query

TAG = "attestations"


def _user_agent() -> str:
    return request.headers.get("User-Agent", "")[:300]


def signature_data(row) -> dict:
    """Return one signature act as JSON (never the signature image itself)."""
    return row_data(AttendanceSignature, row, signed_at=row.created_at)


def attestation_data(row) -> dict:
    """Return an attestation's register line as JSON."""
    hours = row.snapshot["attendance"]["hours_attended"]
    return row_data(Attestation, row, hours_attended=hours)


@bp.post("/me/attendance/<slot>")
@operation(TAG, AttendanceSignature, 201, WRITE_OR_CONFLICT, body=AttendanceSign)
def sign_attendance(slot: str):
    """Sign a half-day (the one open now) with a drawn signature or the typed name."""
    person = participant()
    body = validated_body().model_dump(exclude_unset=True)
    row = attendance.sign(person, course_of(person.session), slot, body["signature"], _user_agent())
    return jsonify(signature_data(row)), 201


@bp.post("/sessions/<int:sid>/attendance")
@operation(TAG, AttendanceSignature, 201, WRITE_OR_CONFLICT, body=AttendanceRecord)
def trainer_attendance(sid: int):
    """Countersign a participant's half-day, or record a paper signature with its reason."""
    who = staff_caller()
    training = managed_session(sid, who)
    course = course_of(training)
    body = validated_body().model_dump(exclude_unset=True)
    if body["method"] == "countersign":
        row = attendance.countersign(
            training, course, who, body["participant_id"], body["slot"], _user_agent()
        )
    else:
        record = attendance.mark_absent if body["method"] == "absent" else attendance.record_paper
        row = record(
            training,
            course,
            who,
            body["participant_id"],
            body["slot"],
            body.get("reason", ""),
            _user_agent(),
        )
    return jsonify(signature_data(row)), 201


@bp.post("/sessions/<int:sid>/close")
@operation(TAG, SessionClosed, 200, WRITE_OR_CONFLICT, body=SessionClose)
def close_session(sid: int):
    """Close the session and issue the attestations its rule calls for.

    Answers with the session's outcome (the same to every caller, however many close it at
    once). Refused with 409 before the end of the session's last half-day (Europe/Paris),
    unless the body says `interrupted: true` with a `reason` (the documents then count only
    the half-days held and print the interruption). Refused with 409 while phone signatures
    still await countersignature: the error's `pending` lists them (participant_id, name, slot,
    label); send a `decisions` entry for each (`countersign`, or `absent` with a reason).
    Documents are dated on or after the end of the last half-day held. The body is optional.
    Nothing is written when the close is refused.
    """
    who = staff_caller()
    training = managed_session(sid, who)
    body = validated_body().model_dump(exclude_unset=True)
    report = attestations.close_and_issue(
        training, course_of(training), CloseRequest.from_json(body), who.get_id()
    )
    return jsonify(
        {
            "id": report.session_id,
            "status": report.status,
            "closed_at": iso(report.closed_at),
            "issued": [attestation_data(a) for a in report.issued],
            "superseded": [attestation_data(a) for a in report.superseded],
            "not_eligible": report.not_eligible,
        }
    )


@bp.get("/sessions/<int:sid>/attestations")
@operation(TAG, AttestationList)
def session_attestations(sid: int):
    """List a session's attestations, every version (trainer of the session, compliance)."""
    training = readable_session(sid, staff_caller())
    return jsonify([attestation_data(a) for a in attestations.for_session(training.id)])


@bp.get("/attestations/<number>.pdf")
@operation(TAG, "PDF", content=binary("application/pdf"))
def attestation_pdf(number: str):
    """Send the stored PDF: to its participant, the session's trainer or compliance."""
    who = signed_in()
    attestation = attestations.by_number(number)
    if not may_read(who, attestation):
        raise NotFound("Attestation introuvable.")
    actor = who.get_id()
    attestations.record_audit(
        attestation.session_id,
        "downloaded",
        actor,
        attestation=attestation,
        details={"document": "attestation", "via": "api"},
    )
    return pdf_response(attestation, certificate=False)


@bp.get("/sessions/<int:sid>/attestations.zip")
@operation(TAG, "ZIP, streamed", content=binary("application/zip"))
def attestations_zip(sid: int):
    """Stream the ZIP of every current attestation PDF of a session (compliance)."""
    who = staff_caller("compliance")
    training = readable_session(sid, who)
    attestations.record_audit(training.id, "exported_zip", who.get_id(), details={"via": "api"})
    return private_attachment(
        exports.streamed_session_zip(training.id),
        "application/zip",
        f"attestations-session-{training.id}.zip",
    )


@bp.get("/verify/<number>")
@operation(TAG, Verification, 200, (404,), query=VerifyQuery, public=True)
def verify(number: str):
    """Say whether a number is valid, superseded or revoked (anyone; no personal data)."""
    result = verification.verify(number, validated_query().sha256)
    return jsonify(
        {
            "number": result.number,
            "valid": result.valid,
            "status": result.status,
            "course": {"ref": result.course_ref, "title": result.course_title},
            "issued_at": iso(result.issued_at),
            "sha256_match": result.sha256_match,
            "superseded_by": result.superseded_by,
        }
    )


@bp.get("/sessions/<int:sid>/events.xapi.json")
@operation(TAG, XapiStatements)
def xapi_events(sid: int):
    """Return the session's completion log as xAPI statements."""
    training = readable_session(sid, staff_caller())
    base = attestations.public_base_url()
    return jsonify(events.xapi_statements(training, course_of(training), base))
