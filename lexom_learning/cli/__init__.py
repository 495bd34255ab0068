"""The ``lexom`` command: content tools, database, users, demo data and the server."""

import functools
import sys

import click

from .content import content
from .organisation import organisation


def with_app(command):
    """Run a command inside an app context, reporting invalid content without a traceback.

    ``create_app`` installs the app's service context: the command's services find it through
    ``services.context.current()``, the same object the web requests use."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .. import create_app
        from ..modules import ContentError
        from ..organisation import OrganisationError
        from ..services.context import ConfigError

        try:
            app = create_app()
        except OrganisationError as error:
            click.echo("The organisation's settings file is invalid; fix it first:", err=True)
            click.echo(str(error), err=True)
            sys.exit(1)
        except ContentError as error:
            click.echo("The course content is invalid; fix it first:", err=True)
            click.echo(str(error), err=True)
            sys.exit(1)
        except ConfigError as error:
            click.echo(f"Invalid configuration: {error}", err=True)
            sys.exit(2)
        with app.app_context():
            return command(*args, **kwargs)

    return wrapper


@click.group()
def cli() -> None:
    """Manage the learning platform: content, database, users, demo data and the server."""


cli.add_command(content)
cli.add_command(organisation)


def register_commands(group: click.Group) -> None:
    """Attach the commands that need the app (imported lazily to keep start-up quick)."""
    from .attestations import attestations as attestation_commands
    from .data import backup, data, restore
    from .db import db_revision, init, users
    from .demo import demo
    from .evaluations import evaluations
    from .outbox import outbox_group
    from .serve import serve

    for command in (init, users, demo, serve, db_revision, data, backup, restore):
        group.add_command(command)
    group.add_command(evaluations)
    group.add_command(outbox_group)
    group.add_command(attestation_commands)


register_commands(cli)


def main() -> None:
    """Run the ``lexom`` console command."""
    cli.main(prog_name="lexom")
