"""The outcome of grading one response."""

from dataclasses import dataclass

from ..translatable import TranslatableError


@dataclass(frozen=True, slots=True)
class Result:
    """Points earned out of points possible, with the feedback to show the learner.

    ``correct`` is ``None`` for ungraded questions (``possible == 0``).
    """

    earned: float
    possible: float
    correct: bool | None
    feedback: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        """Return earned / possible, or 0 for an ungraded question."""
        return self.earned / self.possible if self.possible else 0.0


class ResponseError(TranslatableError):
    """A learner's response that cannot be graded; the message is shown to them."""
