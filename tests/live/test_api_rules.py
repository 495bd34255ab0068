"""The live-quiz API at its edges: who may do what, 409 / 422 / 403 / 404, and what is kept."""

import pytest
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import sessions
from lexom_learning.storage import Answer, LiveAnswer, LiveRun
from tests.api.helpers import assert_error
from tests.live.conftest import LIVE_SET


def _stored(lid, participant=None):
    query = select(LiveAnswer.response).where(LiveAnswer.run_id == lid).order_by(LiveAnswer.id)
    if participant is not None:
        query = query.where(LiveAnswer.participant_id == participant.id)
    return list(db.session.scalars(query))


def _counted(lid):
    rows = db.session.execute(
        select(Answer.participant_id, Answer.question_id, Answer.response).where(
            Answer.context == "live", Answer.context_id == str(lid)
        )
    )
    return sorted(tuple(r) for r in rows)


def test_the_trainer_starts_a_live_set_or_a_module_quiz(api, room, course):
    response = api.post(
        f"/sessions/{room.session.id}/live-quizzes", room.trainer, {"quiz_id": LIVE_SET}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], body["index"], body["total"]) == (
        "waiting",
        None,
        len(course.quiz(LIVE_SET).questions),
    )
    assert response.headers["Location"].endswith(f"/api/v1/live-quizzes/{body['id']}")
    api.move(room, body["id"], "finish")
    assert api.start(room, "m1-quiz", leaderboard=True)


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 401), ("alice", 403), ("compliance", 403), ("other_trainer", 404)],
)
def test_only_the_sessions_trainer_starts_a_run(api, room, who, status):
    caller = None if who == "anonymous" else getattr(room, who)
    response = api.post(f"/sessions/{room.session.id}/live-quizzes", caller, {"quiz_id": LIVE_SET})
    assert_error(response, status)
    assert db.session.scalar(select(func.count()).select_from(LiveRun)) == 0


def test_starting_refuses_unknown_quizzes_a_second_run_and_closed_sessions(api, room):
    path = f"/sessions/{room.session.id}/live-quizzes"
    assert_error(api.post(path, room.trainer, {"quiz_id": "nope"}), 422, "quiz_id")
    assert_error(api.post(path, room.trainer, {"quiz": LIVE_SET}), 422)
    lid = api.start(room)
    error = assert_error(api.post(path, room.trainer, {"quiz_id": "m1-quiz"}), 409)
    assert "déjà en cours" in error["message"]
    api.move(room, lid, "finish")
    sessions.close_session(room.session)
    assert (
        "clôturée"
        in assert_error(api.post(path, room.trainer, {"quiz_id": LIVE_SET}), 409)["message"]
    )


def test_moves_follow_the_state_machine_and_illegal_ones_get_409(api, room, live_set):
    lid = api.start(room)
    assert "Aucune question" in assert_error(api.move(room, lid, "close"), 409)["message"]
    opened = api.move(room, lid, "next").get_json()
    assert (opened["status"], opened["current"]["index"]) == ("open", 0)
    assert opened["current"]["question_id"] == live_set.questions[0].id
    assert "encore ouverte" in assert_error(api.move(room, lid, "next"), 409)["message"]
    assert "Fermez d'abord" in assert_error(api.move(room, lid, "finish"), 409)["message"]
    assert api.move(room, lid, "close").get_json()["status"] == "closed"
    assert "déjà fermée" in assert_error(api.move(room, lid, "close"), 409)["message"]
    assert api.move(room, lid, "next").get_json()["current"]["index"] == 1
    api.move(room, lid, "close")
    assert api.move(room, lid, "finish").get_json()["status"] == "finished"
    for action in ("next", "close", "finish"):
        assert "terminé" in assert_error(api.move(room, lid, action), 409)["message"]


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 401),
        ("alice", 403),
        ("compliance", 403),
        ("other_trainer", 404),
        ("outsider", 403),
    ],
)
def test_only_the_sessions_trainer_moves_a_run(api, room, who, status):
    lid = api.start(room)
    caller = None if who == "anonymous" else getattr(room, who)
    for action in ("next", "close", "finish"):
        assert_error(api.post(f"/live-quizzes/{lid}/{action}", caller), status)
    assert db.session.get(LiveRun, lid).status == "waiting"


