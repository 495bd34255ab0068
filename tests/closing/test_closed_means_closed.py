"""Closed means closed: closing finishes the live runs and closes the evaluation windows and
the role plays; then every evidence entry point, web and API, answers 409 (or the page says
why) and stores nothing. Only the trainer's attendance corrections re-issue after closing."""

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.live import Status
from lexom_learning.services import attendance, learning, session_state
from lexom_learning.services.live_answers import store_first_time
from lexom_learning.storage import Attestation, LiveRun, RolePlayRun, TrainingSession
from tests.api.helpers import assert_error, responses, right_response, token_of
from tests.closing.conftest import CASE, LIVE_SET, stored, windows_open
from tests.conftest import csrf_token_from
from tests.learner.quizforms import right_form
from tests.typeset import plain

CLOSED = session_state.SESSION_CLOSED
REFUSALS = (
    CLOSED,
    learning.QUIZ_CLOSED,
    session_state.SESSION_IS_CLOSED,
    learning.UNITS_CLOSED,
    attendance.SIGNING_CLOSED,
    "Cette évaluation n'est pas ouverte pour le moment.",
)


def _csrf(client, page: str) -> str:
    html = client.get(page).get_data(as_text=True)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    return meta.group(1) if meta else csrf_token_from(html)


def _first_question(course):
    return course.quiz(LIVE_SET).questions[0]


def _close(api, busy):
    response = api.post(f"/sessions/{busy.session.id}/close", busy.trainer)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["status"] == "closed"
    db.session.expire_all()


def test_closing_finishes_live_runs_and_closes_windows_and_role_plays(api, busy):
    assert db.session.get(LiveRun, busy.live_run.id).status == Status.OPEN.value
    assert windows_open(busy.session.id) == ["hot", "positioning"]
    _close(api, busy)
    assert db.session.get(LiveRun, busy.live_run.id).status == Status.FINISHED.value
    assert windows_open(busy.session.id) == []
    assert db.session.get(RolePlayRun, busy.roleplay_run.id).status == "closed"
    assert db.session.get(TrainingSession, busy.session.id).status == "closed"


def _api_calls(busy, course):
    """Every API entry point of new evidence: (caller, method, path, body)."""
    sid, lid, rid = busy.session.id, busy.live_run.id, busy.roleplay_run.id
    question = _first_question(course)
    quiz = course.quiz("m1-quiz")
    grid = {c.id: 3 for c in course.roleplay(CASE).grid}
    hot = {q.id: right_response(q) for q in course.evaluations["hot"].knowledge_questions}
    return {
        "live answer": (
            busy.alice,
            "PUT",
            f"/live-quizzes/{lid}/answers/{question.id}",
            {"response": right_response(question)},
        ),
        "live start": (
            busy.trainer,
            "POST",
            f"/sessions/{sid}/live-quizzes",
            {"quiz_id": LIVE_SET},
        ),
        "live next": (busy.trainer, "POST", f"/live-quizzes/{lid}/next", None),
        "live close": (busy.trainer, "POST", f"/live-quizzes/{lid}/close", None),
        "live finish": (busy.trainer, "POST", f"/live-quizzes/{lid}/finish", None),
        "quiz attempt": (
            busy.alice,
            "POST",
            "/me/quizzes/m1-quiz/attempts",
            {"responses": responses(quiz)},
        ),
        "unit done": (busy.alice, "POST", "/me/units/m1-u1/done", None),
        "hot evaluation": (busy.alice, "POST", "/me/evaluations/hot/responses", {"responses": hot}),
        "positioning evaluation": (
            busy.alice,
            "POST",
            "/me/evaluations/positioning/responses",
            {"responses": hot},
        ),
        "open evaluation": (busy.trainer, "POST", f"/sessions/{sid}/evaluations/hot/open", None),
        "role-play start": (busy.trainer, "POST", f"/sessions/{sid}/roleplays", {"case_id": CASE}),
        "role-play groups": (busy.trainer, "PUT", f"/roleplays/{rid}/groups", {"mode": "auto"}),
        "role-play grid": (busy.observer, "POST", f"/roleplays/{rid}/grids", {"scores": grid}),
        "learner signature": (busy.alice, "POST", "/me/attendance/d1-am", {"signature": "Alice"}),
        "new participant": (
            busy.trainer,
            "POST",
            f"/sessions/{sid}/participants",
            {"name": "Tard Venu", "email": "tard@example.org"},
        ),
    }


API_CASES = [
    "live answer",
    "live start",
    "live next",
    "live close",
    "live finish",
    "quiz attempt",
    "unit done",
    "hot evaluation",
    "positioning evaluation",
    "open evaluation",
    "role-play start",
    "role-play groups",
    "role-play grid",
    "learner signature",
    "new participant",
]


@pytest.mark.parametrize("case", API_CASES)
def test_every_api_entry_point_is_refused_after_closing(api, busy, course, case):
    who, method, path, body = _api_calls(busy, course)[case]
    if case == "live answer":  # the phone polled before: its answers take the one-statement path
        api.get(f"/live-quizzes/{busy.live_run.id}", busy.alice)
    _close(api, busy)
    before = stored()
    error = assert_error(api.call(method, path, who, body), 409)
    assert "clôturée" in error["message"] or "terminé" in error["message"], error
    assert stored() == before


