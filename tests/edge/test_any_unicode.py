"""Arbitrary Unicode in every text field of the API never gives a server error.

The fields come from the served OpenAPI document: every string in a JSON request body (at any
depth), and every string path or query parameter. Each field gets the known troublemakers
(NUL, a lone surrogate, ESC, U+FFFF, a very long string), then Hypothesis draws more.
"""

import json
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.helpers import token_of

pytestmark = pytest.mark.db

TROUBLE = ["\x00", "a\ud800b", "\udfff@t.fr", "\x1b[31m", "\uffff", "\u202e", "é" * 5000, ""]


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        _, _, section, name = schema["$ref"].split("/")
        schema = document["components"][section][name]
    return schema


def _minimal(document: dict, schema: dict) -> Any:
    schema = _resolve(document, schema)
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {
            name: _minimal(document, props.get(name, {})) for name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "string":
        return {"date": "2026-12-07", "date-time": "2026-12-07T10:00:00+01:00"}.get(
            schema.get("format"), "x"
        )
    if kind in ("integer", "number"):
        return 1
    if kind == "boolean":
        return True
    return None


def _string_fields(document: dict, schema: dict, path: tuple, depth: int = 0):
    schema = _resolve(document, schema)
    if depth > 6:
        return
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "string" in kinds:
        yield path
    for name, sub in schema.get("properties", {}).items():
        yield from _string_fields(document, sub, (*path, name), depth + 1)
    if isinstance(schema.get("items"), dict):
        yield from _string_fields(document, schema["items"], (*path, 0), depth + 1)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _string_fields(document, extra, (*path, "k"), depth + 1)


def text_fields(document: dict) -> list[tuple[str, str, str, tuple]]:
    """Return (method, path, where, field) for every text field of the API."""
    fields = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for parameter in operation.get("parameters", []) + item.get("parameters", []):
                parameter = _resolve(document, parameter)
                schema = _resolve(document, parameter.get("schema", {}))
                if schema.get("type") == "string":
                    fields.append((method, path, parameter["in"], (parameter["name"],)))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                for field in _string_fields(document, body["schema"], ()):
                    fields.append((method, path, "body", field))
    return fields


def _quote(text: str) -> str:
    """Percent-encode as a client would, lone surrogates as their (invalid) UTF-8 bytes."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def _with(value: Any, field: tuple, text: str) -> Any:
    if not field:
        return text
    head, rest = field[0], field[1:]
    if isinstance(head, int):
        return [_with(None, rest, text)]
    container = dict(value) if isinstance(value, dict) else {}
    container[head] = _with(container.get(head), rest, text)
    return container


class Sender:
    """Sends one field's value as the right caller; answers the status."""

    def __init__(self, client, document, world):
        self.client, self.document = client, document
        self.staff = token_of(world.trainer)
        self.learner = token_of(world.participant)
        self.sid = world.session.id

    def send(self, method: str, path: str, where: str, field: tuple, text: str) -> int:
        operation = self.document["paths"][path][method]
        token = self.learner if path.startswith("/me") else self.staff
        params = {}
        url = path
        for parameter in operation.get("parameters", []):
            parameter = _resolve(self.document, parameter)
            name = parameter["name"]
            kind = _resolve(self.document, parameter.get("schema", {})).get("type")
            value = text if field == (name,) and where == parameter["in"] else None
            if parameter["in"] == "path":
                filler = str(self.sid) if kind == "integer" else "x"
                url = url.replace("{" + name + "}", _quote(value if value is not None else filler))
            elif value is not None:
                params[name] = value
        kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            minimal = _minimal(self.document, body["schema"])
            data = _with(minimal, field, text) if where == "body" else minimal
            kwargs["data"] = json.dumps(data)  # escapes lone surrogates as JSON allows
            kwargs["content_type"] = "application/json"
        if params:
            url += "?" + "&".join(f"{k}={_quote(v)}" for k, v in params.items())
        response = self.client.open("/api/v1" + url, method=method.upper(), **kwargs)
        assert response.status_code < 500, (method, path, field, text[:40], response.data[:300])
        return response.status_code


@pytest.fixture
def sender(app, client, world):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["RATELIMIT_ENABLED"] = False
    document = client.get("/api/v1/openapi.json").get_json()
    return Sender(client, document, world)


def test_the_served_document_has_text_fields_in_bodies_paths_and_queries(sender):
    fields = text_fields(sender.document)
    assert {where for _, _, where, _ in fields} >= {"body", "path"}
    assert ("post", "/auth/token", "body", ("email",)) in fields
    assert len(fields) > 30


def test_every_text_field_refuses_the_known_troublemakers_without_a_5xx(sender):
    statuses = set()
    for method, path, where, field in text_fields(sender.document):
        for text in TROUBLE:
            statuses.add(sender.send(method, path, where, field, text))
    assert 422 in statuses


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_arbitrary_unicode_in_any_text_field_never_gives_a_5xx(sender, data):
    method, path, where, field = data.draw(st.sampled_from(text_fields(sender.document)))
    text = data.draw(st.text(st.characters(codec=None), max_size=300))
    sender.send(method, path, where, field, text)
