"""Attainment arithmetic on golden cases (pure): gain, retention, levels, summaries, calendar."""

from datetime import UTC, datetime, timedelta

import pytest

from lexom_learning.attainment import (
    Evidence,
    attainment,
    group_gain,
    group_mean,
    group_retention,
    level_for,
    normalised_gain,
    retention,
)
from lexom_learning.evaluations import (
    ColdState,
    cold_due_at,
    next_step,
    planned_dates,
    response_rate,
    summarise_likert,
    top_box_share,
)
from lexom_learning.evaluations.summary import net_promoter_score

THRESHOLDS = {"acquired": 75, "in_progress": 50}


@pytest.mark.parametrize(
    "pre, post, gain",
    [
        (45, 78, 0.6),  # the fact brief's example: 33 / 55
        (0, 50, 0.5),
        (50, 50, 0.0),
        (60, 40, -0.5),
        (20, 100, 1.0),
        (100, 100, None),  # nothing left to gain: undefined
        (None, 80, None),
        (40, None, None),
    ],
)
def test_normalised_gain(pre, post, gain):
    assert normalised_gain(pre, post) == gain


@pytest.mark.parametrize(
    "hot, cold, kept",
    [
        (80, 60, 0.75),
        (50, 50, 1.0),
        (40, 50, 1.25),
        (0, 30, None),
        (None, 30, None),
        (70, None, None),
    ],
)
def test_retention(hot, cold, kept):
    assert retention(hot, cold) == kept


def test_group_gain_is_the_gain_of_the_means_over_complete_pairs():
    pairs = [(40, 70), (60, 90), (None, 80), (50, None)]
    # mean pre 50, mean post 80 → 30 / 50
    assert group_gain(pairs) == 0.6
    assert group_gain([(None, 1)]) is None


def test_group_retention_is_mean_cold_over_mean_hot():
    assert group_retention([(80, 60), (60, 60), (90, None)]) == round(60 / 70, 2)


@pytest.mark.parametrize(
    "percent, level",
    [
        (75, "acquired"),
        (74.9, "in_progress"),
        (50, "in_progress"),
        (49.9, "not_acquired"),
        (0, "not_acquired"),
        (None, None),
    ],
)
def test_levels_use_the_course_thresholds(percent, level):
    assert level_for(percent, THRESHOLDS) == level


def test_attainment_pools_quizzes_grids_and_hot_items():
    evidence = [
        Evidence(("obj-1",), 1, 1, "quiz"),
        Evidence(("obj-1",), 0, 1, "quiz"),
        Evidence(("obj-1", "obj-2"), 3, 4, "roleplay"),
        Evidence(("obj-2",), 2, 2, "hot"),
        Evidence(("obj-3",), 0, 0, "hot"),  # an ungraded item counts for nothing
    ]
    result = attainment(evidence, ["obj-1", "obj-2", "obj-3"])
    assert (result["obj-1"].earned, result["obj-1"].possible) == (4, 6)
    assert result["obj-1"].percent == 66.7
    assert result["obj-2"].percent == round(100 * 5 / 6, 1)
    assert result["obj-3"].percent is None and result["obj-3"].items == 0
    assert group_mean([66.7, None, 83.3]) == 75.0


def test_response_rate():
    assert response_rate(7, 10) == 70.0
    assert response_rate(2, 3) == 66.7
    assert response_rate(0, 0) is None


def test_likert_summary_of_a_four_point_scale():
    summary = summarise_likert([4, 4, 3, 2, 1, 4], 1, 4)
    assert summary.count == 6
    assert summary.distribution == {1: 1, 2: 1, 3: 1, 4: 3}
    assert summary.mean == 3.0
    assert summary.top_share == 66.7  # 3 and 4: « plutôt » and « tout à fait »
    assert summary.nps is None


def test_nps_of_a_zero_to_ten_scale():
    values = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5]
    assert net_promoter_score(values) == 20.0  # 5 promoters, 3 detractors out of 10
    assert summarise_likert(values, 0, 10).nps == 20.0
    assert summarise_likert(values, 0, 10).top_share is None


def test_top_box_needs_an_even_scale_and_answers():
    assert top_box_share([1, 2, 3], 1, 3) is None
    assert top_box_share([], 1, 4) is None


CLOSED = datetime(2026, 11, 28, 17, 30, tzinfo=UTC)


def test_cold_calendar_by_default():
    due = cold_due_at(CLOSED, 90)
    assert due == datetime(2027, 2, 26, 17, 30, tzinfo=UTC)
    assert planned_dates(due, 2, 7) == [due, due + timedelta(days=7), due + timedelta(days=14)]


def test_next_step_invitation_then_spaced_reminders_then_nothing():
    due = cold_due_at(CLOSED, 90)
    day = timedelta(days=1)
    assert next_step(ColdState(due), 2, 7, due - timedelta(seconds=1)) is None
    assert next_step(ColdState(due), 2, 7, due) == 0
    sent = (due,)
    assert next_step(ColdState(due, sent), 2, 7, due + 6 * day) is None
    assert next_step(ColdState(due, sent), 2, 7, due + 7 * day) == 1
    sent = (due, due + 7 * day)
    assert next_step(ColdState(due, sent), 2, 7, due + 13 * day) is None
    assert next_step(ColdState(due, sent), 2, 7, due + 14 * day) == 2
    sent = (due, due + 7 * day, due + 14 * day)
    assert next_step(ColdState(due, sent), 2, 7, due + 400 * day) is None  # at most 2 reminders


def test_no_reminder_once_answered():
    due = cold_due_at(CLOSED, 90)
    state = ColdState(due, (due,), responded=True)
    assert next_step(state, 2, 7, due + timedelta(days=30)) is None


def test_a_late_sender_still_spaces_the_messages():
    due = cold_due_at(CLOSED, 90)
    late = due + timedelta(days=20)  # the invitation only went out 20 days late
    assert next_step(ColdState(due, (late,)), 2, 7, late) is None
    assert next_step(ColdState(due, (late,)), 2, 7, late + timedelta(days=7)) == 1
