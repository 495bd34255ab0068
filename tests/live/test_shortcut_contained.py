"""The shortcut, the API and the phone page read a request one way (web.request_rules); the
shortcut logs what it passes on, bounds what it remembers, and refuses an answer once."""

import json
import logging

import pytest
from cachetools import TTLCache
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from lexom_learning.extensions import db
from lexom_learning.storage import LiveAnswer
from lexom_learning.web.api import body as validation
from lexom_learning.web.live import shortcut
from lexom_learning.web.request_rules import etag_matches, parse_bearer_token
from tests.api.helpers import token_of
from tests.live.test_pages import _meta_token
from tests.live.test_shortcut import _answer, _poll, dispatched, same_response, without_shortcut

__all__ = ["dispatched"]  # the fixture, shared with test_shortcut.py
LOGGER = "lexom_learning.live.shortcut"


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer 12.abc_DEF-9", "12.abc_DEF-9"),
        ("bearer   staffToken_1  ", "staffToken_1"),
        ("Bearer 12.abc\n", "12.abc"),
        ("Basic 12.abc", None),
        ("Bearer", None),
        ("Bearer 1.2.3", None),
        ("Bearer ١٢.abc", None),  # non-ASCII digits never reach a lookup
        ("Bearer 1234567890.abc", None),  # a link id beyond any column
        (None, None),
    ],
)
def test_one_token_parser(header, token):
    assert parse_bearer_token(header) == token


@pytest.mark.parametrize(
    ("held", "matches"),
    [
        ('"p1-r2"', True),
        ('W/"p1-r2"', True),
        ('"other", W/"p1-r2"', True),
        ("*", True),
        ('"p1-r3"', False),
        ("", False),
        (None, False),
    ],
)
def test_one_etag_rule(held, matches):
    assert etag_matches(held, "p1-r2") is matches


def _padded(option: str, size: int) -> bytes:
    """A valid answer body of ``size`` bytes (JSON allows the spaces)."""
    body = json.dumps({"response": option}).encode()
    return body[:-1] + b" " * (size - len(body)) + b"}"


def _phone(app, sign_in, who):
    phone = sign_in(app.test_client(), who)
    return phone, _meta_token(phone.get("/me/live").get_data(as_text=True))


def test_one_size_limit_on_the_phone_page_the_api_and_the_shortcut(
    app, api, room, live_set, sign_in
):
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    option = question.options[0].id
    client = app.test_client()
    phone, csrf = _phone(app, sign_in, room.alice)
    page = f"/me/live/{lid}/answers/{question.id}"

    def on_page(body: bytes):
        headers = {"X-CSRFToken": csrf}
        return phone.put(page, data=body, content_type="application/json", headers=headers)

    twenty = _padded(option, 20 * 1024)  # refused by the phone page's old 16 KiB limit
    assert len(twenty) == 20 * 1024
    short = _answer(client, token_of(room.bob), lid, question.id, twenty)
    with without_shortcut(app):
        viewed = _answer(client, token_of(room.participants[2]), lid, question.id, twenty)
    paged = on_page(twenty)
    assert [r.status_code for r in (short, viewed, paged)] == [200, 200, 200]
    assert short.get_json() == viewed.get_json() == paged.get_json()

    too_large = _padded(option, 64 * 1024 + 1)
    short = _answer(client, token_of(room.bob), lid, question.id, too_large)
    with without_shortcut(app):
        viewed = _answer(client, token_of(room.bob), lid, question.id, too_large)
    paged = on_page(too_large)
    assert [r.status_code for r in (short, viewed, paged)] == [413, 413, 413]
    assert short.get_json() == viewed.get_json() == paged.get_json()
    assert short.get_json()["error"]["code"] == "too_large"
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 3


def test_the_phone_page_refuses_a_body_as_the_api_does(app, api, room, live_set, sign_in):
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    phone, csrf = _phone(app, sign_in, room.alice)
    client = app.test_client()
    bodies = [(b"{", "application/json"), (b"a=b", "text/plain"), (b"[1]", "application/json")]
    for body, kind in bodies:
        paged = phone.put(
            f"/me/live/{lid}/answers/{question.id}",
            data=body,
            content_type=kind,
            headers={"X-CSRFToken": csrf},
        )
        api_side = _answer(client, token_of(room.alice), lid, question.id, body, kind)
        assert paged.status_code == api_side.status_code in (400, 415, 422)
        assert paged.get_json() == api_side.get_json()


