"""The live-quiz part of the OpenAPI document (issue 5): paths, parameters and schemas.

openapi.py calls :func:`register_live` once; the request schemas join ``schemas.SCHEMAS`` so that
``validation.json_body`` enforces exactly what is published.
"""

from typing import Any

from .schemas import BOOL, INT, ITEM, NUM, SCHEMAS, STR, arr, obj, ref, text

TAG = "live"
STATUS = {"enum": ["waiting", "open", "closed", "finished"]}
MAYBE_BOOL = {"type": ["boolean", "null"]}
MAYBE_INT = {"type": ["integer", "null"]}
NOT_MODIFIED = {"304": {"description": "Not modified: the If-None-Match ETag still holds."}}

ANY = {"description": "Any JSON value, shaped as the question type's response"}
MINE = {
    "type": ["object", "null"],
    "description": "The participant's own last response (participants only)",
    "required": ["response", "text", "changes"],
    "properties": {"response": ANY, "text": STR, "chosen": arr(STR), "changes": INT},
}
RESULT = obj(
    {
        "answered": BOOL,
        "correct": MAYBE_BOOL,
        "earned": NUM,
        "possible": NUM,
        "solution": ANY,
        "solution_text": STR,
        "explanation": STR,
        "feedback": arr(STR),
    }
)
RESULT["description"] = "Only once the question is closed (participants only)"
CARD_FIELDS = {"index": INT, "question_id": STR, "prompt": STR, "type": STR, "options": arr(ITEM)}
CARD_EXTRAS = {
    "unit": STR,
    "items": arr(ITEM),
    "left": arr(ITEM),
    "right": arr(ITEM),
    "scale": {"type": "object"},
    "max_length": INT,
}
CURRENT = {
    "type": ["object", "null"],
    "description": "The question open or just closed, null otherwise. Never an answer while "
    "open: a participant gets mine, then result once closed; the trainer gets the solution.",
    "required": list(CARD_FIELDS),
    "properties": {
        **CARD_FIELDS,
        **CARD_EXTRAS,
        "mine": MINE,
        "result": RESULT,
        "solution": ANY,
        "solution_text": STR,
        "explanation": STR,
        "answered": INT,
    },
}
SCORE = {
    "type": ["object", "null"],
    "description": "The participant's own counted answers to the closed questions",
    "properties": {"answered": INT, "correct": INT, "closed": INT},
}
LIVE_SCHEMAS: dict[str, Any] = {
    "LiveQuizStart": obj({"quiz_id": text(64)}, {"leaderboard": BOOL}, closed=True),
    "LiveAnswerPut": obj(
        {"response": ANY},
        {
            "request_id": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_.:-]{1,64}$",
                "description": "The phone's id of this answer, new for each answer: a late "
                "resend of an earlier answer (A, B, then A's request again) is recognised as "
                "that request (repeated: true) instead of becoming the last answer.",
            }
        },
        closed=True,
    ),
    "LiveQuiz": obj(
        {
            "id": INT,
            "session_id": INT,
            "quiz_id": STR,
            "title": STR,
            "status": STATUS,
            "index": MAYBE_INT,
            "total": INT,
            "leaderboard": BOOL,
        }
    ),
    "LiveState": obj(
        {
            "id": INT,
            "quiz_id": STR,
            "title": STR,
            "status": STATUS,
            "total": INT,
            "leaderboard": BOOL,
            "current": CURRENT,
        },
        {"score": SCORE, "enrolled": INT},
    ),
    # Closed: a receipt never says whether the answer is right.
    "LiveAnswerReceipt": obj(
        {
            "live_quiz_id": INT,
            "question_id": STR,
            "stored": BOOL,
            "changes": INT,
            "repeated": BOOL,
        },
        closed=True,
    ),
    "LiveResults": {
        "allOf": [
            ref("LiveQuiz"),
            obj(
                {
                    "questions": arr(
                        obj(
                            {
                                "index": INT,
                                "question_id": STR,
                                "prompt": {"type": ["string", "null"]},
                                "type": {"type": ["string", "null"]},
                                "status": {"enum": ["pending", "open", "closed"]},
                                "answered": INT,
                                "correct": INT,
                                "counts": arr(
                                    obj(
                                        {
                                            "id": STR,
                                            "text": STR,
                                            "count": INT,
                                            "correct": MAYBE_BOOL,
                                        }
                                    )
                                ),
                            }
                        )
                    ),
                    "participants": arr(
                        obj(
                            {
                                "participant_id": INT,
                                "name": STR,
                                "answered": INT,
                                "correct": INT,
                                "earned": NUM,
                                "possible": NUM,
                            }
                        )
                    ),
                    "ranking": arr(
                        obj({"rank": INT, "participant_id": INT, "name": STR, "correct": INT})
                    ),
                }
            ),
        ]
    },
}

