"""Every endpoint refuses the callers who must be refused, and lets the others in."""

import pytest
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.storage import CompletionEvent, Participant, QuizAttempt, TrainingSession
from tests.api.helpers import assert_error

NEW_SESSION = {
    "course_id": "mrk-stra-05",
    "title": "Lyon",
    "starts_on": "2026-12-03",
    "ends_on": "2026-12-04",
    "location": "Lyon",
}
ANY = ("participant", "other_participant", "trainer", "other_trainer", "compliance", "admin")
# kind: (callers let in, {refused caller: status})
RULES = {
    "signed-in": (ANY, {"anonymous": 401}),
    "staff-list": (
        ("trainer", "compliance", "admin"),
        {"anonymous": 401, "participant": 403},
    ),
    "create-session": (
        ("trainer",),
        {"anonymous": 401, "participant": 403, "compliance": 403, "admin": 403},
    ),
    "session-read": (
        ("trainer", "compliance", "admin"),
        {"anonymous": 401, "participant": 403, "other_participant": 403, "other_trainer": 404},
    ),
    "session-write": (
        ("trainer", "admin"),
        {
            "anonymous": 401,
            "participant": 403,
            "other_participant": 403,
            "other_trainer": 404,
            "compliance": 403,
        },
    ),
    "learner": (
        ("participant", "other_participant"),
        {"anonymous": 401, "trainer": 403, "other_trainer": 403, "compliance": 403, "admin": 403},
    ),
}
ENDPOINTS = [
    ("GET", "/courses/mrk-stra-05", None, "signed-in"),
    ("GET", "/sessions", None, "staff-list"),
    ("POST", "/sessions", NEW_SESSION, "create-session"),
    ("GET", "/sessions/{sid}", None, "session-read"),
    ("GET", "/sessions/{sid}/participants", None, "session-read"),
    (
        "POST",
        "/sessions/{sid}/participants",
        {"name": "Léa", "email": "lea@exemple.fr"},
        "session-write",
    ),
    ("GET", "/sessions/{sid}/progress", None, "session-read"),
    ("GET", "/me", None, "learner"),
    ("GET", "/me/progress", None, "learner"),
    ("POST", "/me/units/m1-u1/done", {}, "learner"),
    ("GET", "/me/quizzes/m1-quiz", None, "learner"),
    ("GET", "/me/quizzes/m1-quiz/attempts", None, "learner"),
    ("POST", "/me/quizzes/m1-quiz/attempts", {"responses": {"m1-q3": "a"}}, "learner"),
]


def _params(refused: bool) -> list:
    return list(_generate(refused))


def _generate(refused: bool):
    for method, path, body, kind in ENDPOINTS:
        allowed, refusals = RULES[kind]
        callers = refusals.items() if refused else ((c, None) for c in allowed)
        for caller, status in callers:
            yield pytest.param(method, path, body, caller, status, id=f"{method} {path} {caller}")


def _counts():
    models = (TrainingSession, Participant, CompletionEvent, QuizAttempt)
    return [db.session.scalar(select(func.count()).select_from(m)) for m in models]


@pytest.mark.parametrize("method, path, body, caller, status", _params(refused=True))
def test_refused_callers_get_the_error_and_change_nothing(
    api, world, method, path, body, caller, status
):
    who = world.who(caller)
    api.bearer(who)
    before = _counts()
    response = api.call(method, path.format(sid=world.session.id), who, body)
    assert_error(response, status)
    assert _counts() == before


@pytest.mark.parametrize("method, path, body, caller, status", _params(refused=False))
def test_allowed_callers_get_in(api, world, method, path, body, caller, status):
    response = api.call(method, path.format(sid=world.session.id), world.who(caller), body)
    # The attempt's body answers one question only: getting as far as grading proves access.
    expected = 422 if path.endswith("/attempts") and method == "POST" else None
    if expected:
        assert_error(response, expected, "responses")
    else:
        assert response.status_code in (200, 201), response.get_json()


def test_a_trainer_cannot_reach_a_participant_through_another_session(api, world):
    # Participants are listed through their own session only.
    listed = api.get(f"/sessions/{world.session.id}/participants", world.trainer).get_json()
    assert world.other_participant.id not in {p["id"] for p in listed}
    assert_error(api.get(f"/sessions/{world.other_session.id}/participants", world.trainer), 404)