def test_the_one_statement_answer_refuses_a_closing_session(app, busy, course):
    """Between the click and the end of the live runs, the statement itself says no."""
    db.session.execute(
        TrainingSession.__table__.update()
        .where(TrainingSession.id == busy.session.id)
        .values(status=session_state.CLOSING)
    )
    db.session.commit()
    question = _first_question(course)
    link_id = int(token_of(busy.alice).partition(".")[0])
    before = stored()
    with db.engine.connect() as connection:
        run = connection.execute(select(LiveRun).where(LiveRun.id == busy.live_run.id)).one()
        receipt = store_first_time(
            run,
            busy.alice.id,
            link_id,
            course,
            question.id,
            right_response(question),
            connection,
        )
    assert receipt is None
    assert stored() == before


def _web_calls(busy, course):
    """Every web entry point: (who signs in, page giving the CSRF token, method, path, data)."""
    sid, lid, rid = busy.session.id, busy.live_run.id, busy.roleplay_run.id
    question = _first_question(course)
    grid = {f"c.{c.id}": "3" for c in course.roleplay(CASE).grid}
    return {
        "phone live answer": (
            "alice",
            "/me/live",
            "PUT",
            f"/me/live/{lid}/answers/{question.id}",
            {"response": right_response(question)},
        ),
        "live start": (
            "trainer",
            f"/trainer/sessions/{sid}",
            "POST",
            f"/trainer/sessions/{sid}/live",
            {"quiz_id": LIVE_SET},
        ),
        "live next": (
            "trainer",
            f"/trainer/sessions/{sid}",
            "POST",
            f"/trainer/live/{lid}/next",
            {},
        ),
        "unit done": ("alice", "/me/units/m1-u2", "POST", "/me/units/m1-u2/done", {}),
        "quiz attempt": (
            "alice",
            "/me/units/m1-u2",
            "POST",
            "/me/quizzes/m1-quiz",
            {**right_form(course.quiz("m1-quiz")), "tentative": "1"},
        ),
        "hot evaluation": ("alice", "/me/units/m1-u2", "POST", "/me/evaluations/hot", {}),
        "open evaluation": (
            "trainer",
            f"/trainer/sessions/{sid}",
            "POST",
            f"/trainer/sessions/{sid}/evaluations/hot/open",
            {},
        ),
        "role-play start": (
            "trainer",
            f"/trainer/sessions/{sid}",
            "POST",
            f"/trainer/sessions/{sid}/roleplays",
            {"case_id": CASE},
        ),
        "role-play groups": (
            "trainer",
            f"/trainer/sessions/{sid}",
            "POST",
            f"/trainer/roleplays/{rid}/groups/auto",
            {},
        ),
        "role-play grid": (
            "observer",
            f"/me/roleplays/{rid}",
            "POST",
            f"/me/roleplays/{rid}/grid",
            grid,
        ),
        "learner signature": (
            "alice",
            "/me/attendance",
            "POST",
            "/me/attendance",
            {"slot": "d1-am", "typed_name": "Alice"},
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "phone live answer",
        "live start",
        "live next",
        "unit done",
        "quiz attempt",
        "hot evaluation",
        "open evaluation",
        "role-play start",
        "role-play groups",
        "role-play grid",
        "learner signature",
    ],
)
def test_every_web_entry_point_is_refused_after_closing(app, api, busy, course, sign_in, case):
    who, page, method, path, data = _web_calls(busy, course)[case]
    person = {"alice": busy.alice, "observer": busy.observer, "trainer": busy.trainer}[who]
    client = sign_in(app.test_client(), person)
    token = _csrf(client, page)
    _close(api, busy)
    before = stored()
    if method == "PUT":
        response = client.put(path, json=data, headers={"X-CSRFToken": token})
        assert response.status_code == 409
        assert response.get_json()["error"]["message"] == CLOSED
    else:
        response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=True)
        html = response.get_data(as_text=True)
        said = [plain(str(escape(m))) for m in REFUSALS]
        assert any(m in html for m in said), html
    assert stored() == before


def test_a_correction_by_the_trainer_after_closing_is_taken_and_re_issues(api, busy, course):
    _close(api, busy)
    body = {
        "participant_id": busy.alice.id,
        "slot": "d1-am",
        "method": "paper",
        "reason": "Feuille papier retrouvée",
    }
    response = api.post(f"/sessions/{busy.session.id}/attendance", busy.trainer, body)
    assert response.status_code == 201
    issued = db.session.scalars(
        select(Attestation).where(Attestation.participant_id == busy.alice.id)
    ).all()
    assert [(a.version, a.status) for a in issued] == [(1, "valid")]


def test_a_correction_is_refused_while_the_attestations_are_being_issued(api, busy):
    busy.session.status = session_state.CLOSING
    db.session.commit()
    body = {"participant_id": busy.alice.id, "slot": "d1-am", "method": "paper", "reason": "x"}
    error = assert_error(
        api.post(f"/sessions/{busy.session.id}/attendance", busy.trainer, body), 409
    )
    assert error["message"] == session_state.CLOSE_IN_PROGRESS
