"""``lexom serve``: the gunicorn settings it starts with, and what the engine checks."""

import pytest

from lexom_learning.cli import cli
from lexom_learning.cli import serve as serve_command
from lexom_learning.web.config import engine_options


@pytest.fixture
def started(monkeypatch) -> list[dict]:
    """The options each ``lexom serve`` would have run gunicorn with (it is not started)."""
    runs: list[dict] = []

    def run(self):
        runs.append({**self.options, "base_url": self.application.config["LEXOM_BASE_URL"]})

    monkeypatch.setattr(serve_command.GunicornServer, "run", run)
    monkeypatch.setenv("LEXOM_BASE_URL", "https://formation.lexom.fr/")
    return runs


def test_serve_refuses_to_start_without_a_public_address(runner, started, monkeypatch):
    monkeypatch.delenv("LEXOM_BASE_URL")
    result = runner.invoke(cli, ["serve", "--port", "5123"])
    assert result.exit_code == 2 and started == []
    assert "LEXOM_BASE_URL n'est pas défini" in result.output and "--dev" in result.output


def test_serve_takes_the_configured_address_or_the_local_one_with_dev(runner, started, monkeypatch):
    assert runner.invoke(cli, ["serve", "--port", "5123"]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--port", "5123", "--dev"]).exit_code == 0
    monkeypatch.delenv("LEXOM_BASE_URL")
    assert runner.invoke(cli, ["serve", "--port", "5124", "--dev"]).exit_code == 0
    assert [options["base_url"] for options in started] == [
        "https://formation.lexom.fr",
        "https://formation.lexom.fr",
        "http://127.0.0.1:5124",
    ]


def test_an_address_that_is_not_http_stops_the_app(runner, started, monkeypatch):
    monkeypatch.setenv("LEXOM_BASE_URL", "javascript:alert(1)")
    result = runner.invoke(cli, ["serve", "--port", "5123"])
    assert result.exit_code == 2 and started == []
    assert "LEXOM_BASE_URL must be an http(s) address" in result.output


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
