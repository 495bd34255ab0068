"""Every page is the caller's own: participants only, their own records, 404 for the unknown."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.services import links
from tests.conftest import csrf_token_from
from tests.learner.conftest import count_records, open_link
from tests.learner.quizforms import right_form, submit

PAGES = [
    "/me/",
    "/me/progress",
    "/me/modules/m1",
    "/me/units/m1-u1",
    "/me/quizzes/m1-quiz",
    "/me/quizzes/m1-quiz/attempts/1",
]


@pytest.mark.parametrize("path", PAGES)
def test_without_a_link_the_page_asks_for_one(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert "Ouvrez votre lien personnel" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_staff_are_refused_participant_pages(client, factories, sign_in, path):
    sign_in(client, factories.UserFactory(role="trainer"))
    assert client.get(path).status_code == 403


def test_posts_need_a_participant_too(client, factories, sign_in):
    assert client.post("/me/units/m1-u1/done").status_code in (400, 401)  # CSRF or no link
    sign_in(client, factories.UserFactory(role="admin"))
    token = csrf_token_from(client.get("/trainer/sessions").get_data(as_text=True))
    assert client.post("/me/units/m1-u1/done", data={"csrf_token": token}).status_code == 403
    assert client.post("/me/quizzes/m1-quiz", data={"csrf_token": token}).status_code == 403
    assert count_records() == (0, 0, 0)


@pytest.mark.parametrize(
    "path",
    [
        "/me/modules/m99",
        "/me/units/m9-u9",
        "/me/quizzes/nope",
        "/me/quizzes/live-day1",  # a live-quiz set is not a module quiz
        "/me/quizzes/m1-quiz/attempts/1",  # no attempt yet
        "/me/quizzes/m1-quiz/attempts/0",
        "/me/quizzes/nope/attempts/1",
    ],
)
def test_unknown_ids_are_not_found(phone, course, path):
    assert course.quiz("live-day1") is not None or "live-day1" not in path
    response = phone.get(path)
    assert response.status_code == 404
    assert "Cette page n'existe pas." in response.get_data(as_text=True)


def test_marking_an_unknown_unit_is_not_found_and_stores_nothing(phone):
    token = csrf_token_from(phone.get("/me/units/m1-u1").get_data(as_text=True))
    assert phone.post("/me/units/m9-u9/done", data={"csrf_token": token}).status_code == 404
    assert count_records() == (0, 0, 0)


def test_nobody_sees_another_participants_attempt(app, factories, participant, phone, course):
    quiz = course.quiz("m1-quiz")
    other = factories.ParticipantFactory(session=participant.session, name="Hugo Moreau")
    other_phone = open_link(app, other)
    assert submit(other_phone, "m1-quiz", right_form(quiz)).status_code == 303
    assert other_phone.get("/me/quizzes/m1-quiz/attempts/1").status_code == 200

    assert phone.get("/me/quizzes/m1-quiz/attempts/1").status_code == 404
    assert "pas encore tenté" in phone.get("/me/").get_data(as_text=True)

    # Once both have an attempt 1, each sees their own.
    wrong = {**right_form(quiz), "q.m1-q3": "b", "q.m1-q7": "true"}
    assert submit(phone, "m1-quiz", wrong).status_code == 303
    mine = phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    theirs = other_phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    assert "15 / 17" in mine and "17 / 17" in theirs


def test_a_revoked_link_closes_the_space(phone, participant):
    links.revoke_links(participant)
    db.session.commit()
    assert phone.get("/me/").status_code == 401
