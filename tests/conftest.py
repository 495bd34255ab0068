"""Shared fixtures: the course, the app on every database backend, clients and sign-in helpers.

Database tests run on SQLite, and on PostgreSQL too when it answers on 127.0.0.1:5432: each
test run creates its own PostgreSQL database and drops it at the end. With
``LEXOM_TEST_REQUIRE_PG=1`` (set by .ci/run) a PostgreSQL that does not answer stops the run
instead; ``LEXOM_TEST_SQLITE_ONLY=1`` is the explicit way to run on SQLite alone.
"""

import os
import re
import shutil
import threading
import uuid
from pathlib import Path

import pytest

from lexom_learning.modules import load_course
from tests.typeset import FoldingClient

ROOT = Path(__file__).resolve().parents[1]
COURSE_DIR = ROOT / "content" / "mrk-stra-05"
MINIMAL_DIR = Path(__file__).parent / "modules" / "data" / "minimal"
# The organisation every test app names on its documents (not the demo one).
ORGANISATION_FILE = Path(__file__).parent / "organisation" / "data" / "organisation.yaml"
PG_ADMIN_URL = os.environ.get("LEXOM_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    for switch in ("LEXOM_TEST_SQLITE_ONLY", "LEXOM_TEST_NO_PG"):
        if os.environ.get(switch):
            return f"disabled by {switch}"
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return None
    except Exception as error:  # any failure means: run on SQLite only
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error) else ''}"


PG_PROBLEM = _postgres_reachable()
if PG_PROBLEM and os.environ.get("LEXOM_TEST_REQUIRE_PG") and "disabled by" not in PG_PROBLEM:
    pytest.exit(
        f"PostgreSQL does not answer at 127.0.0.1:5432 ({PG_PROBLEM}); start it, or set "
        "LEXOM_TEST_SQLITE_ONLY=1 to run on SQLite alone",
        returncode=3,
    )
BACKENDS = ["sqlite"] if PG_PROBLEM else ["sqlite", "postgresql"]


def pytest_report_header(config):
    if PG_PROBLEM:
        return [
            f"database tests: SQLite only (PostgreSQL not reachable at 127.0.0.1:5432: {PG_PROBLEM})"
        ]
    return ["database tests: SQLite and PostgreSQL (a fresh database for this run)"]


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(pytest_report_header(None)[0])


@pytest.fixture(scope="session", autouse=True)
def _instance_folder(tmp_path_factory):
    """Keep every app the tests create away from the developer's instance folder."""
    os.environ["LEXOM_INSTANCE_PATH"] = str(tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="session")
def course():
    """The real MRK-STRA-05 course, loaded once."""
    return load_course(COURSE_DIR)


