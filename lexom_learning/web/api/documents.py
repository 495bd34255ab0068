"""The signed attendance sheet and the trainer's lateness records, in the JSON API (issue 17)."""

from flask import jsonify

from ...services import attestations, presence, quality
from ...services.attendance_sheet import attendance_sheet_pdf
from ..downloads import private_attachment
from . import bp
from .access import course_of, managed_session, readable_session
from .access import staff as staff_caller
from .models_documents import (
    AttendanceAdjustment,
    AttendanceAdjustmentRecorded,
    Complaint,
    ComplaintCreate,
    ComplaintList,
    ComplaintUpdate,
    ImprovementAction,
    ImprovementActionCreate,
    ImprovementActionList,
    ImprovementActionUpdate,
)
from .serializers import row_data
from .spec import WRITE_OR_CONFLICT, binary, operation, validated_body

TAG = "quality"


@bp.get("/sessions/<int:sid>/attendance-sheet.pdf")
@operation(TAG, "PDF", content=binary("application/pdf"))
def attendance_sheet(sid: int):
    """Send the signed attendance sheet (trainer of the session, compliance, admin)."""
    who = staff_caller()
    training = readable_session(sid, who)
    pdf = attendance_sheet_pdf(training, course_of(training))
    attestations.record_audit(training.id, "exported_attendance_sheet", who.get_id())
    return private_attachment(pdf, "application/pdf", f"emargement-session-{training.id}.pdf")


def adjustment_data(row) -> dict:
    """Return a lateness / early departure / justified absence record as JSON."""
    return row_data(AttendanceAdjustmentRecorded, row, recorded_at=row.created_at)


@bp.post("/sessions/<int:sid>/attendance/adjustments")
@operation(TAG, AttendanceAdjustmentRecorded, 201, WRITE_OR_CONFLICT, body=AttendanceAdjustment)
def record_adjustment(sid: int):
    """Record a late arrival, an early departure or a justified absence (the session's trainer)."""
    who = staff_caller()
    training = managed_session(sid, who)
    body = validated_body().model_dump(exclude_unset=True)
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


def complaint_data(row) -> dict:
    """Return a complaint as JSON."""
    return row_data(Complaint, row)


def action_data(row) -> dict:
    """Return an improvement action as JSON."""
    return row_data(ImprovementAction, row)


@bp.get("/sessions/<int:sid>/complaints")
@operation(TAG, ComplaintList)
def list_complaints(sid: int):
    """List a session's complaints (staff who may read the session)."""
    training = readable_session(sid, staff_caller())
    return jsonify([complaint_data(c) for c in quality.complaints_of(training.id)])


@bp.post("/sessions/<int:sid>/complaints")
@operation(TAG, Complaint, 201, WRITE_OR_CONFLICT, body=ComplaintCreate)
def create_complaint(sid: int):
    """Log a complaint: who, what, when received, the answer if any, its status."""
    who = staff_caller()
    training = readable_session(sid, who)
    body = validated_body().model_dump(exclude_unset=True)
    row = quality.log_complaint(
        training,
        who.get_id(),
        body["received_on"],
        body["author"],
        body["subject"],
        body.get("answer"),
        body.get("status"),
    )
    return jsonify(complaint_data(row)), 201


@bp.patch("/sessions/<int:sid>/complaints/<int:cid>")
@operation(TAG, Complaint, 200, WRITE_OR_CONFLICT, body=ComplaintUpdate)
def update_complaint(sid: int, cid: int):
    """Record the answer to a complaint and its status."""
    complaint = quality.complaint_of(readable_session(sid, staff_caller()), cid)
    body = validated_body().model_dump(exclude_unset=True)
    row = quality.answer_complaint(complaint, body.get("answer"), body.get("status"))
    return jsonify(complaint_data(row))


@bp.get("/sessions/<int:sid>/improvement-actions")
@operation(TAG, ImprovementActionList)
def list_actions(sid: int):
    """List a session's improvement actions."""
    training = readable_session(sid, staff_caller())
    return jsonify([action_data(a) for a in quality.actions_of(training.id)])


@bp.post("/sessions/<int:sid>/improvement-actions")
@operation(TAG, ImprovementAction, 201, WRITE_OR_CONFLICT, body=ImprovementActionCreate)
def create_action(sid: int):
    """Log an improvement action (its origin: a complaint, an evaluation, an observation)."""
    who = staff_caller()
    training = readable_session(sid, who)
    body = validated_body().model_dump(exclude_unset=True)
    row = quality.log_action(
        training,
        who.get_id(),
        body["origin"],
        body["description"],
        body.get("status"),
        body.get("due_on"),
        body.get("complaint_id"),
    )
    return jsonify(action_data(row)), 201


@bp.patch("/sessions/<int:sid>/improvement-actions/<int:aid>")
@operation(TAG, ImprovementAction, 200, WRITE_OR_CONFLICT, body=ImprovementActionUpdate)
def update_action(sid: int, aid: int):
    """Change an improvement action's status."""
    action = quality.action_of(readable_session(sid, staff_caller()), aid)
    row = quality.update_action(action, validated_body().status)
    return jsonify(action_data(row))
