"""Per-objective figures of a session: attainment and its level, positioning → hot progress
(normalised gain), hot → cold retention, role-play grids and quizzes, per participant and for
the group. The dashboard, the JSON API and the charts all read this one computation."""

from dataclasses import dataclass, field

from flask_babel import gettext

from ...attainment import (
    Evidence,
    attainment,
    group_gain,
    group_mean,
    group_retention,
    level_for,
    normalised_gain,
    retention,
)
from ...modules import Course
from ...services import attainment as gathered
from ...services import evaluations
from ...storage import TrainingSession

OWN_SOURCES = ("roleplay", "hot")
FIGURES = ("positioning", "hot", "cold", "roleplay", "quizzes")


@dataclass(frozen=True)
class Figures:
    """One objective's figures for one participant (or the group's means)."""

    percent: float | None  # attainment, every source together
    level: str | None
    positioning: float | None = None
    hot: float | None = None
    cold: float | None = None
    gain: float | None = None
    retention: float | None = None
    roleplay: float | None = None
    quizzes: float | None = None
    items: int = 0


@dataclass
class Report:
    """The session's figures: one row per participant, the group, the response counts."""

    thresholds: dict[str, float]
    rows: list[tuple[object, dict[str, Figures]]] = field(default_factory=list)
    group: dict[str, Figures] = field(default_factory=dict)
    respondents: dict[str, int] = field(default_factory=dict)
    invited: int = 0


def _percent(evidence: list[Evidence], objective: str) -> float | None:
    return attainment(evidence, [objective])[objective].percent


def _kind_answers(course: Course, ids: list[int], kind: str):
    return evaluations.answers_of(ids, course.evaluations[kind].id)


def _paired(course: Course, ids: list[int], answers: dict, first: str, second: str):
    """Return ({participant: scores on ``first``}, {participant: on ``second``}) over the
    linked items of the two evaluations."""
    found = {
        p: evaluations.paired(course, first, second, answers[first][p], answers[second][p])
        for p in ids
    }
    return {p: f[0] for p, f in found.items()}, {p: f[1] for p, f in found.items()}


def session_report(training: TrainingSession, course: Course) -> Report:
    """Compute every figure of the dashboard from the session's records."""
    thresholds = course.attestation.thresholds.model_dump()
    people = list(training.participants)
    ids = [p.id for p in people]
    report = Report(thresholds, invited=len(ids))
    evidence = gathered.evidence_for(ids)
    for kind in evaluations.KINDS:
        report.respondents[kind] = sum(evaluations.submission(p, kind) is not None for p in ids)
    answers = {k: _kind_answers(course, ids, k) for k in evaluations.KINDS}
    full = {
        k: {p: evaluations.percents(answers[k][p], course.objective_ids) for p in ids}
        for k in evaluations.KINDS
    }
    pre, post = _paired(course, ids, answers, "positioning", "hot")
    kept_hot, kept_cold = _paired(course, ids, answers, "hot", "cold")
    for person in people:
        own = evidence.get(person.id, [])
        overall = attainment(own, course.objective_ids)
        figures = {}
        for o in course.objective_ids:
            figures[o] = Figures(
                percent=overall[o].percent,
                level=level_for(overall[o].percent, thresholds),
                positioning=full["positioning"][person.id][o],
                hot=full["hot"][person.id][o],
                cold=full["cold"][person.id][o],
                gain=normalised_gain(pre[person.id][o], post[person.id][o]),
                retention=retention(kept_hot[person.id][o], kept_cold[person.id][o]),
                roleplay=_percent([e for e in own if e.source == "roleplay"], o),
                quizzes=_percent([e for e in own if e.source not in OWN_SOURCES], o),
                items=overall[o].items,
            )
        report.rows.append((person, figures))
    for o in course.objective_ids:
        column = [f[o] for _, f in report.rows]
        mean = group_mean(f.percent for f in column)
        means = {name: group_mean(getattr(f, name) for f in column) for name in FIGURES}
        report.group[o] = Figures(
            percent=mean,
            level=level_for(mean, thresholds),
            gain=group_gain((pre[p][o], post[p][o]) for p in ids),
            retention=group_retention((kept_hot[p][o], kept_cold[p][o]) for p in ids),
            items=sum(f.items for f in column),
            **means,
        )
    return report


def chart_data(course: Course, report: Report) -> dict:
    """Return the group's figures shaped for the charts (percentages per objective)."""
    labels = [
        gettext("Objectif %(number)s", number=i) for i in range(1, len(course.objectives) + 1)
    ]
    ids = course.objective_ids

    def series(name: str) -> list[float | None]:
        return [getattr(report.group[o], name) for o in ids]

    return {
        "progress": {
            "labels": labels,
            "datasets": [
                {"label": gettext("Positionnement"), "data": series("positioning")},
                {"label": gettext("À chaud"), "data": series("hot")},
                {"label": gettext("À froid"), "data": series("cold")},
            ],
        },
        "sources": {
            "labels": labels,
            "datasets": [
                {"label": gettext("Quiz"), "data": series("quizzes")},
                {"label": gettext("Jeux de rôles"), "data": series("roleplay")},
                {"label": gettext("Atteinte (tout compris)"), "data": series("percent")},
            ],
        },
        "thresholds": report.thresholds,
    }
