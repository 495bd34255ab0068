"""``lexom serve``: the gunicorn settings it starts with, and what the engine checks."""

import pytest

from lexom_learning.cli import cli
from lexom_learning.cli import serve as serve_command
from lexom_learning.web.config import engine_options


@pytest.fixture
def started(monkeypatch) -> list[dict]:
    """The options each ``lexom serve`` would have run gunicorn with (it is not started)."""
    runs: list[dict] = []
    monkeypatch.setattr(serve_command.GunicornServer, "run", lambda self: runs.append(self.options))
    return runs


def test_serve_runs_threaded_workers_without_an_access_log_by_default(runner, started):
    result = runner.invoke(cli, ["serve", "--port", "5123", "--workers", "3"])
    assert result.exit_code == 0, result.output
    (options,) = started
    assert options["bind"] == "127.0.0.1:5123" and options["workers"] == 3
    assert options["worker_class"] == "gthread" and options["keepalive"] > 0
    assert options["accesslog"] is None


def test_the_access_log_is_asked_for_by_flag_or_environment(runner, started, monkeypatch):
    assert runner.invoke(cli, ["serve", "--access-log"]).exit_code == 0
    monkeypatch.setenv("LEXOM_ACCESS_LOG", "1")
    assert runner.invoke(cli, ["serve"]).exit_code == 0
    assert [options["accesslog"] for options in started] == ["-", "-"]


def test_only_server_databases_are_pinged_before_use():
    assert engine_options("sqlite:////tmp/lexom.sqlite3") == {}
    assert engine_options("postgresql+psycopg://lexom@127.0.0.1/test") == {"pool_pre_ping": True}
