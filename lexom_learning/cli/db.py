"""``lexom init``, ``lexom users add``, ``lexom demo``, ``lexom db-revision``."""

import click
from flask import current_app

from . import with_app


@click.command("init")
@with_app
def init() -> None:
    """Apply the database migrations and check the course content (run before the server)."""
    from flask_migrate import upgrade

    from ..web.config import MIGRATIONS_DIR

    upgrade(directory=str(MIGRATIONS_DIR))
    from ..services import context

    for course in context.current().courses.all():
        click.echo(
            f"Cours chargé : {course.ref} « {course.title} » (version {course.version[:12]})"
        )
    click.echo(f"Base de données prête : {_safe_url()}")


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(
        hide_password=True
    )


@click.command("db-revision")
@click.argument("message")
@with_app
def db_revision(message: str) -> None:
    """Generate a new migration from the models (for developers)."""
    from flask_migrate import migrate

    from ..web.config import MIGRATIONS_DIR

    migrate(directory=str(MIGRATIONS_DIR), message=message)


@click.group("users")
def users() -> None:
    """Manage staff accounts."""


@users.command("add")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "trainer", "compliance"]))
@click.option("--password", required=True, help="At least 10 characters.")
@click.option("--name", default="", help="Display name.")
@with_app
def users_add(email: str, role: str, password: str, name: str) -> None:
    """Create a staff account."""
    from ..services.accounts import create_user
    from ..services.errors import ServiceError

    try:
        user = create_user(email, role, password, name)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Compte créé : {user.email} ({user.role})")
