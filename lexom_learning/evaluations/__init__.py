"""Evaluations (pure): when the cold evaluation and its reminders are due, and the summaries of
satisfaction answers and response rates. No web or storage imports."""

from .schedule import ColdState, cold_due_at, next_step, planned_dates
from .summary import LikertSummary, response_rate, summarise_likert, top_box_share

__all__ = [
    "ColdState",
    "LikertSummary",
    "cold_due_at",
    "next_step",
    "planned_dates",
    "response_rate",
    "summarise_likert",
    "top_box_share",
]
