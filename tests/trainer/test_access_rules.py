"""Every page that takes an object id refuses the callers who must be refused."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.storage import Participant, User
from tests.access import csrf_request, url_of

SESSION_READS = [
    ("GET", "/trainer/sessions/{sid}"),
    ("GET", "/trainer/roleplays/{rid}"),
    ("GET", "/trainer/sessions/{sid}/evaluations"),
]
SESSION_WRITES = [
    ("POST", "/trainer/sessions/{sid}/participants"),
    ("POST", "/trainer/sessions/{sid}/participants/import"),
    ("POST", "/trainer/sessions/{sid}/participants/{pid}/link"),
    ("POST", "/trainer/sessions/{sid}/participants/{pid}/revoke"),
    ("GET", "/trainer/sessions/{sid}/qr-sheet"),
    ("POST", "/trainer/sessions/{sid}/roleplays"),
    ("POST", "/trainer/roleplays/{rid}/groups/auto"),
    ("POST", "/trainer/roleplays/{rid}/groups"),
    ("POST", "/trainer/roleplays/{rid}/debrief"),
    ("POST", "/trainer/roleplays/{rid}/close"),
    ("POST", "/trainer/sessions/{sid}/evaluations/hot/open"),
    ("POST", "/trainer/sessions/{sid}/evaluations/hot/close"),
    ("POST", "/trainer/sessions/{sid}/outbox/{mid}/copied"),
]
ADMIN = [("POST", "/admin/users/{uid}/active"), ("GET", "/admin/users")]


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES + ADMIN)
def test_anonymous_is_sent_to_login(client, world, method, template):
    response = csrf_request(client, method, url_of(template, world))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES + ADMIN)
def test_participant_is_refused(client, world, sign_in, method, template):
    sign_in(client, world["participant"])
    assert csrf_request(client, method, url_of(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", SESSION_READS + SESSION_WRITES)
def test_other_trainer_does_not_even_see_the_session(client, world, sign_in, method, template):
    sign_in(client, world["other_trainer"])
    assert csrf_request(client, method, url_of(template, world)).status_code == 404


@pytest.mark.parametrize("method, template", SESSION_WRITES)
def test_compliance_reads_but_never_changes(client, world, sign_in, method, template):
    sign_in(client, world["compliance"])
    for _, read in SESSION_READS:
        assert csrf_request(client, "GET", url_of(read, world)).status_code == 200
    assert csrf_request(client, method, url_of(template, world)).status_code == 403


@pytest.mark.parametrize("method, template", ADMIN)
def test_only_admins_manage_accounts(client, world, sign_in, method, template):
    for who in (world["session"].trainer, world["compliance"]):
        sign_in(client, who)
        assert csrf_request(client, method, url_of(template, world)).status_code == 403
    assert db.session.get(User, world["session"].trainer_id).active


def test_participant_of_another_session_is_not_found_by_the_trainer(client, world, sign_in):
    sign_in(client, world["session"].trainer)
    url = (
        f"/trainer/sessions/{world['session'].id}/participants/{world['other_participant'].id}/link"
    )
    assert csrf_request(client, "POST", url).status_code == 404
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
