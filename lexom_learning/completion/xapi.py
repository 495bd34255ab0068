"""Turn completion-log lines into xAPI 1.0.3 statements (ADL verbs), without any I/O."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITIES = "http://adlnet.gov/expapi/activities/"
NAMESPACE = uuid.UUID("5b1f8c9e-52c4-4d6f-9a51-3f4d2b1f6a10")
# our verb → (ADL verb, its English display, the activity type of the object)
VERBS: dict[str, tuple[str, str, str]] = {
    "unit_done": ("completed", "completed", "lesson"),
    "quiz_submitted": ("scored", "scored", "assessment"),
    "quiz_answered": ("answered", "answered", "interaction"),
    "live_answer": ("answered", "answered", "interaction"),
    "live_answered": ("answered", "answered", "interaction"),
    "roleplay_scored": ("scored", "scored", "simulation"),
    "evaluation_submitted": ("completed", "completed", "assessment"),
    "attendance_signed": ("attended", "attended", "meeting"),
    "attestation_issued": ("satisfied", "satisfied", "course"),
}
DEFAULT_VERB = ("experienced", "experienced", "module")


@dataclass(frozen=True, slots=True)
class LogLine:
    """One completion event as the log keeps it."""

    id: int
    session_id: int
    participant_id: int | None
    actor: str
    actor_name: str
    verb: str
    object_id: str
    result: dict[str, Any] | None
    content_version: str
    created_at: datetime


def statement(line: LogLine, base_url: str, course_id: str, course_title: str) -> dict[str, Any]:
    """Return the xAPI statement of one log line (stable id derived from the line's id)."""
    base = base_url.rstrip("/")
    verb_name, display, activity_type = VERBS.get(line.verb, DEFAULT_VERB)
    course_iri = f"{base}/xapi/activities/{course_id}"
    data: dict[str, Any] = {
        "id": str(uuid.uuid5(NAMESPACE, f"{base}/event/{line.id}")),
        "actor": _actor(line, base),
        "verb": {"id": ADL + verb_name, "display": {"en-US": display}},
        "object": {
            "objectType": "Activity",
            "id": f"{course_iri}/{line.object_id}",
            "definition": {
                "type": ACTIVITIES + activity_type,
                "name": {"fr-FR": line.object_id},
            },
        },
        "timestamp": line.created_at.isoformat(),
        "context": {
            "registration": str(
                uuid.uuid5(NAMESPACE, f"{base}/session/{line.session_id}/{line.participant_id}")
            ),
            "platform": "lexom_learning",
            "language": "fr-FR",
            "contextActivities": {
                "parent": [
                    {
                        "objectType": "Activity",
                        "id": course_iri,
                        "definition": {
                            "type": ACTIVITIES + "course",
                            "name": {"fr-FR": course_title},
                        },
                    }
                ]
            },
            "extensions": {
                f"{base}/xapi/extensions/session-id": line.session_id,
                f"{base}/xapi/extensions/content-version": line.content_version,
                f"{base}/xapi/extensions/verb": line.verb,
            },
        },
        "version": "1.0.3",
    }
    result = _result(line.result)
    if result:
        data["result"] = result
    return data


def _actor(line: LogLine, base: str) -> dict[str, Any]:
    """Return the statement's actor: an account id; a display name for staff and the system
    only, never a learner's name or e-mail (learners stay pseudonymous, issue 16)."""
    actor: dict[str, Any] = {"objectType": "Agent"}
    if (
        line.actor_name
        and line.actor_name != line.actor
        and not line.actor.startswith("participant:")
    ):
        actor["name"] = line.actor_name
    actor["account"] = {"homePage": base or "urn:lexom", "name": line.actor}
    return actor


def _result(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """Map our result fields (earned/possible, correct, response...) onto xAPI's result."""
    if not raw:
        return None
    result: dict[str, Any] = {}
    earned, possible = raw.get("earned"), raw.get("possible")
    if isinstance(earned, int | float) and isinstance(possible, int | float) and possible > 0:
        scaled = max(-1.0, min(1.0, earned / possible))
        result["score"] = {"raw": earned, "min": 0, "max": possible, "scaled": round(scaled, 4)}
    if isinstance(raw.get("correct"), bool):
        result["success"] = raw["correct"]
    if isinstance(raw.get("passed"), bool):
        result["success"] = raw["passed"]
    if "response" in raw:
        result["response"] = str(raw["response"])
    extras = {
        k: v
        for k, v in raw.items()
        if k not in ("earned", "possible", "correct", "passed", "response")
    }
    if extras:
        result["extensions"] = {f"urn:lexom:result:{k}": v for k, v in extras.items()}
    result["completion"] = True
    return result
