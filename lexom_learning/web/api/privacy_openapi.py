"""The personal-data part of the OpenAPI document (issue 16): export and erasure."""

from typing import Any

from .schemas import DATE, INT, SCHEMAS, STAMP, STR, arr, obj, ref, text

TAG = "privacy"
KEPT = obj(
    {
        "kind": {"type": "string", "enum": ["attestation", "certificat", "attendance_sheet"]},
        "reference": STR,
        "keep_until": DATE,
    },
    closed=True,
)
PRIVACY_SCHEMAS: dict[str, Any] = {
    "ErasureRequest": obj(
        {"reason": text(500, description="Why (the request's date and channel, or the rule)")},
        closed=True,
    ),
    "Erasure": obj(
        {
            "participant_id": INT,
            "pseudonym": STR,
            "erased_at": STAMP,
            "changed": {"type": "object", "additionalProperties": INT},
            "kept_documents": arr(KEPT),
            "notice": STR,
        }
    ),
}
PARAMETERS: dict[str, Any] = {
    "pid": {
        "name": "pid",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
        "description": "Participant id",
    }
}


def _paths(op) -> dict[str, Any]:
    export = op(
        "personal_data",
        "ZIP of every record of a participant and their documents (compliance, admin)",
        TAG,
        ("ZIP: donnees-personnelles.json and the PDFs", {"type": "string"}),
        ("401", "403", "404"),
        params=("pid",),
    )
    export["responses"]["200"]["content"] = {
        "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}
    }
    erase = op(
        "erase_participant",
        "Erase a participant's personal data, keep the legal documents (compliance, admin)",
        TAG,
        ("Done: what changed, the documents kept and until when", ref("Erasure")),
        ("400", "401", "403", "404", "409", "413", "415", "422"),
        "ErasureRequest",
        params=("pid",),
    )
    return {
        "/participants/{pid}/personal-data": {"get": export},
        "/participants/{pid}/erasure": {"post": erase},
    }


def register_privacy(document: dict[str, Any], op) -> None:
    """Add the personal-data paths, parameter and schemas to the document."""
    SCHEMAS.update(PRIVACY_SCHEMAS)
    components = document["components"]
    components["schemas"].update(PRIVACY_SCHEMAS)
    components["parameters"].update(PARAMETERS)
    document["paths"].update(_paths(op))
    if not any(tag.get("name") == TAG for tag in document.get("tags", [])):
        document.setdefault("tags", []).append({"name": TAG})
