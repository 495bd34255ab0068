"""The numbers of the session dashboard: progress, quiz scores, attainment per objective."""

from dataclasses import dataclass

from ...modules import Course
from ...services import attainment, learning
from ...storage import TrainingSession


@dataclass
class ParticipantRow:
    """One participant's line of the dashboard."""

    participant: object
    progress: learning.Progress
    results: dict[str, attainment.ObjectiveResult]


@dataclass
class Dashboard:
    """Everything the session page shows."""

    rows: list[ParticipantRow]
    group: dict[str, attainment.ObjectiveResult]


def session_dashboard(training: TrainingSession, course: Course) -> Dashboard:
    """Compute the dashboard of a session from its records."""
    participants = list(training.participants)
    results = attainment.participants_results(course, [p.id for p in participants])
    rows = [ParticipantRow(p, learning.progress(p, course), results[p.id]) for p in participants]
    return Dashboard(rows, attainment.group_results(course, results))
