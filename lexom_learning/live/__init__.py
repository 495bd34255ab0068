"""Trainer-paced live quizzes: the state machine, question cards and tallies. Pure: no web or
storage imports (docs/architecture.md, « The live request path »)."""

from .cards import card, chosen_options, describe, feedback, room_seed, solution, solution_text
from .machine import (
    IllegalMove,
    LiveState,
    Move,
    Status,
    accepts_answer,
    apply,
    close,
    closed_count,
    finish,
    is_revealed,
    legal_moves,
    open_next,
    waiting,
)
from .tally import Bar, Standing, Tally, rank, tally

__all__ = [
    "Bar",
    "IllegalMove",
    "LiveState",
    "Move",
    "Standing",
    "Status",
    "Tally",
    "accepts_answer",
    "room_seed",
    "apply",
    "card",
    "chosen_options",
    "close",
    "closed_count",
    "describe",
    "feedback",
    "finish",
    "is_revealed",
    "legal_moves",
    "open_next",
    "rank",
    "solution",
    "solution_text",
    "tally",
    "waiting",
]
