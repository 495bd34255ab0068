"""The OpenAPI 3.1 description of /api/v1, as data (the JSON shapes live in schemas.py)."""

from typing import Any

from flask import jsonify

from . import bp
from .attestations_openapi import register_attestations
from .documents_openapi import register_documents
from .edge_openapi import document_edge_errors
from .evaluations_openapi import register_evaluations
from .live_openapi import register_live
from .privacy_openapi import register_privacy
from .schemas import SCHEMAS, STR, arr, ref

ERRORS = {
    "400": ("BadRequest", "Corps illisible : pas du JSON valide en UTF-8."),
    "401": ("Unauthorized", "Jeton absent, invalide ou révoqué."),
    "403": ("Forbidden", "Appelant authentifié sans le droit requis."),
    "404": ("NotFound", "Objet inconnu, ou que l'appelant ne peut pas voir."),
    "409": ("Conflict", "Conflit avec l'état actuel (tentatives épuisées, doublon...)."),
    "413": ("TooLarge", "Corps trop volumineux (64 Kio au plus)."),
    "415": ("UnsupportedMediaType", "Content-Type autre que application/json."),
    "422": ("Invalid", "Champ manquant, inconnu, de mauvais type ou trop long (voir field)."),
    "429": ("TooManyRequests", "Trop de requêtes."),
}
READ_ERRORS = ("401", "403", "404")
WRITE_ERRORS = ("400", "401", "403", "404", "413", "415", "422")


def _error_response(status: str) -> dict[str, str]:
    return {"$ref": f"#/components/responses/{ERRORS[status][0]}"}


def op(
    operation_id: str,
    summary: str,
    tag: str,
    ok: tuple[str, dict[str, Any]],
    errors: tuple[str, ...] = READ_ERRORS,
    body: str | None = None,
    params: tuple[str, ...] = (),
    status: str = "200",
    **extra: Any,
) -> dict[str, Any]:
    """Return an operation: its id (the Flask endpoint), success and error answers, body, params."""
    description, schema = ok
    success = {"description": description, "content": {"application/json": {"schema": schema}}}
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "responses": {status: success, **{e: _error_response(e) for e in errors}},
    }
    if body:
        content = {"application/json": {"schema": ref(body)}}
        operation["requestBody"] = {"required": True, "content": content}
    if params:
        operation["parameters"] = [{"$ref": f"#/components/parameters/{p}"} for p in params]
    operation.update(extra)
    return operation


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


PUBLIC: dict[str, Any] = {"security": []}
WRITE_OR_CONFLICT = (*WRITE_ERRORS, "409")
NOT_MODIFIED = {"304": {"description": "Not modified: the If-None-Match ETag still holds."}}

