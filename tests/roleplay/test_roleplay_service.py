"""Role-play runs: groups, grids tied to objectives (append-only), evidence, closing."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.services import evidence as evidence_sources
from lexom_learning.services import figures, roleplay
from lexom_learning.services.errors import Conflict, Forbidden, Invalid, NotFound
from lexom_learning.storage.guards import AppendOnlyError
from lexom_learning.web.roleplay.grids import groups_of
from tests.evaluations.helpers import make_room

CASE = "rp-m1-diagnostic-cosmetiques"


@pytest.fixture
def room(factories):
    return make_room(factories, 8)


@pytest.fixture
def run(app, course, room):
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=11)
    return run


def by_role(run, role_id):
    people = [a.participant_id for a in run.assignments if a.role_id == role_id]
    return people


def observer_and_performer(run, course, room):
    case = course.roleplay(CASE)
    observer_id = by_role(run, "observateur")[0]
    mine = next(a for a in run.assignments if a.participant_id == observer_id)
    performer_id = next(
        a.participant_id
        for a in run.assignments
        if a.group_no == mine.group_no and a.role_id == case.assessed_role
    )
    person = {p.id: p for p in room.people}
    return person[observer_id], person[performer_id]


def full(course, level):
    return {c.id: level for c in course.roleplay(CASE).grid}


def test_unknown_case_and_closed_session_are_refused(app, course, room):
    from lexom_learning.services import sessions

    with pytest.raises(NotFound):
        roleplay.create_run(room.session, course, "nope", room.trainer)
    sessions.close_session(room.session)
    with pytest.raises(Conflict):
        roleplay.create_run(room.session, course, CASE, room.trainer)


def test_auto_groups_two_full_casts_with_the_seed_kept(run):
    assert run.seed == 11
    assert sorted({a.group_no for a in run.assignments}) == [1, 2]
    assert len(by_role(run, "responsable")) == 2 and len(by_role(run, "observateur")) == 2


def test_groups_by_hand_with_roles_drawn_where_left_open(app, course, room):
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    a, b, c, d, *_ = room.people
    wanted = {a.id: (1, "responsable"), b.id: (1, None), c.id: (1, None), d.id: (1, "observateur")}
    roleplay.assign_by_hand(run, course, room.session, room.trainer, wanted, seed=5)
    roles = {x.participant_id: x.role_id for x in run.assignments}
    assert roles[a.id] == "responsable" and roles[d.id] == "observateur"
    assert {roles[b.id], roles[c.id]} == {"directeur", "commerciale"}
    with pytest.raises(Invalid, match="n'a pas de"):
        roleplay.assign_by_hand(run, course, room.session, room.trainer, {a.id: (1, "observateur")})
    with pytest.raises(Invalid, match="inconnu"):
        roleplay.assign_by_hand(run, course, room.session, room.trainer, {10**6: (1, None)})


def test_an_observer_scores_the_performer_of_their_group(app, course, room, run):
    observer, performer = observer_and_performer(run, course, room)
    grading = roleplay.submit_grid(run, course, observer, full(course, 3), "Clair.")
    assert grading.performer_id == performer.id
    assert {s.level for s in grading.scores} == {3}
    criterion = course.roleplay(CASE).grid[0]
    score = next(s for s in grading.scores if s.criterion_id == criterion.id)
    assert score.objectives == list(criterion.objectives)


@pytest.mark.parametrize("role", ["responsable", "directeur", "commerciale"])
def test_only_observers_fill_a_grid(app, course, room, run, role):
    player = next(p for p in room.people if p.id == by_role(run, role)[0])
    with pytest.raises(Forbidden):
        roleplay.submit_grid(run, course, player, full(course, 3))


def test_someone_outside_the_groups_cannot_score(app, course, room, factories):
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    with pytest.raises(Forbidden):
        roleplay.submit_grid(run, course, room.people[0], full(course, 3))


@pytest.mark.parametrize(
    "scores, key",
    [({"c1": 5}, "c1"), ({"c99": 3}, "c99"), ({"c1": "trois"}, "c1"), ({"c1": 0}, "c1")],
)
def test_invalid_grids_name_the_criterion(app, course, room, run, scores, key):
    observer, _ = observer_and_performer(run, course, room)
    with pytest.raises(roleplay.GridInvalid) as error:
        roleplay.submit_grid(run, course, observer, full(course, 3) | scores)
    assert key in error.value.errors


def test_a_new_grid_corrects_the_previous_one_which_stays(app, course, room, run):
    observer, performer = observer_and_performer(run, course, room)
    first = roleplay.submit_grid(run, course, observer, full(course, 1))
    second = roleplay.submit_grid(run, course, observer, full(course, 4))
    assert second.reason and first.id != second.id
    assert len(roleplay.gradings_of(run)) == 2
    evidence = evidence_sources.gather(db.session, [performer.id])[performer.id]
    grid_items = [e for e in evidence if e.source == "roleplay"]
    assert {e.earned for e in grid_items} == {4.0}
    assert len(grid_items) == len(course.roleplay(CASE).grid)


def test_grids_are_append_only(app, course, room, run):
    from lexom_learning.extensions import db

    observer, _ = observer_and_performer(run, course, room)
    grading = roleplay.submit_grid(run, course, observer, full(course, 2))
    grading.scores[0].level = 4
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(grading)
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


def test_groups_are_locked_once_a_grid_exists_and_closing_freezes_grids(app, course, room, run):
    observer, _ = observer_and_performer(run, course, room)
    roleplay.submit_grid(run, course, observer, full(course, 2))
    with pytest.raises(Conflict):
        roleplay.assign_auto(run, course, room.session, room.trainer)
    roleplay.set_debrief(run, course, "Bon rythme.", room.trainer)
    roleplay.close_run(run, course, room.trainer)
    roleplay.close_run(run, course, room.trainer)
    assert run.status == "closed" and run.debrief_note == "Bon rythme."
    with pytest.raises(Conflict):
        roleplay.submit_grid(run, course, observer, full(course, 3))


def test_role_play_evidence_feeds_attainment_as_level_out_of_four(app, course, room, run):
    observer, performer = observer_and_performer(run, course, room)
    roleplay.submit_grid(run, course, observer, full(course, 3))
    results = figures.figures_for(db.session, course, [performer.id])[performer.id]
    graded = {o for c in course.roleplay(CASE).grid for o in c.objectives}
    for objective in graded:
        assert results[objective].percent == 75.0
        assert results[objective].level == "acquired"


def test_groups_side_by_side_keep_each_observers_latest_grid(app, course, room, run):
    case = course.roleplay(CASE)
    observer, _ = observer_and_performer(run, course, room)
    roleplay.submit_grid(run, course, observer, full(course, 1))
    roleplay.submit_grid(run, course, observer, full(course, 3))
    groups = groups_of(run, case)
    assert [g.number for g in groups] == [1, 2]
    scored = next(g for g in groups if g.gradings)
    assert len(scored.gradings) == 1 and scored.mean(case.grid[0].id) == 3
