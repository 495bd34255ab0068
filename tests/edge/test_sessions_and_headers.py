"""Issue 15, point 2: sessions that end everywhere, cookie flags, headers on every response."""

import re

import pytest

from lexom_learning.extensions import db
from lexom_learning.services import accounts
from tests.api.helpers import token_of
from tests.conftest import ROOT, csrf_token_from
from tests.factories import PASSWORD

pytestmark = pytest.mark.db
NEW_PASSWORD = "Tulipe-orage-marmite-42"


def _login(client, email: str, password: str = PASSWORD):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password})


def _signed_in(client) -> bool:
    return client.get("/trainer/sessions").status_code == 200


def _copy(app, client):
    """Return a second browser holding a copy of ``client``'s session cookie."""
    other = app.test_client()
    other.set_cookie(
        "session", client.get_cookie("session", domain="lexom.test").value, domain="lexom.test"
    )
    return other


def test_a_cookie_copied_before_logout_no_longer_works_after_it(app, client, factories):
    factories.UserFactory(email="t@lexom.fr")
    assert _login(client, "t@lexom.fr").status_code == 302
    thief = _copy(app, client)
    assert _signed_in(thief)
    page = client.get("/trainer/sessions").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token_from(page)})
    assert not _signed_in(client)
    assert not _signed_in(thief)
    # Signing in again opens a new session; the copied one stays dead.
    _login(client, "t@lexom.fr")
    assert _signed_in(client) and not _signed_in(thief)


def test_changing_the_password_ends_the_other_sessions_not_this_one(app, client, factories):
    trainer = factories.UserFactory(email="t@lexom.fr")
    api_token = accounts.issue_api_token(trainer)
    _login(client, "t@lexom.fr")
    laptop = _copy(app, client)
    page = client.get("/account/password").get_data(as_text=True)
    response = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token_from(page),
            "current": PASSWORD,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(laptop)
    assert accounts.user_for_token(api_token) is None
    assert accounts.authenticate("t@lexom.fr", NEW_PASSWORD) == trainer


def test_disabling_an_account_ends_its_sessions(app, client, factories, sign_in):
    trainer = factories.UserFactory(email="t@lexom.fr")
    _login(client, "t@lexom.fr")
    admin_browser = sign_in(app.test_client(), factories.UserFactory(role="admin"))
    page = admin_browser.get("/admin/users").get_data(as_text=True)
    admin_browser.post(
        f"/admin/users/{trainer.id}/active", data={"csrf_token": csrf_token_from(page)}
    )
    assert not _signed_in(client)
    accounts.set_active(db.session.get(type(trainer), trainer.id), True)
    assert not _signed_in(client)  # reactivated: a new sign-in is needed


def test_session_cookie_flags(client, factories):
    factories.UserFactory(email="t@lexom.fr")
    cookie = _login(client, "t@lexom.fr").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


@pytest.fixture
def https_app(migrated, course):
    """The app as deployed at an https address."""
    from lexom_learning import create_app
    from lexom_learning.web.content import CourseRepository

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": migrated,
            "LEXOM_COURSES": CourseRepository([course]),
            "LEXOM_BASE_URL": "https://formation.lexom.fr",
            "SERVER_NAME": "lexom.test",
        }
    )


def test_under_https_the_cookie_is_secure_and_hsts_is_sent(https_app, app):
    assert https_app.config["SESSION_COOKIE_SECURE"] is True
    client = https_app.test_client()
    page = client.get("/login")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Secure" in page.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in app.test_client().get("/login").headers


def _check_headers(response):
    csp = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_kind_of_response_carries_the_headers(client, factories):
    participant = factories.ParticipantFactory()
    link = token_of(participant)
    trainer_token = token_of(participant.session.trainer)
    for response in (
        client.get("/"),
        client.get("/login"),
        client.get("/nowhere"),
        client.put("/login"),
        client.get("/static/style.css"),
        client.get("/api/v1/openapi.json"),
        client.get("/api/v1/sessions"),
        client.get("/api/v1/sessions", headers={"Authorization": f"Bearer {trainer_token}"}),
        client.get(f"/p/{link}"),  # a page reached by a token
        client.get("/learner/"),
    ):
        _check_headers(response)


def test_the_live_shortcut_sends_the_same_headers(client, live_quiz):
    poll = client.get(
        f"/api/v1/live-quizzes/{live_quiz.id}",
        headers={"Authorization": f"Bearer {token_of(live_quiz.alice)}"},
    )
    assert poll.status_code == 200
    _check_headers(poll)


def test_no_template_holds_an_inline_script_or_handler():
    offenders = []
    for path in sorted((ROOT / "lexom_learning" / "web" / "templates").rglob("*.html")):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text):
            offenders.append(f"{path.name}: {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: {match.group(0)}")
        if "javascript:" in text:
            offenders.append(f"{path.name}: javascript: URL")
    assert offenders == []
