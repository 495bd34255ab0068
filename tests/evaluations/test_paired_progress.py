"""Progress positioning → hot is computed on linked pairs of items (pure)."""

from lexom_learning.attainment import Evidence, paired_percents


def ev(objective: str, earned: float) -> Evidence:
    return Evidence((objective,), earned, 1.0, "evaluation")


def test_progress_stands_on_linked_pairs_answered_on_both_sides():
    pairs = [("pos-q1", "hot-q1"), ("pos-q2", "hot-q2"), ("pos-q3", "pos-q3")]
    before = {"pos-q1": ev("obj-1", 0), "pos-q2": ev("obj-1", 1), "pos-q3": ev("obj-2", 0)}
    after = {"hot-q1": ev("obj-1", 1), "hot-q2": ev("obj-1", 1), "hot-q9": ev("obj-2", 1)}
    pre, post = paired_percents(pairs, before, after, ["obj-1", "obj-2"])
    assert pre == {"obj-1": 50.0, "obj-2": None}  # pos-q3's pair was not answered after
    assert post == {"obj-1": 100.0, "obj-2": None}  # hot-q9 is linked to nothing


def test_unlinked_items_do_not_count():
    pre, post = paired_percents([], {"a": ev("obj-1", 1)}, {"b": ev("obj-1", 0)}, ["obj-1"])
    assert pre == {"obj-1": None} and post == {"obj-1": None}