LIVE_PARAMETERS: dict[str, Any] = {
    "lid": {
        "name": "lid",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
        "description": "Live quiz (run) id",
    },
    "question_id": {
        "name": "question_id",
        "in": "path",
        "required": True,
        "schema": STR,
        "description": "Question id, e.g. l1-q3",
    },
}


def _op(
    operation_id: str,
    summary: str,
    ok: tuple[str, str],
    errors: tuple[str, ...],
    params: tuple[str, ...],
    body: str | None = None,
    status: str = "200",
) -> dict[str, Any]:
    names = {
        "400": "BadRequest",
        "401": "Unauthorized",
        "403": "Forbidden",
        "404": "NotFound",
        "409": "Conflict",
        "413": "TooLarge",
        "415": "UnsupportedMediaType",
        "422": "Invalid",
    }
    description, schema = ok
    responses: dict[str, Any] = {
        status: {
            "description": description,
            "content": {"application/json": {"schema": ref(schema)}},
        }
    }
    responses.update({e: {"$ref": f"#/components/responses/{names[e]}"} for e in errors})
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [TAG],
        "responses": responses,
        "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in params],
    }
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(body)}},
        }
    return operation


READ = ("401", "403", "404")
WRITE = ("400", "401", "403", "404", "409", "413", "415", "422")
MOVE = ("401", "403", "404", "409")


def _move(operation_id: str, summary: str) -> dict[str, Any]:
    return {
        "post": _op(
            operation_id, summary, ("The run, as the trainer sees it", "LiveState"), MOVE, ("lid",)
        )
    }


LIVE_PATHS: dict[str, Any] = {
    "/sessions/{sid}/live-quizzes": {
        "post": _op(
            "start_live_quiz",
            "Start a live quiz from a live set or a module quiz (trainer of the session)",
            ("Started, waiting for the first question", "LiveQuiz"),
            WRITE,
            ("sid",),
            "LiveQuizStart",
            "201",
        )
    },
    "/live-quizzes/{lid}/next": _move("next_question", "Open the next question (409 if not now)"),
    "/live-quizzes/{lid}/close": _move("close_question", "Close the open question (409 if none)"),
    "/live-quizzes/{lid}/finish": _move("finish_live_quiz", "Finish the run (409 if one is open)"),
    "/live-quizzes/{lid}": {
        "get": _op(
            "get_live_quiz",
            "The run as the caller may see it; never an answer before closing (ETag, 304)",
            ("The state", "LiveState"),
            READ,
            ("lid",),
        )
    },
    "/live-quizzes/{lid}/answers/{question_id}": {
        "put": _op(
            "put_live_answer",
            "Answer the open question; the last answer before closing counts. A retry is free: "
            "the same body again, or a request_id already stored (a late resend), is answered "
            "with the earlier receipt (repeated: true)",
            ("Kept (never says whether it is right)", "LiveAnswerReceipt"),
            WRITE,
            ("lid", "question_id"),
            "LiveAnswerPut",
        )
    },
    "/live-quizzes/{lid}/results": {
        "get": _op(
            "live_quiz_results",
            "Per question: counts per option, answered, correct; per participant; ranking",
            ("The results", "LiveResults"),
            READ,
            ("lid",),
        )
    },
}
LIVE_PATHS["/live-quizzes/{lid}"]["get"]["responses"].update(NOT_MODIFIED)


def register_live(document: dict[str, Any]) -> None:
    """Add the live-quiz paths, parameters, schemas and tag to the API's OpenAPI document."""
    SCHEMAS.update(LIVE_SCHEMAS)
    components = document["components"]
    components["schemas"].update(LIVE_SCHEMAS)
    components["parameters"].update(LIVE_PARAMETERS)
    document["paths"].update(LIVE_PATHS)
    if not any(tag.get("name") == TAG for tag in document.get("tags", [])):
        document.setdefault("tags", []).append({"name": TAG})
