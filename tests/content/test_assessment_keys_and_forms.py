"""Issue 18: keys that cannot be guessed and a hot test that is a genuine form B (read from the
shipped YAML, in authored order, so any export or view that keeps that order stays fair)."""

import difflib
from collections import Counter

import pytest

from .helpers import (
    COURSE_DIR,
    distinctive_numbers,
    example_sections,
    load,
    question_sets,
    shows_dashboard,
)

SETS = question_sets()


def _single(questions):
    return [q for q in questions if q["type"] == "single_choice"]


def _key_index(question):
    return next(i for i, o in enumerate(question["options"]) if o.get("correct"))


def _key_is_longest(question):
    lengths = [len(o["text"]) for o in question["options"]]
    return lengths[_key_index(question)] == max(lengths)


@pytest.mark.parametrize("name", [n for n, qs in SETS.items() if len(_single(qs)) >= 3])
def test_no_key_position_holds_more_than_40_percent_per_set(name):
    single = _single(SETS[name])
    positions = Counter(_key_index(q) for q in single)
    assert max(positions.values()) <= 0.4 * len(single), (name, positions)


@pytest.mark.parametrize("name", [n for n, qs in SETS.items() if len(_single(qs)) >= 3])
def test_the_right_option_is_rarely_the_longest_per_set(name):
    single = _single(SETS[name])
    longest = [q["id"] for q in single if _key_is_longest(q)]
    assert len(longest) <= len(single) / 3, (name, longest)


def test_keys_are_balanced_over_the_whole_course():
    single = [q for qs in SETS.values() for q in _single(qs)]
    positions = Counter(_key_index(q) for q in single)
    assert max(positions.values()) <= 0.4 * len(single), positions
    assert sum(_key_is_longest(q) for q in single) <= len(single) / 3
    # Each module quiz with single-choice items has at least three, so its spread is measurable.
    for name, questions in SETS.items():
        if name.startswith("modules/"):
            assert len(_single(questions)) >= 3, name


def test_multiple_choice_keys_do_not_all_start_at_a():
    multiple = [q for qs in SETS.values() for q in qs if q["type"] == "multiple_choice"]
    starting_at_a = [q["id"] for q in multiple if q["options"][0].get("correct")]
    assert len(starting_at_a) <= len(multiple) / 2, starting_at_a


def test_true_false_items_are_40_to_60_percent_true():
    answers = [q["answer"] for qs in SETS.values() for q in qs if q["type"] == "true_false"]
    assert 0.4 <= sum(answers) / len(answers) <= 0.6, (sum(answers), len(answers))


def _knowledge(kind):
    data = load(f"evaluations/{kind}.yaml")
    return [q for s in data["sections"] if s["kind"] == "knowledge" for q in s["questions"]]


def test_every_positioning_item_has_a_parallel_hot_item_on_the_same_objective_and_type():
    positioning = {q["id"]: q for q in _knowledge("positioning")}
    hot = _knowledge("hot")
    assert all("ref" not in q for q in hot), "the hot test no longer reuses items by ref"
    pairs = {q["parallel_of"]: q for q in hot if q.get("parallel_of")}
    assert set(pairs) == set(positioning)
    for pos_id, item in pairs.items():
        form_a = positioning[pos_id]
        assert item["type"] == form_a["type"], pos_id
        assert item["objectives"] == form_a["objectives"], pos_id
        assert item["module"] == form_a["module"], pos_id
        assert item["prompt"] != form_a["prompt"], pos_id
        shared = distinctive_numbers(item["prompt"]) & distinctive_numbers(form_a["prompt"])
        assert not shared, (item["id"], shared)


def test_cold_items_parallel_hot_items_with_new_data():
    hot = {q["id"]: q for q in _knowledge("hot")}
    cold = _knowledge("cold")
    assert cold and all("ref" not in q for q in cold)
    for item in cold:
        form_b = hot[item["parallel_of"]]
        assert (item["type"], item["objectives"]) == (form_b["type"], form_b["objectives"])
        shared = distinctive_numbers(item["prompt"]) & distinctive_numbers(form_b["prompt"])
        assert len(shared) <= 1, (item["id"], shared)


def _unit_examples():
    for path in sorted(COURSE_DIR.glob("modules/*/units/*.md")):
        for section in example_sections(path.read_text(encoding="utf-8")):
            yield path.name, distinctive_numbers(section)


@pytest.mark.parametrize("kind", ["positioning", "hot", "cold"])
def test_no_evaluation_item_reuses_a_worked_example_or_a_module_quiz_item(kind):
    examples = list(_unit_examples())
    quiz_items = [q for name, qs in SETS.items() if name.startswith("modules/") for q in qs]
    for item in _knowledge(kind):
        numbers = distinctive_numbers(item["prompt"])
        for unit, found in examples:
            shared = numbers & found
            assert len(shared) < 2 or 2 * len(shared) < len(numbers), (item["id"], unit, shared)
        for quiz_item in quiz_items:
            shared = numbers & distinctive_numbers(quiz_item["prompt"])
            assert len(shared) < 2, (item["id"], quiz_item["id"], shared)
            ratio = difflib.SequenceMatcher(
                None, item["prompt"].lower(), quiz_item["prompt"].lower()
            ).ratio()
            assert ratio < 0.8, (item["id"], quiz_item["id"], ratio)


def test_hot_knowledge_items_come_from_every_module_in_proportion_to_its_time():
    hot = _knowledge("hot")
    minutes = {
        m: load(f"modules/{m}/module.yaml")["minutes"] for m in load("course.yaml")["modules"]
    }
    counts = Counter(q["module"] for q in hot)
    total = sum(minutes.values())
    for module, duration in minutes.items():
        share = len(hot) * duration / total
        assert abs(counts[module] - share) <= 1.5, (module, counts[module], round(share, 1))


def test_at_least_four_hot_items_show_a_dashboard_to_read():
    shown = [q["id"] for q in _knowledge("hot") if shows_dashboard(q["prompt"])]
    assert len(shown) >= 4, shown


def test_objective_2_is_assessed_by_dashboard_reading_beyond_choice_items():
    hot = _knowledge("hot")
    reading = [q for q in hot if "obj-2" in q["objectives"] and shows_dashboard(q["prompt"])]
    assert len(reading) >= 2
    assert any(q["type"] not in ("single_choice", "multiple_choice") for q in reading)
    quiz_m2 = load("modules/m2/quiz.yaml")["questions"]
    assert any("|" in q["prompt"] and q["type"] == "numeric" for q in quiz_m2)
