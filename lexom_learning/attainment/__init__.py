"""Per-objective attainment from evidence records.

Pure; docs/architecture.md, « Evidence pipeline », says where the evidence comes from.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..translatable import N_

LEVELS = ("acquired", "in_progress", "not_acquired")
# French; each adapter shows them in its reader's language (web/labels.py, the XBlocks).
LEVEL_LABELS = {
    "acquired": N_("Acquis"),
    "in_progress": N_("En cours d'acquisition"),
    "not_acquired": N_("Non acquis"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Points earned on one item that evidences some objectives."""

    objectives: tuple[str, ...]
    earned: float
    possible: float
    source: str


@dataclass(frozen=True, slots=True)
class ObjectiveAttainment:
    """Where one participant (or a group) stands on one objective."""

    objective_id: str
    earned: float
    possible: float
    items: int

    @property
    def percent(self) -> float | None:
        """Return the score in percent, or None without evidence."""
        return round(100 * self.earned / self.possible, 1) if self.possible else None


def level_for(percent: float | None, thresholds: Mapping[str, float]) -> str | None:
    """Return acquired / in_progress / not_acquired for a percentage (None without evidence)."""
    if percent is None:
        return None
    if percent >= thresholds["acquired"]:
        return "acquired"
    if percent >= thresholds["in_progress"]:
        return "in_progress"
    return "not_acquired"


def attainment(
    evidence: Iterable[Evidence], objective_ids: Iterable[str]
) -> dict[str, ObjectiveAttainment]:
    """Sum earned and possible points per objective over every piece of evidence naming it."""
    totals = {o: [0.0, 0.0, 0] for o in objective_ids}
    for item in evidence:
        if item.possible <= 0:
            continue
        for objective in item.objectives:
            if objective in totals:
                totals[objective][0] += item.earned
                totals[objective][1] += item.possible
                totals[objective][2] += 1
    return {o: ObjectiveAttainment(o, e, p, n) for o, (e, p, n) in totals.items()}


def group_mean(percents: Iterable[float | None]) -> float | None:
    """Return the mean of the participants' percentages that exist, or None."""
    values = [p for p in percents if p is not None]
    return round(sum(values) / len(values), 1) if values else None


def normalised_gain(pre: float | None, post: float | None) -> float | None:
    """Return Hake's normalised gain (post − pre) / (100 − pre), None when it is undefined."""
    if pre is None or post is None or pre >= 100:
        return None
    return round((post - pre) / (100 - pre), 2)


def retention(hot: float | None, cold: float | None) -> float | None:
    """Return the share of the hot score still held at the cold evaluation (cold / hot)."""
    if hot is None or cold is None or hot <= 0:
        return None
    return round(cold / hot, 2)


def paired_percents(
    pairs: Iterable[tuple[str, str]],
    before: Mapping[str, Evidence],
    after: Mapping[str, Evidence],
    objective_ids: Iterable[str],
) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Return the per-objective scores before and after, over linked pairs of items.

    ``pairs`` links an item of the first test to its parallel in the second (``parallel_of``,
    or the same id for a reused item); ``before`` and ``after`` map item ids to their
    evidence. A pair counts only when both of its items were answered, so both scores stand on
    the same skills.
    """
    objective_ids = list(objective_ids)
    complete = [(a, b) for a, b in pairs if a in before and b in after]
    pre = attainment((before[a] for a, _ in complete), objective_ids)
    post = attainment((after[b] for _, b in complete), objective_ids)
    return (
        {o: pre[o].percent for o in objective_ids},
        {o: post[o].percent for o in objective_ids},
    )


def _complete_means(pairs: Iterable[tuple[float | None, float | None]]):
    complete = [(a, b) for a, b in pairs if a is not None and b is not None]
    if not complete:
        return None, None
    return (
        sum(a for a, _ in complete) / len(complete),
        sum(b for _, b in complete) / len(complete),
    )


def group_gain(pairs: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Return the group's gain (Hake's class average): the gain of the mean pre and mean post
    over the participants who took both tests."""
    pre, post = _complete_means(pairs)
    return normalised_gain(pre, post)


def group_retention(pairs: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Return the group's retention: mean cold over mean hot, over those who took both."""
    hot, cold = _complete_means(pairs)
    return retention(hot, cold)
