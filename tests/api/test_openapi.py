"""/api/v1/openapi.json: a valid OpenAPI 3.1 document, in sync with the Flask routes."""

import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from lexom_learning.web.api.openapi import document
from tests.api.helpers import PREFIX, openapi_path

DOCUMENT: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def served_document(app):
    """The document as the app builds it (spectree needs the app's routes)."""
    with app.app_context():
        DOCUMENT.update(document())
    return DOCUMENT


METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
TOP_KEYS = {
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
}
PATH_ITEM_KEYS = METHODS | {"$ref", "summary", "description", "servers", "parameters"}
OPERATION_KEYS = {
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
}
JSON_TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref to its target."""
    while "$ref" in node:
        target: Any = DOCUMENT
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def walk(node: Any, path: str = "#"):
    """Yield (json pointer, dict) for every object of the document."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, f"{path}/{index}")


def api_routes(app) -> dict[tuple[str, str], Any]:
    """Return {(OpenAPI path, method): Flask rule} for every route of the API blueprint."""
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX):
            assert rule.endpoint.startswith("api."), rule
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                routes[(openapi_path(rule.rule), method.lower())] = rule
    return routes


def test_the_document_is_served_to_anyone(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200 and response.is_json
    assert response.get_json() == DOCUMENT


def test_openapi_spec_validator_accepts_the_document():
    validate(DOCUMENT)


def test_every_route_is_documented_and_every_documented_operation_exists(app):
    routes = api_routes(app)
    documented = {(p, m) for p, item in DOCUMENT["paths"].items() for m in item if m in METHODS}
    assert set(routes) - documented == set(), "routes missing from the document"
    assert documented - set(routes) == set(), "documented operations without a route"


def test_operation_ids_and_path_parameters_match_the_routes(app):
    for (path, method), rule in api_routes(app).items():
        operation = DOCUMENT["paths"][path][method]
        assert operation["operationId"] == rule.endpoint.removeprefix("api."), (path, method)
        params = [resolve(p) for p in operation.get("parameters", [])]
        declared = {p["name"]: p for p in params if p["in"] == "path"}
        assert set(declared) == set(rule.arguments), (path, method)
        for converter, name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule):
            expected = "integer" if converter == "int" else "string"
            assert declared[name]["schema"]["type"] == expected, (path, name)


def test_the_document_has_the_structure_of_openapi_3_1():
    assert set(DOCUMENT) <= TOP_KEYS and re.fullmatch(r"3\.1\.\d+", DOCUMENT["openapi"])
    info = DOCUMENT["info"]
    assert isinstance(info["title"], str) and isinstance(info["version"], str)
    assert all(isinstance(server["url"], str) for server in DOCUMENT["servers"])
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    tags = {tag["name"] for tag in DOCUMENT["tags"]}
    operation_ids = []
    for path, item in DOCUMENT["paths"].items():
        assert path.startswith("/") and set(item) <= PATH_ITEM_KEYS, path
        for method, operation in item.items():
            assert method in METHODS and set(operation) <= OPERATION_KEYS, (path, method)
            operation_ids.append(operation["operationId"])
            assert set(operation["tags"]) <= tags
            _check_parameters(path, operation)
            _check_responses(path, method, operation)
            for requirement in operation.get("security", DOCUMENT["security"]):
                assert set(requirement) <= set(schemes)
            if "requestBody" in operation:
                schema = operation["requestBody"]["content"]["application/json"]["schema"]
                assert resolve(schema)["type"] == "object"
    assert len(operation_ids) == len(set(operation_ids)), "operationId must be unique"


def _check_parameters(path: str, operation: dict[str, Any]) -> None:
    params = [resolve(p) for p in operation.get("parameters", [])]
    for param in params:
        assert param["in"] in {"query", "header", "path", "cookie"} and "schema" in param
        if param["in"] == "path":
            assert param["required"] is True
    in_path = {p["name"] for p in params if p["in"] == "path"}
    assert in_path == set(re.findall(r"{(\w+)}", path)), path


def _check_responses(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    assert responses, (path, method)
    for status, response in responses.items():
        assert re.fullmatch(r"[1-5][0-9X]{2}|default", status), (path, status)
        response = resolve(response)
        assert isinstance(response["description"], str)
        for media in response.get("content", {}).values():
            assert "schema" in media
        if status.startswith("4"):
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (path, status)
    if operation.get("security", DOCUMENT["security"]):
        assert "401" in responses, (path, method)
    if "requestBody" in operation:
        assert {"400", "415", "422"} <= set(responses), (path, method)


def test_every_reference_resolves_and_every_schema_is_sound():
    for pointer, node in walk(DOCUMENT):
        if "$ref" in node:
            assert node["$ref"].startswith("#/"), pointer
            resolve(node)
        if "/schemas/" in pointer or pointer.endswith("/schema"):
            kinds = node.get("type")
            if kinds is not None and not isinstance(kinds, dict):
                kinds = [kinds] if isinstance(kinds, str) else kinds
                assert set(kinds) <= JSON_TYPES, pointer
            if isinstance(node.get("required"), list) and "properties" in node:
                assert set(node["required"]) <= set(node["properties"]), pointer


def test_request_bodies_are_closed_so_typos_are_refused():
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            if "requestBody" in operation:
                schema = resolve(operation["requestBody"]["content"]["application/json"]["schema"])
                assert schema.get("additionalProperties") is False, (path, method)


def test_every_parameter_is_described_and_every_operation_documents_the_422():
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            for param in operation.get("parameters", []):
                assert param.get("description"), (path, method, param["name"])
            invalid = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert invalid == {"$ref": "#/components/schemas/Error"}, (path, method)
