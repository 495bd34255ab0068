"""Counting a question's counted answers into bars, and ranking participants (pure)."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from ..quizzes import Bar, stored_response, type_of
from ..quizzes.base import QuestionSpec
from ..quizzes.shuffle import order_options

__all__ = ["Bar", "Standing", "Tally", "rank", "tally"]


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
    """Count stored ``(response, correct)`` pairs, one per participant, into the question's bars.

    The responses were validated when they were stored (``services.live_answers``); the type
    draws the bars (``QuestionType.bars``). ``seed`` puts a choice question's bars in the order
    its options were shown.
    """
    answers = list(answers)
    right = sum(1 for _, correct in answers if correct)
    kind = type_of(spec)
    values = [stored_response(spec, response) for response, _ in answers]
    try:
        bars = list(kind.bars(spec, values, right, len(answers)))
    except (KeyError, TypeError, ValueError):  # a response stored before the content changed
        bars = list(kind.bars(spec, [], right, len(answers)))
    if seed is not None and kind.shuffled:
        place = {o.id: i for i, o in enumerate(order_options(spec, seed))}
        bars.sort(key=lambda bar: place[bar.key])
    return Tally(spec.id, len(answers), right, tuple(bars))


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
