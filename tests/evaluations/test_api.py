"""The JSON API of role plays, evaluations and attainment: journeys checked against the
OpenAPI document, and malformed input always a 4xx, never a 500."""

import pytest

from lexom_learning.services import evaluations, roleplay
from tests.api.helpers import Api, assert_error
from tests.evaluations.helpers import knowledge_answers, make_room

CASE = "rp-m1-diagnostic-cosmetiques"


@pytest.fixture
def room(app, factories):
    return make_room(factories, 8)


def test_role_play_journey(client, course, room):
    api, trainer = Api(client), room.trainer
    sid = room.session.id
    created = api.post(f"/sessions/{sid}/roleplays", trainer, {"case_id": CASE})
    assert created.status_code == 201
    rid = created.get_json()["id"]
    run = api.call("PUT", f"/roleplays/{rid}/groups", trainer, {"mode": "auto", "seed": 9})
    assert run.get_json()["seed"] == 9 and len(run.get_json()["assignments"]) == 8
    placed = run.get_json()["assignments"]
    observer_id = next(a["participant_id"] for a in placed if a["role_id"] == "observateur")
    observer = next(p for p in room.people if p.id == observer_id)
    mine = api.get(f"/me/roleplays/{rid}", observer).get_json()
    assert mine["role"]["observer"] and len(mine["grid"]) == len(course.roleplay(CASE).grid)
    scores = {c["id"]: 2 for c in mine["grid"]}
    grid = api.post(f"/roleplays/{rid}/grids", observer, {"scores": scores, "comment": "Ok"})
    assert grid.status_code == 201 and grid.get_json()["scores"] == scores
    side = api.get(f"/roleplays/{rid}/grids", trainer).get_json()
    assert sum(len(g["gradings"]) for g in side["groups"]) == 1
    assert (
        api.call("PUT", f"/roleplays/{rid}/debrief", trainer, {"note": "Bien"}).status_code == 200
    )
    closed = api.post(f"/roleplays/{rid}/close", trainer)
    assert closed.get_json()["status"] == "closed"
    assert_error(api.post(f"/roleplays/{rid}/grids", observer, {"scores": scores}), 409)
    assert [r["run_id"] for r in api.get("/me/roleplays", observer).get_json()] == [rid]


def test_groups_by_hand_through_the_api(client, course, room):
    api, trainer = Api(client), room.trainer
    run = roleplay.create_run(room.session, course, CASE, trainer)
    a, b, c, d = room.people[:4]
    body = {
        "assignments": [
            {"participant_id": a.id, "group": 1, "role_id": "responsable"},
            {"participant_id": b.id, "group": 1, "role_id": "directeur"},
            {"participant_id": c.id, "group": 1, "role_id": "commerciale"},
            {"participant_id": d.id, "group": 1},
        ]
    }
    response = api.call("PUT", f"/roleplays/{run.id}/groups", trainer, body)
    roles = {x["participant_id"]: x["role_id"] for x in response.get_json()["assignments"]}
    assert roles[d.id] == "observateur"
    body["assignments"][0]["role_id"] = "directeur"
    assert_error(api.call("PUT", f"/roleplays/{run.id}/groups", trainer, body), 422, "assignments")


@pytest.mark.parametrize(
    "scores, field",
    [({"c1": 5}, "c1"), ({"c1": 0}, "c1"), ({"zz": 1}, "zz"), ({"c1": "3"}, "c1"), ({}, "c1")],
)
def test_grid_errors_name_the_criterion(client, course, room, scores, field):
    api = Api(client)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=1)
    observer_id = next(a.participant_id for a in run.assignments if a.role_id == "observateur")
    observer = next(p for p in room.people if p.id == observer_id)
    full = {c.id: 3 for c in course.roleplay(CASE).grid}
    body = {"scores": full | scores} if scores else {"scores": {}}
    error = assert_error(api.post(f"/roleplays/{run.id}/grids", observer, body), 422)
    assert field in error["details"]


def test_wrong_observer_is_forbidden(client, course, room):
    api = Api(client)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=1)
    player_id = next(a.participant_id for a in run.assignments if a.role_id == "directeur")
    player = next(p for p in room.people if p.id == player_id)
    assert_error(api.post(f"/roleplays/{run.id}/grids", player, {"scores": {"c1": 3}}), 403)


