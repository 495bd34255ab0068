"""Admins manage staff accounts; passwords are hashed with argon2; deactivation locks out."""

import pytest
from argon2 import extract_parameters, profiles
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import accounts
from lexom_learning.storage import User
from tests.conftest import csrf_token_from


def test_admin_creates_an_account_through_the_form(
    client, factories, sign_in, real_password_hashing
):
    sign_in(client, factories.UserFactory(role="admin"))
    token = csrf_token_from(client.get("/admin/users").get_data(as_text=True))
    response = client.post(
        "/admin/users",
        data={
            "csrf_token": token,
            "name": "Nadia Conformité",
            "email": "Nadia@Lexom.fr",
            "role": "compliance",
            "password": "un-mot-de-passe-long",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nadia@lexom.fr"))
    assert user.role == "compliance" and user.password_hash.startswith("$argon2")
    # The production parameters (the other tests hash at argon2's cheapest).
    assert extract_parameters(user.password_hash) == profiles.RFC_9106_LOW_MEMORY
    assert accounts.authenticate("nadia@lexom.fr", "un-mot-de-passe-long") == user


@pytest.mark.parametrize(
    "email, password, message",
    [
        ("chef@lexom.fr", "un-mot-de-passe-long", "Un compte existe déjà pour chef@lexom.fr."),
        ("x@lexom.fr", "court", "Entre 10 et 200 caractères."),
    ],
)
def test_admin_form_reports_duplicates_and_short_passwords(
    client, factories, sign_in, email, password, message
):
    sign_in(client, factories.UserFactory(role="admin", email="chef@lexom.fr"))
    token = csrf_token_from(client.get("/admin/users").get_data(as_text=True))
    data = {"csrf_token": token, "name": "X", "email": email, "role": "trainer"}
    html = client.post("/admin/users", data={**data, "password": password}).get_data(as_text=True)
    assert message in html
    assert db.session.scalar(select(func.count(User.id))) == 1  # no account was created


def test_deactivated_account_cannot_sign_in_nor_use_its_token(client, factories, sign_in):
    trainer = factories.UserFactory(role="trainer", email="t@lexom.fr")
    api_token = accounts.issue_api_token(trainer)
    assert accounts.user_for_token(api_token) == trainer
    sign_in(client, factories.UserFactory(role="admin"))
    token = csrf_token_from(client.get("/admin/users").get_data(as_text=True))
    client.post(f"/admin/users/{trainer.id}/active", data={"csrf_token": token})
    db.session.expire_all()
    assert accounts.authenticate("t@lexom.fr", "mot-de-passe-solide") is None
    assert accounts.user_for_token(api_token) is None


def test_admin_cannot_deactivate_themselves(client, factories, sign_in):
    admin = factories.UserFactory(role="admin")
    sign_in(client, admin)
    token = csrf_token_from(client.get("/admin/users").get_data(as_text=True))
    client.post(f"/admin/users/{admin.id}/active", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(User, admin.id).active
