"""Issue a closed session's attestations from a plain Python process, as a CLI command or a job
worker would: a SQLAlchemy session on the database, the course folder, the settings and a clock,
and no Flask app (creating one here fails). Prints the snapshots as JSON lines, by number.

``python -m tests.attestations.plain_issuer DATABASE_URL CONTENT_DIR BASE_URL ISO_TIME SESSION_ID``
"""

import json
import sys
from datetime import UTC, datetime

import flask


def _no_app(*args, **kwargs):
    raise AssertionError("the plain process must not create a Flask app")


def main(url: str, content: str, base_url: str, when: str, session_id: int) -> None:
    """Close the session at ``when``, issue what is due, print each snapshot (JSON, one a line)."""
    flask.Flask.__init__ = _no_app
    from sqlalchemy import select

    from lexom_learning.services import attestations
    from lexom_learning.services.context import plain
    from lexom_learning.storage import Attestation, TrainingSession
    from lexom_learning.web.config import load_config

    now = datetime.fromisoformat(when).astimezone(UTC)  # the clock tells UTC, as clock.utcnow
    config = load_config(
        "/nonexistent-instance",
        {
            "SECRET_KEY": "plain-process",
            "SQLALCHEMY_DATABASE_URI": url,
            "LEXOM_CONTENT_DIR": content,
            "LEXOM_BASE_URL": base_url,
        },
    )
    ctx = plain(config, clock=lambda: now)
    with ctx.session as session:
        training = session.get(TrainingSession, session_id)
        training.status, training.closed_at = "closed", now
        session.commit()
        reports = attestations.issue_due_attestations(ctx, session_id)
        assert session_id in reports, "the course of the session was not found"
        rows = session.scalars(
            select(Attestation)
            .where(Attestation.session_id == session_id)
            .order_by(Attestation.number)
        )
        for row in rows:
            print(json.dumps(row.snapshot, ensure_ascii=False))
    ctx.session.get_bind().dispose()


if __name__ == "__main__":
    main(*sys.argv[1:5], int(sys.argv[5]))
