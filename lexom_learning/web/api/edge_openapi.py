"""What the edge checks add to every operation of the OpenAPI document (issue 15).

A string path or query parameter holding a refused character (NUL, a control character, a
lone surrogate) is answered 422 naming it, before the view runs (web/edge.py): every
operation that takes one documents that 422.
"""

from typing import Any

INVALID = {"$ref": "#/components/responses/Invalid"}


def _resolve(document: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in item:
        _, _, section, name = item["$ref"].split("/")
        item = document["components"][section][name]
    return item


def document_edge_errors(document: dict[str, Any]) -> None:
    """Add the edge's 422 to each operation taking a string path or query parameter."""
    for item in document["paths"].values():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            parameters = [_resolve(document, p) for p in operation.get("parameters", [])]
            kinds = [_resolve(document, p.get("schema", {})).get("type") for p in parameters]
            if "string" in kinds:
                operation["responses"].setdefault("422", INVALID)
