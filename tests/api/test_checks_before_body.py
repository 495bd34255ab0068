"""Who calls comes before what they send: 401, 403 and 404 from the view's own checks answer
before the body's or the query's refusal (400, 415, 422); only a body too large to read (413)
is refused first, whoever sends it (web/api/spec.py)."""

import json

import pytest
from flask import Flask
from spectree import SpecTree

from lexom_learning.web.api.spec import AnswerBreaksContract, EmptyBody, StrictBodies
from tests.api.helpers import assert_error

pytestmark = pytest.mark.db

# (data, content type): each is refused with 400, 415 or 422 once the caller may write.
MALFORMED = [
    ("[]", "application/json"),
    ('{"title": 3}', "application/json"),
    ("{pas du json", "application/json"),
    ("a=1", "application/x-www-form-urlencoded"),
]


def _send(api, method, path, who, data, content_type="application/json", **kwargs):
    return api.call(method, path, who, data=data, content_type=content_type, **kwargs)


@pytest.mark.parametrize(("data", "content_type"), MALFORMED)
def test_an_anonymous_malformed_body_gets_401(api, world, data, content_type):
    for method, path in [
        ("POST", "/sessions"),
        ("PATCH", f"/sessions/{world.session.id}"),
        ("POST", f"/sessions/{world.session.id}/participants"),
        ("POST", "/me/evaluations/hot/responses"),
    ]:
        response = _send(api, method, path, None, data, content_type)
        assert_error(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("data", "content_type"), MALFORMED)
def test_a_participant_sending_a_malformed_body_to_a_staff_route_gets_403(
    api, world, data, content_type
):
    path = f"/sessions/{world.session.id}/participants"
    error = assert_error(_send(api, "POST", path, world.participant, data, content_type), 403)
    assert error["code"] == "forbidden"
    assert_error(_send(api, "POST", "/sessions", world.participant, data, content_type), 403)


@pytest.mark.parametrize(("data", "content_type"), MALFORMED)
def test_staff_sending_a_malformed_body_to_an_unknown_session_get_404(
    api, world, data, content_type
):
    for path in ["/sessions/999999/participants", f"/sessions/{world.other_session.id}/close"]:
        assert_error(_send(api, "POST", path, world.trainer, data, content_type), 404)
    patch = f"/sessions/{world.session.id}/complaints/999999"
    assert_error(_send(api, "PATCH", patch, world.trainer, data, content_type), 404)


def test_a_reader_sending_a_malformed_body_gets_403(api, world):
    path = f"/sessions/{world.session.id}/evaluations/hot/open"
    assert_error(_send(api, "POST", path, world.compliance, '{"x": 1}'), 403)
    assert_error(_send(api, "POST", path, world.trainer, '{"x": 1}'), 422, "x")


def test_staff_sending_a_malformed_body_to_their_session_get_422_naming_the_field(api, world):
    path = f"/sessions/{world.session.id}/participants"
    body = json.dumps({"name": 3, "email": "a@b.fr"})
    error = assert_error(_send(api, "POST", path, world.trainer, body), 422, "name")
    assert error["message"] == "« name » doit être un texte."
    assert_error(_send(api, "POST", path, world.trainer, "{pas du json"), 400)
    assert_error(_send(api, "POST", path, world.trainer, "a=1", "text/plain"), 415)


def test_a_body_too_large_is_refused_first_whoever_sends_it(api, world):
    huge = json.dumps({"name": "x" * 70_000})
    path = f"/sessions/{world.session.id}/participants"
    for who in (None, world.participant, world.trainer):
        error = assert_error(_send(api, "POST", path, who, huge), 413)
        assert error["code"] == "too_large"


def test_a_view_that_declares_a_body_must_ask_for_it():
    spec = SpecTree(backend=StrictBodies, mode="strict")
    app = Flask(__name__)
    app.testing = True

    @app.post("/forgetful")
    @spec.validate(json=EmptyBody)
    def forgetful():
        return {}

    with pytest.raises(AnswerBreaksContract, match="forgetful"):
        app.test_client().post("/forgetful", json={"x": 1})
