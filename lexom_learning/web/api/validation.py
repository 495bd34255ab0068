"""Strict JSON bodies: read, parse and check them against the schemas the API publishes.

The request schemas live once, in schemas.py; this module enforces the small subset of JSON
Schema they use, so the published contract and the checks cannot drift apart.
"""

import json
import re
from datetime import date, datetime
from typing import Any

from flask import abort, request

from ...input_rules import EARLIEST_DATE, bad_character, date_in_range, describe, latest_date
from ...services.errors import Invalid, gettext
from ...translatable import N_
from .schemas import SCHEMAS

MAX_BODY = 64 * 1024
MAX_DEPTH = 20
# Beyond 2**53 a JSON number no longer round-trips through JavaScript, and a huge integer
# crashes float() in the quiz engine: refuse it here, with the field that carries it.
MAX_INTEGER = 2**53
# A string whose schema allows more than this many characters may hold several lines (tab,
# line feed, carriage return); shorter ones (names, titles, ids, e-mails) hold one.
SINGLE_LINE_MAX = 254
BAD_CHARACTER = N_("« %(path)s » contient un caractère non permis (%(char)s).")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
    "null": type(None),
}
TYPE_WORDS = {
    "object": N_("un objet"),
    "array": N_("une liste"),
    "string": N_("un texte"),
    "boolean": N_("true ou false"),
    "integer": N_("un entier"),
    "number": N_("un nombre"),
    "null": "null",
}


class BodyInvalid(Invalid):
    """The body does not match its schema; ``field`` is the dotted path of the first problem."""


def json_body(schema_name: str, optional: bool = False) -> dict[str, Any]:
    """Return the request's JSON object checked against a component schema (dates parsed).

    :raises HTTPException: 413 too large, 415 not JSON, 400 unreadable JSON.
    :raises BodyInvalid: (422) not an object, missing or unknown field, wrong type or length.
    """
    if (request.content_length or 0) > MAX_BODY:
        abort(413)
    return read_body(request.get_data(cache=True), request.mimetype, schema_name, optional)


def read_body(raw: bytes, mimetype: str, schema_name: str, optional: bool = False) -> dict:
    """Return a body already read, checked as ``json_body`` checks the request's.

    :raises HTTPException: 413 too large, 415 not JSON, 400 unreadable JSON.
    :raises BodyInvalid: (422) as ``json_body``.
    """
    if len(raw) > MAX_BODY:
        abort(413)
    if optional and not raw.strip():
        return {}
    if not _is_json(mimetype):
        abort(415)
    value = _parse(raw)
    _check_numbers(value, "", 0)
    return check(SCHEMAS[schema_name], value, "")


