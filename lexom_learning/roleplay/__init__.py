"""Role-play runs in the room (pure): groups, role assignment and the observation grid."""

from .grid import MAX_LEVEL, MIN_LEVEL, GridError, check_scores, grid_evidence
from .grouping import (
    Assignment,
    GroupingError,
    NotObserver,
    auto_assign,
    check_assignments,
    complete_roles,
    performer_for,
)

__all__ = [
    "MAX_LEVEL",
    "MIN_LEVEL",
    "Assignment",
    "GridError",
    "GroupingError",
    "NotObserver",
    "auto_assign",
    "check_assignments",
    "check_scores",
    "complete_roles",
    "grid_evidence",
    "performer_for",
]
