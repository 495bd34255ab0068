"""Issue 18: the déroulé pédagogique tiles every half-day and places every activity once
(checked on deroule.yaml directly, as authors wrote it)."""

from collections import Counter

import pytest

from .helpers import load, minutes

DEROULE = load("deroule.yaml")
COURSE = load("course.yaml")
MODULES = {m: load(f"modules/{m}/module.yaml") for m in COURSE["modules"]}
HOURS = {"am": ("09:00", "12:30"), "pm": ("13:30", "17:00")}
GROUPINGS = {"individuel", "binomes", "sous-groupes", "pleniere"}


def _sequences():
    return [s for h in DEROULE["half_days"] for s in h["sequences"]]


def _placeable():
    """Every id the déroulé must place exactly once."""
    from .helpers import COURSE_DIR

    units = [u["id"] for m in MODULES.values() for u in m["units"]]
    quizzes = [f"{m}-quiz" for m in MODULES]
    cases = [
        load(p.relative_to(COURSE_DIR).as_posix())["id"]
        for p in COURSE_DIR.glob("modules/*/roleplays/*.yaml")
    ]
    live = [load(p)["id"] for p in COURSE["live_quizzes"]]
    return units + quizzes + cases + live + ["positioning", "hot"]


def test_the_four_half_days_are_there_with_their_hours():
    ids = [h["half_day"] for h in DEROULE["half_days"]]
    assert ids == [h["id"] for h in COURSE["half_days"]] == ["d1-am", "d1-pm", "d2-am", "d2-pm"]
    for half_day in DEROULE["half_days"]:
        start, end = HOURS[half_day["half_day"][-2:]]
        assert (half_day["start"], half_day["end"]) == (start, end)
        assert minutes(end) - minutes(start) == 210


@pytest.mark.parametrize("index", range(4))
def test_sequences_tile_the_half_day_without_gap_or_overlap(index):
    half_day = DEROULE["half_days"][index]
    cursor = half_day["start"]
    for sequence in half_day["sequences"]:
        assert sequence["start"] == cursor, (half_day["half_day"], sequence["title"])
        assert minutes(sequence["end"]) > minutes(sequence["start"])
        cursor = sequence["end"]
        assert sequence["grouping"] in GROUPINGS
        assert sequence["method"] and sequence["materials"]
        if sequence["title"] == "Pause":
            assert not sequence["items"] and "module" not in sequence
    assert cursor == half_day["end"]


def test_every_activity_is_placed_exactly_once_and_the_cold_evaluation_is_not():
    placed = Counter(i for s in _sequences() for i in s["items"])
    assert {i: n for i, n in placed.items() if n != 1} == {}
    assert set(placed) == set(_placeable())
    assert "cold" not in placed and "manager" not in placed
    assert [s["items"] for s in DEROULE["half_days"][0]["sequences"][:2]] == [[], ["positioning"]]
    assert "hot" in DEROULE["half_days"][-1]["sequences"][-2]["items"]


def test_module_durations_equal_their_sequences_and_units_fit_in_them():
    spent = Counter()
    for sequence in _sequences():
        if "module" in sequence:
            spent[sequence["module"]] += minutes(sequence["end"]) - minutes(sequence["start"])
            assert all(
                i.startswith(sequence["module"]) or i.startswith("rp-" + sequence["module"])
                for i in sequence["items"]
            )
    assert spent == {m: data["minutes"] for m, data in MODULES.items()}
    assert (
        sum(spent.values()) + 4 * 15 <= 14 * 60
    )  # four pauses, the rest for welcome and evaluations


def test_each_unit_sequence_lasts_the_unit_minutes_and_has_animation_notes():
    by_item = {s["items"][0]: s for s in _sequences() if len(s["items"]) == 1}
    for module in MODULES.values():
        for unit in module["units"]:
            sequence = by_item[unit["id"]]
            assert minutes(sequence["end"]) - minutes(sequence["start"]) == unit["minutes"]
            assert unit.get("notes", "").strip(), unit["id"]


def test_quizzes_and_evaluations_have_time_to_be_answered():
    by_item = {s["items"][0]: s for s in _sequences() if len(s["items"]) == 1}
    for module in MODULES:
        count = len(load(f"modules/{module}/quiz.yaml")["questions"])
        sequence = by_item[f"{module}-quiz"]
        seconds = 60 * (minutes(sequence["end"]) - minutes(sequence["start"]))
        assert seconds / count >= 30, (module, count, seconds)
    hot = by_item["hot"]
    assert minutes(hot["end"]) - minutes(hot["start"]) == 45
    assert "45 minutes" in load("evaluations/hot.yaml")["intro"]


def test_role_play_sequences_last_the_case_minutes():
    from .helpers import COURSE_DIR

    by_item = {s["items"][0]: s for s in _sequences() if len(s["items"]) == 1}
    for path in COURSE_DIR.glob("modules/*/roleplays/*.yaml"):
        case = load(path.relative_to(COURSE_DIR).as_posix())
        sequence = by_item[case["id"]]
        assert minutes(sequence["end"]) - minutes(sequence["start"]) == case["minutes"]
