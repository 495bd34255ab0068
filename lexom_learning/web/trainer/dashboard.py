"""The numbers of the session dashboard: progress, quiz scores, attainment per objective."""

from dataclasses import dataclass

from ...extensions import db
from ...modules import Course
from ...services import figures, learning
from ...storage import TrainingSession


@dataclass
class ParticipantRow:
    """One participant's line of the dashboard."""

    participant: object
    progress: learning.Progress
    results: dict[str, figures.Figures]


@dataclass
class Dashboard:
    """Everything the session page shows."""

    rows: list[ParticipantRow]
    group: dict[str, figures.Figures]


def session_dashboard(training: TrainingSession, course: Course) -> Dashboard:
    """Compute the dashboard of a session from its records (the figures service's numbers)."""
    participants = list(training.participants)
    found = figures.group_of(db.session, course, [p.id for p in participants])
    rows = [
        ParticipantRow(p, learning.progress(p, course), found.participants[p.id])
        for p in participants
    ]
    return Dashboard(rows, found.group)
