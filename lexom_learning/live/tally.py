"""Counting a question's counted answers into bars, and ranking participants (pure)."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from ..quizzes import ResponseError, stored_response, validate_response
from ..quizzes.base import QuestionSpec
from ..quizzes.numbers import format_number
from ..quizzes.shuffle import SHUFFLED_TYPES, order_options

MAX_NUMERIC_BARS = 8


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a histogram: how many counted answers chose ``key``."""

    key: str
    label: str
    count: int
    correct: bool | None


@dataclass(frozen=True, slots=True)
class Tally:
    """A question's counted answers: how many answered, how many were right, and the bars."""

    question_id: str
    answered: int
    correct: int
    bars: tuple[Bar, ...]

    @property
    def highest(self) -> int:
        """Return the tallest bar's count (at least 1, to scale bars safely)."""
        return max((b.count for b in self.bars), default=0) or 1


def tally(
    spec: QuestionSpec, answers: Iterable[tuple[Any, bool | None]], seed: str | None = None
) -> Tally:
    """Count ``(response, correct)`` pairs, one per participant, into the question's bars.

    ``seed`` puts a choice question's bars in the order its options were shown.
    """
    answers = list(answers)
    right = sum(1 for _, correct in answers if correct)
    values = []
    for response, _ in answers:
        try:
            values.append(validate_response(spec, stored_response(spec, response)))
        except ResponseError:
            continue  # stored answers were validated; content may have changed since
    bars = _bars(spec, values, answers)
    if seed is not None and spec.type in SHUFFLED_TYPES:
        place = {o.id: i for i, o in enumerate(order_options(spec, seed))}
        bars.sort(key=lambda bar: place[bar.key])
    return Tally(spec.id, len(answers), right, tuple(bars))


def _bars(spec: QuestionSpec, values: list, answers: list) -> list[Bar]:
    kind = spec.type
    if kind == "single_choice":
        counts = Counter(values)
        return [Bar(o.id, o.text, counts[o.id], o.correct) for o in spec.options]
    if kind == "multiple_choice":
        counts = Counter(choice for chosen in values for choice in chosen)
        return [Bar(o.id, o.text, counts[o.id], o.correct) for o in spec.options]
    if kind == "true_false":
        counts = Counter(values)
        return [
            Bar("true", "Vrai", counts[True], spec.answer is True),
            Bar("false", "Faux", counts[False], spec.answer is False),
        ]
    if kind == "numeric":
        return _numeric_bars(spec, values)
    if kind == "likert":
        counts = Counter(values)
        scale = spec.scale
        return [
            Bar(str(p), scale.labels.get(p, str(p)), counts[p], None)
            for p in range(scale.min, scale.max + 1)
        ]
    if not spec.graded:
        return []
    right = sum(1 for _, correct in answers if correct)
    return [Bar("right", "Juste", right, True), Bar("wrong", "Faux", len(answers) - right, False)]


def _numeric_bars(spec: QuestionSpec, values: list[float]) -> list[Bar]:
    counts = Counter(round(v, 6) for v in values)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    unit = f" {spec.unit}" if spec.unit else ""
    bars = [
        Bar(format_number(v), f"{format_number(v)}{unit}", n, spec.accepts(v))
        for v, n in ranked[:MAX_NUMERIC_BARS]
    ]
    rest = ranked[MAX_NUMERIC_BARS:]
    if rest:
        bars.append(Bar("other", "Autres valeurs", sum(n for _, n in rest), None))
    return bars


@dataclass(frozen=True, slots=True)
class Standing:
    """One line of the leaderboard: ties share a rank; speed never counts."""

    rank: int
    key: Hashable
    name: str
    correct: int


def rank(scores: Iterable[tuple[Hashable, str, int]]) -> list[Standing]:
    """Rank ``(key, name, correct answers)`` by correct answers; ties share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda s: (-s[2], s[1].casefold(), str(s[0])))
    standings: list[Standing] = []
    for position, (key, name, correct) in enumerate(ordered, start=1):
        tied = standings and standings[-1].correct == correct
        standings.append(Standing(standings[-1].rank if tied else position, key, name, correct))
    return standings
