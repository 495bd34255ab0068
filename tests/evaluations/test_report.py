"""The dashboard's figures on a golden session: attainment with levels, progress as normalised
gain on the items common to positioning and hot, retention hot → cold, grids, rates."""

import pytest

from lexom_learning.services import cold, evaluations, roleplay, sessions
from lexom_learning.services.satisfaction import satisfaction_summary
from lexom_learning.web.evaluations.report import chart_data, session_report
from tests.evaluations.helpers import knowing_nothing, knowledge_answers, likert_answers, make_room

CASE = "rp-m1-diagnostic-cosmetiques"


def points(evaluation, objective, only=None):
    return sum(
        q.points
        for q in evaluation.knowledge_questions
        if q.objectives[0] == objective and (only is None or q.id in only)
    )


@pytest.fixture
def golden(app, course, factories):
    """Ann: 0 % at positioning, 100 % hot, 0 % cold, grid level 3 everywhere.
    Ben: only obj-1 right at positioning, 100 % hot, no cold; Cid answered nothing; a fourth
    participant observes Ann's role play."""
    room = make_room(factories, 3)
    ann, ben, _cid = sorted(room.people, key=lambda p: p.id)
    for kind in ("positioning", "hot"):
        evaluations.set_open(room.session, course, kind, room.trainer, True)
    evaluations.submit(
        ann, course, "positioning", knowing_nothing(course.evaluations["positioning"])
    )
    evaluations.submit(
        ben,
        course,
        "positioning",
        knowledge_answers(course.evaluations["positioning"], {"obj-1": True}),
    )
    hot = course.evaluations["hot"]
    for person, rating in ((ann, 4), (ben, 2)):
        answers = knowledge_answers(hot) | likert_answers(
            hot, "satisfaction", lambda q, r=rating: r if q.scale.max == 4 else q.scale.max
        )
        evaluations.submit(person, course, "hot", answers)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    others = [p.id for p in room.people if p.id != ann.id]
    observer = factories.ParticipantFactory(session=room.session)
    roleplay.assign_by_hand(
        run,
        course,
        room.session,
        room.trainer,
        {
            ann.id: (1, "responsable"),
            others[0]: (1, "directeur"),
            others[1]: (1, "commerciale"),
            observer.id: (1, "observateur"),
        },
    )
    roleplay.submit_grid(run, course, observer, {c.id: 3 for c in course.roleplay(CASE).grid})
    sessions.close_session(room.session)
    due = cold.invitations_of(room.session.id)[0].due_at  # the cold evaluation's first day
    evaluations.submit(
        ann, course, "cold", knowing_nothing(course.evaluations["cold"]), channel="link", now=due
    )
    return room, ann, ben


def test_golden_figures(golden, course):
    room, ann, ben = golden
    report = session_report(room.session, course)
    rows = {p.id: f for p, f in report.rows}
    hot = course.evaluations["hot"]
    grid = course.roleplay(CASE).grid
    for objective in course.objective_ids:
        a = rows[ann.id][objective]
        assert (a.positioning, a.hot, a.cold) == (0.0, 100.0, 0.0)
        assert a.gain == 1.0 and a.retention == 0.0
        assert a.quizzes is None
        grid_items = [c for c in grid if objective in c.objectives]
        if grid_items:
            assert a.roleplay == 75.0
        earned = points(hot, objective) + 3 * len(grid_items)
        possible = points(hot, objective) + 4 * len(grid_items)
        assert a.percent == round(100 * earned / possible, 1)
        assert a.level == ("acquired" if a.percent >= 75 else "in_progress")
    b = rows[ben.id]
    assert b["obj-1"].positioning == 100.0 and b["obj-1"].gain is None  # nothing left to gain
    assert b["obj-2"].positioning == 0.0 and b["obj-2"].gain == 1.0
    assert b["obj-1"].cold is None and b["obj-1"].retention is None
    group = report.group
    assert group["obj-1"].positioning == 50.0 and group["obj-1"].hot == 100.0
    assert group["obj-1"].gain == 1.0  # (100 − 50) / (100 − 50) on the means
    assert group["obj-1"].cold == 0.0 and group["obj-1"].retention == 0.0
    assert report.respondents == {"positioning": 2, "hot": 2, "cold": 1}
    assert report.invited == 4
    charts = chart_data(course, report)
    assert charts["progress"]["datasets"][0]["data"] == [
        group[o].positioning for o in course.objective_ids
    ]


def test_golden_satisfaction(golden, course):
    room, _ann, _ben = golden
    summary = satisfaction_summary(room.session, course)
    assert (summary.respondents, summary.invited, summary.rate) == (2, 4, 50.0)
    overall = next(q for q in summary.questions if q.id == "sat-q12")
    assert overall.ratings.distribution == {1: 0, 2: 1, 3: 0, 4: 1}
    assert overall.ratings.top_share == 50.0 and overall.ratings.mean == 3.0
    nps = next(q for q in summary.questions if q.id == "sat-q13")
    assert nps.ratings.nps == 100.0  # both answered 10
    assert summary.overall == 50.0
