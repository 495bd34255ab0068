"""Role-play runs: create, form groups and give roles, observers' grids, debrief and closing."""

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..modules import Course, RolePlayCase
from ..roleplay import (
    Assignment,
    GridError,
    GroupingError,
    NotObserver,
    auto_assign,
    check_assignments,
    check_scores,
    complete_roles,
    performer_for,
)
from ..roleplay.privacy import latest_grids
from ..storage import (
    Participant,
    RolePlayAssignment,
    RolePlayGrading,
    RolePlayRun,
    RolePlayScore,
    TrainingSession,
    User,
)
from ..storage.types import utcnow
from ..translatable import N_
from .errors import Conflict, Forbidden, Invalid, NotFound, gettext
from .evaluations import log_event
from .idempotency import checked_key, recorded_with_key
from .session_state import SESSION_IS_CLOSED, ensure_open

MAX_NOTE = 5000


class GridInvalid(Invalid):
    """A grid that cannot be recorded; ``errors`` maps criterion ids to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(
            N_("%(count)s point(s) à corriger dans la grille."), "scores", count=len(errors)
        )
        self.errors = errors


def create_run(training: TrainingSession, course: Course, case_id: str, user: User, now=None):
    """Start a run of a case in a session.

    :raises NotFound: unknown case. :raises Conflict: the session is closing or closed.
    """
    if course.roleplay(case_id) is None:
        raise NotFound("Jeu de rôles introuvable.", "case_id")
    ensure_open(training, SESSION_IS_CLOSED)
    run = RolePlayRun(
        session_id=training.id,
        case_id=case_id,
        created_by_id=user.id,
        content_version=course.version,
        created_at=now or utcnow(),
    )
    db.session.add(run)
    db.session.flush()
    log_event(
        training.id,
        None,
        user.get_id(),
        "roleplay_started",
        case_id,
        course.version,
        {"run": run.id},
        now,
    )
    db.session.commit()
    return run


def get_run(run_id: int) -> RolePlayRun:
    """Return a run or raise NotFound."""
    run = db.session.get(RolePlayRun, run_id) if 0 < run_id < 2**31 else None
    if run is None:
        raise NotFound("Jeu de rôles introuvable.")
    return run


def case_of(run: RolePlayRun, course: Course) -> RolePlayCase:
    """Return the case a run plays.

    :raises NotFound: the content no longer has it.
    """
    case = course.roleplay(run.case_id)
    if case is None:
        raise NotFound("Ce cas n'existe plus dans le contenu de la formation.")
    return case


def runs_of_session(session_id: int) -> list[RolePlayRun]:
    """Return a session's runs, oldest first."""
    query = select(RolePlayRun).where(RolePlayRun.session_id == session_id)
    return list(db.session.scalars(query.order_by(RolePlayRun.id)))


def assignments_of(run: RolePlayRun) -> list[Assignment]:
    """Return the run's groups and roles as pure assignments."""
    return [Assignment(a.group_no, a.role_id, a.participant_id) for a in run.assignments]


def gradings_of(run: RolePlayRun) -> list[RolePlayGrading]:
    """Return every grid recorded for a run, oldest first."""
    query = select(RolePlayGrading).where(RolePlayGrading.run_id == run.id)
    return list(db.session.scalars(query.order_by(RolePlayGrading.id)))


def _replace_assignments(run: RolePlayRun, items: list[Assignment], user: User, course: Course):
    ensure_open(run.session_id)
    if run.status == "closed":
        raise Conflict("Ce jeu de rôles est terminé.")
    if gradings_of(run):
        raise Conflict("Des grilles sont déjà remplies : les groupes ne peuvent plus changer.")
    run.assignments.clear()
    db.session.flush()
    for item in items:
        run.assignments.append(
            RolePlayAssignment(
                participant_id=item.participant_id, group_no=item.group, role_id=item.role_id
            )
        )
    result = {"run": run.id, "seed": run.seed, "groups": max(a.group for a in items)}
    log_event(
        run.session_id,
        None,
        user.get_id(),
        "roleplay_assigned",
        run.case_id,
        course.version,
        result,
    )
    db.session.commit()


def assign_auto(run, course, training, user, seed=None, groups=None) -> list[Assignment]:
    """Form groups and draw roles at random (the seed is kept, so the draw can be replayed).

    :raises Invalid: too few participants. :raises Conflict: closed, or grids already filled.
    """
    run.seed = seed if seed is not None else secrets.randbelow(1_000_000)
    people = [p.id for p in training.participants]
    try:
        items = auto_assign(people, case_of(run, course), run.seed, groups)
    except GroupingError as error:
        raise Invalid(error.text, "groups") from None
    _replace_assignments(run, items, user, course)
    return items


