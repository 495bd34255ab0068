"""The evaluations, role plays and attainment part of the trainer's session page."""

from dataclasses import dataclass
from datetime import datetime

from ...evaluations import response_rate
from ...modules import Course
from ...services import cold, evaluations, roleplay
from ...services.satisfaction import Satisfaction, satisfaction_summary
from ...storage import TrainingSession
from .report import Report, chart_data, session_report


@dataclass
class Panel:
    """Everything the included template shows."""

    report: Report
    charts: dict
    windows: dict
    rates: dict[str, float | None]
    runs: list
    cases: list
    cold_due: datetime | None
    satisfaction: Satisfaction


def evaluation_panel(training: TrainingSession, course: Course) -> Panel:
    """Compute the panel of a session (called from templates/trainer/session.html)."""
    report = session_report(training, course)
    invitations = cold.invitations_of(training.id)
    return Panel(
        report=report,
        charts=chart_data(course, report),
        windows={k: evaluations.window(training.id, k) for k in evaluations.ROOM_KINDS},
        rates={k: response_rate(n, report.invited) for k, n in report.respondents.items()},
        runs=[(r, course.roleplay(r.case_id)) for r in roleplay.runs_of_session(training.id)],
        cases=course.roleplays,
        cold_due=min((i.due_at for i in invitations), default=None),
        satisfaction=satisfaction_summary(training, course),
    )
