"""``lexom organisation check FILE``: validate the organisation's settings file."""

import sys

import click

from ..organisation import check_organisation, load_organisation


@click.group()
def organisation() -> None:
    """Check the training organisation's identity (LEXOM_ORGANISATION_FILE)."""


@organisation.command("check")
@click.argument("path", type=click.Path(dir_okay=False))
def check(path: str) -> None:
    """Validate the settings file PATH; list every problem and exit non-zero if any."""
    problems = check_organisation(path)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {path}:", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    found = load_organisation(path)
    click.echo(f"OK {found.name}, SIRET {found.formatted_siret}, NDA {found.nda}")
