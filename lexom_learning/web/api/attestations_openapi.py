"""The attendance and attestation part of the OpenAPI document (issue 7).

openapi.py calls :func:`register_attestations` once; the request schemas join
``schemas.SCHEMAS`` so that ``validation.json_body`` enforces exactly what is published.
"""

from typing import Any

from .schemas import BOOL, INT, NUM, SCHEMAS, STR, arr, obj, ref, text

TAG = "attestations"
SLOT = {"type": "string", "enum": ["d1-am", "d1-pm", "d2-am", "d2-pm"]}
STAMP = {"type": "string", "format": "date-time"}
MAYBE_STR = {"type": ["string", "null"]}
ERRORS = ("401", "403", "404")
WRITE = ("400", "401", "403", "404", "409", "413", "415", "422")

SIGNATURE = obj(
    {
        "id": INT,
        "participant_id": INT,
        "slot": STR,
        "kind": {"enum": ["participant", "countersign", "paper", "absent"]},
        "method": {"enum": ["drawn_png", "drawn_svg", "typed", "countersign", "paper", "absent"]},
        "actor": STR,
        "reason": MAYBE_STR,
        "signed_at": STAMP,
    }
)
ATTESTATION = obj(
    {
        "number": STR,
        "participant_id": INT,
        "status": {"enum": ["valid", "superseded", "revoked"]},
        "sha256": STR,
        "issued_at": STAMP,
    },
    {"version": INT, "certificate_sha256": STR, "hours_attended": NUM},
)
ATTESTATION_SCHEMAS: dict[str, Any] = {
    "AttendanceSign": obj(
        {
            "signature": text(
                150_000,
                description="A PNG data URL (data:image/png;base64,...), an SVG path "
                "(M10 10 L20 20...) or the typed full name.",
            )
        },
        closed=True,
    ),
    "AttendanceRecord": obj(
        {
            "participant_id": {"type": "integer", "minimum": 1},
            "slot": text(20),
            "method": {"type": "string", "enum": ["countersign", "paper", "absent"]},
        },
        {
            "reason": text(
                500, min_length=0, description="Mandatory for a paper signature and for absent"
            )
        },
        closed=True,
    ),
    "SessionClose": obj(
        {},
        {
            "interrupted": {
                **BOOL,
                "description": "The session stopped before its last half-day ended; "
                "requires a reason, printed on the documents.",
            },
            "reason": text(500, min_length=0, description="Why the session was interrupted"),
            "last_half_day": text(
                20,
                description="Interrupted: the last half-day held (default: those started by "
                "now). Later half-days do not count.",
            ),
            "decisions": {
                **arr(
                    obj(
                        {
                            "participant_id": {"type": "integer", "minimum": 1},
                            "slot": text(20),
                            "action": {"type": "string", "enum": ["countersign", "absent"]},
                        },
                        {"reason": text(500, min_length=0, description="Mandatory for absent")},
                        closed=True,
                    )
                ),
                "maxItems": 2000,
                "description": "One decision per signature awaiting countersignature.",
            },
        },
        closed=True,
    ),
    "AttendanceSignature": SIGNATURE,
    "Attestation": ATTESTATION,
    "SessionClosed": {
        **obj(
            {
                "id": INT,
                "status": {"enum": ["closed"]},
                "closed_at": STAMP,
                "issued": {
                    **arr(ref("Attestation")),
                    "description": "The session's valid attestations (every caller gets them)",
                },
                "superseded": {
                    **arr(ref("Attestation")),
                    "description": "The session's versions replaced since",
                },
                "not_eligible": {
                    **INT,
                    "description": "Participants without a valid attestation",
                },
            }
        ),
        "description": (
            "The session's outcome as stored, not what this request did: a close sent again, "
            "or many times at once, gets the same answer."
        ),
    },
    "Verification": obj(
        {
            "valid": BOOL,
            "status": {"enum": ["valid", "superseded", "revoked"]},
            "course": obj({"ref": STR, "title": STR}),
            "issued_at": STAMP,
        },
        {"number": STR, "sha256_match": {"type": ["boolean", "null"]}, "superseded_by": MAYBE_STR},
    ),
    "XapiStatement": obj(
        {
            "id": STR,
            "actor": {"type": "object"},
            "verb": {"type": "object"},
            "object": {"type": "object"},
            "timestamp": STAMP,
            "context": {"type": "object"},
        },
        {"result": {"type": "object"}, "version": STR},
    ),
}
PARAMETERS: dict[str, Any] = {
    "number": {
        "name": "number",
        "in": "path",
        "required": True,
        "schema": STR,
        "description": "Attestation number, e.g. MRK-STRA-05-2026-00001",
    },
    "slot": {
        "name": "slot",
        "in": "path",
        "required": True,
        "schema": SLOT,
        "description": "Half-day id",
    },
    "sha256": {
        "name": "sha256",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
        "description": "SHA-256 of a PDF to check against the stored one",
    },
}


