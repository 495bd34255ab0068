"""What the access-rule tests share: a world of two sessions and every kind of caller, the URL
of a route in it, and a request that carries a valid CSRF token (so that a refusal comes from
role and ownership, never from the token)."""

import pytest

from lexom_learning.services import evaluations, outbox, roleplay
from tests.conftest import csrf_token_from


@pytest.fixture
def world(app, course, factories):
    """A session with participants, a role-play run, the hot evaluation open and a queued
    message; another trainer's session with its participant; compliance and admin accounts."""
    from lexom_learning.extensions import db

    mine = factories.SessionFactory()
    theirs = factories.SessionFactory()
    people = [factories.ParticipantFactory(session=mine) for _ in range(4)]
    run = roleplay.create_run(mine, course, "rp-m1-diagnostic-cosmetiques", mine.trainer)
    evaluations.set_open(mine, course, "hot", mine.trainer, True)
    message = outbox.enqueue(
        "test:1", kind="test", to="a@exemple.fr", subject="s", body="b", session_id=mine.id
    )
    db.session.commit()
    return {
        "session": mine,
        "run": run,
        "message": message,
        "participant": people[0],
        "other_participant": factories.ParticipantFactory(session=theirs),
        "other_trainer": theirs.trainer,
        "compliance": factories.UserFactory(role="compliance"),
        "admin": factories.UserFactory(role="admin"),
    }


def url_of(template: str, world) -> str:
    """Fill a route template's ids (``{sid}``, ``{pid}``, ``{uid}``, ``{rid}``, ``{mid}``)."""
    return template.format(
        sid=world["session"].id,
        pid=world["participant"].id,
        uid=world["session"].trainer_id,
        rid=world["run"].id,
        mid=world["message"].id,
    )


def csrf_request(client, method: str, url: str):
    """Send the request with a valid CSRF token."""
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.open(url, method=method, data={"csrf_token": token})
