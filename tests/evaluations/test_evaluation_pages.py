"""Participants answer on their phones and see their own results; the cold evaluation works
from the personal link alone; the trainer's dashboard shows it all, charts and tables."""

import time_machine

from lexom_learning.services import cold, evaluations, roleplay, sessions
from tests.conftest import csrf_token_from
from tests.evaluations.helpers import knowing_nothing, knowledge_answers, make_room
from tests.learner.html import Page


def post(client, page_url, url, data=None):
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def form_of(answers: dict) -> dict:
    """Return form fields for simple answers (choices, numbers, texts, ratings)."""
    fields = {}
    for question_id, value in answers.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if isinstance(value, list):
            fields[f"q.{question_id}"] = value
        elif isinstance(value, dict):
            fields |= {f"q.{question_id}.{k}": v for k, v in value.items()}
        else:
            fields[f"q.{question_id}"] = str(value)
    return fields


def test_positioning_opened_answered_on_a_phone_then_results(client, course, factories, sign_in):
    room = make_room(factories, 2)
    person = room.people[0]
    sign_in(client, person)
    assert client.get("/me/evaluations/positioning").status_code == 409
    sign_in(client, room.trainer)
    session_page = f"/trainer/sessions/{room.session.id}"
    post(client, session_page, f"/trainer/sessions/{room.session.id}/evaluations/positioning/open")
    assert evaluations.is_open(room.session.id, "positioning")
    sign_in(client, person)
    page = client.get("/me/evaluations/positioning")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    evaluation = course.evaluations["positioning"]
    assert evaluation.knowledge_questions[0].prompt in html
    assert "feedback" not in html and "explanation" not in html
    answers = knowledge_answers(evaluation)
    response = post(
        client, "/me/evaluations/positioning", "/me/evaluations/positioning", form_of(answers)
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "100" in html and "ne sont pas affichées" in html
    assert client.get("/me/evaluations/positioning").status_code == 303  # already answered
    assert "Répondu le" in client.get("/me/evaluations").get_data(as_text=True)


def test_a_malformed_answer_keeps_the_form_with_its_error(client, course, factories, sign_in):
    room = make_room(factories, 1)
    evaluations.set_open(room.session, course, "hot", room.trainer, True)
    sign_in(client, room.people[0])
    numeric = next(q for q in course.evaluations["hot"].knowledge_questions if q.type == "numeric")
    response = post(
        client,
        "/me/evaluations/hot",
        "/me/evaluations/hot",
        {f"q.{numeric.id}": "beaucoup", "q.sat-q16": "Très concret."},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Très concret." in html and "n'ont pas été enregistrées" in html
    # The error summary links to the faulty question's input, and to it alone.
    page = Page(html)
    (link,) = page.children(page.one("div", class_="error-summary"), "a")
    assert page.by_id(link.get("href").removeprefix("#")).get("name") == f"q.{numeric.id}"
    assert evaluations.submission(room.people[0].id, "hot") is None


def test_the_cold_evaluation_through_the_personal_link(client, course, factories):
    room = make_room(factories, 1)
    sessions.close_session(room.session)
    invitation = cold.invitations_of(room.session.id)[0]
    url = f"/froid/{cold.token_for(invitation)}"
    with time_machine.travel(invitation.due_at, tick=False):  # the day it is sent
        html = client.get(url).get_data(as_text=True)
        assert course.evaluations["cold"].title in html
        answers = knowledge_answers(course.evaluations["cold"]) | {"cold-q1": 3}
        response = post(client, url, url, form_of(answers))
        assert response.status_code == 303
        html = client.get(url).get_data(as_text=True)
    assert "mes résultats" in html and "100" in html
    assert evaluations.submission(room.people[0].id, "cold").channel == "link"


def test_the_session_dashboard_shows_evaluations_role_plays_and_charts(
    client, course, factories, sign_in
):
    room = make_room(factories, 4)
    for kind in ("positioning", "hot"):
        evaluations.set_open(room.session, course, kind, room.trainer, True)
    evaluation = course.evaluations["hot"]
    satisfied = {
        q.id: q.scale.max
        for s in evaluation.sections
        if s.kind == "satisfaction"
        for q in s.questions
        if q.type == "likert"
    }
    for person in room.people[:2]:
        evaluations.submit(
            person, course, "positioning", knowing_nothing(course.evaluations["positioning"])
        )
        evaluations.submit(
            person,
            course,
            "hot",
            knowledge_answers(evaluation) | satisfied | {"sat-q17": "Plus de pauses."},
        )
    run = roleplay.create_run(room.session, course, "rp-m1-diagnostic-cosmetiques", room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=2)
    sign_in(client, room.trainer)
    page = client.get(f"/trainer/sessions/{room.session.id}")
    html = page.get_data(as_text=True)
    assert "vendor/chartjs/chart.umd.min.js" in html and 'id="chart-data"' in html
    assert "2 / 4 (50\u202f%)" in page.exact_text  # positioning and hot response rates
    assert "Groupe" in html and "1,00" in html  # the gain of those who went from 0 to 100 %
    assert "Diagnostic express" in html
    overview = client.get(f"/trainer/sessions/{room.session.id}/evaluations")
    html = overview.get_data(as_text=True)
    assert "Plus de pauses." in html and "taux de réponse 50\u202f%" in overview.exact_text
    assert client.get("/static/vendor/chartjs/chart.umd.min.js").status_code == 200
