"""When a module quiz's solutions show and when it counts as passed: one rule for every adapter.

The web app and the quiz XBlock both call these functions with the scores they keep, so a
learner sees the same thing in either place.
"""

from collections.abc import Sequence

Score = tuple[float, float]  # (earned, possible) of one attempt


def full_marks(score: Score) -> bool:
    """Say whether an attempt earned every point it could."""
    earned, possible = score
    return earned >= possible


def answers_revealed(scores: Sequence[Score], max_attempts: int | None, closed: bool) -> bool:
    """Say whether feedback and explanations may show.

    They show once an attempt had full marks, once no attempt is left, or once the learner
    cannot try again because the session is closed; before that they would hand the answers to
    the next attempt (the verdict per question shows after every attempt).
    """
    if any(full_marks(score) for score in scores):
        return True
    if max_attempts is not None and len(scores) >= max_attempts:
        return True
    return closed


def attempt_passed(score: Score, pass_pct: float) -> bool:
    """Say whether one attempt reached the quiz's pass mark."""
    earned, possible = score
    return bool(possible) and 100 * earned / possible >= pass_pct


def quiz_passed(scores: Sequence[Score], pass_pct: float) -> bool | None:
    """Say whether the quiz is passed: one attempt reached the pass mark (None: no attempt)."""
    if not scores:
        return None
    return any(attempt_passed(score, pass_pct) for score in scores)
