"""The trainer's pages (session section, control, projector, results) and the phone page, with
their access rules, through the real forms and CSRF tokens."""

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.storage import LiveAnswer, LiveRun
from tests.conftest import csrf_token_from
from tests.typeset import plain


def _meta_token(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def _start_from_session_page(trainer_client, room, quiz_id="live-day1"):
    page = trainer_client.get(f"/trainer/sessions/{room.session.id}").get_data(as_text=True)
    assert "Quiz en salle" in page and f'value="{quiz_id}"' in page
    response = trainer_client.post(
        f"/trainer/sessions/{room.session.id}/live",
        data={"csrf_token": csrf_token_from(page), "quiz_id": quiz_id},
    )
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[-1])


def _press(trainer_client, lid, action):
    page = trainer_client.get(f"/trainer/live/{lid}").get_data(as_text=True)
    return trainer_client.post(
        f"/trainer/live/{lid}/{action}", data={"csrf_token": csrf_token_from(page)}
    )


def test_the_session_page_lists_the_quizzes_and_starts_one(app, room, sign_in, course):
    trainer = sign_in(app.test_client(), room.trainer)
    page = trainer.get(f"/trainer/sessions/{room.session.id}").get_data(as_text=True)
    for quiz in (course.quiz("live-day1"), course.quiz("live-day2"), course.quiz("m1-quiz")):
        assert f'value="{quiz.id}"' in page
    lid = _start_from_session_page(trainer, room, "m1-quiz")
    page = trainer.get(f"/trainer/sessions/{room.session.id}").get_data(as_text=True)
    assert f"/trainer/live/{lid}" in page and "Piloter le quiz" in page
    assert 'name="quiz_id"' not in page  # one run at a time


def test_a_whole_quiz_in_the_room(app, api, room, sign_in, live_set):
    trainer = sign_in(app.test_client(), room.trainer)
    phone = sign_in(app.test_client(), room.alice)
    spec = live_set.questions[0]

    lid = api.start(room)
    control = trainer.get(f"/trainer/live/{lid}").get_data(as_text=True)
    assert "Ouvrir la première question" in control and "Fermer la question" not in control
    waiting = phone.get("/me/live").get_data(as_text=True)
    assert "Le quiz va commencer" in waiting

    assert _press(trainer, lid, "next").status_code == 303
    projected = trainer.get(f"/trainer/live/{lid}/projector").get_data(as_text=True)
    assert spec.prompt in projected and "0</strong> réponse sur 3" in projected
    assert "is-correct" not in projected

    page = phone.get("/me/live").get_data(as_text=True)
    assert spec.prompt in page and 'value="a"' in page
    answered = phone.put(
        f"/me/live/{lid}/answers/{spec.id}",
        json={"response": "a"},
        headers={"X-CSRFToken": _meta_token(page)},
    )
    assert answered.status_code == 200 and answered.get_json()["changes"] == 1
    again = phone.get("/me/live").get_data(as_text=True)  # a reload recovers the answer
    assert 'aria-pressed="true"' in again and "Vous pouvez la changer" in again
    board = trainer.get(f"/trainer/live/{lid}/board").get_data(as_text=True)
    assert "<strong>1</strong> réponse sur 3" in board
    panel = trainer.get(f"/trainer/live/{lid}/panel").get_data(as_text=True)
    assert "is-correct" in panel  # the trainer's own screen shows the live histogram

    assert _press(trainer, lid, "close").status_code == 303
    board = trainer.get(f"/trainer/live/{lid}/board").get_data(as_text=True)
    assert "is-correct" in board and "(bonne réponse)" in board
    assert plain(str(escape(spec.explanation))) in board
    closed = phone.get("/me/live/panel").get_data(as_text=True)
    assert "Bonne réponse !" in closed and plain(str(escape(spec.explanation))) in closed
    assert "Vos bonnes réponses : <strong>1</strong> sur 1" in closed

    assert _press(trainer, lid, "finish").status_code == 303
    assert "Quiz terminé" in phone.get("/me/live").get_data(as_text=True)
    results = trainer.get(f"/trainer/live/{lid}/results").get_data(as_text=True)
    assert "Alice Durand" in results and spec.prompt in results