PATHS: dict[str, dict[str, Any]] = {
    "/openapi.json": {
        "get": op(
            "openapi_json",
            "This document",
            "meta",
            ("OpenAPI 3.1", {"type": "object"}),
            (),
            **PUBLIC,
        )
    },
    "/auth/token": {
        "post": op(
            "token",
            "Exchange a staff email and password for a bearer token (10 per minute)",
            "auth",
            ("The token and the role", ref("Token")),
            ("400", "401", "403", "413", "415", "422", "429"),
            "TokenRequest",
            **PUBLIC,
        ),
        "delete": {
            "operationId": "revoke_token",
            "summary": "Revoke the staff bearer token of this request (sign out of the API)",
            "tags": ["auth"],
            "responses": {
                "204": {"description": "The token is revoked: it no longer authenticates"},
                "401": _error_response("401"),
                "403": _error_response("403"),
            },
        },
    },
    "/courses/{course_id}": {
        "get": op(
            "course",
            "A course for any signed-in caller, never its answers (ETag)",
            "courses",
            ("The course", ref("Course")),
            ("401", "404"),
            params=("course_id",),
        )
    },
    "/sessions": {
        "get": op(
            "list_sessions",
            "Sessions the staff caller may see (a trainer: their own)",
            "sessions",
            ("Sessions, latest first", arr(ref("Session"))),
            ("401", "403"),
        ),
        "post": op(
            "create_session",
            "Create a session run by the calling trainer",
            "sessions",
            ("Created (Location: the session)", ref("Session")),
            WRITE_ERRORS,
            "SessionCreate",
            status="201",
        ),
    },
    "/sessions/{sid}": {
        "get": op(
            "get_session",
            "One session (its trainer, admin, compliance; 404 for anyone else)",
            "sessions",
            ("The session", ref("Session")),
            params=("sid",),
        ),
        "patch": op(
            "update_session",
            "Move half-days: dates and times in Europe/Paris (its trainer, admin); 409 once "
            "closed or for a half-day that already has signatures",
            "sessions",
            ("The session", ref("Session")),
            (*WRITE_ERRORS, "409"),
            "SessionUpdate",
            params=("sid",),
        ),
    },
    "/sessions/{sid}/participants": {
        "get": op(
            "list_participants",
            "The session's participants; access tokens for its trainer and admins only",
            "sessions",
            ("Participants by name", arr(ref("Participant"))),
            params=("sid",),
        ),
        "post": op(
            "add_participant",
            "Enrol a participant (trainer of the session, admin)",
            "sessions",
            ("Enrolled, with the personal access token and link", ref("Participant")),
            WRITE_OR_CONFLICT,
            "ParticipantCreate",
            ("sid",),
            status="201",
        ),
    },
    "/sessions/{sid}/progress": {
        "get": op(
            "session_progress",
            "Progress per module and attainment per objective, per participant",
            "sessions",
            ("Progress", ref("SessionProgress")),
            params=("sid",),
        )
    },
    "/me": {
        "get": op(
            "me",
            "The calling participant",
            "learner",
            ("Identity, session, progress and attainment", ref("Me")),
        )
    },
    "/me/progress": {
        "get": op(
            "my_progress",
            "My progress",
            "learner",
            ("Progress and attainment", ref("MyProgress")),
        )
    },
    "/me/units/{unit_id}/done": {
        "post": op(
            "unit_done",
            "Mark a unit as done (idempotent; no body, or {})",
            "learner",
            ("Done; recorded is false when it already was", ref("UnitDone")),
            WRITE_OR_CONFLICT,
            params=("unit_id",),
            requestBody={
                "required": False,
                "content": {"application/json": {"schema": ref("UnitDoneRequest")}},
            },
        )
    },
    "/me/quizzes/{quiz_id}": {
        "get": op(
            "my_quiz",
            "A module quiz as the learner sees it, with the attempts used and left",
            "learner",
            ("The quiz", ref("LearnerQuiz")),
            params=("quiz_id",),
        )
    },
    "/me/quizzes/{quiz_id}/attempts": {
        "get": op(
            "my_attempts",
            "My submitted attempts, with results; feedback and explanations once revealed",
            "learner",
            ("Attempts, oldest first", arr(ref("Attempt"))),
            params=("quiz_id",),
        ),
        "post": op(
            "submit_attempt",
            "Submit a whole attempt (409 when none is left or the session is closed, 422 with "
            "details per question); a retry with the same Idempotency-Key gets the first result",
            "learner",
            ("Graded and stored (or, for a retry, the attempt first stored)", ref("AttemptResult")),
            WRITE_OR_CONFLICT,
            "AttemptCreate",
            ("quiz_id", "IdempotencyKey"),
            status="201",
        ),
    },
}
PATHS["/courses/{course_id}"]["get"]["responses"].update(NOT_MODIFIED)

COMPONENTS: dict[str, Any] = {
    "securitySchemes": {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "A staff token from POST /auth/token, or a participant's access token.",
        }
    },
    "parameters": {
        "sid": _param("sid", {"type": "integer", "minimum": 1}, "Training session id"),
        "course_id": _param("course_id", STR, "Course id, e.g. mrk-stra-05"),
        "unit_id": _param("unit_id", STR, "Unit id, e.g. m1-u1"),
        "quiz_id": _param("quiz_id", STR, "Module quiz id, e.g. m1-quiz"),
        "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"},
            "description": "A key of the client's choosing (a UUID), new for each submission and "
            "the same for its retries: the same submission sent again with its key records "
            "nothing and answers with what the first one recorded (same status, same body), "
            "even when both arrive at once. 422 when malformed; 409 when it was used for "
            "another quiz or role play.",
        },
    },
    "responses": {
        name: {"description": text_, "content": {"application/json": {"schema": ref("Error")}}}
        for name, text_ in ERRORS.values()
    },
    "schemas": SCHEMAS,
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "lexom_learning API",
        "version": "1.0.0",
        "description": 'Every error is {"error": {"code", "message"}} with a 4xx status, '
        'plus "field" naming the faulty input and "details" where there are several.',
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "tags": [{"name": n} for n in ("auth", "courses", "sessions", "learner", "meta")],
    "paths": PATHS,
    "components": COMPONENTS,
}

register_live(DOCUMENT)  # issue 5: the live-quiz paths, parameters and schemas
register_evaluations(DOCUMENT)  # issue 6: role plays, evaluations, attainment
register_attestations(DOCUMENT)  # issue 7: attendance, attestations, verification, xAPI
register_privacy(DOCUMENT, op)  # issue 16: a person's export and erasure
register_documents(DOCUMENT)  # issue 17: attendance sheet, lateness, complaints, actions
document_edge_errors(DOCUMENT)  # issue 15: text refused at the edge (after every register_*)


@bp.get("/openapi.json")
def openapi_json():
    """Return the OpenAPI 3.1 document of the API."""
    return jsonify(DOCUMENT)