def assign_by_hand(run, course, training, user, wanted: dict, seed=None) -> list[Assignment]:
    """Place participants by hand: ``{participant id: (group, role id or None)}``; missing roles
    are drawn at random within each group.

    :raises Invalid: unknown participant or role, a group without its cast.
    :raises Conflict: closed, or grids already filled.
    """
    run.seed = seed if seed is not None else secrets.randbelow(1_000_000)
    allowed = {p.id for p in training.participants}
    groups: dict[int, dict[int, str | None]] = {}
    for person, (group, role) in wanted.items():
        if person not in allowed:
            raise Invalid("Participant inconnu dans cette session.", "assignments")
        groups.setdefault(group, {})[person] = role or None
    try:
        items = complete_roles(groups, case_of(run, course), run.seed)
        check_assignments(items, case_of(run, course), allowed)
    except GroupingError as error:
        raise Invalid(error.text, "assignments") from None
    _replace_assignments(run, items, user, course)
    return items


def assignment_of(run: RolePlayRun, participant: Participant) -> RolePlayAssignment | None:
    """Return the participant's own group and role in a run, if any."""
    return next((a for a in run.assignments if a.participant_id == participant.id), None)


def grading_with_key(observer: Participant, key: str | None) -> RolePlayGrading | None:
    """Return the observer's grid recorded with that idempotency key, or None."""
    return recorded_with_key(RolePlayGrading, RolePlayGrading.observer_id, observer.id, key)


def _replayed(grading: RolePlayGrading, run) -> RolePlayGrading:
    if grading.run_id != run.id:
        raise Conflict("Cette clé d'idempotence a déjà servi pour un autre jeu de rôles.")
    return grading


def submit_grid(
    run,
    course,
    observer: Participant,
    scores,
    comment="",
    reason="",
    now=None,
    idempotency_key: str | None = None,
):
    """Record an observer's grid for the performer of their group (a new record each time).

    A grid carrying the idempotency key of one already recorded (a double tap, a retry) records
    nothing and returns that one, even when two arrive at once.

    :raises Conflict: the session is closing or closed, the run is closed, or the key was used
        for another run.
    :raises Forbidden: not an observer of this run.
    :raises Invalid: a malformed idempotency key.
    :raises GridInvalid: unknown or missing criterion, level outside 1 to 4, comment too long.
    """
    key = checked_key(idempotency_key)
    earlier = grading_with_key(observer, key)
    if earlier is not None:
        return _replayed(earlier, run)
    ensure_open(run.session_id)
    if run.status == "closed":
        raise Conflict("Ce jeu de rôles est terminé : la grille ne peut plus changer.")
    case = case_of(run, course)
    try:
        performer = performer_for(assignments_of(run), observer.id, case)
    except NotObserver as error:
        raise Forbidden(error.text) from None
    try:
        checked, comment = check_scores(case, scores, comment)
    except GridError as error:
        raise GridInvalid(error.translate(gettext)) from None
    previous = [g for g in gradings_of(run) if g.observer_id == observer.id]
    reason = (reason or "").strip()[:500] or ("Correction de l'observateur" if previous else "")
    mine = assignment_of(run, observer)
    grading = RolePlayGrading(
        run_id=run.id,
        session_id=run.session_id,
        group_no=mine.group_no,
        observer_id=observer.id,
        performer_id=performer,
        comment=comment,
        reason=reason,
        content_version=course.version,
        created_at=now or utcnow(),
        idempotency_key=key,
    )
    objectives = {c.id: list(c.objectives) for c in case.grid}
    for criterion in case.grid:
        grading.scores.append(
            RolePlayScore(
                criterion_id=criterion.id,
                level=checked[criterion.id],
                objectives=objectives[criterion.id],
            )
        )
    db.session.add(grading)
    log_event(
        run.session_id,
        performer,
        observer.get_id(),
        "roleplay_scored",
        run.case_id,
        course.version,
        {"run": run.id, "scores": checked},
        now,
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = grading_with_key(observer, key)  # the twin with the same key won the race
        if earlier is None:
            raise
        return _replayed(earlier, run)
    return grading


def latest_gradings(gradings: list[RolePlayGrading]) -> list[RolePlayGrading]:
    """Keep each observer's latest grid per performer (``roleplay.privacy.latest_grids``)."""
    return latest_grids(gradings)


def set_debrief(run: RolePlayRun, course: Course, note: str, user: User) -> None:
    """Save the trainer's debrief note.

    :raises Invalid: too long.
    """
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid("Note trop longue (%(limit)s caractères au plus).", "note", limit=MAX_NOTE)
    run.debrief_note = note
    log_event(
        run.session_id,
        None,
        user.get_id(),
        "roleplay_debriefed",
        run.case_id,
        course.version,
        {"run": run.id},
    )
    db.session.commit()


def close_run(run: RolePlayRun, course: Course, user: User, now: datetime | None = None) -> None:
    """Close the run (idempotent): grids are frozen, performers see the grids they received."""
    end_run(run, course, user.get_id(), now)


def end_run(run: RolePlayRun, course: Course, actor: str, now: datetime | None = None) -> None:
    """Close the run for ``actor`` (the trainer, or ``system`` when the session closes)."""
    if run.status == "closed":
        return
    run.status, run.closed_at = "closed", now or utcnow()
    log_event(
        run.session_id,
        None,
        actor,
        "roleplay_closed",
        run.case_id,
        course.version,
        {"run": run.id},
        now,
    )
    db.session.commit()
