"""The role-play, evaluation and attainment part of the OpenAPI document (issue 6).

openapi.py calls :func:`register_evaluations` once; the request schemas join ``schemas.SCHEMAS``
so that ``validation.json_body`` enforces exactly what is published.
"""

from typing import Any

from .schemas import (
    BOOL,
    INT,
    LEVEL,
    MAYBE_NUM,
    MAYBE_STAMP,
    NUM,
    SCHEMAS,
    STAMP,
    STR,
    arr,
    obj,
    ref,
    text,
)

TAGS = ("roleplays", "evaluations")


def _schemas() -> dict[str, Any]:
    stamp, maybe_stamp, maybe_num, level = STAMP, MAYBE_STAMP, MAYBE_NUM, LEVEL
    pid = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    group = {"type": "integer", "minimum": 1, "maximum": 100}
    placement = obj(
        {"participant_id": pid, "group": group},
        {"role_id": {"type": ["string", "null"], "maxLength": 64}},
        closed=True,
    )
    grading = obj(
        {
            "observer_id": INT,
            "performer_id": INT,
            "group": INT,
            "scores": {"type": "object", "description": "{criterion id: level 1 to 4}"},
            "comment": STR,
            "reason": STR,
            "created_at": stamp,
        }
    )
    extra = ("positioning", "hot", "cold", "gain", "retention", "roleplay", "quizzes")
    figures = obj(
        {"objective_id": STR, "percent": maybe_num, "level": level},
        dict.fromkeys(extra, maybe_num)
        | {
            "items": INT,
            "sources": {
                "type": "object",
                "description": "Percent per evidence source (quiz, live, roleplay, hot): "
                "services/evidence.py lists the sources.",
                "additionalProperties": maybe_num,
            },
        },
    )
    state = obj(
        {
            "kind": {"enum": ["positioning", "hot", "cold"]},
            "status": {"enum": ["not_opened", "open", "closed", "scheduled"]},
            "opened_at": maybe_stamp,
            "closed_at": maybe_stamp,
            "respondents": INT,
            "invited": INT,
            "response_rate": maybe_num,
        }
    )
    return {
        "EmptyBody": {**obj({}, closed=True), "description": "No body, or an empty object."},
        "RolePlayRunCreate": obj({"case_id": text(64)}, closed=True),
        "RolePlayGroups": {
            **obj(
                {},
                {
                    "mode": {"enum": ["auto", "manual"]},
                    "seed": {"type": "integer", "minimum": 0, "maximum": 10**9},
                    "groups": group,
                    "assignments": {**arr(placement), "maxItems": 500},
                },
                closed=True,
            ),
            "description": "mode auto: random groups and roles (seed kept); else assignments "
            "by hand, a missing role_id being drawn within the group.",
        },
        "GridCreate": obj(
            {"scores": {"type": "object", "maxProperties": 50}},
            {"comment": text(2000, 0), "reason": text(500, 0)},
            closed=True,
        ),
        "DebriefNote": obj({"note": text(5000, 0)}, closed=True),
        "EvaluationResponses": obj(
            {"responses": {"type": "object", "maxProperties": 200}}, closed=True
        ),
        "RolePlayRun": obj(
            {
                "id": INT,
                "session_id": INT,
                "case_id": STR,
                "title": {"type": ["string", "null"]},
                "status": {"enum": ["open", "closed"]},
                "seed": {"type": ["integer", "null"]},
                "debrief_note": STR,
                "created_at": stamp,
                "closed_at": maybe_stamp,
                "assignments": arr(obj({"participant_id": INT, "group": INT, "role_id": STR})),
            }
        ),
        "Grading": grading,
        "RunGrids": obj(
            {
                "run_id": INT,
                "criteria": arr(obj({"id": STR, "label": STR, "objectives": arr(STR)})),
                "groups": arr(
                    obj(
                        {
                            "group": INT,
                            "performer_id": {"type": ["integer", "null"]},
                            "gradings": arr(ref("Grading")),
                            "means": {"type": "object"},
                        }
                    )
                ),
            }
        ),
        "MyRolePlay": {
            **obj(
                {"run_id": INT, "case_id": STR, "title": STR, "status": STR, "context_html": STR},
                {
                    "role": {"type": ["object", "null"]},
                    "group": INT,
                    "teammates": arr(obj({"participant_id": INT, "name": STR, "role_name": STR})),
                    "grid": arr(obj({"id": STR, "label": STR, "levels": {"type": "object"}})),
                    "my_grids": arr(ref("Grading")),
                    "received": arr(ref("Grading")),
                },
            ),
            "description": "Only the caller's own role and brief: never another role's brief.",
        },
        "EvaluationState": state,
        "SessionEvaluations": obj(
            {
                "session_id": INT,
                "evaluations": arr(ref("EvaluationState")),
                "satisfaction": {"type": "object"},
                "cold": {"type": "object"},
            }
        ),
        "LearnerEvaluation": obj(
            {
                "kind": STR,
                "id": STR,
                "title": STR,
                "intro": STR,
                "open": BOOL,
                "submitted": BOOL,
                "sections": arr(
                    obj(
                        {
                            "id": STR,
                            "kind": STR,
                            "title": STR,
                            "questions": arr(ref("PublicQuestion")),
                        }
                    )
                ),
            }
        ),
        "EvaluationResults": obj(
            {
                "kind": STR,
                "submitted_at": stamp,
                "earned": NUM,
                "possible": NUM,
                "percent": maybe_num,
                "objectives": arr({"type": "object"}),
                "answers_revealed": BOOL,
                "results": arr({"type": "object"}),
            }
        ),
        "SessionAttainment": obj(
            {
                "session_id": INT,
                "thresholds": obj({"acquired": NUM, "in_progress": NUM}),
                "objectives": arr(ref("Objective")),
                "participants": arr(
                    obj({"id": INT, "name": STR, "objectives": arr(ref("ObjectiveFigures"))})
                ),
                "group": arr(ref("ObjectiveFigures")),
                "respondents": {"type": "object"},
                "invited": INT,
            }
        ),
        "ObjectiveFigures": figures,
        "OutboxMessage": obj(
            {
                "id": INT,
                "kind": STR,
                "to": STR,
                "subject": STR,
                "body": STR,
                "status": {"enum": ["pending", "sending", "sent", "failed", "copied"]},
                "attempts": INT,
                "created_at": stamp,
                "sent_at": maybe_stamp,
            }
        ),
    }