def test_evaluation_journey_and_attainment(client, course, room):
    api, trainer, person = Api(client), room.trainer, room.people[0]
    sid = room.session.id
    assert api.get("/me/evaluations/hot", person).get_json()["open"] is False
    assert_error(api.post("/me/evaluations/hot/responses", person, {"responses": {}}), 409)
    state = api.post(f"/sessions/{sid}/evaluations/hot/open", trainer).get_json()
    assert state["status"] == "open" and state["response_rate"] == 0
    view = api.get("/me/evaluations/hot", person).get_json()
    assert view["open"] and "answer" not in str(view) and "correct" not in str(view)
    answers = knowledge_answers(course.evaluations["hot"])
    result = api.post("/me/evaluations/hot/responses", person, {"responses": answers})
    assert result.status_code == 201 and result.get_json()["percent"] == 100.0
    assert_error(api.post("/me/evaluations/hot/responses", person, {"responses": answers}), 409)
    assert api.get("/me/evaluations/hot/results", person).get_json()["answers_revealed"]
    listing = api.get(f"/sessions/{sid}/evaluations", trainer).get_json()
    hot = next(e for e in listing["evaluations"] if e["kind"] == "hot")
    assert (hot["respondents"], hot["invited"], hot["response_rate"]) == (1, 8, 12.5)
    figures = api.get(f"/sessions/{sid}/attainment", trainer).get_json()
    row = next(p for p in figures["participants"] if p["id"] == person.id)
    assert {f["hot"] for f in row["objectives"]} == {100.0}
    assert {f["level"] for f in row["objectives"]} == {"acquired"}
    assert (
        api.post(f"/sessions/{sid}/evaluations/hot/close", trainer).get_json()["status"] == "closed"
    )


def test_invalid_evaluation_answers_are_422_with_details(client, course, room):
    api, person = Api(client), room.people[0]
    evaluations.set_open(room.session, course, "hot", room.trainer, True)
    numeric = next(q for q in course.evaluations["hot"].knowledge_questions if q.type == "numeric")
    body = {"responses": {numeric.id: "beaucoup", "sat-q1": 12}}
    error = assert_error(api.post("/me/evaluations/hot/responses", person, body), 422)
    assert set(error["details"]) == {numeric.id, "sat-q1"}
    assert_error(api.post("/me/evaluations/hot/responses", person, {"responses": {"x": 1}}), 422)


MALFORMED = [
    (b"{not json", "application/json", 400),
    (b"[1, 2]", "application/json", 422),
    (b'"text"', "application/json", 422),
    (b"{}", "text/plain", 415),
    (b'{"extra": 1}', "application/json", 422),
    (b"\xff\xfe", "application/json", 400),
    (b'{"a":' * 50 + b"1" + b"}" * 50, "application/json", 422),
]
ENDPOINTS = [
    ("POST", "/sessions/{sid}/roleplays", "trainer"),
    ("PUT", "/roleplays/{rid}/groups", "trainer"),
    ("PUT", "/roleplays/{rid}/debrief", "trainer"),
    ("POST", "/roleplays/{rid}/grids", "observer"),
    ("POST", "/me/evaluations/hot/responses", "participant"),
    ("POST", "/sessions/{sid}/evaluations/hot/open", "trainer"),
    ("POST", "/roleplays/{rid}/close", "trainer"),
]


@pytest.mark.parametrize("method, template, who", ENDPOINTS)
def test_malformed_json_is_a_4xx_never_a_500(client, course, room, method, template, who):
    api = Api(client)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=1)
    evaluations.set_open(room.session, course, "hot", room.trainer, True)
    observer_id = next(a.participant_id for a in run.assignments if a.role_id == "observateur")
    caller = {
        "trainer": room.trainer,
        "participant": room.people[0],
        "observer": next(p for p in room.people if p.id == observer_id),
    }[who]
    path = template.format(sid=room.session.id, rid=run.id)
    for data, content_type, status in MALFORMED:
        if template.endswith(("/open", "/close")) and data == b"{}":
            continue  # an empty object is the accepted body there
        response = api.call(method, path, caller, data=data, content_type=content_type)
        assert 400 <= response.status_code < 500, (data, response.status_code)
        if status in (400, 415):
            assert_error(response, status)


@pytest.mark.parametrize(
    "body",
    [
        {"mode": "auto", "seed": -1},
        {"mode": "auto", "groups": 0},
        {"mode": "sideways"},
        {"assignments": [{"participant_id": 2**40, "group": 1}]},
        {"assignments": [{"participant_id": 1, "group": 1, "role_id": 7}]},
        {"assignments": "all"},
        {"assignments": []},
        {"mode": "auto", "groups": 50},
    ],
)
def test_bad_group_bodies_are_422(client, course, room, body):
    api = Api(client)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    assert_error(api.call("PUT", f"/roleplays/{run.id}/groups", room.trainer, body), 422)


def test_big_ids_are_not_found(client, room):
    api = Api(client)
    assert_error(api.get(f"/roleplays/{2**40}", room.trainer), 404)
    assert_error(api.get(f"/sessions/{2**40}/attainment", room.trainer), 404)
