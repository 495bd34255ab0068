"""The lexom commands: init, users add, demo."""

from sqlalchemy import func, select

from lexom_learning.cli import cli
from lexom_learning.extensions import db
from lexom_learning.storage import Participant, TrainingSession, User


def test_users_add_creates_an_account_and_explains_errors(app, runner):
    result = runner.invoke(
        cli,
        [
            "users",
            "add",
            "Formateur@Lexom.fr",
            "--role",
            "trainer",
            "--password",
            "un-mot-de-passe-long",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Compte créé : formateur@lexom.fr (trainer)" in result.output
    again = runner.invoke(
        cli,
        [
            "users",
            "add",
            "formateur@lexom.fr",
            "--role",
            "trainer",
            "--password",
            "un-mot-de-passe-long",
        ],
    )
    assert again.exit_code == 1 and "Un compte existe déjà" in again.output
    bad_role = runner.invoke(
        cli, ["users", "add", "x@lexom.fr", "--role", "boss", "--password", "x" * 12]
    )
    assert bad_role.exit_code == 2 and "Traceback" not in bad_role.output


def test_demo_is_idempotent_and_prints_how_to_sign_in(app, runner):
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "formateur@demo.lexom.fr" in first.output and "/p/" in first.output
    second = runner.invoke(cli, ["demo"])
    assert second.exit_code == 0, second.output
    assert db.session.scalar(select(func.count()).select_from(TrainingSession)) == 1
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 5
    assert db.session.scalar(select(func.count()).select_from(User)) == 3
    # The printed participant links work.
    link = next(line.split()[-1] for line in second.output.splitlines() if "/p/" in line)
    assert app.test_client().get(link.replace("http://127.0.0.1:5000", "")).status_code == 302