class Spy:
    """Count the calls of a function while calling it."""

    def __init__(self, function):
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def spies(monkeypatch):
    """Spies on the body validator, the shortcut's and the view's answer services, and on the
    one function that validates and grades a live answer (``quizzes.judge``)."""
    from lexom_learning.services import live, live_answers

    found = {
        "validated": Spy(validation.read_body),
        "judged": Spy(live_answers.judge),
        "shortcut": Spy(shortcut.submit_answer),
        "one statement": Spy(shortcut.store_first_time),
        "view": Spy(live.submit_answer),
    }
    monkeypatch.setattr(validation, "read_body", found["validated"])
    monkeypatch.setattr(live_answers, "judge", found["judged"])
    monkeypatch.setattr(shortcut, "submit_answer", found["shortcut"])
    monkeypatch.setattr(shortcut, "store_first_time", found["one statement"])
    monkeypatch.setattr(live, "submit_answer", found["view"])
    yield found


def _counts(spies) -> dict[str, int]:
    counts = {name: spy.calls for name, spy in spies.items()}
    for spy in spies.values():
        spy.calls = 0
    return counts


@pytest.mark.parametrize("polled", [False, True], ids=["unchecked", "checked-by-a-poll"])
def test_a_refused_answer_is_processed_once_and_handed_to_the_view(
    app, api, room, live_set, spies, dispatched, polled
):
    lid = api.start(room)
    first, second = live_set.questions[0], live_set.questions[1]
    api.move(room, lid, "next")
    option = first.options[0].id
    token, client = token_of(room.alice), app.test_client()
    if polled:
        assert _poll(client, token, lid, None).status_code == 200  # the worker remembers it
    cases = [
        (second.id, {"response": option}, 409),  # not open
        (first.id, {"response": "zz"}, 422),  # not an option
        (first.id, {"answer": option}, 422),  # the body's schema
        (first.id, b"{", 400),  # not JSON
    ]
    for question_id, body, status in cases:
        if not polled:
            app.wsgi_app.checked.clear()  # an answer's check is remembered too
        _counts(spies)
        dispatched.clear()
        short = _answer(client, token, lid, question_id, body)
        assert short.status_code == status
        assert dispatched == [f"/api/v1/live-quizzes/{lid}/answers/{question_id}"]
        counts = _counts(spies)
        assert counts["validated"] == 1  # the body is read once, by the shortcut
        assert counts["view"] == 0  # the view never recomputes the refusal
        readable = isinstance(body, dict) and "response" in body
        assert counts["shortcut"] == (1 if readable else 0)
        assert counts["one statement"] == (1 if readable and polled else 0)
        # Judged once, by the one statement's try or by the full path, never by both.
        assert counts["judged"] == (1 if readable else 0)
        with without_shortcut(app):
            viewed = _answer(client, token, lid, question_id, body)
        counts = _counts(spies)
        assert counts["view"] == counts["judged"] == (1 if readable else 0)
        same_response(short, viewed)
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


@pytest.mark.parametrize("polled", [False, True], ids=["unchecked", "checked-by-a-poll"])
def test_an_accepted_answer_is_judged_once(app, api, room, live_set, spies, polled):
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    token, client = token_of(room.alice), app.test_client()
    if polled:
        assert _poll(client, token, lid, None).status_code == 200
    for number, option in enumerate(question.options[:2], start=1):
        if not polled:
            app.wsgi_app.checked.clear()
        _counts(spies)
        answered = _answer(client, token, lid, question.id, {"response": option.id})
        assert answered.status_code == 200 and answered.get_json()["changes"] == number
        counts = _counts(spies)
        assert counts["judged"] == 1
        assert (counts["one statement"], counts["shortcut"]) == ((1, 0) if polled else (0, 1))
    with without_shortcut(app):
        answered = _answer(
            client, token_of(room.bob), lid, question.id, {"response": question.options[0].id}
        )
    assert answered.status_code == 200
    assert _counts(spies)["judged"] == 1
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 3


def test_a_handed_refusal_speaks_the_callers_language(app, api, room, live_set):
    lid = api.start(room)
    api.move(room, lid, "next")
    question_id, client = live_set.questions[0].id, app.test_client()
    headers = {"Authorization": f"Bearer {token_of(room.alice)}", "Accept-Language": "en"}
    path = f"/api/v1/live-quizzes/{lid}/answers/{question_id}"
    for body in (b"{", json.dumps({"response": "zz"}).encode()):
        short = client.put(path, data=body, content_type="application/json", headers=headers)
        with without_shortcut(app):
            viewed = client.put(path, data=body, content_type="application/json", headers=headers)
        same_response(short, viewed)
        assert short.status_code in (400, 422)
    english = client.put(path, data=b"{", content_type="application/json", headers=headers)
    assert english.status_code == 400
    assert "JSON" in english.get_json()["error"]["message"]
    assert "n'est pas" not in english.get_json()["error"]["message"]  # not the French source


