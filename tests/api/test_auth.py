"""Bearer tokens: staff exchange a password for one, participants use their access link."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.services import accounts, links, sessions
from tests.api.helpers import assert_error
from tests.factories import PASSWORD


def test_staff_exchange_their_password_for_a_working_token(api, factories):
    factories.UserFactory(role="compliance", email="conformite@lexom.fr")
    response = api.post(
        "/auth/token", body={"email": " Conformite@Lexom.fr ", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.get_json()["role"] == "compliance"
    token = response.get_json()["token"]
    listed = api.get("/sessions", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200


@pytest.mark.parametrize(
    "email, password",
    [("t@lexom.fr", "faux-mot-de-passe"), ("inconnu@lexom.fr", PASSWORD), ("t@lexom", PASSWORD)],
)
def test_wrong_credentials_get_401_and_no_token(api, factories, email, password):
    trainer = factories.UserFactory(email="t@lexom.fr")
    response = api.post("/auth/token", body={"email": email, "password": password})
    assert assert_error(response, 401)["code"] == "invalid_credentials"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert trainer.tokens == []


def test_a_deactivated_account_gets_no_token_and_loses_its_tokens(api, factories):
    trainer = factories.UserFactory(email="t@lexom.fr")
    token = accounts.issue_api_token(trainer)
    accounts.set_active(trainer, False)
    assert_error(api.post("/auth/token", body={"email": "t@lexom.fr", "password": PASSWORD}), 401)
    assert_error(api.get("/sessions", headers={"Authorization": f"Bearer {token}"}), 401)


def test_token_requests_are_rate_limited(api, factories):
    factories.UserFactory(email="t@lexom.fr")
    statuses = [
        api.post("/auth/token", body={"email": "t@lexom.fr", "password": "faux"}).status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429, 429]
    assert_error(api.post("/auth/token", body={"email": "t@lexom.fr", "password": PASSWORD}), 429)


def test_the_session_cookie_never_authenticates_the_api(api, world, sign_in, client):
    # The API is exempt from CSRF: accepting the cookie would let any site post as the trainer.
    sign_in(client, world.trainer)
    assert client.get(f"/trainer/sessions/{world.session.id}").status_code == 200
    assert_error(api.get("/sessions"), 401)
    body = {"name": "Camille Martin", "email": "camille@exemple.fr"}
    assert_error(api.post(f"/sessions/{world.session.id}/participants", body=body), 401)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic dDpw",
        "Token abc",
        "Bearer pas-un-jeton",
        "Bearer ².0123456789abcdef0123456789abcdef01234567",
        "Bearer 99999999999999999999.0123456789abcdef0123456789abcdef01234567",
        "Bearer 1.0123456789abcdef0123456789abcdef01234567",
        "Bearer " + "a" * 5000,
        "Bearer é-accentué",
    ],
)
def test_malformed_or_unknown_tokens_get_401(api, world, header):
    assert_error(api.get("/me", headers={"Authorization": header}), 401)
    assert_error(api.get("/sessions", headers={"Authorization": header}), 401)


def test_a_reissued_link_kills_the_old_access_token(api, world):
    old = links.token_for(links.current_link(world.participant))
    assert api.get("/me", headers={"Authorization": f"Bearer {old}"}).status_code == 200
    sessions.reissue_link(world.participant)
    assert_error(api.get("/me", headers={"Authorization": f"Bearer {old}"}), 401)
    new = links.token_for(links.current_link(world.participant))
    assert api.get("/me", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_a_revoked_link_gets_401(api, world):
    token = links.token_for(links.current_link(world.participant))
    links.revoke_links(world.participant)
    db.session.commit()
    assert_error(api.get("/me", headers={"Authorization": f"Bearer {token}"}), 401)
