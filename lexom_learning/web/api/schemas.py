"""JSON Schema helpers of the hand-written part of the document (legacy_openapi.py).

The routes declared with pydantic models (spec.py) need none of this; validation.py enforces
the request schemas registered here for the others.
"""

from typing import Any


def ref(name: str) -> dict[str, str]:
    """Return a reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: dict[str, Any], optional: dict | None = None, closed: bool = False) -> dict:
    """Return an object schema whose ``required`` properties must all be present."""
    schema: dict[str, Any] = {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def arr(items: dict[str, Any]) -> dict[str, Any]:
    """Return an array schema."""
    return {"type": "array", "items": items}


def text(max_length: int, min_length: int = 1, **extra: Any) -> dict[str, Any]:
    """Return a bounded string schema."""
    return {"type": "string", "minLength": min_length, "maxLength": max_length, **extra}


STR, INT, NUM, BOOL = ({"type": t} for t in ("string", "integer", "number", "boolean"))
DATE = {"type": "string", "format": "date"}
STAMP = {"type": "string", "format": "date-time"}
MAYBE_STAMP = {"type": ["string", "null"], "format": "date-time"}
MAYBE_INT, MAYBE_NUM = {"type": ["integer", "null"]}, {"type": ["number", "null"]}
LEVEL = {"type": ["string", "null"], "enum": ["acquired", "in_progress", "not_acquired", None]}
ITEM = obj({"id": STR, "text": STR}, closed=True)
SCHEMAS: dict[str, Any] = {
    "Objective": obj({"id": STR, "text": STR}),
    "PublicQuestion": {
        "type": "object",
        "required": ["id", "type", "prompt", "points"],
        "description": "A question's public view, shaped by its question type: never the answer, "
        "the correctness of an option, its feedback or the explanation.",
    },
}
