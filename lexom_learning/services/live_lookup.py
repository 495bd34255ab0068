"""What the hot path reads: phones poll every 0.8 s, so each poll is one prebuilt Core query.

Building a SQLAlchemy statement costs more than running it, and ORM objects cost more than
rows: the statements here are built once, and they return plain rows.
"""

import hmac
import re
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from ..extensions import db
from ..live import LiveState, Status
from ..storage import AccessLink, LiveAnswer, LiveRun, Participant, TrainingSession
from . import links
from .context import current


@dataclass(frozen=True, slots=True)
class RunView:
    """A run as the hot path reads it: what the views and the answers need."""

    id: int
    session_id: int
    quiz_id: str
    title: str
    question_ids: tuple[str, ...]
    content_version: str
    status: str
    current_index: int | None
    leaderboard: bool
    version: int

    @property
    def state(self) -> LiveState:
        """Return the run's state for the core state machine."""
        return LiveState(Status(self.status), self.current_index, len(self.question_ids))

    @property
    def current_question_id(self) -> str | None:
        """Return the id of the question open or last closed, or None."""
        return None if self.current_index is None else self.question_ids[self.current_index]


@dataclass(frozen=True, slots=True)
class Caller:
    """A participant identified by their access token: who, in which session, of which course."""

    participant_id: int
    session_id: int
    course_id: str


@dataclass(frozen=True, slots=True)
class PhoneView:
    """A poll's reading: the caller, the run if it is theirs, and a marker of their answers."""

    caller: Caller
    run: RunView | None
    marker: int


LINK_ID = re.compile(r"[0-9]{1,9}")  # ASCII digits only, as links.participant_for_token
RUNS, ANSWERS = LiveRun.__table__, LiveAnswer.__table__
LINKS, PEOPLE, SESSIONS = AccessLink.__table__, Participant.__table__, TrainingSession.__table__
RUN_FIELDS = RunView.__slots__
RUN_BY_ID = select(*(RUNS.c[f] for f in RUN_FIELDS)).where(RUNS.c.id == bindparam("run_id"))
LATEST_RUN = (
    select(*(RUNS.c[f] for f in RUN_FIELDS))
    .where(RUNS.c.session_id == bindparam("session_id"))
    .order_by(RUNS.c.id.desc())
    .limit(1)
)
# The caller's last submission id in the run changes with each of their answers (ETags).
MARKER = select(func.max(ANSWERS.c.id)).where(
    ANSWERS.c.run_id == bindparam("run_id"), ANSWERS.c.participant_id == bindparam("pid")
)


def _phone_query(latest: bool):
    """Build the one query of a poll: the link, its participant, the run, the answer marker.

    The run is the one asked for if it belongs to the participant's session, or (``latest``)
    the session's latest run.
    """
    if latest:
        others = RUNS.alias("others")
        wanted = RUNS.c.id == (
            select(func.max(others.c.id))
            .where(others.c.session_id == PEOPLE.c.session_id)
            .scalar_subquery()
        )
    else:
        wanted = (RUNS.c.id == bindparam("run_id")) & (RUNS.c.session_id == PEOPLE.c.session_id)
    mine = (
        select(func.max(ANSWERS.c.id))
        .where(ANSWERS.c.run_id == RUNS.c.id, ANSWERS.c.participant_id == PEOPLE.c.id)
        .scalar_subquery()
    )
    return (
        select(
            LINKS.c.id,
            LINKS.c.nonce,
            LINKS.c.revoked_at,
            LINKS.c.participant_id,
            PEOPLE.c.session_id.label("people_session_id"),
            SESSIONS.c.course_id,
            *(RUNS.c[f].label(f"run_{f}") for f in RUN_FIELDS),
            mine.label("marker"),
        )
        .select_from(
            LINKS.join(PEOPLE, PEOPLE.c.id == LINKS.c.participant_id)
            .join(SESSIONS, SESSIONS.c.id == PEOPLE.c.session_id)
            .outerjoin(RUNS, wanted)
        )
        .where(LINKS.c.id == bindparam("link_id"))
    )


PHONE_RUN, PHONE_LATEST = _phone_query(latest=False), _phone_query(latest=True)


def _run(values: dict) -> RunView | None:
    if values.get("id") is None:
        return None
    return RunView(**{**values, "question_ids": tuple(values["question_ids"])})


def run_view(run_id: int, executor=None) -> RunView | None:
    """Return a run, or None (read through ``executor``, the request's session by default)."""
    if not 0 < run_id < 2**31:
        return None
    row = (executor or db.session).execute(RUN_BY_ID, {"run_id": run_id}).first()
    return None if row is None else _run(dict(row._mapping))


def latest_run_view(session_id: int) -> RunView | None:
    """Return the session's latest run (under way, or the last one finished), or None."""
    row = db.session.execute(LATEST_RUN, {"session_id": session_id}).first()
    return None if row is None else _run(dict(row._mapping))


def marker(run_id: int, participant_id: int) -> int:
    """Return the id of the participant's last submission in the run (0 without any)."""
    return db.session.execute(MARKER, {"run_id": run_id, "pid": participant_id}).scalar() or 0


def _reading(row) -> PhoneView:
    caller = Caller(row.participant_id, row.people_session_id, row.course_id)
    run = _run({f: getattr(row, f"run_{f}") for f in RUN_FIELDS})
    return PhoneView(caller, run, row.marker or 0)


def phone_lookup(token: str, run_id: int) -> PhoneView | None:
    """Check an access token and read the run with one query; None if the token is not valid.

    The same check as ``links.participant_for_token``: unknown or revoked links and wrong
    signatures are refused. The run is None when it does not exist or belongs to another
    session.
    """
    return phone_lookup_on(db.session, token, run_id, current().settings.secret_key)


def phone_lookup_on(executor, token: str, run_id: int, secret_key: str) -> PhoneView | None:
    """``phone_lookup`` through ``executor`` (a session or a bare connection): the latter works
    outside any app context, for ``web.live.shortcut``."""
    params = _token_params(token, run_id)
    if params is None:
        return None
    row = executor.execute(PHONE_RUN, params).first()
    if row is None or row.revoked_at is not None:
        return None
    expected = f"{row.id}.{links.signature(row.nonce, secret_key)}"
    if not hmac.compare_digest(expected, token):
        return None
    return _reading(row)


def _token_params(token: str, run_id: int) -> dict[str, int] | None:
    link_id, _, signature = token.partition(".")
    if not LINK_ID.fullmatch(link_id) or len(signature) != 40:
        return None
    return {"link_id": int(link_id), "run_id": run_id if 0 < run_id < 2**31 else 0}


def phone_by_link(link_id: int, participant_id: int, run_id: int | None = None):
    """Read a signed-in phone's run (by default its session's latest) with one query.

    The same check as the session cookie's user loader (``web.security.load_user``): the link
    must exist, be unrevoked and belong to the participant; otherwise None.
    """
    if not 0 < link_id < 2**31:
        return None
    params = {"link_id": link_id, "run_id": run_id if run_id and 0 < run_id < 2**31 else 0}
    row = db.session.execute(PHONE_LATEST if run_id is None else PHONE_RUN, params).first()
    if row is None or row.revoked_at is not None or row.participant_id != participant_id:
        return None
    return _reading(row)
