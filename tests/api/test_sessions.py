"""Staff endpoints: sessions, participants and progress."""

from datetime import date

import pytest
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.services import sessions
from lexom_learning.storage import Participant, TrainingSession
from tests.api.helpers import assert_error, responses

NEW_SESSION = {
    "course_id": "mrk-stra-05",
    "title": "MRK-STRA-05 Lyon",
    "starts_on": "2026-12-03",
    "ends_on": "2026-12-04",
    "location": "Lyon",
}


def test_a_trainer_lists_only_their_sessions_others_see_all(api, world, factories):
    factories.ParticipantFactory(session=world.session)
    mine = api.get("/sessions", world.trainer).get_json()
    assert [(s["id"], s["participants"]) for s in mine] == [(world.session.id, 2)]
    for caller in (world.compliance, world.admin):
        ids = {s["id"] for s in api.get("/sessions", caller).get_json()}
        assert ids == {world.session.id, world.other_session.id}


def test_a_trainer_creates_a_session(api, world):
    response = api.post("/sessions", world.trainer, NEW_SESSION)
    assert response.status_code == 201
    data = response.get_json()
    assert response.headers["Location"] == f"/api/v1/sessions/{data['id']}"
    assert {k: data[k] for k in NEW_SESSION} == NEW_SESSION
    assert data["trainer"] == {"id": world.trainer.id, "name": world.trainer.name}
    assert (data["status"], data["participants"]) == ("planned", 0)
    stored = db.session.get(TrainingSession, data["id"])
    assert (stored.trainer_id, stored.starts_on) == (world.trainer.id, date(2026, 12, 3))
    assert api.get(f"/sessions/{data['id']}", world.trainer).get_json() == data


@pytest.mark.parametrize(
    "change, status, field",
    [
        ({"ends_on": "2026-12-01"}, 422, "ends_on"),
        ({"title": "   "}, 422, "title"),
        ({"starts_on": "2026-02-30"}, 422, "starts_on"),
        ({"starts_on": "03/12/2026"}, 422, "starts_on"),
        ({"course_id": "inconnu"}, 404, "course_id"),
    ],
)
def test_session_creation_names_the_faulty_field(api, world, change, status, field):
    assert_error(api.post("/sessions", world.trainer, {**NEW_SESSION, **change}), status, field)
    assert db.session.scalars(select(TrainingSession)).all() == [world.session, world.other_session]


@pytest.mark.parametrize("caller", ["trainer", "admin", "compliance"])
def test_readers_get_the_session(api, world, caller):
    data = api.get(f"/sessions/{world.session.id}", world.who(caller)).get_json()
    assert (data["id"], data["title"]) == (world.session.id, world.session.title)


def test_the_trainer_enrols_a_participant_and_gets_a_working_access_token(api, world):
    url = f"/sessions/{world.session.id}/participants"
    response = api.post(
        url, world.trainer, {"name": " Camille  Martin ", "email": "Camille@Exemple.fr"}
    )
    assert response.status_code == 201
    data = response.get_json()
    assert (data["name"], data["email"]) == ("Camille Martin", "camille@exemple.fr")
    assert data["access_url"] == f"http://lexom.test/p/{data['access_token']}"
    me = api.get("/me", headers={"Authorization": f"Bearer {data['access_token']}"})
    assert me.get_json()["participant"]["id"] == data["id"]
    listed = api.get(url, world.trainer).get_json()
    assert {p["id"] for p in listed} == {world.participant.id, data["id"]}


def test_only_managers_see_access_tokens(api, world):
    url = f"/sessions/{world.session.id}/participants"
    for caller in (world.trainer, world.admin):
        assert all(p["access_token"] for p in api.get(url, caller).get_json())
    for person in api.get(url, world.compliance).get_json():
        assert "access_token" not in person and "access_url" not in person


def test_enrolling_twice_or_into_a_closed_session_is_a_conflict(api, world):
    url = f"/sessions/{world.session.id}/participants"
    body = {"name": "Camille Martin", "email": world.participant.email.upper()}
    assert_error(api.post(url, world.trainer, body), 409, "email")
    sessions.close_session(world.session)
    body["email"] = "nouvelle@exemple.fr"
    assert_error(api.post(url, world.trainer, body), 409)
    assert db.session.scalar(select(Participant).where(Participant.email == body["email"])) is None


def test_session_progress_shows_units_quizzes_and_attainment(api, world, course, factories):
    idle = factories.ParticipantFactory(session=world.session, name="Zoé Idle")
    api.post("/me/units/m1-u1/done", world.participant)
    quiz = course.quiz("m1-quiz")
    assert (
        api.post(
            "/me/quizzes/m1-quiz/attempts", world.participant, {"responses": responses(quiz)}
        ).status_code
        == 201
    )

    data = api.get(f"/sessions/{world.session.id}/progress", world.trainer).get_json()
    assert data["thresholds"] == {"acquired": 75.0, "in_progress": 50.0}
    rows = {p["id"]: p for p in data["participants"]}
    assert set(rows) == {world.participant.id, idle.id}
    m1 = rows[world.participant.id]["progress"]["modules"][0]
    assert (m1["module_id"], m1["units_done"], m1["units_total"]) == ("m1", 1, 5)
    assert (m1["best_percent"], m1["attempts_used"], m1["attempts_max"]) == (100.0, 1, 3)
    evidenced = set().union(*(q.objectives for q in quiz.questions))
    for item in rows[world.participant.id]["attainment"]:
        if item["objective_id"] in evidenced:
            assert (item["percent"], item["level"]) == (100.0, "acquired")
        else:
            assert (item["percent"], item["level"], item["items"]) == (None, None, 0)
    assert all(item["level"] is None for item in rows[idle.id]["attainment"])
    group = {g["objective_id"]: g["percent"] for g in data["group"]}
    assert all(group[o] == 100.0 for o in evidenced)  # the mean ignores those without evidence


def test_unknown_and_out_of_range_session_ids_are_404(api, world):
    for sid in (999999, 2**31, 10**30):
        assert_error(api.get(f"/sessions/{sid}", world.admin), 404)
        assert_error(api.get(f"/sessions/{sid}/progress", world.admin), 404)
