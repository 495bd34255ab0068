"""Every route of role plays, evaluations and the outbox that takes an id refuses whoever must
be refused: participant pages and the JSON API (bearer tokens). The staff pages are checked
with every other session page in tests/trainer/test_access_rules.py."""

import pytest
import time_machine

from lexom_learning.services import cold, outbox, sessions
from tests.access import csrf_request, url_of
from tests.api.helpers import Api, assert_error

PARTICIPANT_PAGES = [
    ("GET", "/me/roleplays/{rid}"),
    ("POST", "/me/roleplays/{rid}/grid"),
]
API_READS = [
    ("GET", "/sessions/{sid}/roleplays"),
    ("GET", "/roleplays/{rid}"),
    ("GET", "/roleplays/{rid}/grids"),
    ("GET", "/sessions/{sid}/evaluations"),
    ("GET", "/sessions/{sid}/attainment"),
]
API_WRITES = [
    ("POST", "/sessions/{sid}/roleplays", {"case_id": "rp-m1-diagnostic-cosmetiques"}),
    ("PUT", "/roleplays/{rid}/groups", {"mode": "auto"}),
    ("PUT", "/roleplays/{rid}/debrief", {"note": "x"}),
    ("POST", "/roleplays/{rid}/close", None),
    ("POST", "/sessions/{sid}/evaluations/hot/open", None),
    ("POST", "/sessions/{sid}/evaluations/hot/close", None),
    ("GET", "/sessions/{sid}/outbox", None),
]
API_LEARNER = [
    ("GET", "/me/roleplays/{rid}", None),
    ("POST", "/roleplays/{rid}/grids", {"scores": {"c1": 3}}),
]


@pytest.mark.parametrize("method, template", PARTICIPANT_PAGES)
def test_participant_pages_refuse_staff_others_and_anonymous(
    client, world, sign_in, method, template
):
    url = url_of(template, world)
    assert csrf_request(client, method, url).status_code == 401
    sign_in(client, world["session"].trainer)
    assert csrf_request(client, method, url).status_code == 403
    sign_in(client, world["other_participant"])
    assert csrf_request(client, method, url).status_code == 404


def test_unknown_ids_are_not_found(client, world, sign_in):
    sign_in(client, world["session"].trainer)
    for url in (
        "/trainer/roleplays/999999",
        "/trainer/sessions/999999/evaluations",
        f"/trainer/sessions/{world['session'].id}/evaluations/cold/open",
        f"/trainer/sessions/{world['session'].id}/outbox/999999/copied",
        "/trainer/roleplays/99999999999999999999",
    ):
        method = (
            "GET" if url.endswith(("evaluations", "999999")) and "outbox" not in url else "POST"
        )
        assert csrf_request(client, method, url).status_code == 404, url
    sign_in(client, world["participant"])
    assert client.get("/me/roleplays/999999").status_code == 404
    assert client.get("/me/evaluations/cold").status_code == 404


def test_a_message_of_another_session_is_not_found(client, world, sign_in, factories):
    from lexom_learning.extensions import db

    other = factories.SessionFactory(trainer=world["session"].trainer)
    message = outbox.enqueue(
        "test:2", kind="test", to="b@exemple.fr", subject="s", body="b", session_id=other.id
    )
    db.session.commit()
    sign_in(client, world["session"].trainer)
    url = f"/trainer/sessions/{world['session'].id}/outbox/{message.id}/copied"
    assert csrf_request(client, "POST", url).status_code == 404


def test_the_cold_link_needs_no_account_and_a_wrong_one_is_not_found(client, world):
    sessions.close_session(world["session"])
    invitation = cold.invitations_of(world["session"].id)[0]
    with time_machine.travel(invitation.due_at, tick=False):
        assert client.get(f"/froid/{cold.token_for(invitation)}").status_code == 200
    assert client.get(f"/froid/{invitation.id}.{'0' * 40}").status_code == 404
    assert client.get("/froid/nope").status_code == 404


@pytest.mark.parametrize("method, template", API_READS)
def test_api_reads(client, world, method, template):
    api, path = Api(client), url_of(template, world)
    assert_error(api.call(method, path), 401)
    assert_error(api.call(method, path, world["participant"]), 403)
    assert_error(api.call(method, path, world["other_trainer"]), 404)
    for who in (world["session"].trainer, world["compliance"], world["admin"]):
        assert api.call(method, path, who).status_code == 200


@pytest.mark.parametrize("method, template, body", API_WRITES)
def test_api_writes(client, world, method, template, body):
    api, path = Api(client), url_of(template, world)
    assert_error(api.call(method, path, None, body), 401)
    assert_error(api.call(method, path, world["participant"], body), 403)
    assert_error(api.call(method, path, world["other_trainer"], body), 404)
    assert_error(api.call(method, path, world["compliance"], body), 403)
    assert api.call(method, path, world["session"].trainer, body).status_code < 300


@pytest.mark.parametrize("method, template, body", API_LEARNER)
def test_api_learner_routes(client, world, method, template, body):
    api, path = Api(client), url_of(template, world)
    assert_error(api.call(method, path, None, body), 401)
    assert_error(api.call(method, path, world["session"].trainer, body), 403)
    assert_error(api.call(method, path, world["other_participant"], body), 404)


def test_api_unknown_run_and_kind(client, world):
    api = Api(client)
    trainer, person = world["session"].trainer, world["participant"]
    assert_error(api.get("/roleplays/999999", trainer), 404)
    assert_error(api.get("/me/roleplays/999999", person), 404)
    assert_error(api.get("/me/evaluations/cold", person), 404)
    assert_error(api.post(f"/sessions/{world['session'].id}/evaluations/cold/open", trainer), 404)
    assert_error(api.get("/me/evaluations/hot/results", person), 404)