def _op(
    operation_id: str,
    summary: str,
    ok: tuple[str, dict],
    errors=ERRORS,
    body=None,
    params=(),
    status="200",
    content="application/json",
    **extra,
) -> dict[str, Any]:
    description, schema = ok
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [TAG],
        "responses": {
            status: {"description": description, "content": {content: {"schema": schema}}},
            **{e: {"$ref": f"#/components/responses/{_ERROR_NAMES[e]}"} for e in errors},
        },
    }
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(body)}},
        }
    if params:
        operation["parameters"] = [{"$ref": f"#/components/parameters/{p}"} for p in params]
    operation.update(extra)
    return operation


_ERROR_NAMES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "413": "TooLarge",
    "415": "UnsupportedMediaType",
    "422": "Invalid",
}
BINARY = {"type": "string", "format": "binary"}
PATHS: dict[str, Any] = {
    "/me/attendance/{slot}": {
        "post": _op(
            "sign_attendance",
            "Sign the half-day open now (participant)",
            ("Signature recorded", ref("AttendanceSignature")),
            WRITE,
            "AttendanceSign",
            ("slot",),
            "201",
        )
    },
    "/sessions/{sid}/attendance": {
        "post": _op(
            "trainer_attendance",
            "Countersign, or record a paper signature with its reason",
            ("Recorded", ref("AttendanceSignature")),
            WRITE,
            "AttendanceRecord",
            ("sid",),
            "201",
        )
    },
    "/sessions/{sid}/close": {
        "post": _op(
            "close_session",
            "Close the session: finish live runs, close the evaluations and role plays, issue "
            "every due attestation, schedule the cold evaluation (one resumable operation; "
            "from then on evidence is refused with 409)",
            ("Closed", ref("SessionClosed")),
            WRITE,
            None,
            ("sid",),
            description=(
                "Refused with 409 before the end of the session's last half-day (Europe/Paris), "
                "unless the body says `interrupted: true` with a `reason` (the documents then "
                "count only the half-days held and print the interruption). Refused with 409 "
                "while phone signatures still await countersignature: the error's `pending` "
                "lists them (participant_id, name, slot, label); send a `decisions` entry for "
                "each (`countersign`, or `absent` with a reason). Documents are dated on or "
                "after the end of the last half-day held. The body is optional. Nothing is "
                "written when the close is refused."
            ),
            requestBody={
                "required": False,
                "content": {"application/json": {"schema": ref("SessionClose")}},
            },
        )
    },
    "/sessions/{sid}/attestations": {
        "get": _op(
            "session_attestations",
            "Every attestation version of a session",
            ("Attestations", arr(ref("Attestation"))),
            ERRORS,
            None,
            ("sid",),
        )
    },
    "/attestations/{number}.pdf": {
        "get": _op(
            "attestation_pdf",
            "The stored PDF (participant, trainer of the session, compliance)",
            ("PDF", BINARY),
            ERRORS,
            None,
            ("number",),
            content="application/pdf",
        )
    },
    "/sessions/{sid}/attestations.zip": {
        "get": _op(
            "attestations_zip",
            "ZIP of every current attestation and certificate (compliance)",
            ("ZIP, streamed", BINARY),
            ERRORS,
            None,
            ("sid",),
            content="application/zip",
        )
    },
    "/verify/{number}": {
        "get": _op(
            "verify",
            "Valid, superseded or revoked; checks ?sha256= (anyone)",
            ("Verification", ref("Verification")),
            ("404", "422"),
            None,
            ("number", "sha256"),
            security=[],
        )
    },
    "/sessions/{sid}/events.xapi.json": {
        "get": _op(
            "xapi_events",
            "The session's completion log as xAPI statements",
            ("Statements", arr(ref("XapiStatement"))),
            ERRORS,
            None,
            ("sid",),
        )
    },
}


def register_attestations(document: dict[str, Any]) -> None:
    """Add the attendance and attestation paths, parameters and schemas to the document."""
    SCHEMAS.update(ATTESTATION_SCHEMAS)
    components = document["components"]
    components["schemas"].update(ATTESTATION_SCHEMAS)
    components["parameters"].update(PARAMETERS)
    document["paths"].update(PATHS)
    if not any(tag.get("name") == TAG for tag in document.get("tags", [])):
        document.setdefault("tags", []).append({"name": TAG})