def test_an_admin_may_drive_any_run(api, room):
    lid = api.start(room)
    assert api.move(room.admin, lid, "next").status_code == 200


def test_answers_to_a_question_that_is_not_open_get_409(api, room, live_set):
    q1, q2 = live_set.questions[0], live_set.questions[1]
    lid = api.start(room)
    assert (
        "pas encore commencé"
        in assert_error(api.answer(room.alice, lid, q1.id, "a"), 409)["message"]
    )
    api.move(room, lid, "next")
    assert (
        "pas encore ouverte"
        in assert_error(api.answer(room.alice, lid, q2.id, "a"), 409)["message"]
    )
    api.move(room, lid, "close")
    assert "fermée" in assert_error(api.answer(room.alice, lid, q1.id, "a"), 409)["message"]
    api.move(room, lid, "next")
    assert "fermée" in assert_error(api.answer(room.alice, lid, q1.id, "a"), 409)["message"]
    api.move(room, lid, "close")
    api.move(room, lid, "finish")
    assert "terminé" in assert_error(api.answer(room.alice, lid, q2.id, "a"), 409)["message"]
    assert _stored(lid) == []


def test_malformed_answers_get_422_and_store_nothing(api, room, live_set, client):
    lid = api.start(room)
    api.move(room, lid, "next")
    qid = live_set.questions[0].id  # single choice: an option id
    for bad in ("z", ["a"], 3, None, {"a": 1}, 10**30):
        error = assert_error(api.answer(room.alice, lid, qid, bad), 422, "response")
        assert error["message"]
    path = f"/live-quizzes/{lid}/answers/{qid}"
    assert_error(api.call("PUT", path, room.alice, {"reponse": "a"}), 422)
    assert_error(api.call("PUT", path, room.alice, {"response": "a", "extra": 1}), 422)
    assert_error(api.call("PUT", path, room.alice, data="a", content_type="text/plain"), 415)
    assert_error(
        api.call("PUT", path, room.alice, data="{nope", content_type="application/json"), 400
    )
    assert _stored(lid) == []


def test_unknown_question_and_unknown_run_get_404(api, room):
    lid = api.start(room)
    api.move(room, lid, "next")
    assert_error(api.answer(room.alice, lid, "m1-q1", "a"), 404)  # exists, but not in this run
    assert_error(api.answer(room.alice, lid + 1000, "l1-q1", "a"), 404)
    assert_error(api.state(room.alice, lid + 1000), 404)


@pytest.mark.parametrize("who, status", [("anonymous", 401), ("trainer", 403), ("outsider", 404)])
def test_only_participants_of_the_session_answer(api, room, live_set, who, status):
    lid = api.start(room)
    api.move(room, lid, "next")
    caller = None if who == "anonymous" else getattr(room, who)
    assert_error(api.answer(caller, lid, live_set.questions[0].id, "a"), status)
    assert _stored(lid) == []


def test_outsiders_and_other_trainers_do_not_see_the_run(api, room):
    lid = api.start(room)
    assert_error(api.state(room.outsider, lid), 404)
    assert_error(api.state(room.other_trainer, lid), 404)
    assert_error(api.state(None, lid), 401)
    assert api.state(room.compliance, lid).status_code == 200


def test_every_submission_is_kept_and_the_last_before_closing_counts(api, room, live_set):
    qid = live_set.questions[0].id
    lid = api.start(room)
    api.move(room, lid, "next")
    changes = [api.answer(room.alice, lid, qid, r).get_json()["changes"] for r in ("b", "c", "a")]
    assert changes == [1, 2, 3]
    api.answer(room.bob, lid, qid, "d")
    assert _stored(lid, room.alice) == ["b", "c", "a"]
    assert _counted(lid) == []  # nothing counts before closing
    api.move(room, lid, "close")
    assert _counted(lid) == sorted([(room.alice.id, qid, "a"), (room.bob.id, qid, "d")])
    assert_error(api.answer(room.alice, lid, qid, "b"), 409)
    assert _stored(lid, room.alice) == ["b", "c", "a"]