def _is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def _parse(raw: bytes) -> Any:
    def refuse_constant(name: str):
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(raw.decode("utf-8"), parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        abort(400, gettext("Le corps de la requête n'est pas du JSON valide (UTF-8)."))


def _check_numbers(value: Any, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise BodyInvalid(
            "Données trop imbriquées (%(limit)s niveaux au plus).", path or None, limit=MAX_DEPTH
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _check_numbers(item, _join(path, key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_numbers(item, _join(path, str(index)), depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise BodyInvalid("Nombre hors limites.", path or None)
    elif isinstance(value, str):
        _check_characters(value, path, multiline=True)
    if isinstance(value, dict):
        for key in value:
            _check_characters(key, _join(path, key), multiline=False)


def _check_characters(value: str, path: str, multiline: bool) -> None:
    """Refuse NUL, controls and lone surrogates anywhere in the body (keys too)."""
    char = bad_character(value, multiline)
    if char is not None:
        shown = path if bad_character(path) is None else "?"
        raise BodyInvalid(BAD_CHARACTER, shown or None, path=shown or "", char=describe(char))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type_ok(value: Any, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, JSON_TYPES[kind])


def check(schema: dict[str, Any], value: Any, path: str) -> Any:
    """Return ``value`` checked against a JSON Schema subset (``format: date`` becomes a date).

    :raises BodyInvalid: naming the path of the first problem.
    """
    schema = _resolve(schema)
    field = path or None
    for part in schema.get("allOf", ()):
        value = check(part, value, path)
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_type_ok(value, k) for k in kinds):
            expected = gettext(" ou ").join(gettext(TYPE_WORDS[k]) for k in kinds)
            if not path:
                raise BodyInvalid("Le corps doit être %(expected)s.", None, expected=expected)
            raise BodyInvalid(
                "« %(path)s » doit être %(expected)s.", field, path=path, expected=expected
            )
    if "enum" in schema and value not in schema["enum"]:
        raise BodyInvalid("« %(path)s » : valeur inattendue.", field, path=path)
    if isinstance(value, str):
        return _check_string(schema, value, path)
    if isinstance(value, dict):
        return _check_object(schema, value, path)
    if isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise BodyInvalid(
                "« %(path)s » : %(limit)s éléments au plus.",
                field,
                path=path,
                limit=schema["maxItems"],
            )
        items = schema.get("items", {})
        return [check(items, item, _join(path, str(i))) for i, item in enumerate(value)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise BodyInvalid(
                "« %(path)s » doit valoir au moins %(limit)s.",
                field,
                path=path,
                limit=schema["minimum"],
            )
        if "maximum" in schema and value > schema["maximum"]:
            raise BodyInvalid(
                "« %(path)s » doit valoir au plus %(limit)s.",
                field,
                path=path,
                limit=schema["maximum"],
            )
    return value


def _check_string(schema: dict[str, Any], value: str, path: str) -> Any:
    field = path or None
    if len(value) < schema.get("minLength", 0):
        raise BodyInvalid("« %(path)s » est obligatoire.", field, path=path)
    if len(value) > schema.get("maxLength", len(value)):
        raise BodyInvalid(
            "« %(path)s » : %(limit)s caractères au plus.",
            field,
            path=path,
            limit=schema["maxLength"],
        )
    if _single_line(schema):
        _check_characters(value, path, multiline=False)
    if schema.get("format") == "date":
        try:
            if not DATE.match(value):
                raise ValueError(value)
            parsed = date.fromisoformat(value)
        except ValueError:
            raise BodyInvalid(
                "« %(path)s » : date attendue (AAAA-MM-JJ).", field, path=path
            ) from None
        _check_range(parsed, path)
        return parsed
    if schema.get("format") == "date-time":
        stamp = _datetime(value)
        if stamp is None:
            raise BodyInvalid("« %(path)s » : date et heure ISO 8601 attendues.", field, path=path)
        _check_range(stamp.date(), path)
    return value


def _single_line(schema: dict[str, Any]) -> bool:
    bounded = schema.get("maxLength", SINGLE_LINE_MAX + 1) <= SINGLE_LINE_MAX
    return bounded or "format" in schema or "enum" in schema


def _check_range(value: date, path: str) -> None:
    if not date_in_range(value):
        raise BodyInvalid(
            "« %(path)s » : date hors de la période permise (%(first)s – %(last)s).",
            path or None,
            path=path,
            first=EARLIEST_DATE.isoformat(),
            last=latest_date().isoformat(),
        )


def _datetime(value: str) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


def _check_object(schema: dict[str, Any], value: dict[str, Any], path: str) -> dict[str, Any]:
    field = path or None
    if "maxProperties" in schema and len(value) > schema["maxProperties"]:
        limit = schema["maxProperties"]
        if not path:
            raise BodyInvalid("Le corps : %(limit)s clés au plus.", None, limit=limit)
        raise BodyInvalid("« %(path)s » : %(limit)s clés au plus.", field, path=path, limit=limit)
    properties = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            raise BodyInvalid(
                "Champ obligatoire manquant : « %(name)s ».", _join(path, name), name=name
            )
    extra = schema.get("additionalProperties", True)
    result = {}
    for name, item in value.items():
        if name in properties:
            result[name] = check(properties[name], item, _join(path, name))
        elif extra is False:
            raise BodyInvalid("Champ inconnu : « %(name)s ».", _join(path, name), name=name)
        else:
            result[name] = check(extra, item, _join(path, name)) if extra is not True else item
    return result
