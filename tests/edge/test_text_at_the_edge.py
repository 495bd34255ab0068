"""Issue 15, point 1: text is checked once, at the edge, in every way in.

The failures the issue reported come first, as they were sent.
"""

import json
from datetime import date

import pytest
import time_machine

from lexom_learning.clock import PARIS
from lexom_learning.extensions import db
from lexom_learning.input_rules import bad_character, date_in_range, latest_date
from lexom_learning.storage import LiveAnswer, Participant, TrainingSession
from tests.api.helpers import assert_error, token_of
from tests.conftest import csrf_token_from, post_new_session

pytestmark = pytest.mark.db


@pytest.fixture
def unpropagated(app):
    """The 500 a user would get instead of the exception."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def _raw_json(client, method, path, text: str, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.open(
        path, method=method, data=text, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("email", [r"\udfff@t.fr", r"\u0000@t.fr", r"a\u001b@t.fr"])
def test_token_request_with_a_bad_character_is_a_422_naming_the_field(client, unpropagated, email):
    body = '{"email": "' + email + '", "password": "x"}'
    response = _raw_json(client, "POST", "/api/v1/auth/token", body)
    error = assert_error(response, 422, "email")
    assert "U+" in error["message"]


def test_a_lone_surrogate_in_a_live_answer_is_refused_before_the_shortcut_stores_it(
    app, client, unpropagated, live_quiz
):
    lid = live_quiz.id
    live_quiz.api.move(live_quiz.session.trainer, lid, "next")
    token = token_of(live_quiz.alice)
    state = client.get(f"/api/v1/live-quizzes/{lid}", headers={"Authorization": f"Bearer {token}"})
    question = state.get_json()["current"]["question_id"]
    for text in (r'{"response": "\ud800"}', r'{"response": "a\u0000b"}'):
        response = _raw_json(
            client, "PUT", f"/api/v1/live-quizzes/{lid}/answers/{question}", text, token
        )
        assert_error(response, 422, "response")
    assert db.session.query(LiveAnswer).count() == 0


def test_an_esc_in_a_participant_name_is_refused_and_the_register_stays_readable(
    client, unpropagated, factories, sign_in
):
    session = factories.SessionFactory()
    token = token_of(session.trainer)
    body = json.dumps({"name": "Jean\u001b[31m Dupont", "email": "jean@exemple.fr"})
    response = _raw_json(client, "POST", f"/api/v1/sessions/{session.id}/participants", body, token)
    assert_error(response, 422, "name")
    # The same through the trainer's HTML form.
    sign_in(client, session.trainer)
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    response = client.post(
        f"/trainer/sessions/{session.id}/participants",
        data={"csrf_token": csrf_token_from(page), "name": "Jean\x1b Dupont", "email": "j@x.fr"},
    )
    assert response.status_code == 422
    assert "« name »" in response.get_data(as_text=True)
    assert db.session.query(Participant).count() == 0
    admin = factories.UserFactory(role="admin")
    sign_in(client, admin)
    register = client.get(f"/compliance/sessions/{session.id}/register.xlsx")
    assert register.status_code == 200


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": "Deux\nlignes"}, "Caractère non permis (U+000A)"),
        ({"starts_on": "1999-12-31", "ends_on": "2000-01-02"}, "Date hors de la période permise"),
    ],
    ids=["newline-in-a-single-line-field", "date-out-of-range"],
)
def test_a_bad_form_value_is_a_form_error(client, factories, sign_in, fields, message):
    sign_in(client, factories.UserFactory())
    response = post_new_session(client, **fields)
    assert message in response.get_data(as_text=True)
    assert db.session.query(TrainingSession).count() == 0


def test_a_multi_line_api_field_keeps_its_lines_and_a_single_line_one_refuses_them(
    client, factories
):
    session = factories.SessionFactory()
    token = token_of(session.trainer)
    body = {
        "course_id": "mrk-stra-05",
        "title": "Titre\tavec tabulation",
        "starts_on": "2026-12-07",
        "ends_on": "2026-12-08",
        "location": "Aubenas",
    }
    response = _raw_json(client, "POST", "/api/v1/sessions", json.dumps(body), token)
    assert_error(response, 422, "title")


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "refused"),
    [
        ("1999-12-31", "2000-01-01", "starts_on"),
        ("2000-01-01", "2000-01-02", None),
        ("2031-12-06", "2031-12-07", None),
        ("2031-12-07", "2031-12-08", "ends_on"),
    ],
)
def test_dates_outside_2000_to_five_years_ahead_are_refused(
    client, factories, starts_on, ends_on, refused
):
    """The course runs on two days: the session's two dates are checked, on both boundaries."""
    trainer = factories.UserFactory()
    token = token_of(trainer)
    body = {
        "course_id": "mrk-stra-05",
        "title": "Session",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "location": "Aubenas",
    }
    with time_machine.travel(date(2026, 12, 7).isoformat() + "T12:00:00+01:00", tick=False):
        response = _raw_json(client, "POST", "/api/v1/sessions", json.dumps(body), token)
    if refused is None:
        assert response.status_code == 201, response.get_data(as_text=True)
    else:
        assert_error(response, 422, refused)


def test_query_and_path_values_are_checked_too(client, unpropagated):
    response = client.get("/api/v1/verify/ABC%00")
    assert_error(response, 422, "number")
    page = client.get("/login?next=%1b")
    assert page.status_code == 422


def test_a_405_carries_allow_on_pages_and_in_the_api(client):
    api = client.delete("/api/v1/auth/tokens-nowhere")
    assert api.status_code == 404
    response = client.put("/api/v1/sessions")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
    page = client.put("/login")
    assert page.status_code == 405
    assert "POST" in page.headers["Allow"]


def test_the_rules_themselves():
    assert bad_character("Élodie Müller-N'Diaye 😀") is None
    assert bad_character("a\tb") == "\t"
    assert bad_character("a\tb\r\nc", multiline=True) is None
    assert bad_character("a\x00b", multiline=True) == "\x00"
    assert bad_character("\x85", multiline=True) == "\x85"  # C1 control
    assert bad_character("\ud800") == "\ud800"
    assert bad_character("\uffff") == "\uffff"
    assert bad_character("\u00a0\u200d") is None  # no-break space, zero-width joiner
    assert latest_date(date(2028, 2, 29)) == date(2033, 2, 28)
    with time_machine.travel(date(2026, 12, 7).isoformat() + "T23:30:00+01:00", tick=False):
        assert date_in_range(date(2031, 12, 7))
        assert not date_in_range(date(2031, 12, 8))
    assert PARIS is not None
