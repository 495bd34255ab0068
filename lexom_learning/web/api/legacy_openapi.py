"""The parts of the OpenAPI document still written by hand, for the routes not yet declared
with pydantic models (see spec.py): role plays and evaluations.
openapi.py merges them into the generated document.
"""

from typing import Any

from .edge_openapi import document_edge_errors
from .evaluations_openapi import register_evaluations
from .schemas import SCHEMAS, STR, ref

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

WRITE_OR_CONFLICT = (*WRITE_ERRORS, "409")

LEGACY: dict[str, Any] = {"paths": {}, "components": COMPONENTS, "tags": []}
register_evaluations(LEGACY)  # issue 6: role plays, evaluations, attainment
document_edge_errors(LEGACY)  # issue 15: text refused at the edge (after every register_*)