def _paths(op, write: tuple[str, ...]) -> dict[str, Any]:
    read, sid, rid, kind = ("401", "403", "404"), ("sid",), ("rid",), ("kind",)
    conflict = (*write, "409")
    optional_body = {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": ref("EmptyBody")}},
        }
    }

    def toggle(name: str, summary: str) -> dict[str, Any]:
        return op(
            name,
            summary,
            "evaluations",
            ("Its state", ref("EvaluationState")),
            conflict,
            params=(*sid, *kind),
            **optional_body,
        )

    return {
        "/sessions/{sid}/roleplays": {
            "get": op(
                "list_runs",
                "Role-play runs of a session",
                "roleplays",
                ("Runs, oldest first", arr(ref("RolePlayRun"))),
                params=sid,
            ),
            "post": op(
                "create_run",
                "Start a run of a case (trainer of the session)",
                "roleplays",
                ("Started (Location: the run)", ref("RolePlayRun")),
                conflict,
                "RolePlayRunCreate",
                sid,
                status="201",
            ),
        },
        "/roleplays/{rid}": {
            "get": op(
                "get_run",
                "A run with its groups and roles (staff of the session)",
                "roleplays",
                ("The run", ref("RolePlayRun")),
                params=rid,
            ),
        },
        "/roleplays/{rid}/groups": {
            "put": op(
                "set_groups",
                "Form groups and give roles, at random (seed kept) or by hand",
                "roleplays",
                ("The run", ref("RolePlayRun")),
                conflict,
                "RolePlayGroups",
                rid,
            ),
        },
        "/roleplays/{rid}/grids": {
            "get": op(
                "run_grids",
                "Every group's latest grids side by side, mean per criterion",
                "roleplays",
                ("Grids", ref("RunGrids")),
                params=rid,
            ),
            "post": op(
                "submit_grid",
                "Record the calling observer's grid, 1 to 4 per criterion (422 with "
                "details per criterion; 403 for anyone but an observer of the run); a retry "
                "with the same Idempotency-Key records nothing and gets the first grid",
                "roleplays",
                ("Recorded; a new grid corrects the previous one", ref("Grading")),
                conflict,
                "GridCreate",
                (*rid, "IdempotencyKey"),
                status="201",
            ),
        },
        "/roleplays/{rid}/debrief": {
            "put": op(
                "debrief",
                "Save the debrief note",
                "roleplays",
                ("The run", ref("RolePlayRun")),
                write,
                "DebriefNote",
                rid,
            ),
        },
        "/roleplays/{rid}/close": {
            "post": op(
                "close_run",
                "Close the run (idempotent)",
                "roleplays",
                ("The run", ref("RolePlayRun")),
                write,
                params=rid,
                **optional_body,
            ),
        },
        "/me/roleplays": {
            "get": op(
                "my_runs",
                "Runs in which I have a role",
                "learner",
                ("Runs", arr({"type": "object"})),
                read,
            ),
        },
        "/me/roleplays/{rid}": {
            "get": op(
                "my_run",
                "My role and brief (never another's), my group, the grid if I observe",
                "learner",
                ("My role", ref("MyRolePlay")),
                read,
                params=rid,
            ),
        },
        "/sessions/{sid}/evaluations": {
            "get": op(
                "session_evaluations",
                "Evaluations' states and response rates, satisfaction, cold evaluation",
                "evaluations",
                ("Evaluations", ref("SessionEvaluations")),
                params=sid,
            ),
        },
        "/sessions/{sid}/evaluations/{kind}/open": {
            "post": toggle("open_evaluation", "Open the positioning or hot evaluation"),
        },
        "/sessions/{sid}/evaluations/{kind}/close": {
            "post": toggle("close_evaluation", "Close the positioning or hot evaluation"),
        },
        "/me/evaluations/{kind}": {
            "get": op(
                "my_evaluation",
                "An evaluation as I see it (never an answer)",
                "learner",
                ("The evaluation", ref("LearnerEvaluation")),
                read,
                params=kind,
            ),
        },
        "/me/evaluations/{kind}/responses": {
            "post": op(
                "submit_evaluation",
                "Submit my answers once (409 when not open or already done)",
                "learner",
                ("My results", ref("EvaluationResults")),
                conflict,
                "EvaluationResponses",
                kind,
                status="201",
            ),
        },
        "/me/evaluations/{kind}/results": {
            "get": op(
                "my_results",
                "My results (404 before I submit)",
                "learner",
                ("My results", ref("EvaluationResults")),
                read,
                params=kind,
            ),
        },
        "/sessions/{sid}/attainment": {
            "get": op(
                "session_attainment",
                "Per objective: attainment and level, progress, retention, role plays, quizzes",
                "evaluations",
                ("Figures", ref("SessionAttainment")),
                params=sid,
            ),
        },
        "/sessions/{sid}/outbox": {
            "get": op(
                "session_outbox",
                "The session's messages (trainer of the session, admin)",
                "evaluations",
                ("Messages, newest first", arr(ref("OutboxMessage"))),
                params=sid,
            ),
        },
    }


PARAMETERS = {
    "rid": {
        "name": "rid",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
        "description": "Role-play run id",
    },
    "kind": {
        "name": "kind",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": ["positioning", "hot"]},
        "description": "An evaluation answered in the room",
    },
}


def register_evaluations(document: dict[str, Any]) -> None:
    """Add the role-play, evaluation and attainment paths, parameters, schemas and tags."""
    from .legacy_openapi import WRITE_ERRORS, op  # defined above the call

    schemas = _schemas()
    SCHEMAS.update(schemas)
    document["components"]["schemas"].update(schemas)
    document["components"]["parameters"].update(PARAMETERS)
    document["paths"].update(_paths(op, WRITE_ERRORS))
    known = {tag.get("name") for tag in document.get("tags", [])}
    document.setdefault("tags", []).extend({"name": n} for n in TAGS if n not in known)
