"""The JSON shapes of the API as JSON Schema (2020-12, as OpenAPI 3.1 uses): bodies and answers.

openapi.py publishes them under components.schemas; validation.py enforces the request ones.
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
SCHEDULE_ENTRY = obj(
    {
        "slot": text(20, description="Half-day id (course.yaml half_days[].id)"),
        "date": DATE,
        "start": text(5, description="Local time in Europe/Paris, HH:MM"),
        "end": text(5, description="Local time in Europe/Paris, HH:MM, after start"),
    },
    closed=True,
)
SCHEDULE = {
    **arr(SCHEDULE_ENTRY),
    "maxItems": 40,
    "description": "Half-days to move (the others keep their dates and times; by default the "
    "course's times, 09:00-12:30 and 13:30-17:00, on consecutive days from starts_on to "
    "ends_on). Half-days must follow each other without overlapping.",
}
MAYBE_STR = {"type": ["string", "null"]}
SESSION_KIND_IN = {
    "kind": {"enum": ["inter", "intra"], "description": "inter (default) or intra-company"},
    "client_name": {**MAYBE_STR, "maxLength": 200, "description": "required for intra"},
    "client_siret": {**MAYBE_STR, "maxLength": 20},
    "funder": {**MAYBE_STR, "maxLength": 200, "description": "OPCO, company, France Travail…"},
}

SCHEMAS: dict[str, Any] = {
    "Error": obj(
        {
            "error": obj(
                {"code": STR, "message": STR},
                {
                    "field": STR,
                    "details": {"type": ["object", "array"]},
                    "pending": {
                        **arr(obj({"participant_id": INT, "name": STR, "slot": STR, "label": STR})),
                        "description": "Closing refused: signatures awaiting countersignature.",
                    },
                },
            )
        }
    ),
    "TokenRequest": obj({"email": text(254), "password": text(1024)}, closed=True),
    "Token": obj(
        {
            "token": STR,
            "role": {"enum": ["admin", "trainer", "compliance"]},
            "expires_at": {**STAMP, "description": "LEXOM_API_TOKEN_DAYS after issue (30)"},
        }
    ),
    "Objective": obj({"id": STR, "text": STR}),
    "Unit": obj(
        {
            "id": STR,
            "title": STR,
            "minutes": INT,
            "covers": arr(STR),
            "body_markdown": STR,
            "html": {**STR, "description": "The Markdown body rendered and sanitised."},
        }
    ),
    "PublicQuestion": {
        **obj(
            {"id": STR, "type": STR, "prompt": STR, "points": NUM},
            {
                "options": arr(ITEM),
                "items": {
                    **arr(ITEM),
                    "description": "Ordering: the items sorted by text, each under an id made "
                    "from its text (o- and 8 hex digits); the response lists these ids, first "
                    "to last.",
                },
                "left": arr(ITEM),
                "right": {
                    **arr(ITEM),
                    "description": "Matching: the right items sorted by text, each under an id "
                    "made from its text (r- and 8 hex digits).",
                },
                "unit": STR,
                "max_length": INT,
                "scale": obj({"min": INT, "max": INT, "labels": {"type": "object"}}),
            },
            closed=True,
        ),
        "description": "What a learner may see before answering: never the answer, the "
        "correctness of an option, its feedback or the explanation.",
    },
    "Quiz": obj(
        {
            "id": STR,
            "title": STR,
            "module": STR,
            "max_attempts": MAYBE_INT,
            "pass_pct": NUM,
            "questions": arr(ref("PublicQuestion")),
        }
    ),
    "Module": obj(
        {
            "id": STR,
            "title": STR,
            "day": INT,
            "minutes": INT,
            "objectives": arr(STR),
            "topics": arr(ITEM),
            "units": arr(ref("Unit")),
            "quizzes": arr(ref("Quiz")),
        }
    ),
    "Course": obj(
        {
            "id": STR,
            "ref": STR,
            "title": STR,
            "domain": STR,
            "days": INT,
            "hours": NUM,
            "version": STR,
            "objectives": arr(ref("Objective")),
            "half_days": arr(
                obj(
                    {"id": STR, "day": INT, "label": STR, "hours": NUM},
                    {
                        "start": {
                            "type": ["string", "null"],
                            "description": "HH:MM, Europe/Paris; null: 09:00 for a day's first "
                            "half-day, else 13:30",
                        },
                        "end": {
                            "type": ["string", "null"],
                            "description": "HH:MM, Europe/Paris; null: 12:30 or 17:00",
                        },
                    },
                )
            ),
            "modules": arr(ref("Module")),
        }
    ),
    "SessionCreate": obj(
        {
            "course_id": text(64),
            "title": text(200),
            "starts_on": DATE,
            "ends_on": DATE,
            "location": text(200),
        },
        {"schedule": SCHEDULE, **SESSION_KIND_IN},
        closed=True,
    ),
    "SessionUpdate": obj({"schedule": SCHEDULE}, closed=True),
    "Session": obj(
        {
            "id": INT,
            "course_id": STR,
            "title": STR,
            "starts_on": DATE,
            "ends_on": DATE,
            "location": STR,
            "status": {"enum": ["planned", "closing", "closed"]},
            "closed_at": MAYBE_STAMP,
            "created_at": STAMP,
            "trainer": obj({"id": INT, "name": STR}),
            "participants": {**INT, "description": "Number of participants enrolled."},
            "kind": {"enum": ["inter", "intra"]},
            "client_name": MAYBE_STR,
            "client_siret": MAYBE_STR,
            "funder": MAYBE_STR,
        },
        {
            "schedule": {
                **arr(SCHEDULE_ENTRY),
                "description": "Every half-day with its date and times (Europe/Paris).",
            },
            "interruption": {
                "type": ["object", "null"],
                "description": "Set when the session was closed as interrupted: "
                "interrupted_at (date-time) and reason.",
            },
        },
    ),
    "ParticipantCreate": obj(
        {"name": text(200), "email": text(254)},
        {
            "employer_name": {**MAYBE_STR, "maxLength": 200},
            "employer_siret": {**MAYBE_STR, "maxLength": 20, "description": "14 digits"},
            "manager_email": {**text(254, 0), "description": "The manager (N+1), optional."},
        },
        closed=True,
    ),
    "Participant": obj(
        {
            "id": INT,
            "session_id": INT,
            "name": STR,
            "email": STR,
            "created_at": STAMP,
            "employer_name": MAYBE_STR,
            "employer_siret": MAYBE_STR,
        },
        {
            "manager_email": {
                "type": ["string", "null"],
                "description": "The manager (N+1), who receives the manager's questionnaire.",
            },
            "access_token": {"type": ["string", "null"], "description": "Managers only."},
            "access_url": {"type": ["string", "null"], "format": "uri"},
        },
    ),
    "ModuleProgress": obj(
        {
            "module_id": STR,
            "units_done": INT,
            "units_total": INT,
            "percent": INT,
            "quiz_id": {"type": ["string", "null"]},
            "best_percent": MAYBE_NUM,
            "attempts_used": INT,
            "attempts_max": MAYBE_INT,
        }
    ),
    "Progress": obj(
        {
            "percent": INT,
            "units_done": INT,
            "units_total": INT,
            "modules": arr(ref("ModuleProgress")),
        },
        {"done_units": arr(STR)},
    ),
    "Attainment": obj({"objective_id": STR, "percent": MAYBE_NUM, "level": LEVEL, "items": INT}),
    "SessionProgress": obj(
        {
            "session_id": INT,
            "course_id": STR,
            "thresholds": obj({"acquired": NUM, "in_progress": NUM}),
            "objectives": arr(ref("Objective")),
            "participants": arr(
                obj(
                    {
                        "id": INT,
                        "name": STR,
                        "email": STR,
                        "progress": ref("Progress"),
                        "attainment": arr(ref("Attainment")),
                    }
                )
            ),
            "group": {**arr(ref("Attainment")), "description": "Mean of the participants."},
        }
    ),
    "MyProgress": {
        "allOf": [ref("Progress"), obj({"attainment": arr(ref("Attainment"))})],
    },
    "Me": obj(
        {
            "participant": obj({"id": INT, "name": STR, "email": STR}),
            "session": ref("Session"),
            "course": obj({"id": STR, "ref": STR, "title": STR}),
            "progress": ref("Progress"),
            "attainment": arr(ref("Attainment")),
        }
    ),
    "UnitDoneRequest": {**obj({}, closed=True), "description": "No body, or an empty object."},
    "UnitDone": obj({"unit_id": STR, "done": BOOL, "recorded": BOOL}),
    "AttemptStatus": obj({"attempts_used": INT, "attempts_remaining": MAYBE_INT}),
    "LearnerQuiz": {"allOf": [ref("Quiz"), ref("AttemptStatus")]},
    "AttemptCreate": obj(
        {
            "responses": {
                "type": "object",
                "maxProperties": 200,
                "description": "{question id: response}; the response's shape depends on "
                "the question type (DESIGN.md section 8).",
            }
        },
        closed=True,
    ),
    "QuestionResult": obj(
        {
            "question_id": STR,
            "response": {},
            "earned": NUM,
            "possible": NUM,
            "correct": {"type": ["boolean", "null"]},
            "feedback": {
                "type": ["array", "null"],
                "items": STR,
                "description": "Null while the attempt's answers are not revealed.",
            },
            "explanation": {
                "type": ["string", "null"],
                "description": "Null while the attempt's answers are not revealed.",
            },
        }
    ),
    "Attempt": obj(
        {
            "number": INT,
            "quiz_id": STR,
            "submitted_at": STAMP,
            "earned": NUM,
            "possible": NUM,
            "percent": NUM,
            "passed": BOOL,
            "content_version": STR,
            "answers_revealed": {
                **BOOL,
                "description": "Whether feedback and explanations are shown: once the learner "
                "scored full marks or can no longer try (no attempt left, session closed).",
            },
            "results": arr(ref("QuestionResult")),
        }
    ),
    "AttemptResult": {"allOf": [ref("Attempt"), ref("AttemptStatus")]},
}
