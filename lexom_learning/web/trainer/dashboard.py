"""The numbers of the session dashboard: progress, quiz scores, attainment per objective."""

from dataclasses import dataclass, field

from ...attainment import ObjectiveAttainment, attainment, group_mean, level_for
from ...modules import Course
from ...services import learning
from ...storage import TrainingSession


@dataclass
class ParticipantRow:
    """One participant's line of the dashboard."""

    participant: object
    progress: learning.Progress
    attainment: dict[str, ObjectiveAttainment]
    levels: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Dashboard:
    """Everything the session page shows."""

    rows: list[ParticipantRow]
    group: dict[str, float | None]
    group_levels: dict[str, str | None]


def session_dashboard(training: TrainingSession, course: Course) -> Dashboard:
    """Compute the dashboard of a session from its records."""
    thresholds = course.attestation.thresholds.model_dump()
    participants = list(training.participants)
    evidence = learning.evidence_for([p.id for p in participants])
    rows = []
    for participant in participants:
        result = attainment(evidence[participant.id], course.objective_ids)
        rows.append(
            ParticipantRow(
                participant,
                learning.progress(participant, course),
                result,
                {o: level_for(a.percent, thresholds) for o, a in result.items()},
            )
        )
    group = {o: group_mean(r.attainment[o].percent for r in rows) for o in course.objective_ids}
    return Dashboard(rows, group, {o: level_for(p, thresholds) for o, p in group.items()})
