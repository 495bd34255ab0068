"""Summaries of questionnaire answers: distribution, mean, top-box share, NPS, response rate."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LikertSummary:
    """The answers to one rating question."""

    count: int
    mean: float | None
    distribution: dict[int, int]
    top_share: float | None
    nps: float | None


def response_rate(respondents: int, invited: int) -> float | None:
    """Return respondents / invited in percent (one decimal), or None when nobody was invited."""
    return round(100 * respondents / invited, 1) if invited else None


def top_box_share(values: Iterable[int], scale_min: int, scale_max: int) -> float | None:
    """Return the share (percent) of answers in the upper half of an even scale (e.g. 3 and 4
    on 1 to 4: « plutôt » and « tout à fait »); None for odd scales or without answers."""
    points = scale_max - scale_min + 1
    answers = list(values)
    if points % 2 or not answers:
        return None
    threshold = scale_min + points // 2
    return round(100 * sum(v >= threshold for v in answers) / len(answers), 1)


def net_promoter_score(values: Iterable[int]) -> float | None:
    """Return the NPS of 0-10 answers: % of 9-10 minus % of 0-6, or None without answers."""
    answers = list(values)
    if not answers:
        return None
    promoters = sum(v >= 9 for v in answers)
    detractors = sum(v <= 6 for v in answers)
    return round(100 * (promoters - detractors) / len(answers), 1)


def summarise_likert(values: Iterable[int], scale_min: int, scale_max: int) -> LikertSummary:
    """Return the distribution, mean, top-box share (even scales) and NPS (0-10 scales)."""
    answers = [v for v in values if scale_min <= v <= scale_max]
    distribution = {p: answers.count(p) for p in range(scale_min, scale_max + 1)}
    mean = round(sum(answers) / len(answers), 2) if answers else None
    if (scale_min, scale_max) == (0, 10):
        nps, top = net_promoter_score(answers), None
    else:
        nps, top = None, top_box_share(answers, scale_min, scale_max)
    return LikertSummary(len(answers), mean, distribution, top, nps)
