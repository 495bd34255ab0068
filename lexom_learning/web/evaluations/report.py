"""The evaluations report of a session: the per-objective figures of ``services.figures``
(attainment and its level, positioning → hot progress, hot → cold retention, each source), the
response counts, and the charts' data. It computes no figure of its own."""

from dataclasses import dataclass, field

from flask_babel import gettext

from ...attainment.figures import Figures
from ...extensions import db
from ...modules import Course
from ...services import evaluations, figures
from ...storage import TrainingSession
from ...translatable import N_

__all__ = ["Figures", "Report", "chart_data", "session_report"]


@dataclass
class Report:
    """The session's figures: one row per participant, the group, the response counts."""

    thresholds: dict[str, float]
    rows: list[tuple[object, dict[str, Figures]]] = field(default_factory=list)
    group: dict[str, Figures] = field(default_factory=dict)
    respondents: dict[str, int] = field(default_factory=dict)
    invited: int = 0


def session_report(training: TrainingSession, course: Course) -> Report:
    """Return the session's figures (from the figures service) and the response counts."""
    people = list(training.participants)
    ids = [p.id for p in people]
    found = figures.group_of(db.session, course, ids)
    report = Report(course.attestation.thresholds.model_dump(), invited=len(ids))
    for kind in evaluations.KINDS:
        report.respondents[kind] = sum(evaluations.submission(p, kind) is not None for p in ids)
    report.rows = [(person, found.participants[person.id]) for person in people]
    report.group = found.group
    return report


# The two charts: the evaluations' progress, then each source of the attainment.
CHARTS = {
    "progress": (
        ("positioning", N_("Positionnement")),
        ("hot", N_("À chaud")),
        ("cold", N_("À froid")),
    ),
    "sources": (
        ("quizzes", N_("Quiz")),
        ("roleplay", N_("Jeux de rôles")),
        ("percent", N_("Atteinte (tout compris)")),
    ),
}


def chart_data(course: Course, report: Report) -> dict:
    """Return the group's figures shaped for the charts (percentages per objective)."""
    labels = [
        gettext("Objectif %(number)s", number=i) for i in range(1, len(course.objectives) + 1)
    ]
    ids = course.objective_ids

    def chart(series) -> dict:
        return {
            "labels": labels,
            "datasets": [
                {"label": gettext(label), "data": [getattr(report.group[o], name) for o in ids]}
                for name, label in series
            ],
        }

    return {
        **{name: chart(series) for name, series in CHARTS.items()},
        "thresholds": report.thresholds,
    }
