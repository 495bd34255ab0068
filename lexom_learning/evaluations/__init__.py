"""Evaluations (pure): when the cold evaluation and its reminders are due, and the summaries of
satisfaction answers and response rates. No web or storage imports."""

from ..translatable import N_
from .schedule import (
    ColdState,
    cold_closes_at,
    cold_due_at,
    cold_phase,
    next_step,
    planned_dates,
)
from .summary import LikertSummary, response_rate, summarise_likert, top_box_share

# French; each adapter shows them in its reader's language (web/labels.py, the XBlocks).
KIND_LABELS = {
    "positioning": N_("Test de positionnement"),
    "hot": N_("Évaluation à chaud"),
    "cold": N_("Évaluation à froid"),
}

__all__ = [
    "KIND_LABELS",
    "ColdState",
    "LikertSummary",
    "cold_closes_at",
    "cold_due_at",
    "cold_phase",
    "next_step",
    "planned_dates",
    "response_rate",
    "summarise_likert",
    "top_box_share",
]