def test_an_illegal_press_is_explained(app, api, room, sign_in):
    trainer = sign_in(app.test_client(), room.trainer)
    lid = api.start(room)
    response = _press(trainer, lid, "close")
    assert response.status_code == 303
    assert "Aucune question n'est ouverte." in trainer.get(f"/trainer/live/{lid}").get_data(
        as_text=True
    )
    assert db.session.get(LiveRun, lid).status == "waiting"


def test_the_leaderboard_can_be_shown(app, api, room, sign_in, live_set):
    trainer = sign_in(app.test_client(), room.trainer)
    lid = api.start(room)
    page = trainer.get(f"/trainer/live/{lid}").get_data(as_text=True)
    trainer.post(
        f"/trainer/live/{lid}/leaderboard", data={"csrf_token": csrf_token_from(page), "shown": "1"}
    )
    api.move(room, lid, "next")
    api.answer(room.bob, lid, live_set.questions[0].id, "a")
    api.move(room, lid, "close")
    board = trainer.get(f"/trainer/live/{lid}/board").get_data(as_text=True)
    assert "Classement" in board and board.index("Bruno Lefèvre") < board.index("Alice Durand")


def test_the_phone_needs_its_csrf_token_and_a_clean_body(app, api, room, sign_in, live_set):
    lid = api.start(room)
    api.move(room, lid, "next")
    phone = sign_in(app.test_client(), room.alice)
    token = _meta_token(phone.get("/me/live").get_data(as_text=True))
    path = f"/me/live/{lid}/answers/{live_set.questions[0].id}"
    assert phone.put(path, json={"response": "a"}).status_code == 400  # no CSRF token
    bad = phone.put(path, json={"response": "a", "x": 1}, headers={"X-CSRFToken": token})
    # The API's body rule (request_rules.read_json_body): an unknown key is named.
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "x"
    wrong = phone.put(path, json={"response": "zz"}, headers={"X-CSRFToken": token})
    assert wrong.status_code == 422
    deep = phone.put(
        path, data="[" * 5000, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert deep.status_code == 400 and deep.get_json()["error"]["code"] == "bad_request"
    outsider = sign_in(app.test_client(), room.outsider)
    other_token = _meta_token(outsider.get("/me/live").get_data(as_text=True))
    refused = outsider.put(path, json={"response": "a"}, headers={"X-CSRFToken": other_token})
    assert refused.status_code == 404
    assert db.session.scalars(select(LiveAnswer)).all() == []


TRAINER_PAGES = ["", "/panel", "/projector", "/board", "/results"]


@pytest.mark.parametrize("path", TRAINER_PAGES)
def test_trainer_pages_refuse_everyone_else(app, api, room, sign_in, path):
    lid = api.start(room)
    url = f"/trainer/live/{lid}{path}"
    assert app.test_client().get(url).status_code == 302  # to the login page
    assert sign_in(app.test_client(), room.alice).get(url).status_code == 403
    assert sign_in(app.test_client(), room.other_trainer).get(url).status_code == 404
    assert sign_in(app.test_client(), room.compliance).get(url).status_code == 200
    assert app.test_client().get(f"/trainer/live/{lid + 99}{path}").status_code == 302


@pytest.mark.parametrize("action", ["next", "close", "finish", "leaderboard"])
def test_only_the_sessions_trainer_drives_the_run(app, api, room, sign_in, action):
    lid = api.start(room)
    for who, status in ((room.compliance, 403), (room.other_trainer, 404), (room.alice, 403)):
        client = sign_in(app.test_client(), who)
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        assert (
            client.post(f"/trainer/live/{lid}/{action}", data={"csrf_token": token}).status_code
            == status
        )
    assert db.session.get(LiveRun, lid).status == "waiting"


def test_only_the_trainer_starts_from_the_session_page(app, room, sign_in):
    for who, status in ((room.compliance, 403), (room.other_trainer, 404), (room.alice, 403)):
        client = sign_in(app.test_client(), who)
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        response = client.post(
            f"/trainer/sessions/{room.session.id}/live",
            data={"csrf_token": token, "quiz_id": "live-day1"},
        )
        assert response.status_code == status
    assert db.session.scalars(select(LiveRun)).all() == []


def test_the_phone_page_is_for_participants(app, room, sign_in):
    assert app.test_client().get("/me/live").status_code == 401
    assert sign_in(app.test_client(), room.trainer).get("/me/live").status_code == 403
    assert sign_in(app.test_client(), room.alice).get("/me/live/panel").status_code == 200


def test_the_phone_stops_working_when_its_link_is_revoked_or_swapped(
    app, api, room, sign_in, live_set
):
    from lexom_learning.services import links

    lid = api.start(room)
    api.move(room, lid, "next")
    phone = sign_in(app.test_client(), room.alice)
    token = _meta_token(phone.get("/me/live").get_data(as_text=True))
    path = f"/me/live/{lid}/answers/{live_set.questions[0].id}"
    with phone.session_transaction() as cookie:
        cookie["link_id"] = links.current_link(room.bob).id  # Alice's id, Bob's link
    assert phone.get("/me/live/panel").status_code == 401
    assert (
        phone.put(path, json={"response": "a"}, headers={"X-CSRFToken": token}).status_code == 401
    )
    sign_in(phone, room.alice)
    token = _meta_token(phone.get("/me/live").get_data(as_text=True))  # a new session
    links.revoke_links(room.alice)
    db.session.commit()
    assert phone.get("/me/live/panel").status_code == 401
    assert (
        phone.put(path, json={"response": "a"}, headers={"X-CSRFToken": token}).status_code == 401
    )
    assert db.session.scalars(select(LiveAnswer)).all() == []


def test_every_live_page_polls_under_a_second(app, room, sign_in):
    from lexom_learning.web.live.http import POLL_PERIOD_MS

    assert 0 < POLL_PERIOD_MS < 1000  # a question shows on every phone within a second
    trainer = sign_in(app.test_client(), room.trainer)
    lid = _start_from_session_page(trainer, room)
    phone = sign_in(app.test_client(), room.alice)
    pages = [
        trainer.get(f"/trainer/live/{lid}"),
        trainer.get(f"/trainer/live/{lid}/projector"),
        phone.get("/me/live"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert f'data-poll-period="{POLL_PERIOD_MS}"' in page.get_data(as_text=True)


def test_a_polled_panel_changes_with_the_language(app, api, room, sign_in):
    lid = api.start(room)
    api.move(room, lid, "next")
    trainer = sign_in(app.test_client(), room.trainer)
    phone = sign_in(app.test_client(), room.alice)
    for client, page, panel in (
        (phone, "/me/live", "/me/live/panel"),
        (trainer, f"/trainer/live/{lid}", f"/trainer/live/{lid}/panel"),
        (trainer, f"/trainer/live/{lid}/projector", f"/trainer/live/{lid}/board"),
    ):
        html = client.get(page + "?lang=fr").get_data(as_text=True)
        etag = '"' + re.search(r'data-etag="([^"]+)"', html).group(1) + '"'
        assert client.get(panel, headers={"If-None-Match": etag}).status_code == 304
        client.get(page + "?lang=en")  # the visitor switches to English
        english = client.get(panel, headers={"If-None-Match": etag})
        assert english.status_code == 200, panel  # not the French panel it holds
        assert (
            client.get(panel, headers={"If-None-Match": english.headers["ETag"]}).status_code == 304
        )