def test_what_is_passed_on_is_logged_with_its_reason(app, api, room, live_set, caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    option = question.options[0].id
    token, client = token_of(room.alice), app.test_client()

    def logged(response_status: int, request) -> list[str]:
        caplog.clear()
        assert request().status_code == response_status
        return [r.getMessage() for r in caplog.records if r.name == LOGGER]

    forged = token.rsplit(".", 1)[0] + "." + "0" * 40
    assert (
        "passed on: no participant token"
        in logged(200, lambda: _poll(client, token_of(room.trainer), lid, None))[0]
    )
    assert "token not valid" in logged(401, lambda: _poll(client, forged, lid, None))[0]
    assert (
        "token not valid"
        in logged(404, lambda: _poll(client, token_of(room.outsider), lid, None))[0]
    )
    (refused,) = [
        m
        for m in logged(409, lambda: _answer(client, token, lid, "l1-q2", {"response": option}))
        if m.startswith("passed on")
    ]
    assert "answer refused (409" in refused and f"/live-quizzes/{lid}/answers/l1-q2" in refused
    too_large = _padded(option, 64 * 1024 + 1)
    assert (
        "body too large" in logged(413, lambda: _answer(client, token, lid, "l1-q1", too_large))[0]
    )
    assert not any(token.split(".")[1] in r.getMessage() for r in caplog.records)  # no secret
    caplog.clear()
    assert _poll(client, token, lid, None).status_code == 200
    assert _answer(client, token, lid, question.id, {"response": option}).status_code == 200
    assert not [r for r in caplog.records if r.name == LOGGER and r.levelno >= logging.INFO]


def test_a_database_error_is_logged_and_the_view_answers(
    app, api, room, live_set, caplog, monkeypatch
):
    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(shortcut, "submit_answer", broken)
    lid = api.start(room)
    api.move(room, lid, "next")
    question = live_set.questions[0]
    answered = _answer(
        app.test_client(),
        token_of(room.bob),
        lid,
        question.id,
        {"response": question.options[0].id},
    )
    assert answered.status_code == 200  # the view stored it
    (record,) = [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]
    assert "database error" in record.getMessage() and record.exc_info[0] is OperationalError

    caplog.clear()
    monkeypatch.setattr(shortcut, "participant_state", broken)
    polled = _poll(app.test_client(), token_of(room.bob), lid, None)
    assert polled.status_code == 200 and polled.get_json()["current"]["mine"] is not None
    (record,) = [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]
    assert f"GET /api/v1/live-quizzes/{lid}]" in record.getMessage() and record.exc_info


def test_the_cache_of_checked_phones_is_bounded_in_size_and_age(
    app, api, room, live_set, monkeypatch
):
    middleware = app.wsgi_app
    assert isinstance(middleware, shortcut.PhoneShortcut)
    assert middleware.checked.maxsize == shortcut.CHECKED_MAX
    assert middleware.checked.ttl == shortcut.CHECKED_SECONDS
    now = [0.0]
    monkeypatch.setattr(middleware, "checked", TTLCache(2, 60, timer=lambda: now[0]))
    first_time = Spy(shortcut.store_first_time)
    monkeypatch.setattr(shortcut, "store_first_time", first_time)
    lid = api.start(room)
    api.move(room, lid, "next")
    client = app.test_client()
    for who in room.participants:  # three phones, room for two
        assert _poll(client, token_of(who), lid, None).status_code == 200
    assert len(middleware.checked) == 2
    assert (token_of(room.alice), lid) not in middleware.checked  # the oldest made room

    question = live_set.questions[0]
    option = question.options[0].id
    assert (
        _answer(client, token_of(room.bob), lid, question.id, {"response": option}).status_code
        == 200
    )
    assert first_time.calls == 1  # remembered: one statement
    now[0] = 61.0  # past the age limit: forgotten, the full path checks the token again
    assert len(middleware.checked) == 0
    answered = _answer(
        client, token_of(room.participants[2]), lid, question.id, {"response": option}
    )
    assert answered.status_code == 200 and first_time.calls == 1
    assert (token_of(room.participants[2]), lid) in middleware.checked  # checked again
