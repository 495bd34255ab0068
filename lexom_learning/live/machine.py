"""The live-quiz state machine: ``waiting → open(i) → closed(i) → … → finished`` (pure).

The server alone decides the current question: every change goes through one of three moves,
and a move the current state does not allow raises :class:`IllegalMove`.
"""

from dataclasses import dataclass
from enum import StrEnum

from ..translatable import TranslatableError


class Status(StrEnum):
    """Where a live run stands."""

    WAITING = "waiting"
    OPEN = "open"
    CLOSED = "closed"
    FINISHED = "finished"


class Move(StrEnum):
    """What the trainer can do to a run."""

    NEXT = "next"
    CLOSE = "close"
    FINISH = "finish"


class IllegalMove(TranslatableError):
    """A move the current state does not allow; the message is meant for the trainer."""


@dataclass(frozen=True, slots=True)
class LiveState:
    """A run's state: its status, the question open or last closed (from 0), the question count.

    ``index`` is None before the first question opens, and stays on the last question reached
    once the run is finished.
    """

    status: Status
    index: int | None
    total: int

    def __post_init__(self) -> None:
        if self.total < 1:
            raise ValueError("a live run needs at least one question")
        if self.status is Status.WAITING and self.index is not None:
            raise ValueError("a waiting run has no current question")
        if self.status in (Status.OPEN, Status.CLOSED) and self.index is None:
            raise ValueError(f"an {self.status} run needs a current question")
        if self.index is not None and not 0 <= self.index < self.total:
            raise ValueError(f"question index {self.index} outside 0..{self.total - 1}")

    @property
    def number(self) -> int | None:
        """Return the current question's number as people count it (from 1), or None."""
        return None if self.index is None else self.index + 1

    @property
    def has_next(self) -> bool:
        """Say whether a question remains to be opened."""
        reached = -1 if self.index is None else self.index
        return self.status is not Status.FINISHED and reached + 1 < self.total


def waiting(total: int) -> LiveState:
    """Return the state of a new run of ``total`` questions."""
    return LiveState(Status.WAITING, None, total)


def open_next(state: LiveState) -> LiveState:
    """Open the next question: from waiting (the first one) or after closing the previous one.

    :raises IllegalMove: a question is open, none is left, or the run is finished.
    """
    if state.status is Status.FINISHED:
        raise IllegalMove("Le quiz est terminé.")
    if state.status is Status.OPEN:
        raise IllegalMove(
            "La question %(number)s est encore ouverte : fermez-la d'abord.", number=state.number
        )
    if not state.has_next:
        raise IllegalMove("C'était la dernière question : terminez le quiz.")
    index = 0 if state.index is None else state.index + 1
    return LiveState(Status.OPEN, index, state.total)


def close(state: LiveState) -> LiveState:
    """Close the open question: answers stop, corrections may be shown.

    :raises IllegalMove: no question is open.
    """
    if state.status is Status.OPEN:
        return LiveState(Status.CLOSED, state.index, state.total)
    if state.status is Status.FINISHED:
        raise IllegalMove("Le quiz est terminé.")
    if state.status is Status.CLOSED:
        raise IllegalMove("La question %(number)s est déjà fermée.", number=state.number)
    raise IllegalMove("Aucune question n'est ouverte.")


def finish(state: LiveState) -> LiveState:
    """End the run, after any number of closed questions (or before the first one opens).

    :raises IllegalMove: a question is still open, or the run is already finished.
    """
    if state.status is Status.OPEN:
        raise IllegalMove("Fermez d'abord la question %(number)s.", number=state.number)
    if state.status is Status.FINISHED:
        raise IllegalMove("Le quiz est déjà terminé.")
    return LiveState(Status.FINISHED, state.index, state.total)


_MOVES = {Move.NEXT: open_next, Move.CLOSE: close, Move.FINISH: finish}


def apply(state: LiveState, move: Move | str) -> LiveState:
    """Return the state after ``move``.

    :raises IllegalMove: the move is unknown or not allowed now.
    """
    try:
        step = _MOVES[Move(move)]
    except ValueError:
        raise IllegalMove("Action inconnue : %(move)s.", move=move) from None
    return step(state)


def legal_moves(state: LiveState) -> frozenset[Move]:
    """Return the moves allowed from ``state``."""
    allowed = set()
    for move, step in _MOVES.items():
        try:
            step(state)
        except IllegalMove:
            continue
        allowed.add(move)
    return frozenset(allowed)


def accepts_answer(state: LiveState, index: int) -> bool:
    """Say whether answers to question ``index`` are taken now (it is the open one)."""
    return state.status is Status.OPEN and state.index == index


def is_revealed(state: LiveState, index: int) -> bool:
    """Say whether question ``index`` has been closed, so its correction may be shown."""
    if state.index is None:
        return False
    if state.status is Status.OPEN:
        return index < state.index
    return 0 <= index <= state.index


def closed_count(state: LiveState) -> int:
    """Return how many questions have been closed so far."""
    return sum(is_revealed(state, i) for i in range(state.total))
