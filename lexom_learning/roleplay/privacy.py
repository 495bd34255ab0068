"""What one participant may see of a role-play run: the rules, once, for the web and the API.

A participant reads the shared context, their own role's brief (never another's), who is in
their group under which role name, the grids they filled in themselves, and, once the run is
closed and only if they played the assessed role, the latest grid each observer filled in about
them. Works on any objects with the fields the storage records carry.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..modules import RolePlayCase


@dataclass(frozen=True)
class Teammate:
    """A member of the participant's group: who and under which role name (no brief)."""

    participant_id: int
    role_id: str
    role_name: str
    is_me: bool


@dataclass(frozen=True)
class ParticipantView:
    """Everything a participant may see of a run besides the public context."""

    assignment: Any | None  # their own group and role, or None before groups are made
    role: Any | None  # their own role: the only brief they receive
    teammates: tuple[Teammate, ...]
    performer_id: int | None  # who plays the assessed role in their group
    is_performer: bool  # plays the assessed role
    fills_grid: bool  # observers fill in the grid
    my_grids: tuple[Any, ...]  # the grids they filled in, oldest first
    received: tuple[Any, ...]  # grids about them, once the run is closed


def latest_grids(gradings: Iterable[Any]) -> list[Any]:
    """Keep each observer's latest grid per performer (earlier ones were corrections)."""
    latest: dict[tuple[Any, int, int], Any] = {}
    for grading in gradings:
        latest[(grading.run_id, grading.observer_id, grading.performer_id)] = grading
    return sorted(latest.values(), key=lambda g: (g.group_no, g.id))


def participant_view(
    case: RolePlayCase,
    assignments: Sequence[Any],
    gradings: Sequence[Any],
    me_id: int,
    closed: bool,
) -> ParticipantView:
    """Return what participant ``me_id`` may see of a run (``gradings`` oldest first)."""
    mine = next((a for a in assignments if a.participant_id == me_id), None)
    if mine is None:
        return ParticipantView(None, None, (), None, False, False, (), ())
    role = case.role(mine.role_id)
    group = [a for a in assignments if a.group_no == mine.group_no]
    teammates = tuple(
        Teammate(a.participant_id, a.role_id, case.role(a.role_id).name, a.participant_id == me_id)
        for a in group
    )
    performer_id = next((a.participant_id for a in group if a.role_id == case.assessed_role), None)
    received: tuple[Any, ...] = ()
    if closed and role.id == case.assessed_role:
        received = tuple(g for g in latest_grids(gradings) if g.performer_id == me_id)
    return ParticipantView(
        assignment=mine,
        role=role,
        teammates=teammates,
        performer_id=performer_id,
        is_performer=role.id == case.assessed_role,
        fills_grid=bool(role.observer),
        my_grids=tuple(g for g in gradings if g.observer_id == me_id),
        received=received,
    )