def test_a_retried_request_is_never_counted_twice(api, room, live_set):
    qid = live_set.questions[0].id
    lid = api.start(room)
    api.move(room, lid, "next")
    first = api.answer(room.alice, lid, qid, "a").get_json()
    again = api.answer(room.alice, lid, qid, "a").get_json()
    assert (first["repeated"], again["repeated"]) == (False, True)
    assert first["changes"] == again["changes"] == 1
    assert _stored(lid) == ["a"]
    # Changing back to an earlier answer is a change, not a retry.
    api.answer(room.alice, lid, qid, "b")
    assert api.answer(room.alice, lid, qid, "a").get_json() == {**first, "changes": 3}
    api.move(room, lid, "close")
    # The retry of the last answer, arriving after the close, is still the same answer: 200.
    assert api.answer(room.alice, lid, qid, "a").get_json()["repeated"] is True
    assert _stored(lid) == ["a", "b", "a"]
    assert _counted(lid) == [(room.alice.id, qid, "a")]
    assert api.results(room.trainer, lid).get_json()["questions"][0]["answered"] == 1


def test_results_per_question_and_per_participant(api, room, live_set):
    q1, q2 = live_set.questions[0], live_set.questions[1]
    lid = api.start(room)
    api.move(room, lid, "next")
    api.answer(room.alice, lid, q1.id, "a")
    api.answer(room.bob, lid, q1.id, "b")
    live = api.results(room.trainer, lid).get_json()
    assert live["questions"][0]["status"] == "open" and live["questions"][0]["answered"] == 2
    api.move(room, lid, "close")
    api.move(room, lid, "next")
    api.answer(room.alice, lid, q2.id, "a")
    api.move(room, lid, "close")
    body = api.results(room.trainer, lid).get_json()
    first = body["questions"][0]
    assert (first["status"], first["answered"], first["correct"]) == ("closed", 2, 1)
    assert {c["id"]: (c["count"], c["correct"]) for c in first["counts"]} == {
        "a": (1, True),
        "b": (1, False),
        "c": (0, False),
        "d": (0, False),
    }
    assert [q["status"] for q in body["questions"][:3]] == ["closed", "closed", "pending"]
    people = {p["name"]: (p["answered"], p["correct"]) for p in body["participants"]}
    assert people == {"Alice Durand": (2, 2), "Bruno Lefèvre": (1, 0), "Chloé Masson": (0, 0)}
    assert [(s["rank"], s["name"]) for s in body["ranking"]] == [
        (1, "Alice Durand"),
        (2, "Bruno Lefèvre"),
        (2, "Chloé Masson"),
    ]


@pytest.mark.parametrize(
    "who, status", [("anonymous", 401), ("alice", 403), ("other_trainer", 404)]
)
def test_results_are_for_the_trainer_only(api, room, who, status):
    lid = api.start(room)
    caller = None if who == "anonymous" else getattr(room, who)
    assert_error(api.results(caller, lid), status)
    assert api.results(room.compliance, lid).status_code == 200


def test_the_openapi_document_lists_the_live_quiz_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/sessions/{sid}/live-quizzes",
        "/live-quizzes/{lid}/next",
        "/live-quizzes/{lid}/close",
        "/live-quizzes/{lid}/finish",
        "/live-quizzes/{lid}",
        "/live-quizzes/{lid}/answers/{question_id}",
        "/live-quizzes/{lid}/results",
    ):
        assert path in paths


def test_revoked_or_forged_access_tokens_are_refused(api, room, live_set):
    from lexom_learning.services import links
    from tests.api.helpers import token_of

    lid = api.start(room)
    api.move(room, lid, "next")
    token = token_of(room.alice)
    link_id, _, signature = token.partition(".")
    forged = f"{link_id}.{'0' * 40}"
    other_link = f"{int(link_id) + 1}.{signature}"  # Bob's link id with Alice's signature
    qid = live_set.questions[0].id
    for bad in (forged, other_link, "nope", f"{link_id}."):
        headers = {"Authorization": f"Bearer {bad}"}
        assert_error(api.call("GET", f"/live-quizzes/{lid}", headers=headers), 401)
        put = api.call(
            "PUT", f"/live-quizzes/{lid}/answers/{qid}", body={"response": "a"}, headers=headers
        )
        assert_error(put, 401)
    links.revoke_links(room.alice)
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert_error(api.call("GET", f"/live-quizzes/{lid}", headers=headers), 401)
    assert _stored(lid) == []
