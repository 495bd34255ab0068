"""Helpers of the API tests: tokens, a client checking every answer against the OpenAPI
document, the error-body assertion, and quiz responses built from the course."""

import json
import re
from typing import Any

from flask import current_app
from jsonschema import Draft202012Validator
from werkzeug.exceptions import MethodNotAllowed, NotFound

from lexom_learning.quizzes import matching, ordering
from lexom_learning.services import accounts, links
from lexom_learning.storage import Participant, User
from lexom_learning.web.api.openapi import document

PREFIX = "/api/v1"


def token_of(who: User | Participant) -> str:
    """Return a bearer token for a staff member (a new API token) or a participant (their link)."""
    if isinstance(who, Participant):
        return links.token_for(links.current_link(who))
    return accounts.issue_api_token(who)


def documented_response(path: str, method: str, status: int) -> dict[str, Any] | None:
    """Return the documented response of an operation for a status, or None if undocumented."""
    try:
        rule, _ = current_app.url_map.bind("lexom.test").match(path, method, return_rule=True)
    except (NotFound, MethodNotAllowed):  # answered by the app's handlers: the error body
        return {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    doc_path = openapi_path(rule.rule)
    operation = document()["paths"][doc_path][method.lower()]
    response = operation["responses"].get(str(status))
    if response is not None and "$ref" in response:
        response = document()["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return response


def _schema(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def schema_errors(schema: dict[str, Any], value: Any) -> list[str]:
    """Return what a value breaks of a schema of the document (JSON Schema 2020-12)."""
    rooted = {**schema, "components": document()["components"]}
    return [f"{e.json_path}: {e.message}" for e in Draft202012Validator(rooted).iter_errors(value)]


def _properties(schema: dict[str, Any]) -> dict[str, Any] | None:
    """Return every property an object schema documents (through allOf), or None if open."""
    schema = _schema(schema)
    parts = [_schema(p) for p in schema.get("allOf", [])] + [schema]
    if not any("properties" in p for p in parts):
        return None
    return {k: v for p in parts for k, v in p.get("properties", {}).items()}


def undocumented(schema: dict[str, Any], value: Any, path: str):
    """Yield the paths of keys an answer has that its schema does not document."""
    if isinstance(value, list):
        items = _schema(schema).get("items", {})
        for index, item in enumerate(value):
            yield from undocumented(items, item, f"{path}[{index}]")
    elif isinstance(value, dict):
        properties = _properties(schema)
        if properties is None:
            return
        for key, item in value.items():
            if key not in properties:
                yield f"{path}.{key}"
            else:
                yield from undocumented(properties[key], item, f"{path}.{key}")


def openapi_path(flask_rule: str) -> str:
    """Return the OpenAPI path of a Flask rule: no prefix, ``<int:sid>`` becomes ``{sid}``."""
    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", flask_rule[len(PREFIX) :])


class Api:
    """Call the API as someone; every answer is checked against the OpenAPI document."""

    def __init__(self, client, strict_keys: bool = False):
        self.client = client
        # strict_keys: also refuse keys the document does not list (tests/api turns it on).
        self.strict_keys = strict_keys
        self.tokens: dict[str, str] = {}

    def bearer(self, who) -> dict[str, str]:
        """Return the Authorization header of ``who`` (nothing for None)."""
        if who is None:
            return {}
        key = who.get_id()
        if key not in self.tokens:
            self.tokens[key] = token_of(who)
        return {"Authorization": f"Bearer {self.tokens[key]}"}

    def call(self, method: str, path: str, who=None, body: Any = None, **kwargs):
        """Send a request (``body`` as JSON) and check the answer against the document."""
        headers = {**self.bearer(who), **kwargs.pop("headers", {})}
        if body is not None:
            kwargs.setdefault("data", json.dumps(body))
            kwargs.setdefault("content_type", "application/json")
        response = self.client.open(PREFIX + path, method=method, headers=headers, **kwargs)
        assert response.status_code < 500, response.get_data(as_text=True)
        self._conforms(method, path, response)
        return response

    def _conforms(self, method: str, path: str, response) -> None:
        documented = documented_response(PREFIX + path.split("?")[0], method, response.status_code)
        assert documented is not None, f"{method} {path}: {response.status_code} is undocumented"
        schema = documented.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return
        assert response.is_json, f"{method} {path}: the answer is not JSON"
        broken = schema_errors(schema, response.get_json())
        assert not broken, f"{method} {path}: {broken}"
        if self.strict_keys:
            extra = sorted(undocumented(schema, response.get_json(), ""))
            assert not extra, f"{method} {path}: undocumented keys {extra}"

    def get(self, path: str, who=None, **kwargs):
        """GET ``path``."""
        return self.call("GET", path, who, **kwargs)

    def post(self, path: str, who=None, body: Any = None, **kwargs):
        """POST ``body`` as JSON to ``path``."""
        return self.call("POST", path, who, body, **kwargs)

    def patch(self, path: str, who=None, body: Any = None, **kwargs):
        """PATCH JSON to an API path (a dict body is sent as JSON)."""
        return self.call("PATCH", path, who, body, **kwargs)


def assert_error(response, status: int, field: str | None = None) -> dict[str, Any]:
    """Assert the JSON error body of a refused request and return its "error" object."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    error = response.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if field is not None:
        assert error.get("field") == field, error
    return error


def right_response(question) -> Any:
    """Return a response that earns every point of a question."""
    kind = question.type
    if kind == "single_choice":
        return next(o.id for o in question.options if o.correct)
    if kind == "multiple_choice":
        return [o.id for o in question.options if o.correct]
    if kind in ("true_false", "numeric"):
        return question.answer
    if kind == "ordering":
        return ordering.answer_key(question)
    if kind == "matching":
        return matching.answer_key(question)
    if kind == "short_text":
        return question.accepted[0]
    raise AssertionError(f"no right response for {kind}")


def wrong_response(question) -> Any:
    """Return a well-formed response that earns no point (partial scoring aside)."""
    kind = question.type
    if kind == "single_choice":
        return next(o.id for o in question.options if not o.correct)
    if kind == "multiple_choice":
        wrong = [o.id for o in question.options if not o.correct]
        return wrong or [question.options[0].id]
    if kind == "true_false":
        return not question.answer
    if kind == "numeric":
        return question.answer + 1_000_000
    if kind == "ordering":
        return ordering.answer_key(question)[::-1]
    if kind == "matching":
        key = matching.answer_key(question)
        matches = list(key.values())
        return dict(zip(key, matches[1:] + matches[:1], strict=True))
    if kind == "short_text":
        return "zzz"
    raise AssertionError(f"no wrong response for {kind}")


def responses(quiz, right: bool = True) -> dict[str, Any]:
    """Return a whole attempt at a quiz, every answer right (or wrong)."""
    make = right_response if right else wrong_response
    return {q.id: make(q) for q in quiz.questions}
