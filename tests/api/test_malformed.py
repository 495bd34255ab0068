"""Every write endpoint refuses malformed input with a 4xx and the error body, never a 500,
and writes nothing."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.storage import (
    ApiToken,
    CompletionEvent,
    Participant,
    QuizAttempt,
    TrainingSession,
)
from tests.api.helpers import assert_error, responses
from tests.factories import PASSWORD

LONG = "x" * 10_000


@dataclass(frozen=True)
class Write:
    """A write endpoint, who may call it, a valid body and its typed fields."""

    name: str
    path: str
    caller: str | None
    body: Callable[[Any], dict[str, Any]]
    fields: dict[str, str] = field(default_factory=dict)
    unknown: tuple[tuple[str, dict[str, Any] | None, str | None], ...] = ()
    optional_body: bool = False


WRITES = [
    Write(
        "token",
        "/auth/token",
        None,
        lambda course: {"email": "t@lexom.fr", "password": PASSWORD},
        {"email": "string", "password": "string"},
    ),
    Write(
        "session",
        "/sessions",
        "trainer",
        lambda course: {
            "course_id": course.id,
            "title": "Lyon",
            "starts_on": "2026-12-03",
            "ends_on": "2026-12-04",
            "location": "Lyon",
        },
        dict.fromkeys(("course_id", "title", "starts_on", "ends_on", "location"), "string"),
        unknown=(("/sessions", {"course_id": "inconnu"}, "course_id"),),
    ),
    Write(
        "participant",
        "/sessions/{sid}/participants",
        "trainer",
        lambda course: {"name": "Camille Martin", "email": "camille@exemple.fr"},
        {"name": "string", "email": "string"},
        unknown=(
            ("/sessions/999999/participants", None, None),
            ("/sessions/{other_sid}/participants", None, None),
            (f"/sessions/{10**30}/participants", None, None),
        ),
    ),
    Write(
        "unit",
        "/me/units/m1-u1/done",
        "participant",
        lambda course: {},
        unknown=(
            ("/me/units/inconnue/done", None, None),
            ("/me/units/" + "u" * 500 + "/done", None, None),
        ),
        optional_body=True,
    ),
    Write(
        "attempt",
        "/me/quizzes/m1-quiz/attempts",
        "participant",
        lambda course: {"responses": responses(course.quiz("m1-quiz"))},
        {"responses": "object"},
        unknown=(
            ("/me/quizzes/inconnu/attempts", None, None),
            ("/me/quizzes/live-day1/attempts", None, None),
        ),
    ),
]


def _raw(data, content_type="application/json"):
    return lambda valid: {"data": data, "content_type": content_type}


def _json(change: Callable[[dict], Any]):
    def build(valid):
        return {"data": json.dumps(change(dict(valid))), "content_type": "application/json"}

    return build


def _infinite_answer(valid):
    # Python reads 1e400 as inf; the quiz engine must refuse it rather than grade it.
    text = json.dumps({"responses": {**valid["responses"], "m1-q8": "INF"}})
    return {"data": text.replace('"INF"', "1e400"), "content_type": "application/json"}


def _cases(write: Write):
    yield "form-encoded", _raw("a=1", "application/x-www-form-urlencoded"), 415, None
    yield "no-content-type", lambda valid: {"data": json.dumps(valid) + " "}, 415, None
    yield "invalid-json", _raw("{pas du json"), 400, None
    yield "truncated-json", lambda valid: _raw(json.dumps(valid)[:-1])(valid), 400, None
    yield "nan", _raw('{"a": NaN}'), 400, None
    yield "latin-1", _raw('{"a": "é"}'.encode("latin-1")), 400, None
    yield "very-deep", _raw("[" * 5000 + "]" * 5000), 400, None
    yield "deep", _raw("[" * 30 + "]" * 30), 422, None
    yield "array", _raw("[]"), 422, None  # as a string or null would: the body is no object
    yield "extra-field", _json(lambda b: {**b, "zzz": 1}), 422, "zzz"
    yield "huge-integer", _json(lambda b: {**b, "zzz": 10**30}), 422, "zzz"
    yield "too-large", _json(lambda b: {**b, "zzz": "x" * 100_000}), 413, None
    if not write.optional_body:
        yield "empty-body", _raw(""), 400, None
        yield "empty-object", _raw("{}"), 422, next(iter(write.fields))
    for name, kind in write.fields.items():
        yield (
            f"missing-{name}",
            _json(lambda b, n=name: {k: v for k, v in b.items() if k != n}),
            422,
            name,
        )
        yield f"null-{name}", _json(lambda b, n=name: {**b, n: None}), 422, name
        wrong = [] if kind == "string" else "texte"
        yield f"wrong-type-{name}", _json(lambda b, n=name, w=wrong: {**b, n: w}), 422, name
        if kind == "string":
            yield f"long-{name}", _json(lambda b, n=name: {**b, n: LONG}), 422, name
    if write.name == "attempt":
        yield (
            "long-answer",
            _json(lambda b: {"responses": {**b["responses"], "m1-q3": LONG}}),
            422,
            "responses",
        )
        yield (
            "huge-number-answer",
            _json(lambda b: {"responses": {**b["responses"], "m1-q8": 10**30}}),
            422,
            "responses.m1-q8",
        )
        yield "infinite-answer", _infinite_answer, 422, "responses"
        yield (
            "answers-as-list",
            _json(lambda b: {"responses": list(b["responses"].items())}),
            422,
            "responses",
        )
        yield (
            "too-many-answers",
            _json(lambda b: {"responses": {f"q{i}": 1 for i in range(300)}}),
            422,
            "responses",
        )


CASES = [
    pytest.param(write, build, status, fld, id=f"{write.name}-{case}")
    for write in WRITES
    for case, build, status, fld in _cases(write)
]


def _counts() -> tuple[int, ...]:
    models = (TrainingSession, Participant, ApiToken, CompletionEvent, QuizAttempt)
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in models)


def _path(template: str, world) -> str:
    return template.format(sid=world.session.id, other_sid=world.other_session.id)


@pytest.fixture
def trainer_with_password(factories):
    return factories.UserFactory(email="t@lexom.fr")


@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
def test_the_valid_body_is_accepted(api, world, course, trainer_with_password, write):
    response = api.post(
        _path(write.path, world), world.who(write.caller or "anonymous"), write.body(course)
    )
    assert response.status_code in (200, 201), response.get_json()


@pytest.mark.parametrize("write, build, status, field_name", CASES)
def test_malformed_bodies_get_a_4xx_and_write_nothing(
    api, world, course, trainer_with_password, write, build, status, field_name
):
    who = world.who(write.caller or "anonymous")
    api.bearer(who)  # issue the caller's token now: it is not a write of the endpoint
    before = _counts()
    response = api.call("POST", _path(write.path, world), who, **build(write.body(course)))
    error = assert_error(response, status)
    if field_name is not None:
        assert error.get("field") == field_name, error
    assert _counts() == before


@pytest.mark.parametrize(
    "write, path, change, field_name",
    [
        pytest.param(w, path, change, fld, id=f"{w.name}-{i}")
        for w in WRITES
        for i, (path, change, fld) in enumerate(w.unknown)
    ],
)
def test_unknown_ids_get_404(api, world, course, write, path, change, field_name):
    who = world.who(write.caller)
    api.bearer(who)
    before = _counts()
    body = {**write.body(course), **(change or {})}
    response = api.post(_path(path, world), who, body)
    assert_error(response, 404, field_name)
    assert _counts() == before
