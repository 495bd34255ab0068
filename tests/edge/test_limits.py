"""Issue 15, point 3: limits that fit a classroom, shared between workers through Redis."""

import uuid

import pytest

from lexom_learning.cli import cli
from lexom_learning.cli import serve as serve_command
from lexom_learning.extensions import limiter
from tests.api.helpers import token_of
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD

pytestmark = pytest.mark.db
REDIS_URL = "redis://127.0.0.1:6379"


def _login(client, email, password, address="203.0.113.7"):
    page = client.get("/login", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)
    return client.post(
        "/login",
        data={"csrf_token": csrf_token_from(page), "email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_40_bad_passwords_do_not_lock_out_a_colleague_behind_the_same_address(client, factories):
    factories.UserFactory(email="victime@lexom.fr")
    factories.UserFactory(email="collegue@lexom.fr")
    statuses = [_login(client, "victime@lexom.fr", "mauvais").status_code for _ in range(40)]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
    assert _login(client, "collegue@lexom.fr", PASSWORD).status_code == 302
    # The attacked account's owner, from another address, still gets in.
    assert _login(client, "victime@lexom.fr", PASSWORD, "198.51.100.9").status_code == 302


def test_successful_sign_ins_are_not_counted(client, factories):
    factories.UserFactory(email="t@lexom.fr")
    assert all(_login(client, "t@lexom.fr", PASSWORD).status_code == 302 for _ in range(15))


def test_one_address_spraying_many_accounts_is_stopped(client, factories):
    statuses = [_login(client, f"p{n}@lexom.fr", "mauvais").status_code for n in range(55)]
    assert statuses[:50] == [200] * 50 and statuses[50:] == [429] * 5


def test_the_api_token_exchange_has_the_same_limits(client, factories):
    factories.UserFactory(email="t@lexom.fr")
    factories.UserFactory(email="u@lexom.fr")
    bad = {"email": "t@lexom.fr", "password": "mauvais"}
    statuses = [client.post("/api/v1/auth/token", json=bad).status_code for _ in range(12)]
    assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]
    good = client.post("/api/v1/auth/token", json={"email": "u@lexom.fr", "password": PASSWORD})
    assert good.status_code == 200


def test_a_room_of_40_behind_one_address_all_open_their_links(client, factories):
    session = factories.SessionFactory()
    people = [factories.ParticipantFactory(session=session) for _ in range(40)]
    statuses = [
        client.get(f"/p/{token_of(p)}", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code
        for p in people
    ]
    assert statuses == [302] * 40
    # One link opened over and over is limited, alone.
    again = [client.get(f"/p/{token_of(people[0])}").status_code for _ in range(35)]
    assert 429 in again
    assert client.get(f"/p/{token_of(people[1])}").status_code == 302


def test_behind_trusted_proxies_the_client_address_is_the_forwarded_one(migrated, course):
    from lexom_learning import create_app
    from lexom_learning.web.content import CourseRepository

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": migrated,
            "LEXOM_COURSES": CourseRepository([course]),
            "LEXOM_TRUSTED_PROXIES": 1,
        }
    )
    seen = []
    app.before_request(lambda: seen.append(__import__("flask").request.remote_addr))
    client = app.test_client()
    client.get("/", headers={"X-Forwarded-For": "10.0.0.1, 203.0.113.5"})
    assert seen == ["203.0.113.5"]  # one trusted proxy: the address it saw, not the claimed one


@pytest.fixture
def redis_apps(migrated, course, app, monkeypatch):
    """Two apps (two workers) on the real Redis, under a key prefix of this test alone."""
    import redis

    from lexom_learning import create_app
    from lexom_learning.web.content import CourseRepository

    prefix = f"lexom-test-{uuid.uuid4().hex[:12]}"
    # The limiter keeps the first prefix it was given, for the life of the process.
    monkeypatch.setattr(limiter, "_key_prefix", "")
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": migrated,
        "LEXOM_COURSES": CourseRepository([course]),
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": prefix,
        "SERVER_NAME": "lexom.test",
    }
    yield create_app(config), create_app(config), prefix
    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)
    monkeypatch.setattr(limiter, "_key_prefix", "")
    limiter.init_app(app)  # back to the shared test app's memory storage


def test_with_redis_the_limits_are_shared_between_workers(redis_apps, factories):
    import redis

    first, second, prefix = redis_apps
    factories.UserFactory(email="t@lexom.fr")
    bad = {"email": "t@lexom.fr", "password": "mauvais"}
    limiter.init_app(first)
    statuses = [first.test_client().post("/api/v1/auth/token", json=bad) for _ in range(10)]
    assert [s.status_code for s in statuses] == [401] * 10
    limiter.init_app(second)  # another worker: a new connection, nothing in its memory
    assert second.test_client().post("/api/v1/auth/token", json=bad).status_code == 429
    assert any(redis.Redis.from_url(REDIS_URL).scan_iter(f"*{prefix}*"))


def test_serve_says_when_limits_are_per_worker(runner, monkeypatch):
    monkeypatch.setattr(serve_command.GunicornServer, "run", lambda self: None)
    monkeypatch.setenv("LEXOM_BASE_URL", "https://formation.example.fr")
    result = runner.invoke(cli, ["serve"])
    assert "par worker" in result.output and "LEXOM_REDIS_URL" in result.output
    monkeypatch.setenv("LEXOM_REDIS_URL", REDIS_URL)
    assert "par worker" not in runner.invoke(cli, ["serve"]).output
