"""The poll shortcut (web.live.shortcut) answers exactly what the view would, and only then."""

import pytest
from flask import request_started

from lexom_learning.extensions import db
from lexom_learning.services import links
from tests.api.helpers import token_of


def _poll(client, token: str, lid: int, etag: str | None, path: str | None = None):
    headers = {"Authorization": f"Bearer {token}"}
    if etag is not None:
        headers["If-None-Match"] = etag
    return client.get(path or f"/api/v1/live-quizzes/{lid}", headers=headers)


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

    shortcut, app.wsgi_app = app.wsgi_app, app.wsgi_app.wsgi_app
    try:
        viewed = _poll(app.test_client(), token, lid, tag)
    finally:
        app.wsgi_app = shortcut
    assert dispatched == [f"/api/v1/live-quizzes/{lid}"]
    assert viewed.status_code == 304
    assert sorted(short.headers.items()) == sorted(viewed.headers.items())


def test_a_weak_or_listed_etag_is_recognised(app, api, room, dispatched):
    lid = api.start(room)
    token = token_of(room.bob)
    tag = _poll(app.test_client(), token, lid, None).headers["ETag"]
    dispatched.clear()
    assert _poll(app.test_client(), token, lid, f'W/{tag}, "other"').status_code == 304
    assert dispatched == []


def test_everything_else_goes_to_the_view(app, api, room, live_set, dispatched):
    lid = api.start(room)
    token = token_of(room.alice)
    tag = _poll(app.test_client(), token, lid, None).headers["ETag"]
    client = app.test_client()
    dispatched.clear()

    # The run moved on: the view builds the new state.
    api.move(room, lid, "next")
    moved = _poll(client, token, lid, tag)
    assert moved.status_code == 200
    assert moved.get_json()["current"]["question_id"] == live_set.questions[0].id
    new_tag = moved.headers["ETag"]

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
    # Other routes are never touched.
    bob = token_of(room.bob)
    assert (
        _poll(client, bob, lid, new_tag, path=f"/api/v1/live-quizzes/{lid}/results").status_code
        == 403
    )
    assert len(dispatched) == 8  # the trainer's move and the seven requests above
