"""Fixtures of the edge tests: the API world (two sessions, every caller), a started live quiz."""

from types import SimpleNamespace

import pytest

from tests.api.conftest import world  # noqa: F401  (a fixture, shared)


@pytest.fixture
def live_quiz(client, factories):
    """A session with one participant, ``alice``, and a live quiz its trainer has started."""
    from tests.live.conftest import LIVE_SET, LiveApi

    session = factories.SessionFactory()
    alice = factories.ParticipantFactory(session=session)
    api = LiveApi(client)
    lid = api.post(
        f"/sessions/{session.id}/live-quizzes", session.trainer, {"quiz_id": LIVE_SET}
    ).get_json()["id"]
    return SimpleNamespace(session=session, alice=alice, api=api, id=lid)
