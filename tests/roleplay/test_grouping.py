"""Groups and roles (pure): random with a seed, by hand, always a full cast per group."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexom_learning.roleplay import (
    Assignment,
    GroupingError,
    NotObserver,
    auto_assign,
    check_assignments,
    complete_roles,
    performer_for,
)


@pytest.fixture(scope="module")
def case(course):
    """The four-role case of module 1: three players and one observer."""
    return course.roleplay("rp-m1-diagnostic-cosmetiques")


def roles_by_group(items):
    groups = {}
    for a in items:
        groups.setdefault(a.group, []).append(a.role_id)
    return groups


def test_auto_assign_makes_full_casts_and_observers(case):
    items = auto_assign(range(1, 11), case, seed=7)
    groups = roles_by_group(items)
    assert sorted(groups) == [1, 2]
    for roles in groups.values():
        for role in case.playing_roles:
            assert roles.count(role.id) == 1
        assert set(roles) - {r.id for r in case.playing_roles} <= {"observateur"}
    assert sorted(a.participant_id for a in items) == list(range(1, 11))


def test_auto_assign_is_reproducible_with_its_seed(case):
    assert auto_assign(range(1, 9), case, seed=42) == auto_assign(range(1, 9), case, seed=42)
    draws = {tuple(auto_assign(range(1, 9), case, seed=s)) for s in range(20)}
    assert len(draws) > 1


def test_auto_assign_with_exactly_the_cast_has_no_observer(case):
    items = auto_assign([1, 2, 3], case, seed=1)
    assert {a.role_id for a in items} == {"responsable", "directeur", "commerciale"}


def test_too_few_participants_is_refused(case):
    with pytest.raises(GroupingError, match="au moins 3 participants"):
        auto_assign([1, 2], case, seed=1)
    with pytest.raises(GroupingError):
        auto_assign(range(1, 6), case, seed=1, groups=2)


@given(st.integers(min_value=3, max_value=40), st.integers(min_value=0, max_value=10**6))
def test_any_room_size_gives_playable_groups(case, size, seed):
    items = auto_assign(range(size), case, seed)
    assert check_assignments(items, case) == sorted(items)
    assert len(items) == size


def test_complete_roles_keeps_hand_choices_and_draws_the_rest(case):
    wanted = {1: {10: "responsable", 11: None, 12: None, 13: None}}
    items = complete_roles(wanted, case, seed=3)
    mine = {a.participant_id: a.role_id for a in items}
    assert mine[10] == "responsable"
    assert sorted(mine.values()) == ["commerciale", "directeur", "observateur", "responsable"]


@pytest.mark.parametrize(
    "items, message",
    [
        ([Assignment(1, "responsable", 1), Assignment(1, "directeur", 2)], "n'a pas de"),
        (
            [
                Assignment(1, "responsable", 1),
                Assignment(1, "responsable", 2),
                Assignment(1, "directeur", 3),
                Assignment(1, "commerciale", 4),
            ],
            "a plusieurs",
        ),
        ([Assignment(1, "pirate", 1)], "rôle inconnu"),
        ([Assignment(2, "responsable", 1)], "numérotés"),
        ([], "Aucun participant"),
    ],
)
def test_check_assignments_names_the_problem(case, items, message):
    with pytest.raises(GroupingError, match=message):
        check_assignments(items, case)


def test_a_participant_is_in_one_group_only(case):
    items = [Assignment(1, r.id, i) for i, r in enumerate(case.playing_roles)]
    items.append(Assignment(1, "observateur", 0))
    with pytest.raises(GroupingError, match="un seul groupe"):
        check_assignments(items, case)


def test_unknown_participant_is_refused(case):
    items = [Assignment(1, r.id, i) for i, r in enumerate(case.playing_roles)]
    with pytest.raises(GroupingError, match="inconnu"):
        check_assignments(items, case, allowed=[0, 1])


def test_performer_is_the_assessed_role_of_the_observers_group(case):
    items = [
        Assignment(1, "responsable", 1),
        Assignment(1, "directeur", 2),
        Assignment(1, "commerciale", 3),
        Assignment(1, "observateur", 4),
        Assignment(2, "responsable", 5),
        Assignment(2, "directeur", 6),
        Assignment(2, "commerciale", 7),
        Assignment(2, "observateur", 8),
    ]
    assert performer_for(items, 4, case) == 1
    assert performer_for(items, 8, case) == 5
    for wrong in (1, 2, 99):
        with pytest.raises(NotObserver):
            performer_for(items, wrong, case)
