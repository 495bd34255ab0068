"""The per-objective figures service: every reader asks it, none computes on its own.

It gathers a group's records (the evidence of every source in ``services.evidence.SOURCES`` and
the positioning, hot and cold answers) from the SQLAlchemy session it is given, and computes
with ``attainment.figures``: the trainer dashboard, the evaluations report, the JSON API, the
learner's progress page and the attestation snapshot all read these figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..attainment import Evidence
from ..attainment.figures import (
    EVALUATION_KINDS,
    Figures,
    Records,
    Rules,
    Scored,
    group_figures,
    participant_figures,
)
from ..modules import Course
from ..storage import Answer
from .evidence import EvidenceSource, figure_groups, gather

__all__ = ["Figures", "GroupFigures", "figures_for", "group_of", "rules_for", "scored"]


def rules_for(course: Course, sources: Sequence[EvidenceSource] | None = None) -> Rules:
    """Return the course's side of the computation (thresholds, shared items, sources)."""
    return Rules(
        objective_ids=tuple(course.objective_ids),
        thresholds=course.attestation.thresholds.model_dump(),
        groups=figure_groups(sources),
        progress_pairs=tuple(course.parallel_pairs("positioning", "hot")),
        retention_pairs=tuple(course.parallel_pairs("hot", "cold")),
    )


def scored(answers: Sequence[Answer]) -> list[Scored]:
    """Return stored evaluation answers as the pure computation takes them."""
    return [
        Scored(a.question_id, Evidence(tuple(a.objectives), a.earned, a.possible, "evaluation"))
        for a in answers
    ]


def _evaluation_answers(
    session: Session, course: Course, participant_ids: Sequence[int]
) -> dict[int, dict[str, list[Answer]]]:
    kinds = {course.evaluations[k].id: k for k in EVALUATION_KINDS}
    found: dict[int, dict[str, list[Answer]]] = {
        p: {k: [] for k in EVALUATION_KINDS} for p in participant_ids
    }
    if not participant_ids:
        return found
    query = select(Answer).where(
        Answer.participant_id.in_(participant_ids),
        Answer.context == "evaluation",
        Answer.context_id.in_(kinds),
    )
    for answer in session.scalars(query.order_by(Answer.id)):
        found[answer.participant_id][kinds[answer.context_id]].append(answer)
    return found


def records_for(
    session: Session,
    course: Course,
    participant_ids: Sequence[int],
    sources: Sequence[EvidenceSource] | None = None,
) -> dict[int, Records]:
    """Return each participant's records: evidence of every source and evaluation answers."""
    evidence = gather(session, participant_ids, sources)
    answers = _evaluation_answers(session, course, participant_ids)
    return {
        p: Records(tuple(evidence.get(p, ())), {k: scored(v) for k, v in answers[p].items()})
        for p in participant_ids
    }


def figures_for(
    session: Session, course: Course, participant_ids: Sequence[int]
) -> dict[int, dict[str, Figures]]:
    """Return each participant's figures per objective."""
    rules = rules_for(course)
    records = records_for(session, course, participant_ids)
    return {p: participant_figures(rules, records[p]) for p in participant_ids}


@dataclass(frozen=True)
class GroupFigures:
    """A group's figures: each participant's per objective, and the group's."""

    participants: dict[int, dict[str, Figures]]
    group: dict[str, Figures]


def group_of(session: Session, course: Course, participant_ids: Sequence[int]) -> GroupFigures:
    """Return the figures of several participants and of them as a group."""
    rules = rules_for(course)
    records = records_for(session, course, participant_ids)
    mine = {p: participant_figures(rules, records[p]) for p in participant_ids}
    group = group_figures(rules, [(records[p], mine[p]) for p in participant_ids])
    return GroupFigures(mine, group)
