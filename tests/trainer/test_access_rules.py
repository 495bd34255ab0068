"""Every page that takes an object id refuses the callers who must be refused."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.storage import Participant, User
from tests.conftest import csrf_token_from

SESSION_READS = [
    ("GET", "/trainer/sessions/{sid}"),
]
SESSION_WRITES = [
    ("POST", "/trainer/sessions/{sid}/participants"),
    ("POST", "/trainer/sessions/{sid}/participants/import"),
    ("POST", "/trainer/sessions/{sid}/participants/{pid}/link"),
    ("POST", "/trainer/sessions/{sid}/participants/{pid}/revoke"),
    ("GET", "/trainer/sessions/{sid}/qr-sheet"),
]
ADMIN = [("POST", "/admin/users/{uid}/active"), ("GET", "/admin/users")]


@pytest.fixture
def world(factories):
    """Two sessions by two trainers, a participant in each, compliance and admin accounts."""
    mine = factories.SessionFactory()
    theirs = factories.SessionFactory()
    return {
        "session": mine,
        "participant": factories.ParticipantFactory(session=mine),
        "other_participant": factories.ParticipantFactory(session=theirs),
        "other_trainer": theirs.trainer,
        "compliance": factories.UserFactory(role="compliance"),
        "admin": factories.UserFactory(role="admin"),
    }


def _url(template, world):
    return template.format(
        sid=world["session"].id, pid=world["participant"].id, uid=world["session"].trainer_id
    )


def _request(client, method, url):
    """Send the request with a valid CSRF token: refusals must come from role and ownership."""
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.open(url, method=method, data={"csrf_token": token})


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES + ADMIN)
def test_anonymous_is_sent_to_login(client, world, method, template):
    response = _request(client, method, _url(template, world))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES + ADMIN)
def test_participant_is_refused(client, world, sign_in, method, template):
    sign_in(client, world["participant"])
    assert _request(client, method, _url(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES)
def test_other_trainer_does_not_even_see_the_session(client, world, sign_in, method, template):
    sign_in(client, world["other_trainer"])
    assert _request(client, method, _url(template, world)).status_code == 404


@pytest.mark.parametrize("method, template", SESSION_WRITES)
def test_compliance_reads_but_never_changes(client, world, sign_in, method, template):
    sign_in(client, world["compliance"])
    assert _request(client, "GET", _url(SESSION_READS[0][1], world)).status_code == 200
    assert _request(client, method, _url(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", ADMIN)
def test_only_admins_manage_accounts(client, world, sign_in, method, template):
    for who in (world["session"].trainer, world["compliance"]):
        sign_in(client, who)
        assert _request(client, method, _url(template, world)).status_code == 403
    assert db.session.get(User, world["session"].trainer_id).active


def test_participant_of_another_session_is_not_found_by_the_trainer(client, world, sign_in):
    sign_in(client, world["session"].trainer)
    url = (
        f"/trainer/sessions/{world['session'].id}/participants/{world['other_participant'].id}/link"
    )
    assert _request(client, "POST", url).status_code == 404
    db.session.expire_all()
    other = db.session.get(Participant, world["other_participant"].id)
    assert all(link.revoked_at is None for link in other.links)


def test_trainer_lists_only_their_sessions_compliance_all(client, world, sign_in):
    sign_in(client, world["session"].trainer)
    html = client.get("/trainer/sessions").get_data(as_text=True)
    assert world["session"].title in html
    assert world["other_participant"].session.title not in html
    sign_in(client, world["compliance"])
    html = client.get("/trainer/sessions").get_data(as_text=True)
    assert world["session"].title in html and world["other_participant"].session.title in html
    assert "Nouvelle session" not in html
