"""The signed attendance sheet and the trainer's lateness records, in the JSON API (issue 17)."""

from flask import Response, jsonify

from ...services import attestations, presence
from ...services.attendance_sheet import attendance_sheet_pdf
from . import bp
from .access import course_of, managed_session, readable_session
from .access import staff as staff_caller
from .serializers import iso
from .validation import json_body


@bp.get("/sessions/<int:sid>/attendance-sheet.pdf")
def attendance_sheet(sid: int):
    """Send the signed attendance sheet (trainer of the session, compliance, admin)."""
    who = staff_caller()
    training = readable_session(sid, who)
    pdf = attendance_sheet_pdf(training, course_of(training))
    attestations.audit(training.id, "exported_attendance_sheet", who.get_id(), None, None, None)
    from ...extensions import db

    db.session.commit()
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="emargement-session-{training.id}.pdf"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def adjustment_data(row) -> dict:
    """Return a lateness / early departure / justified absence record as JSON."""
    return {
        "id": row.id,
        "participant_id": row.participant_id,
        "slot": row.slot,
        "arrived_at": row.arrived_at,
        "left_at": row.left_at,
        "justified_absence": row.justified_absence,
        "reason": row.reason,
        "actor": row.actor,
        "recorded_at": iso(row.created_at),
    }


@bp.post("/sessions/<int:sid>/attendance/adjustments")
def record_adjustment(sid: int):
    """Record a late arrival, an early departure or a justified absence (the session's trainer)."""
    who = staff_caller()
    training = managed_session(sid, who)
    body = json_body("AttendanceAdjustment")
    row = presence.record(
        training,
        course_of(training),
        who,
        body["participant_id"],
        body["slot"],
        body.get("arrived_at"),
        body.get("left_at"),
        body.get("justified_absence", False),
        body.get("reason"),
    )
    return jsonify(adjustment_data(row)), 201
