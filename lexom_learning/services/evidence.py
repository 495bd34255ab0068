"""The evidence sources of attainment, listed in one place: :data:`SOURCES`.

Each source reads one kind of record and returns ``{participant_id: [Evidence, ...]}``. They take
the SQLAlchemy session to read from as an argument, so a process without the Flask app (a CLI
command, a job worker) gathers exactly what the web app does. A later kind of evidence gets a
function here and a line in :data:`SOURCES`, nothing else (no registration on import).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, selectinload

from ..attainment import Evidence
from ..roleplay import grid_evidence
from ..storage import Answer, EvaluationSubmission, QuizAttempt, RolePlayGrading
from .roleplay import latest_gradings

Gatherer = Callable[[Session, Sequence[int]], dict[int, list[Evidence]]]


def _empty(participant_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    return {p: [] for p in participant_ids}


def module_quizzes(session: Session, participant_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    """Evidence from module quizzes: the answers of each participant's latest attempt at each."""
    evidence = _empty(participant_ids)
    latest: dict[tuple[int, str], int] = {}
    for attempt in session.scalars(
        select(QuizAttempt)
        .where(QuizAttempt.participant_id.in_(participant_ids))
        .order_by(QuizAttempt.number)
    ):
        latest[(attempt.participant_id, attempt.quiz_id)] = attempt.id
    if latest:
        query = select(Answer).where(Answer.attempt_id.in_(latest.values())).order_by(Answer.id)
        for answer in session.scalars(query):
            evidence[answer.participant_id].append(
                Evidence(tuple(answer.objectives), answer.earned, answer.possible, "quiz")
            )
    return evidence


def live_quizzes(session: Session, participant_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    """Evidence from live quizzes: each participant's counted answer to each closed question."""
    evidence = _empty(participant_ids)
    rows = session.execute(
        select(Answer.participant_id, Answer.objectives, Answer.earned, Answer.possible)
        .where(Answer.context == "live", Answer.participant_id.in_(participant_ids))
        .order_by(Answer.id)
    )
    for participant_id, objectives, earned, possible in rows:
        evidence[participant_id].append(Evidence(tuple(objectives), earned, possible, "live"))
    return evidence


def roleplay_grids(session: Session, participant_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    """Evidence from role-play grids: each observer's latest grid, level out of 4 per criterion."""
    evidence = _empty(participant_ids)
    query = (
        select(RolePlayGrading)
        .where(RolePlayGrading.performer_id.in_(participant_ids))
        .options(selectinload(RolePlayGrading.scores))
        .order_by(RolePlayGrading.id)
    )
    for grading in latest_gradings(list(session.scalars(query))):
        objectives = {s.criterion_id: tuple(s.objectives) for s in grading.scores}
        levels = {s.criterion_id: s.level for s in grading.scores}
        evidence[grading.performer_id] += grid_evidence(objectives, levels)
    return evidence


def hot_test(session: Session, participant_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    """Evidence from the hot evaluation's knowledge items (positioning is the starting point and
    cold the retention: both are shown beside attainment, not mixed into it)."""
    evidence = _empty(participant_ids)
    query = (
        select(Answer)
        .join(
            EvaluationSubmission,
            and_(
                EvaluationSubmission.participant_id == Answer.participant_id,
                EvaluationSubmission.evaluation_id == Answer.context_id,
            ),
        )
        .where(
            Answer.participant_id.in_(participant_ids),
            Answer.context == "evaluation",
            EvaluationSubmission.kind == "hot",
        )
        .order_by(Answer.id)
    )
    for answer in session.scalars(query):
        evidence[answer.participant_id].append(
            Evidence(tuple(answer.objectives), answer.earned, answer.possible, "hot")
        )
    return evidence


@dataclass(frozen=True)
class EvidenceSource:
    """One kind of evidence: its name, the tag its evidence carries, the figure it feeds."""

    name: str
    tag: str  # Evidence.source of what it gathers
    figure: str  # "quizzes", "roleplay" or "hot": the per-source column it is shown in
    gather: Gatherer


# Every source of attainment evidence, in the order their evidence is listed.
SOURCES: tuple[EvidenceSource, ...] = (
    EvidenceSource("module_quizzes", "quiz", "quizzes", module_quizzes),
    EvidenceSource("live_quizzes", "live", "quizzes", live_quizzes),
    EvidenceSource("roleplay_grids", "roleplay", "roleplay", roleplay_grids),
    EvidenceSource("hot_test", "hot", "hot", hot_test),
)


def figure_groups(sources: Sequence[EvidenceSource] | None = None) -> dict[str, str]:
    """Return which figure each source tag feeds (``attainment.figures.Rules.groups``)."""
    return {s.tag: s.figure for s in (SOURCES if sources is None else sources)}


def gather(
    session: Session,
    participant_ids: Sequence[int],
    sources: Sequence[EvidenceSource] | None = None,
) -> dict[int, list[Evidence]]:
    """Return every participant's evidence from every source (by default :data:`SOURCES`)."""
    gathered = _empty(participant_ids)
    if not participant_ids:
        return gathered
    for source in SOURCES if sources is None else sources:
        for participant_id, items in source.gather(session, participant_ids).items():
            gathered.setdefault(participant_id, []).extend(items)
    return gathered
