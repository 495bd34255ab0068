"""Polling is cheap: every live view carries an ETag and answers 304 while nothing changed."""

from tests.live.conftest import LIVE_SET


def _etag(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.headers["ETag"]


def test_a_participant_polls_the_state_with_etags(api, room, live_set):
    lid = api.start(room)
    first = api.state(room.alice, lid)
    tag = _etag(first)
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert {"Authorization", "Cookie"} <= set(first.vary)
    again = api.call("GET", f"/live-quizzes/{lid}", room.alice, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == tag
    weak = api.call(
        "GET", f"/live-quizzes/{lid}", room.alice, headers={"If-None-Match": f"W/{tag}"}
    )
    assert weak.status_code == 304

    api.move(room, lid, "next")
    opened = api.call("GET", f"/live-quizzes/{lid}", room.alice, headers={"If-None-Match": tag})
    assert opened.get_json()["current"]["question_id"] == live_set.questions[0].id
    alice_tag = _etag(opened)
    bob_tag = _etag(api.state(room.bob, lid))
    assert alice_tag != bob_tag  # each participant has their own view

    api.answer(room.alice, lid, live_set.questions[0].id, "b")
    alice = api.call(
        "GET", f"/live-quizzes/{lid}", room.alice, headers={"If-None-Match": alice_tag}
    )
    assert alice.status_code == 200 and alice.get_json()["current"]["mine"]["response"] == "b"
    # Bob learns nothing from Alice's answer, not even that his view should change.
    bob = api.call("GET", f"/live-quizzes/{lid}", room.bob, headers={"If-None-Match": bob_tag})
    assert bob.status_code == 304


def test_the_trainers_view_changes_with_every_submission(api, room, live_set):
    lid = api.start(room)
    api.move(room, lid, "next")
    tag = _etag(api.state(room.trainer, lid))
    assert (
        api.call(
            "GET", f"/live-quizzes/{lid}", room.trainer, headers={"If-None-Match": tag}
        ).status_code
        == 304
    )
    api.answer(room.alice, lid, live_set.questions[0].id, "a")
    changed = api.call("GET", f"/live-quizzes/{lid}", room.trainer, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.get_json()["current"]["answered"] == 1


def test_the_phone_panel_and_the_projector_answer_304(app, api, room, sign_in, live_set):
    phone = sign_in(app.test_client(), room.alice)
    empty = phone.get("/me/live/panel")
    tag = _etag(empty)
    assert "Pas de quiz en cours" in empty.get_data(as_text=True)
    assert phone.get("/me/live/panel", headers={"If-None-Match": tag}).status_code == 304
    lid = api.start(room, LIVE_SET)
    started = phone.get("/me/live/panel", headers={"If-None-Match": tag})
    assert "Le quiz va commencer" in started.get_data(as_text=True)

    projector = sign_in(app.test_client(), room.trainer)
    board_tag = _etag(projector.get(f"/trainer/live/{lid}/board"))
    assert (
        projector.get(
            f"/trainer/live/{lid}/board", headers={"If-None-Match": board_tag}
        ).status_code
        == 304
    )
    api.move(room, lid, "next")
    board = projector.get(f"/trainer/live/{lid}/board", headers={"If-None-Match": board_tag})
    assert live_set.questions[0].prompt in board.get_data(as_text=True)
