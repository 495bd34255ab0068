"""The phone shortcut (web.live.shortcut) answers exactly what the views would, and only then."""

import json
from contextlib import contextmanager

import pytest
from flask import request_started
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import links
from lexom_learning.storage import LiveAnswer
from tests.api.helpers import token_of


def _poll(client, token: str, lid: int, etag: str | None, path: str | None = None):
    headers = {"Authorization": f"Bearer {token}"}
    if etag is not None:
        headers["If-None-Match"] = etag
    return client.get(path or f"/api/v1/live-quizzes/{lid}", headers=headers)


def _answer(client, token: str, lid: int, question_id: str, body, content_type=None):
    return client.put(
        f"/api/v1/live-quizzes/{lid}/answers/{question_id}",
        data=body if isinstance(body, bytes) else json.dumps(body),
        content_type=content_type or "application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def dispatched(app):
    """The paths Flask itself handled during the test (the shortcut's answers are not here)."""
    seen: list[str] = []

    def record(sender, **extra):
        from flask import request

        seen.append(request.path)

    request_started.connect(record, app)
    yield seen
    request_started.disconnect(record, app)


@contextmanager
def without_shortcut(app):
    """Serve requests with the views alone, to compare."""
    shortcut, app.wsgi_app = app.wsgi_app, app.wsgi_app.wsgi_app
    try:
        yield
    finally:
        app.wsgi_app = shortcut


def same_response(short, viewed) -> None:
    assert short.status_code == viewed.status_code
    assert short.get_data() == viewed.get_data()
    assert sorted(short.headers.items()) == sorted(viewed.headers.items())


def test_an_unchanged_poll_is_answered_before_flask_as_the_view_would(app, api, room, dispatched):
    lid = api.start(room)
    api.move(room, lid, "next")
    token = token_of(room.alice)
    first = _poll(app.test_client(), token, lid, None)
    assert first.status_code == 200
    tag = first.headers["ETag"]
    dispatched.clear()

    short = _poll(app.test_client(), token, lid, tag)
    assert short.status_code == 304 and short.get_data() == b""
    assert dispatched == []  # Flask never saw it
    with without_shortcut(app):
        viewed = _poll(app.test_client(), token, lid, tag)
    assert dispatched == [f"/api/v1/live-quizzes/{lid}"]
    same_response(short, viewed)


def test_a_new_state_is_built_before_flask_as_the_view_would(app, api, room, live_set, dispatched):
    lid = api.start(room)
    token = token_of(room.alice)
    tag = _poll(app.test_client(), token, lid, None).headers["ETag"]
    for move in ("next", "close", "next"):
        api.move(room, lid, move)
        dispatched.clear()
        short = _poll(app.test_client(), token, lid, tag)
        assert short.status_code == 200 and dispatched == []
        with without_shortcut(app):
            viewed = _poll(app.test_client(), token, lid, tag)
        same_response(short, viewed)
        tag = short.headers["ETag"]
    assert short.get_json()["current"]["question_id"] == live_set.questions[1].id
    assert short.get_json()["score"] == {"answered": 0, "correct": 0, "closed": 1}


def test_a_weak_or_listed_etag_is_recognised(app, api, room, dispatched):
    lid = api.start(room)
    token = token_of(room.bob)
    tag = _poll(app.test_client(), token, lid, None).headers["ETag"]
    dispatched.clear()
    assert _poll(app.test_client(), token, lid, f'W/{tag}, "other"').status_code == 304
    assert dispatched == []


def test_an_answer_is_stored_before_flask_with_the_views_receipt(app, api, room, live_set):
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    option = question.options[0].id
    client = app.test_client()
    seen: list[str] = []
    request_started.connect(lambda sender, **extra: seen.append("flask"), app, weak=False)

    short = _answer(client, token_of(room.alice), lid, question.id, {"response": option})
    again = _answer(client, token_of(room.alice), lid, question.id, {"response": option})
    assert seen == []
    with without_shortcut(app):
        viewed = _answer(client, token_of(room.bob), lid, question.id, {"response": option})
        repeated = _answer(client, token_of(room.bob), lid, question.id, {"response": option})
    assert seen == ["flask", "flask"]
    same_response(short, viewed)
    same_response(again, repeated)
    assert again.get_json()["repeated"] is True
    stored = db.session.scalar(select(func.count()).select_from(LiveAnswer))
    assert stored == 2  # a retry never stores twice, on either path


def test_a_refused_answer_gets_the_views_error(app, api, room, live_set, dispatched):
    lid = api.start(room)
    first, second = live_set.questions[0], live_set.questions[1]
    token = token_of(room.alice)
    client = app.test_client()

    def refused(question_id, body, status, **kwargs):
        dispatched.clear()
        response = _answer(client, token, lid, question_id, body, **kwargs)
        assert response.status_code == status, response.get_data(as_text=True)
        assert dispatched == [f"/api/v1/live-quizzes/{lid}/answers/{question_id}"]
        return response.get_json()["error"]

    option = first.options[0].id
    assert "pas encore commencé" in refused(first.id, {"response": option}, 409)["message"]
    api.move(room, lid, "next")
    assert "pas encore ouverte" in refused(second.id, {"response": option}, 409)["message"]
    assert refused("nope", {"response": option}, 404)["code"] == "not_found"
    assert refused(first.id, {"response": "zz"}, 422)["field"] == "response"
    assert "manquant" in refused(first.id, {"answer": option}, 422)["message"]
    assert refused(first.id, b"{", 400)["code"] == "bad_request"
    assert refused(first.id, b"a=b", 415, content_type="text/plain")["code"]
    dispatched.clear()
    outsider = _answer(client, token_of(room.outsider), lid, first.id, {"response": option})
    assert outsider.status_code == 404 and dispatched
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0
    # The body the shortcut read is given back whole: the view stores the answer.
    assert _answer(client, token, lid, first.id, {"response": option}).status_code == 200


def test_everything_else_goes_to_the_view(app, api, room, live_set, dispatched):
    lid = api.start(room)
    token = token_of(room.alice)
    client = app.test_client()
    api.move(room, lid, "next")
    new_tag = _poll(client, token, lid, None).headers["ETag"]
    dispatched.clear()

    # A forged signature, another session's participant, a staff token, no token at all.
    forged = token.rsplit(".", 1)[0] + "." + "0" * 40
    assert _poll(client, forged, lid, new_tag).status_code == 401
    assert _poll(client, token_of(room.outsider), lid, new_tag).status_code == 404
    assert _poll(client, token_of(room.trainer), lid, new_tag).status_code == 200
    anonymous = client.get(f"/api/v1/live-quizzes/{lid}", headers={"If-None-Match": new_tag})
    assert anonymous.status_code == 401

    # A revoked link stops working at once, even with an ETag that still matches.
    links.revoke_links(room.alice)
    db.session.commit()
    assert _poll(client, token, lid, new_tag).status_code == 401
    option = live_set.questions[0].options[0].id
    answered = _answer(client, token, lid, live_set.questions[0].id, {"response": option})
    assert answered.status_code == 401
    # Other routes are never touched.
    bob = token_of(room.bob)
    assert (
        _poll(client, bob, lid, new_tag, path=f"/api/v1/live-quizzes/{lid}/results").status_code
        == 403
    )
    assert len(dispatched) == 7  # the seven requests above


def test_a_phone_checked_by_its_poll_answers_in_one_statement(
    app, api, room, live_set, monkeypatch
):
    from lexom_learning.web.live import shortcut

    first_time = []

    def spy(*args, **kwargs):
        first_time.append(shortcut.store_first_time.__wrapped__(*args, **kwargs))
        return first_time[-1]

    spy.__wrapped__ = shortcut.store_first_time
    monkeypatch.setattr(shortcut, "store_first_time", spy)
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    a, b = (option.id for option in question.options[:2])
    token, client = token_of(room.alice), app.test_client()
    assert _poll(client, token, lid, None).status_code == 200  # the worker checks the token

    stored = [_answer(client, token, lid, question.id, {"response": r}) for r in (a, b)]
    assert [r.get_json()["changes"] for r in stored] == [1, 2]
    assert [receipt.changes for receipt in first_time] == [1, 2]

    # What may change is checked by the statement itself: a revoked link, a closed question.
    links.revoke_links(room.alice)
    db.session.commit()
    assert _answer(client, token, lid, question.id, {"response": a}).status_code == 401
    bob = token_of(room.bob)
    assert _poll(client, bob, lid, None).status_code == 200
    api.move(room, lid, "close")
    assert _answer(client, bob, lid, question.id, {"response": a}).status_code == 409
    assert first_time[2:] == [None, None]  # neither stored: the views answered
    count = select(func.count()).select_from(LiveAnswer)
    assert db.session.scalar(count.where(LiveAnswer.participant_id == room.alice.id)) == 2
    assert db.session.scalar(count.where(LiveAnswer.participant_id == room.bob.id)) == 0
