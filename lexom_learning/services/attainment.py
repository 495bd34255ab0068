"""Per-objective attainment from every kind of record: the one place that gathers evidence.

Each source (module quizzes, live quizzes, role plays, evaluations...) registers a function
returning ``{participant_id: [Evidence, ...]}``; the dashboard, the learner's progress page and
the attestation all read the same figures from here (DESIGN.md section 4).
"""

from collections.abc import Callable
from dataclasses import dataclass

from ..attainment import Evidence, ObjectiveAttainment, attainment, group_mean, level_for
from ..modules import Course

EvidenceSource = Callable[[list[int]], dict[int, list[Evidence]]]
_SOURCES: dict[str, EvidenceSource] = {}


def register_source(name: str):
    """Register an evidence source under ``name`` (refuses duplicates)."""

    def decorator(function: EvidenceSource) -> EvidenceSource:
        if name in _SOURCES:
            raise ValueError(f"evidence source {name!r} is already registered")
        _SOURCES[name] = function
        return function

    return decorator


def evidence_for(participant_ids: list[int]) -> dict[int, list[Evidence]]:
    """Return every participant's evidence from every registered source."""
    gathered: dict[int, list[Evidence]] = {p: [] for p in participant_ids}
    if not participant_ids:
        return gathered
    for source in _SOURCES.values():
        for participant_id, items in source(participant_ids).items():
            gathered.setdefault(participant_id, []).extend(items)
    return gathered


@dataclass(frozen=True)
class ObjectiveResult:
    """One objective's score and level for one participant (or the group)."""

    objective_id: str
    percent: float | None
    level: str | None
    items: int


def results_for(course: Course, evidence: list[Evidence]) -> dict[str, ObjectiveResult]:
    """Return each objective's percent and level from a participant's evidence."""
    thresholds = course.attestation.thresholds.model_dump()
    computed: dict[str, ObjectiveAttainment] = attainment(evidence, course.objective_ids)
    return {
        o: ObjectiveResult(o, a.percent, level_for(a.percent, thresholds), a.items)
        for o, a in computed.items()
    }


def participants_results(
    course: Course, participant_ids: list[int]
) -> dict[int, dict[str, ObjectiveResult]]:
    """Return the results of several participants at once."""
    evidence = evidence_for(participant_ids)
    return {p: results_for(course, evidence.get(p, [])) for p in participant_ids}


def group_results(course: Course, per_participant: dict[int, dict[str, ObjectiveResult]]):
    """Return the group's mean percent and level per objective."""
    thresholds = course.attestation.thresholds.model_dump()
    out = {}
    for objective in course.objective_ids:
        mean = group_mean(r[objective].percent for r in per_participant.values())
        out[objective] = ObjectiveResult(
            objective,
            mean,
            level_for(mean, thresholds),
            sum(r[objective].items for r in per_participant.values()),
        )
    return out


@register_source("module_quizzes")
def _module_quizzes(participant_ids: list[int]) -> dict[int, list[Evidence]]:
    from . import learning

    return learning.evidence_for(participant_ids)
