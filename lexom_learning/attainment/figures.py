"""Per-objective figures from a participant's records (pure): the one computation every reader
shows, from the dashboard and the JSON API to the XBlocks and the attestation snapshot.

For each objective: attainment over every evidence source (percent and level), the score of each
source, the positioning, hot and cold evaluation scores, the progress positioning → hot
(Hake's normalised gain, on the items both tests share) and the retention hot → cold (on the
items those two share). ``services.figures`` gathers the records; this module only computes.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import (
    Evidence,
    attainment,
    group_gain,
    group_mean,
    group_retention,
    level_for,
    normalised_gain,
    paired_percents,
    retention,
)

EVALUATION_KINDS = ("positioning", "hot", "cold")
# The figures that are means of the participants' own in the group line.
MEAN_FIGURES = ("positioning", "hot", "cold", "roleplay", "quizzes")


@dataclass(frozen=True, slots=True)
class Scored:
    """One graded answer to an evaluation: its question and the evidence it gives."""

    question_id: str
    evidence: Evidence


@dataclass(frozen=True)
class Records:
    """What one participant's figures are computed from.

    ``evidence`` holds every attainment source's evidence (each tagged with its source);
    ``evaluations`` the graded answers of the positioning, hot and cold tests by kind.
    """

    evidence: Sequence[Evidence] = ()
    evaluations: Mapping[str, Sequence[Scored]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    """The course's side of the computation: objectives, thresholds, shared items, sources.

    ``groups`` maps each evidence source tag to the figure it feeds ("quizzes", "roleplay",
    "hot"); the list of sources itself is declared once, in ``services.evidence.SOURCES``.
    """

    objective_ids: tuple[str, ...]
    thresholds: Mapping[str, float]
    groups: Mapping[str, str]
    # Linked items (``Course.parallel_pairs``): progress positioning → hot, retention hot → cold.
    progress_pairs: tuple[tuple[str, str], ...] = ()
    retention_pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Figures:
    """One objective's figures for one participant (or the group's)."""

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
    sources: Mapping[str, float | None] = field(default_factory=dict)


def scores(
    evidence: Iterable[Evidence], objective_ids: Sequence[str], thresholds: Mapping[str, float]
) -> dict[str, tuple[float | None, str | None]]:
    """Return (percent, level) per objective for some evidence (one evaluation, one quiz...)."""
    computed = attainment(evidence, objective_ids)
    return {o: (a.percent, level_for(a.percent, thresholds)) for o, a in computed.items()}


def evaluation_percents(
    answers: Iterable[Scored], objective_ids: Sequence[str], only: Iterable[str] | None = None
) -> dict[str, float | None]:
    """Return an evaluation's knowledge score per objective, on the items in ``only`` if given."""
    kept = None if only is None else set(only)
    evidence = [a.evidence for a in answers if kept is None or a.question_id in kept]
    return {o: a.percent for o, a in attainment(evidence, objective_ids).items()}


def _percents_of(evidence: Sequence[Evidence], objective_ids: Sequence[str], wanted) -> dict:
    chosen = [e for e in evidence if wanted(e.source)]
    return {o: a.percent for o, a in attainment(chosen, objective_ids).items()}


@dataclass(frozen=True)
class _Pairs:
    """A participant's scores on the shared items (progress and retention need them)."""

    pre: dict[str, float | None]
    post: dict[str, float | None]
    kept_hot: dict[str, float | None]
    kept_cold: dict[str, float | None]


def _by_item(answers: Iterable[Scored]) -> dict[str, Evidence]:
    return {a.question_id: a.evidence for a in answers}


def _pairs(rules: Rules, records: Records) -> _Pairs:
    answers = {k: _by_item(records.evaluations.get(k, ())) for k in EVALUATION_KINDS}
    ids = rules.objective_ids
    pre, post = paired_percents(rules.progress_pairs, answers["positioning"], answers["hot"], ids)
    kept_hot, kept_cold = paired_percents(
        rules.retention_pairs, answers["hot"], answers["cold"], ids
    )
    return _Pairs(pre, post, kept_hot, kept_cold)


def participant_figures(rules: Rules, records: Records) -> dict[str, Figures]:
    """Return one participant's figures per objective."""
    ids = rules.objective_ids
    evidence = list(records.evidence)
    overall = attainment(evidence, ids)
    full = {k: evaluation_percents(records.evaluations.get(k, ()), ids) for k in EVALUATION_KINDS}
    pairs = _pairs(rules, records)
    tags = sorted(rules.groups)
    by_source = {t: _percents_of(evidence, ids, lambda s, t=t: s == t) for t in tags}
    roleplay = _percents_of(evidence, ids, lambda s: rules.groups.get(s) == "roleplay")
    quizzes = _percents_of(evidence, ids, lambda s: rules.groups.get(s) == "quizzes")
    return {
        o: Figures(
            percent=overall[o].percent,
            level=level_for(overall[o].percent, rules.thresholds),
            positioning=full["positioning"][o],
            hot=full["hot"][o],
            cold=full["cold"][o],
            gain=normalised_gain(pairs.pre[o], pairs.post[o]),
            retention=retention(pairs.kept_hot[o], pairs.kept_cold[o]),
            roleplay=roleplay[o],
            quizzes=quizzes[o],
            items=overall[o].items,
            sources={t: by_source[t][o] for t in tags},
        )
        for o in ids
    }


def group_figures(
    rules: Rules, people: Sequence[tuple[Records, Mapping[str, Figures]]]
) -> dict[str, Figures]:
    """Return the group's figures: mean percents, the class gain and retention, item counts."""
    pairs = [_pairs(rules, records) for records, _ in people]
    out = {}
    for o in rules.objective_ids:
        column = [figures[o] for _, figures in people]
        mean = group_mean(f.percent for f in column)
        out[o] = Figures(
            percent=mean,
            level=level_for(mean, rules.thresholds),
            gain=group_gain((p.pre[o], p.post[o]) for p in pairs),
            retention=group_retention((p.kept_hot[o], p.kept_cold[o]) for p in pairs),
            items=sum(f.items for f in column),
            sources={t: group_mean(f.sources.get(t) for f in column) for t in sorted(rules.groups)},
            **{name: group_mean(getattr(f, name) for f in column) for name in MEAN_FIGURES},
        )
    return out
