"""Issue 15, point 4: strong passwords everywhere one is set, a change page, an admin reset
that forces a change, API tokens that expire and can be revoked."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from lexom_learning.cli import cli
from lexom_learning.clock import utcnow
from lexom_learning.extensions import db
from lexom_learning.services import accounts
from lexom_learning.services.errors import Invalid
from lexom_learning.storage import User
from tests.api.helpers import assert_error
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD

pytestmark = pytest.mark.db
STRONG = "Tulipe-orage-marmite-42"
# The test apps' organisation is « Formations Exemple » (tests/organisation/data).
WEAK = [
    "aaaaaaaaaa",
    "password12",
    "admin@lexom.fr",
    "Mes-formations-EXEMPLE-2026!",
    "adminadmin99",
]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_by_the_service(app, password):
    with pytest.raises(Invalid) as refused:
        accounts.create_user("admin@lexom.fr", "admin", password)
    assert refused.value.field == "password"


def test_the_organisation_name_comes_from_its_configuration(app):
    class Organisation:
        name = "Cabinet Mirabeau"

    app.config["LEXOM_ORGANISATION"] = Organisation()
    with pytest.raises(Invalid, match="Cabinet Mirabeau"):
        accounts.create_user("a@exemple.fr", "admin", "Le-cabinet mirabeau-de-paris-7")
    assert accounts.create_user("a@exemple.fr", "admin", STRONG).email == "a@exemple.fr"


def test_the_admin_page_refuses_a_weak_password_and_forces_a_change_of_a_provisional_one(
    client, factories, sign_in
):
    sign_in(client, factories.UserFactory(role="admin"))
    token = csrf_token_from(client.get("/admin/users").get_data(as_text=True))
    form = {"csrf_token": token, "name": "Nadia", "email": "nadia@lexom.fr", "role": "trainer"}
    html = client.post("/admin/users", data={**form, "password": "password12"}).get_data(
        as_text=True
    )
    assert "Mot de passe trop faible" in html
    assert client.post("/admin/users", data={**form, "password": STRONG}).status_code == 302
    assert db.session.scalar(
        select(User).where(User.email == "nadia@lexom.fr")
    ).must_change_password


def test_the_cli_refuses_a_weak_password(runner):
    result = runner.invoke(
        cli, ["users", "add", "a@lexom.fr", "--role", "admin", "--password", "password12"]
    )
    assert result.exit_code == 1 and "Mot de passe trop faible" in result.output
    result = runner.invoke(
        cli, ["users", "add", "a@lexom.fr", "--role", "admin", "--password", STRONG]
    )
    assert result.exit_code == 0, result.output


def _login(client, email, password):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password})


def test_the_change_page_checks_the_current_and_the_new_password(client, factories):
    factories.UserFactory(email="t@lexom.fr")
    _login(client, "t@lexom.fr", PASSWORD)
    page = client.get("/account/password").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "current": "faux", "password": STRONG}
    html = client.post("/account/password", data={**data, "confirm": STRONG}).get_data(as_text=True)
    assert "Mot de passe actuel incorrect." in html
    data["current"] = PASSWORD
    html = client.post("/account/password", data={**data, "confirm": "autre"}).get_data(
        as_text=True
    )
    assert "Les deux mots de passe diffèrent." in html
    weak = {**data, "password": "t@lexom.fr-1", "confirm": "t@lexom.fr-1"}
    assert "adresse e-mail" in client.post("/account/password", data=weak).get_data(as_text=True)
    assert client.post("/account/password", data={**data, "confirm": STRONG}).status_code == 302
    assert accounts.authenticate("t@lexom.fr", STRONG) is not None


def test_an_admin_reset_forces_a_change_at_the_next_sign_in(app, client, factories, sign_in):
    trainer = factories.UserFactory(email="t@lexom.fr")
    old_token = accounts.issue_api_token(trainer)
    admin = sign_in(app.test_client(), factories.UserFactory(role="admin"))
    page = admin.get(f"/admin/users/{trainer.id}/password").get_data(as_text=True)
    provisional = "Provisoire-girafe-cactus-9"
    response = admin.post(
        f"/admin/users/{trainer.id}/password",
        data={"csrf_token": csrf_token_from(page), "password": provisional},
    )
    assert response.status_code == 302
    assert accounts.user_for_token(old_token) is None
    # Signed in with the provisional password, every page leads to the change page.
    assert _login(client, "t@lexom.fr", provisional).location.endswith("/account/password")
    assert client.get("/trainer/sessions").location.endswith("/account/password")
    api = client.post("/api/v1/auth/token", json={"email": "t@lexom.fr", "password": provisional})
    assert assert_error(api, 403)["code"] == "password_change_required"
    page = client.get("/account/password").get_data(as_text=True)
    client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token_from(page),
            "current": provisional,
            "password": STRONG,
            "confirm": STRONG,
        },
    )
    assert client.get("/trainer/sessions").status_code == 200


def test_api_tokens_expire_after_30_days_by_default_and_as_configured(app, client, factories):
    factories.UserFactory(email="t@lexom.fr")
    issued = client.post("/api/v1/auth/token", json={"email": "t@lexom.fr", "password": PASSWORD})
    body = issued.get_json()
    header = {"Authorization": f"Bearer {body['token']}"}
    assert body["expires_at"].startswith((utcnow() + timedelta(days=30)).date().isoformat())
    with time_machine.travel(utcnow() + timedelta(days=30, seconds=-5), tick=False):
        assert client.get("/api/v1/sessions", headers=header).status_code == 200
    with time_machine.travel(utcnow() + timedelta(days=30, seconds=5), tick=False):
        assert_error(client.get("/api/v1/sessions", headers=header), 401)
    app.config["LEXOM_API_TOKEN_DAYS"] = 2
    short = accounts.issue_api_token(db.session.scalar(select(User)))
    with time_machine.travel(utcnow() + timedelta(days=2, seconds=5), tick=False):
        assert accounts.user_for_token(short) is None


def test_a_token_is_revoked_by_delete(client, factories):
    trainer = factories.UserFactory()
    token = accounts.issue_api_token(trainer)
    other = accounts.issue_api_token(trainer)
    header = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", headers=header).status_code == 204
    assert_error(client.get("/api/v1/sessions", headers=header), 401)
    assert_error(client.delete("/api/v1/auth/token", headers=header), 401)
    assert accounts.user_for_token(other) == trainer  # only the token of the request
    document = client.get("/api/v1/openapi.json").get_json()
    assert "204" in document["paths"]["/auth/token"]["delete"]["responses"]
