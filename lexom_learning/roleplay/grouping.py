"""Form groups and give roles: at random with a recorded seed, or by hand, always checked.

A group holds every playing role of the case exactly once; everybody else in the group takes
the observer role (when the case has one). The assessed role's holder is the group's performer.
"""

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..modules import RolePlayCase
from ..translatable import TranslatableError


@dataclass(frozen=True, slots=True, order=True)
class Assignment:
    """One participant's group number (from 1) and role in a run."""

    group: int
    role_id: str
    participant_id: int


class GroupingError(TranslatableError):
    """The groups or roles asked for cannot be played; the message says why."""


class NotObserver(GroupingError):
    """The participant does not observe any group of the run."""


def _observer_id(case: RolePlayCase) -> str | None:
    return next((r.id for r in case.roles if r.observer), None)


def group_count(participants: int, case: RolePlayCase) -> int:
    """Return how many groups ``participants`` people make: a full cast plus an observer each.

    :raises GroupingError: fewer people than playing roles.
    """
    playing = len(case.playing_roles)
    if participants < playing:
        raise GroupingError(
            "Ce cas demande au moins %(playing)s participants (%(available)s disponible(s)).",
            playing=playing,
            available=participants,
        )
    size = playing + (1 if _observer_id(case) else 0)
    return max(1, participants // size)


def auto_assign(
    participant_ids: Iterable[int], case: RolePlayCase, seed: int, groups: int | None = None
) -> list[Assignment]:
    """Shuffle the participants with ``seed``, deal them into groups and draw their roles.

    :raises GroupingError: too few participants for the roles or for ``groups`` groups.
    """
    people = sorted(set(participant_ids))
    count = groups or group_count(len(people), case)
    if count < 1 or len(people) < count * len(case.playing_roles):
        raise GroupingError(
            "Pas assez de participants pour former %(count)s groupe(s).", count=count
        )
    if not _observer_id(case) and len(people) > count * len(case.playing_roles):
        count = len(people) // len(case.playing_roles)
    rng = random.Random(seed)
    rng.shuffle(people)
    members: dict[int, list[int]] = {g: [] for g in range(1, count + 1)}
    for index, person in enumerate(people):
        members[index % count + 1].append(person)
    if not _observer_id(case):
        members = {g: m[: len(case.playing_roles)] for g, m in members.items()}
    wanted = {g: dict.fromkeys(m) for g, m in members.items()}
    return complete_roles(wanted, case, seed)


def complete_roles(
    groups: Mapping[int, Mapping[int, str | None]], case: RolePlayCase, seed: int
) -> list[Assignment]:
    """Keep the roles given by hand and draw the missing ones (playing roles first), then check.

    :raises GroupingError: see ``check_assignments``.
    """
    rng = random.Random(seed)
    observer = _observer_id(case)
    assignments = []
    for group in sorted(groups):
        chosen = dict(groups[group])
        taken = {r for r in chosen.values() if r}
        free_roles = [r.id for r in case.playing_roles if r.id not in taken]
        open_people = sorted(p for p, r in chosen.items() if not r)
        rng.shuffle(open_people)
        for person in open_people:
            chosen[person] = free_roles.pop(0) if free_roles else observer
            if chosen[person] is None:
                raise GroupingError(
                    "Groupe %(group)s : trop de participants pour les rôles du cas.", group=group
                )
        assignments += [Assignment(group, role, person) for person, role in chosen.items()]
    return check_assignments(assignments, case)


def check_assignments(
    assignments: Iterable[Assignment], case: RolePlayCase, allowed: Iterable[int] | None = None
) -> list[Assignment]:
    """Return the assignments sorted, once each is playable.

    :raises GroupingError: unknown participant or role, someone twice, a playing role missing
        or doubled in a group, groups not numbered from 1.
    """
    items = sorted(assignments)
    if not items:
        raise GroupingError("Aucun participant n'est placé dans un groupe.")
    people = [a.participant_id for a in items]
    if len(set(people)) != len(people):
        raise GroupingError("Un participant ne peut être que dans un seul groupe.")
    if allowed is not None and set(people) - set(allowed):
        raise GroupingError("Participant inconnu dans cette session.")
    known = {r.id for r in case.roles}
    numbers = sorted({a.group for a in items})
    if numbers != list(range(1, len(numbers) + 1)):
        raise GroupingError("Les groupes doivent être numérotés 1, 2, 3… sans trou.")
    for group in numbers:
        roles = [a.role_id for a in items if a.group == group]
        unknown = sorted(set(roles) - known)
        if unknown:
            raise GroupingError(
                "Groupe %(group)s : rôle inconnu (%(roles)s).",
                group=group,
                roles=", ".join(unknown),
            )
        for role in case.playing_roles:
            held = roles.count(role.id)
            if held == 0:
                raise GroupingError(
                    "Groupe %(group)s : n'a pas de « %(role)s ».", group=group, role=role.name
                )
            if held > 1:
                raise GroupingError(
                    "Groupe %(group)s : a plusieurs « %(role)s ».", group=group, role=role.name
                )
    return items


def performer_for(assignments: Iterable[Assignment], observer_id: int, case: RolePlayCase) -> int:
    """Return the participant an observer scores: the assessed role's holder in their group.

    :raises NotObserver: the participant holds no observer role in this run.
    """
    items = list(assignments)
    mine = next((a for a in items if a.participant_id == observer_id), None)
    observer = _observer_id(case)
    if mine is None or observer is None or mine.role_id != observer:
        raise NotObserver("Seuls les observateurs d'un groupe remplissent sa grille.")
    return next(
        a.participant_id for a in items if a.group == mine.group and a.role_id == case.assessed_role
    )
