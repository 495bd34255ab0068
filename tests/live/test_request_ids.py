"""Each live answer carries the phone's request id: a late resend of an earlier answer (A, B,
then A's request again) is recognised as that request, never stored as the last answer; the
API view, the phone shortcut and the phone page agree."""

import json

import pytest
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.storage import Answer, LiveAnswer
from tests.api.helpers import assert_error, token_of
from tests.live.test_pages import _meta_token
from tests.live.test_shortcut import without_shortcut


def _put(client, who, lid, question_id, response, request_id=None):
    body = {"response": response}
    if request_id is not None:
        body["request_id"] = request_id
    return client.put(
        f"/api/v1/live-quizzes/{lid}/answers/{question_id}",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_of(who)}"},
    )


def _stored(participant_id):
    rows = db.session.scalars(
        select(LiveAnswer)
        .where(LiveAnswer.participant_id == participant_id)
        .order_by(LiveAnswer.seq)
    )
    return [(r.seq, r.response, r.request_id) for r in rows]


def _counted(participant_id):
    rows = db.session.scalars(
        select(Answer).where(Answer.participant_id == participant_id, Answer.context == "live")
    )
    return [r.response for r in rows]


@pytest.mark.parametrize("shortcut", [True, False], ids=["shortcut", "view"])
def test_a_late_resend_is_the_earlier_request(app, api, room, live_set, shortcut):
    spec = live_set.questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    client = app.test_client()
    a, b = spec.options[0].id, spec.options[1].id

    def send(response, request_id):
        if shortcut:
            return _put(client, room.alice, lid, spec.id, response, request_id)
        with without_shortcut(app):
            return _put(client, room.alice, lid, spec.id, response, request_id)

    first = send(a, "req-a")
    second = send(b, "req-b")
    late = send(a, "req-a")  # the first request, delivered again after the second
    assert [r.status_code for r in (first, second, late)] == [200, 200, 200]
    assert first.get_json()["changes"] == 1 and second.get_json()["changes"] == 2
    assert late.get_json()["repeated"] is True and late.get_json()["changes"] == 1
    assert _stored(room.alice.id) == [(1, a, "req-a"), (2, b, "req-b")]
    changed_back = send(a, "req-c")  # a new request: the learner chose A again
    assert changed_back.get_json() == {**changed_back.get_json(), "changes": 3, "repeated": False}
    api.move(room, lid, "close")
    assert _counted(room.alice.id) == [a]
    assert send(a, "req-a").get_json()["repeated"] is True  # still recognised once closed


def test_a_late_resend_after_another_answer_is_never_the_counted_one(app, api, room, live_set):
    spec = live_set.questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    client = app.test_client()
    a, b = spec.options[0].id, spec.options[1].id
    _put(client, room.bob, lid, spec.id, a, "1")
    _put(client, room.bob, lid, spec.id, b, "2")
    _put(client, room.bob, lid, spec.id, a, "1")
    api.move(room, lid, "close")
    assert _counted(room.bob.id) == [b]


def test_a_malformed_request_id_is_refused(app, api, room, live_set):
    spec = live_set.questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    refused = _put(app.test_client(), room.alice, lid, spec.id, spec.options[0].id, "a b")
    assert_error(refused, 422)
    assert _stored(room.alice.id) == []


def test_the_phone_page_sends_a_request_id_that_is_honoured(app, api, room, sign_in, live_set):
    spec = live_set.questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    phone = sign_in(app.test_client(), room.alice)
    token = _meta_token(phone.get("/me/live").get_data(as_text=True))
    path = f"/me/live/{lid}/answers/{spec.id}"
    headers = {"X-CSRFToken": token}
    a, b = spec.options[0].id, spec.options[1].id
    assert (
        phone.put(path, json={"response": a, "request_id": "p1"}, headers=headers).status_code
        == 200
    )
    phone.put(path, json={"response": b, "request_id": "p2"}, headers=headers)
    late = phone.put(path, json={"response": a, "request_id": "p1"}, headers=headers)
    assert late.get_json()["repeated"] is True
    assert [r[1] for r in _stored(room.alice.id)] == [a, b]
    script = app.test_client().get("/static/live/live.js").get_data(as_text=True)
    assert "request_id: requestId()" in script
