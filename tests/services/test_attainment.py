"""Attainment figures from the records of a bare session: every reader's numbers come from
``services.figures`` reading the session it is given, with no Flask app."""

import flask

from lexom_learning.services import figures
from lexom_learning.storage import Answer


def _live(person, objective: str, earned: float, possible: float = 1.0) -> Answer:
    return Answer(
        session_id=person.session_id,
        participant_id=person.id,
        context="live",
        context_id="7",
        question_id=f"live-{objective}-{earned}",
        response="a",
        earned=earned,
        possible=possible,
        correct=earned == possible,
        objectives=[objective],
        content_version="v",
    )


def test_figures_come_from_the_session_given(ctx, training, course):
    lea, hugo = training.participants
    first, second = course.objective_ids[:2]
    ctx.session.add_all(
        [_live(lea, first, 1), _live(lea, first, 1), _live(lea, first, 0), _live(hugo, first, 0)]
    )
    ctx.session.add(_live(lea, second, 1))
    ctx.session.commit()
    found = figures.figures_for(ctx.session, course, [lea.id, hugo.id])
    assert not flask.has_app_context()
    assert set(found) == {lea.id, hugo.id}
    assert set(found[lea.id]) == set(course.objective_ids)
    assert found[lea.id][first].percent == 66.7  # two of three, rounded to a tenth
    assert found[hugo.id][first].percent == 0
    assert found[lea.id][second].percent == 100
    assert found[hugo.id][second].percent is None  # no evidence: no figure, not zero
    untouched = course.objective_ids[-1]
    assert found[lea.id][untouched].percent is None


def test_the_group_figures_average_the_participants(ctx, training, course):
    lea, hugo = training.participants
    first = course.objective_ids[0]
    ctx.session.add_all([_live(lea, first, 1), _live(hugo, first, 0)])
    ctx.session.commit()
    group = figures.group_of(ctx.session, course, [lea.id, hugo.id])
    assert group.participants[lea.id][first].percent == 100
    assert group.group[first].percent == 50
