"""The role-play privacy rules in the core, without Flask or a database."""

from types import SimpleNamespace as Row

import pytest

from lexom_learning.roleplay.privacy import latest_grids, participant_view

CASE = "rp-m1-diagnostic-cosmetiques"


@pytest.fixture
def case(course):
    return course.roleplay(CASE)


def _assignments(case):
    observer = next(r for r in case.roles if r.observer)
    others = [r for r in case.roles if not r.observer and r.id != case.assessed_role]
    group1 = [(1, case.assessed_role), (2, observer.id), (3, others[0].id)]
    group2 = [(4, case.assessed_role), (5, observer.id)]
    rows = [Row(participant_id=p, group_no=1, role_id=r) for p, r in group1]
    return rows + [Row(participant_id=p, group_no=2, role_id=r) for p, r in group2]


def _grid(gid, observer, performer, group=1):
    return Row(id=gid, run_id=7, observer_id=observer, performer_id=performer, group_no=group)


def test_a_participant_gets_their_own_role_and_their_group_only(case):
    view = participant_view(case, _assignments(case), [], me_id=3, closed=False)
    assert view.role.id not in (case.assessed_role,) and not view.fills_grid
    assert {t.participant_id for t in view.teammates} == {1, 2, 3}
    assert [t.is_me for t in view.teammates] == [False, False, True]
    assert view.performer_id == 1 and view.is_performer is False


def test_someone_outside_every_group_sees_nothing_personal(case):
    view = participant_view(case, _assignments(case), [], me_id=99, closed=True)
    assert view.role is None and view.teammates == () and view.received == ()


def test_observers_fill_the_grid_and_see_only_their_own_grids(case):
    grids = [_grid(1, 2, 1), _grid(2, 5, 4, group=2), _grid(3, 2, 1)]
    view = participant_view(case, _assignments(case), grids, me_id=2, closed=False)
    assert view.fills_grid and [g.id for g in view.my_grids] == [1, 3]


def test_the_performer_reads_the_latest_grids_about_them_only_once_closed(case):
    grids = [_grid(1, 2, 1), _grid(2, 5, 4, group=2), _grid(3, 2, 1), _grid(4, 3, 1)]
    running = participant_view(case, _assignments(case), grids, me_id=1, closed=False)
    assert running.is_performer and running.received == ()
    closed = participant_view(case, _assignments(case), grids, me_id=1, closed=True)
    assert [g.id for g in closed.received] == [3, 4]
    other = participant_view(case, _assignments(case), grids, me_id=3, closed=True)
    assert other.received == ()


def test_latest_grids_keep_the_last_correction_of_each_observer():
    grids = [_grid(1, 2, 1), _grid(2, 3, 1), _grid(3, 2, 1)]
    assert [g.id for g in latest_grids(grids)] == [2, 3]
