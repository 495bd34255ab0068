"""``lexom demo``: a demo trainer, compliance officer, admin, a session and participants."""

import json
import secrets
from datetime import date, timedelta
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from . import with_app

DEMO_PARTICIPANTS = [
    ("Camille Martin", "camille.martin@exemple.fr"),
    ("Lucas Bernard", "lucas.bernard@exemple.fr"),
    ("Inès Petit", "ines.petit@exemple.fr"),
    ("Hugo Moreau", "hugo.moreau@exemple.fr"),
    ("Léa Fournier", "lea.fournier@exemple.fr"),
]
DEMO_ACCOUNTS = [
    ("admin@demo.lexom.fr", "admin", "Administrateur démo"),
    ("formateur@demo.lexom.fr", "trainer", "Claire Formatrice"),
    ("conformite@demo.lexom.fr", "compliance", "Paul Conformité"),
]
SESSION_TITLE = "Session de démonstration — Aubenas"


def _credentials(instance: Path) -> dict[str, str]:
    """Return the demo passwords, created once and kept in the instance folder (not in git)."""
    path = instance / "demo-credentials.json"
    if path.exists():
        return json.loads(path.read_text())
    credentials = {email: secrets.token_urlsafe(9) for email, _, _ in DEMO_ACCOUNTS}
    path.write_text(json.dumps(credentials, indent=2))
    path.chmod(0o600)
    return credentials


@click.command("demo")
@click.option(
    "--base-url",
    default=None,
    envvar="LEXOM_BASE_URL",
    help="The public address the links start with (default: LEXOM_BASE_URL, else the local one).",
)
@with_app
def demo(base_url: str | None) -> None:
    """Create (once) demo accounts, a session and participants; print how to sign in."""
    from ..services.context import Settings, normalise_base_url
    from ..web.public import public_url

    try:
        if base_url:
            current_app.config["LEXOM_BASE_URL"] = normalise_base_url(base_url)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--base-url") from None
    base_url = Settings.from_config(current_app.config).base_url
    from ..extensions import db
    from ..services import links, sessions
    from ..services.accounts import create_user
    from ..storage import TrainingSession, User

    credentials = _credentials(Path(current_app.instance_path))
    accounts = {}
    for email, role, name in DEMO_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == email))
        accounts[role] = user or create_user(email, role, credentials[email], name)
    trainer = accounts["trainer"]
    course = current_app.extensions["lexom_courses"].default()
    session = db.session.scalar(
        select(TrainingSession).where(
            TrainingSession.title == SESSION_TITLE, TrainingSession.trainer_id == trainer.id
        )
    )
    if session is None:
        start = date.today()
        organisation = current_app.config["LEXOM_ORGANISATION"]
        place = f"{organisation.name}, {organisation.address.city}"
        session = sessions.create_session(
            trainer, course, SESSION_TITLE, start, start + timedelta(days=1), place
        )
        for name, email in DEMO_PARTICIPANTS:
            sessions.add_participant(session, name, email)
    click.echo(f"\nDémo prête. Connexion du personnel sur {base_url}/login :")
    for email, role, _ in DEMO_ACCOUNTS:
        click.echo(f"  {role:<11} {email}  mot de passe : {credentials[email]}")
    click.echo(f"\nSession « {session.title} » : {base_url}/trainer/sessions/{session.id}")
    click.echo("Liens personnels des participants (à ouvrir sur un téléphone) :")
    with current_app.test_request_context():
        for participant in session.participants:
            link = links.current_link(participant)
            if link is not None:
                url = public_url("auth.participant_link", token=links.token_for(link))
                click.echo(f"  {participant.name:<16} {url}")