@pytest.fixture
def minimal_copy(tmp_path) -> Path:
    """A writable copy of the minimal valid course."""
    target = tmp_path / "course"
    shutil.copytree(MINIMAL_DIR, target)
    return target


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """A migrated, empty database on one backend, created once per test run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'lexom.sqlite3'}"
        yield url
        return
    import psycopg

    name = f"lexom_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        # A throwaway database: commits need not wait for the disk (what a transaction sees
        # and the order of commits are unchanged; only a server crash could lose the last ones).
        connection.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    yield re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN_URL).replace(
        "postgresql://", "postgresql+psycopg://"
    )
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated(database_url, course, tmp_path_factory):
    """Apply the real migrations once per backend (the way `lexom init` does)."""
    from flask_migrate import upgrade

    from lexom_learning import create_app
    from lexom_learning.web.config import MIGRATIONS_DIR
    from lexom_learning.web.content import CourseRepository

    app = create_app(_config(database_url, CourseRepository([course]), tmp_path_factory))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        from lexom_learning.extensions import db

        db.engine.dispose()
    return database_url


def _config(url, repository, tmp_path_factory):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "LEXOM_COURSES": repository,
        "RATELIMIT_ENABLED": True,
        "SERVER_NAME": "lexom.test",
        "LEXOM_BASE_URL": "http://lexom.test",
        "LEXOM_ORGANISATION_FILE": str(ORGANISATION_FILE),
    }


class FreshContextClient(FoldingClient):
    """A test client whose every request runs in its own app context, as in production.

    Pages are typeset as for users; their text is folded to compare with authored strings
    (tests/typeset.py: ``response.exact_text`` is the page as sent).

    Tests hold an app context for factories and queries; without this, requests would reuse it
    and share ``g`` (and with it Flask-WTF's CSRF token) across requests.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _cheap_password_hashing():
    """Hash and check passwords with argon2id at its cheapest; return the production hasher.

    The production parameters cost a quarter of a second per login, sign-up or CLI account;
    ``real_password_hashing`` puts them back for a test that checks them.
    """
    from lexom_learning.services import accounts
    from tests.factories import CHEAP_HASHER

    real = accounts._hasher, accounts._DUMMY_HASH
    accounts._hasher = CHEAP_HASHER
    accounts._DUMMY_HASH = CHEAP_HASHER.hash("not-a-real-password")
    yield real
    accounts._hasher, accounts._DUMMY_HASH = real


@pytest.fixture
def real_password_hashing(_cheap_password_hashing, monkeypatch):
    """The production password hasher, in use for this test."""
    from lexom_learning.services import accounts

    hasher, dummy_hash = _cheap_password_hashing
    monkeypatch.setattr(accounts, "_hasher", hasher)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", dummy_hash)
    return hasher


@pytest.fixture(scope="session")
def _shared_app(migrated, course, tmp_path_factory, _cheap_password_hashing):
    """The app on one backend, built once per test process and backend.

    Building an app costs more than most tests: over a hundred routes to register, and a new
    Jinja environment that compiles every template again. The ``app`` fixture hands this one to
    each test and puts it back as it was afterwards.
    """
    from lexom_learning import create_app
    from lexom_learning.extensions import db
    from lexom_learning.web.content import CourseRepository

    app = create_app(_config(migrated, CourseRepository([course]), tmp_path_factory))
    app.test_client_class = FreshContextClient
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(_shared_app):
    """The app on an empty migrated database (tables emptied after each test).

    The app is shared by the tests of one backend: the rate limiter is bound to it again and
    emptied before each test, its configuration and extensions are restored after.
    """
    from lexom_learning.extensions import db, limiter

    app = _shared_app
    config = dict(app.config)
    extensions = dict(app.extensions)
    with app.app_context():
        # As a new app did: an app built during an earlier test (a CLI command) rebinds the
        # shared limiter to its own storage and settings.
        limiter.init_app(app)
        limiter.reset()
        yield app
        db.session.remove()
        _empty_tables(db)
        if db.engine.dialect.name == "postgresql":
            # Fresh server connections for the next test, as before: a PostgreSQL connection
            # kept from test to test inserts where it last did, so rows read without ORDER BY
            # come back out of insertion order, which some queries still rely on.
            db.engine.dispose()
    app.config.clear()
    app.config.update(config)
    app.extensions.clear()
    app.extensions.update(extensions)


def _empty_tables(db) -> None:
    """Delete every row, children first, in one transaction (sequences go on counting)."""
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One round trip instead of one per table (TRUNCATE would cost far more).
            connection.exec_driver_sql("; ".join(f'DELETE FROM "{t.name}"' for t in tables))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app, course, monkeypatch, tmp_path):
    """A CLI runner whose commands build their app on this test's database (never the dev one).

    Each command builds its own app, which loads the course: from the course folder of these
    tests, it gets the course the session already loaded from there (parsing it takes a second).
    """
    from click.testing import CliRunner

    from lexom_learning.web import content

    load_course = content.load_course
    monkeypatch.setattr(
        content,
        "load_course",
        lambda path: course if Path(path).resolve() == COURSE_DIR else load_course(path),
    )
    monkeypatch.setenv("LEXOM_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("LEXOM_SECRET_KEY", app.config["SECRET_KEY"])
    monkeypatch.setenv("LEXOM_INSTANCE_PATH", str(tmp_path / "instance"))
    return CliRunner()


@pytest.fixture
def sign_in():
    """Sign a staff member or a participant into a test client (as the login would)."""
    from lexom_learning.services import links
    from lexom_learning.storage import Participant

    def _sign_in(client, who):
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = who.get_id()
            session["_fresh"] = True
            if isinstance(who, Participant):
                session["link_id"] = links.current_link(who).id
            else:
                session["auth_epoch"] = who.auth_epoch
        return client

    return _sign_in


def csrf_token_from(html: str) -> str:
    """Return the CSRF token of the first form of a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def at_once(work, times: int = 2, timeout: float = 60) -> tuple[list, list[BaseException]]:
    """Run ``work`` in ``times`` threads started together; return its results and the
    exceptions it raised (a race test asserts there are none, in its own thread).

    A thread still running after ``timeout`` seconds fails the test instead of hanging the run.
    """
    results: list = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            failures.append(error)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    hung = sum(thread.is_alive() for thread in threads)
    assert not hung, f"{hung} of {times} racing threads still running after {timeout} s"
    return results, failures


NEW_SESSION = {
    "title": "Session",
    "starts_on": "2026-12-07",
    "ends_on": "2026-12-08",
    "location": "Aubenas",
}


def post_new_session(client, **fields):
    """Fill the trainer's new-session form (``fields`` over a valid session) and send it."""
    page = client.get("/trainer/sessions").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), **NEW_SESSION, **fields}
    return client.post("/trainer/sessions", data=data)


@pytest.fixture
def factories(app):
    """The factory_boy factories, bound to this app's session."""
    from tests import factories

    return factories
