"""The OpenAPI part of the attendance sheet, lateness records, complaints and improvement
actions (issue 17); openapi.py calls :func:`register_documents` once."""

from typing import Any

from .attestations_openapi import BINARY, ERRORS, WRITE, _op
from .schemas import BOOL, INT, SCHEMAS, arr, obj, ref, text

TAG = "quality"
MAYBE_STR = {"type": ["string", "null"]}
STAMP = {"type": "string", "format": "date-time"}
STR, DATE = {"type": "string"}, {"type": "string", "format": "date"}
COMPLAINT_STATUS = {"type": "string", "enum": ["open", "answered", "closed"]}
ACTION_STATUS = {"type": "string", "enum": ["planned", "in_progress", "done"]}
HHMM = {"type": ["string", "null"], "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}

DOCUMENT_SCHEMAS: dict[str, Any] = {
    "AttendanceAdjustment": obj(
        {"participant_id": {"type": "integer", "minimum": 1}, "slot": text(20)},
        {
            "arrived_at": {**HHMM, "description": "Late arrival, HH:MM (Paris time)"},
            "left_at": {**HHMM, "description": "Early departure, HH:MM (Paris time)"},
            "justified_absence": BOOL,
            "reason": {**MAYBE_STR, "maxLength": 500},
        },
        closed=True,
    ),
    "AttendanceAdjustmentRecorded": obj(
        {
            "id": INT,
            "participant_id": INT,
            "slot": {"type": "string"},
            "arrived_at": MAYBE_STR,
            "left_at": MAYBE_STR,
            "justified_absence": BOOL,
            "reason": MAYBE_STR,
            "actor": {"type": "string"},
            "recorded_at": STAMP,
        }
    ),
    "ComplaintCreate": obj(
        {"received_on": DATE, "author": text(200), "subject": text(5000)},
        {"answer": {**MAYBE_STR, "maxLength": 5000}, "status": COMPLAINT_STATUS},
        closed=True,
    ),
    "ComplaintUpdate": obj(
        {}, {"answer": {**MAYBE_STR, "maxLength": 5000}, "status": COMPLAINT_STATUS}, closed=True
    ),
    "Complaint": obj(
        {
            "id": INT,
            "session_id": INT,
            "received_on": DATE,
            "author": STR,
            "subject": STR,
            "answer": MAYBE_STR,
            "status": COMPLAINT_STATUS,
            "recorded_by": STR,
            "created_at": STAMP,
            "updated_at": STAMP,
        }
    ),
    "ImprovementActionCreate": obj(
        {"origin": text(200), "description": text(5000)},
        {
            "status": ACTION_STATUS,
            "due_on": {"type": ["string", "null"], "format": "date"},
            "complaint_id": {"type": ["integer", "null"], "minimum": 1},
        },
        closed=True,
    ),
    "ImprovementActionUpdate": obj({"status": ACTION_STATUS}, closed=True),
    "ImprovementAction": obj(
        {
            "id": INT,
            "session_id": INT,
            "complaint_id": {"type": ["integer", "null"]},
            "origin": STR,
            "description": STR,
            "status": ACTION_STATUS,
            "due_on": {"type": ["string", "null"], "format": "date"},
            "recorded_by": STR,
            "created_at": STAMP,
            "updated_at": STAMP,
        }
    ),
}

PATHS: dict[str, Any] = {
    "/sessions/{sid}/attendance-sheet.pdf": {
        "get": _op(
            "attendance_sheet",
            "The signed attendance sheet, one page per half-day (trainer, compliance, admin)",
            ("PDF", BINARY),
            ERRORS,
            None,
            ("sid",),
            content="application/pdf",
            tags=[TAG],
        )
    },
    "/sessions/{sid}/attendance/adjustments": {
        "post": _op(
            "record_adjustment",
            "Record a late arrival, an early departure or a justified absence (trainer)",
            ("Recorded", ref("AttendanceAdjustmentRecorded")),
            WRITE,
            "AttendanceAdjustment",
            ("sid",),
            "201",
            tags=[TAG],
        )
    },
}

PATHS["/sessions/{sid}/complaints"] = {
    "get": _op(
        "list_complaints",
        "A session's complaints (indicator 31)",
        ("Complaints", arr(ref("Complaint"))),
        ERRORS,
        None,
        ("sid",),
        tags=[TAG],
    ),
    "post": _op(
        "create_complaint",
        "Log a complaint: who, what, date, answer, status",
        ("Logged", ref("Complaint")),
        WRITE,
        "ComplaintCreate",
        ("sid",),
        "201",
        tags=[TAG],
    ),
}
PATHS["/sessions/{sid}/complaints/{cid}"] = {
    "patch": _op(
        "update_complaint",
        "Record a complaint's answer and status",
        ("Updated", ref("Complaint")),
        WRITE,
        "ComplaintUpdate",
        ("sid", "cid"),
        tags=[TAG],
    )
}
PATHS["/sessions/{sid}/improvement-actions"] = {
    "get": _op(
        "list_actions",
        "A session's improvement actions (indicator 32)",
        ("Actions", arr(ref("ImprovementAction"))),
        ERRORS,
        None,
        ("sid",),
        tags=[TAG],
    ),
    "post": _op(
        "create_action",
        "Log an improvement action",
        ("Logged", ref("ImprovementAction")),
        WRITE,
        "ImprovementActionCreate",
        ("sid",),
        "201",
        tags=[TAG],
    ),
}
PATHS["/sessions/{sid}/improvement-actions/{aid}"] = {
    "patch": _op(
        "update_action",
        "Change an improvement action's status",
        ("Updated", ref("ImprovementAction")),
        WRITE,
        "ImprovementActionUpdate",
        ("sid", "aid"),
        tags=[TAG],
    )
}
PARAMETERS = {
    name: {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
        "description": description,
    }
    for name, description in (("cid", "Complaint id"), ("aid", "Improvement action id"))
}


def register_documents(document: dict[str, Any]) -> None:
    """Add the paths and schemas of issue 17 to the OpenAPI document."""
    SCHEMAS.update(DOCUMENT_SCHEMAS)
    document["components"]["schemas"].update(DOCUMENT_SCHEMAS)
    document["components"]["parameters"].update(PARAMETERS)
    document["paths"].update(PATHS)
    if not any(tag.get("name") == TAG for tag in document.get("tags", [])):
        document.setdefault("tags", []).append({"name": TAG})
