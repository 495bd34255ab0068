"""Every route of role plays, evaluations and the outbox that takes an id refuses whoever must
be refused: web pages (with a valid CSRF token) and the JSON API (bearer tokens)."""

import pytest
import time_machine

from lexom_learning.services import cold, evaluations, outbox, roleplay, sessions
from tests.api.helpers import Api, assert_error
from tests.conftest import csrf_token_from

STAFF_READS = [
    ("GET", "/trainer/roleplays/{rid}"),
    ("GET", "/trainer/sessions/{sid}/evaluations"),
]
STAFF_WRITES = [
    ("POST", "/trainer/sessions/{sid}/roleplays"),
    ("POST", "/trainer/roleplays/{rid}/groups/auto"),
    ("POST", "/trainer/roleplays/{rid}/groups"),
    ("POST", "/trainer/roleplays/{rid}/debrief"),
    ("POST", "/trainer/roleplays/{rid}/close"),
    ("POST", "/trainer/sessions/{sid}/evaluations/hot/open"),
    ("POST", "/trainer/sessions/{sid}/evaluations/hot/close"),
    ("POST", "/trainer/sessions/{sid}/outbox/{mid}/copied"),
]
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


@pytest.fixture
def world(app, course, factories):
    """A session with a run and a queued message, another trainer's session, staff."""
    mine = factories.SessionFactory()
    theirs = factories.SessionFactory()
    people = [factories.ParticipantFactory(session=mine) for _ in range(4)]
    run = roleplay.create_run(mine, course, "rp-m1-diagnostic-cosmetiques", mine.trainer)
    evaluations.set_open(mine, course, "hot", mine.trainer, True)
    message = outbox.enqueue(
        "test:1", kind="test", to="a@exemple.fr", subject="s", body="b", session_id=mine.id
    )
    from lexom_learning.extensions import db

    db.session.commit()
    return {
        "session": mine,
        "run": run,
        "message": message,
        "participant": people[0],
        "other_participant": factories.ParticipantFactory(session=theirs),
        "other_trainer": theirs.trainer,
        "compliance": factories.UserFactory(role="compliance"),
        "admin": factories.UserFactory(role="admin"),
    }


def _url(template, world):
    return template.format(sid=world["session"].id, rid=world["run"].id, mid=world["message"].id)


def _request(client, method, url):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.open(url, method=method, data={"csrf_token": token})


@pytest.mark.parametrize("method, template", STAFF_READS + STAFF_WRITES)
def test_anonymous_is_sent_to_login(client, world, method, template):
    response = _request(client, method, _url(template, world))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("method, template", STAFF_READS + STAFF_WRITES)
def test_participant_is_refused_staff_pages(client, world, sign_in, method, template):
    sign_in(client, world["participant"])
    assert _request(client, method, _url(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", STAFF_READS + STAFF_WRITES)
def test_other_trainer_does_not_see_the_session(client, world, sign_in, method, template):
    sign_in(client, world["other_trainer"])
    assert _request(client, method, _url(template, world)).status_code == 404


@pytest.mark.parametrize("method, template", STAFF_WRITES)
def test_compliance_reads_but_never_changes(client, world, sign_in, method, template):
    sign_in(client, world["compliance"])
    for _, read in STAFF_READS:
        assert _request(client, "GET", _url(read, world)).status_code == 200
    assert _request(client, method, _url(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", PARTICIPANT_PAGES)
def test_participant_pages_refuse_staff_others_and_anonymous(
    client, world, sign_in, method, template
):
    url = _url(template, world)
    assert _request(client, method, url).status_code == 401
    sign_in(client, world["session"].trainer)
    assert _request(client, method, url).status_code == 403
    sign_in(client, world["other_participant"])
    assert _request(client, method, url).status_code == 404


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
        assert _request(client, method, url).status_code == 404, url
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
    assert _request(client, "POST", url).status_code == 404


def test_the_cold_link_needs_no_account_and_a_wrong_one_is_not_found(client, world):
    sessions.close_session(world["session"])
    invitation = cold.invitations_of(world["session"].id)[0]
    with time_machine.travel(invitation.due_at, tick=False):
        assert client.get(f"/froid/{cold.token_for(invitation)}").status_code == 200
    assert client.get(f"/froid/{invitation.id}.{'0' * 40}").status_code == 404
    assert client.get("/froid/nope").status_code == 404


@pytest.mark.parametrize("method, template", API_READS)
def test_api_reads(client, world, method, template):
    api, path = Api(client), _url(template, world)
    assert_error(api.call(method, path), 401)
    assert_error(api.call(method, path, world["participant"]), 403)
    assert_error(api.call(method, path, world["other_trainer"]), 404)
    for who in (world["session"].trainer, world["compliance"], world["admin"]):
        assert api.call(method, path, who).status_code == 200


@pytest.mark.parametrize("method, template, body", API_WRITES)
def test_api_writes(client, world, method, template, body):
    api, path = Api(client), _url(template, world)
    assert_error(api.call(method, path, None, body), 401)
    assert_error(api.call(method, path, world["participant"], body), 403)
    assert_error(api.call(method, path, world["other_trainer"], body), 404)
    assert_error(api.call(method, path, world["compliance"], body), 403)
    assert api.call(method, path, world["session"].trainer, body).status_code < 300


@pytest.mark.parametrize("method, template, body", API_LEARNER)
def test_api_learner_routes(client, world, method, template, body):
    api, path = Api(client), _url(template, world)
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
