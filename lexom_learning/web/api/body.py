"""Strict JSON bodies: what every body must be before its pydantic model reads it.

413 above 64 KiB, 415 when it is not JSON, 400 when it does not parse (NaN, bad UTF-8, too
deep for the parser); 422 when it nests too deep, holds an integer JavaScript cannot hold, or a
string (or key) with a refused character (``input_rules``). The model then checks the shape,
and :func:`invalid_from` says in French which field is wrong and how.
"""

import json
from typing import Any

from flask import abort
from pydantic import BaseModel, ValidationError

from ...input_rules import bad_character, describe
from ...services.errors import Invalid, gettext
from .messages import invalid_from

MAX_BODY = 64 * 1024
MAX_DEPTH = 20
# Beyond 2**53 a JSON number no longer round-trips through JavaScript, and a huge integer
# crashes float() in the quiz engine: refuse it here, with the field that carries it.
MAX_INTEGER = 2**53
BAD_CHARACTER = "« %(path)s » contient un caractère non permis (%(char)s)."


class BodyInvalid(Invalid):
    """The body is refused; ``field`` is the dotted path of the first problem."""


def too_large(request) -> bool:
    """Say whether a request's body is over ``MAX_BODY``: its declared length first (a body
    declared too large is never read), else the bytes it carries."""
    return (request.content_length or 0) > MAX_BODY or len(request.get_data(cache=True)) > MAX_BODY


def raw_checks(raw: bytes, mimetype: str, optional: bool = False) -> Any:
    """Return the parsed body after the checks every JSON body passes (None for no body).

    :raises HTTPException: 413 too large, 415 not JSON, 400 unreadable JSON.
    :raises BodyInvalid: (422) too deep, a huge integer, a refused character.
    """
    if len(raw) > MAX_BODY:
        abort(413)
    if optional and not raw.strip():
        return None
    if not is_json(mimetype):
        abort(415)
    value = _parse(raw)
    _check_values(value, "", 0)
    return value


def read_body(raw: bytes, mimetype: str, model: type[BaseModel]) -> dict[str, Any]:
    """Return a body already read, checked and validated against ``model`` (the fields sent).

    :raises HTTPException: as :func:`raw_checks`.
    :raises BodyInvalid: (422) as :func:`raw_checks`, or what the model refuses.
    """
    value = raw_checks(raw, mimetype)
    try:
        return model.model_validate(value).model_dump(exclude_unset=True)
    except ValidationError as error:
        raise invalid_from(error, BodyInvalid) from None


def is_json(mimetype: str) -> bool:
    """Say whether a media type is JSON (application/json or application/*+json)."""
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


def _check_values(value: Any, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise BodyInvalid(
            "Données trop imbriquées (%(limit)s niveaux au plus).", path or None, limit=MAX_DEPTH
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _check_characters(key, _join(path, key), multiline=False)
            _check_values(item, _join(path, key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_values(item, _join(path, str(index)), depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise BodyInvalid("Nombre hors limites.", path or None)
    elif isinstance(value, str):
        _check_characters(value, path, multiline=True)


def _check_characters(value: str, path: str, multiline: bool) -> None:
    """Refuse NUL, controls and lone surrogates anywhere in the body (keys too)."""
    char = bad_character(value, multiline)
    if char is not None:
        shown = path if bad_character(path) is None else "?"
        raise BodyInvalid(BAD_CHARACTER, shown or None, path=shown or "", char=describe(char))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
