"""Question cards never carry the answer; solutions grade as right; tallies and ranking count."""

import json

import pytest

from lexom_learning.live import card, chosen_options, describe, rank, solution, solution_text, tally
from lexom_learning.quizzes import grade, parse_question
from lexom_learning.quizzes.ordering import item_id


def _secrets(spec) -> list[str]:
    """Texts a learner must not see before closing: explanation, feedback, accepted answers."""
    found = [spec.explanation, spec.feedback_incorrect]
    found += [o.feedback for o in getattr(spec, "options", ())]
    found += list(getattr(spec, "accepted", ()))
    found += [m.feedback for m in getattr(spec, "common_mistakes", ())]
    return [text for text in found if text and text not in spec.prompt]  # the prompt is public


def test_no_card_of_the_course_carries_an_answer(course):
    for _, spec in course.iter_questions():
        shown = json.dumps(card(spec, 0), ensure_ascii=False)
        assert '"correct"' not in shown and '"answer"' not in shown, spec.id
        assert '"accepted"' not in shown and '"explanation"' not in shown, spec.id
        for text in _secrets(spec):
            assert text not in shown, (spec.id, text)


def test_a_card_has_the_contract_fields(course):
    q = course.question("l1-q3")  # true/false: the phone gets two options to tap
    assert card(q, 2) == {
        "index": 2,
        "question_id": "l1-q3",
        "prompt": q.prompt,
        "type": "true_false",
        "options": [{"id": "true", "text": "Vrai"}, {"id": "false", "text": "Faux"}],
    }
    assert card(course.question("l1-q4"), 3)["unit"] == "%"


def test_the_solution_of_every_graded_question_is_right(course):
    for _, spec in course.iter_questions():
        if spec.graded and spec.type != "free_text":
            assert grade(spec, solution(spec)).correct, spec.id
            assert solution_text(spec), spec.id


def test_describe_and_chosen_options(course):
    """They take the responses the live service stored: validated once, normalised."""
    q1, q3, q4, q5 = (course.question(f"l1-q{n}") for n in (1, 3, 4, 5))
    assert describe(q1, "a") == "Économique" and chosen_options(q1, "a") == ["a"]
    assert describe(q3, "faux") == "Faux" and chosen_options(q3, False) == ["false"]
    assert describe(q4, 12.5) == "12,5\u202f%" and chosen_options(q4, 12.0) == []
    assert describe(q4, "12,5 %") == "12,5 %"  # a value it cannot read is shown as stored
    assert describe(q5, ["b", "a"]) == "Rendez-vous obtenus ; Leads générés"
    assert describe(q1, "zz") == "zz" and chosen_options(q1, "zz") == []


def test_tally_single_choice_counts_every_option(course):
    q = course.question("l1-q1")
    counted = tally(q, [("a", True), ("a", True), ("b", False)])
    assert (counted.answered, counted.correct) == (3, 2)
    assert [(b.key, b.count, b.correct) for b in counted.bars] == [
        ("a", 2, True),
        ("b", 1, False),
        ("c", 0, False),
        ("d", 0, False),
    ]
    assert counted.highest == 2


def test_tally_multiple_choice_counts_ticks(course):
    q = course.question("l1-q5")
    counted = tally(q, [(["a", "b"], True), (["a", "c"], False)])
    assert {b.key: b.count for b in counted.bars} == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert [b.key for b in counted.bars if b.correct] == ["a", "b"]


def test_tally_true_false_and_numeric(course):
    counted = tally(course.question("l1-q3"), [(False, True), ("vrai", False), ("faux", True)])
    assert [(b.label, b.count, b.correct) for b in counted.bars] == [
        ("Vrai", 1, False),
        ("Faux", 2, True),
    ]
    numbers = [(12.0, True), (12.0, True), (88.0, False)] + [(float(n), False) for n in range(9)]
    bars = tally(course.question("l1-q4"), numbers).bars
    assert (bars[0].label, bars[0].count, bars[0].correct) == ("12 %", 2, True)
    assert bars[-1].key == "other" and sum(b.count for b in bars) == len(numbers)


def test_tally_other_types_split_right_and_wrong():
    ordering = parse_question(
        {
            "id": "o1",
            "type": "ordering",
            "prompt": "Ordonnez",
            "explanation": "",
            "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        }
    )
    a, b = item_id("A"), item_id("B")
    counted = tally(ordering, [([a, b], True), ([b, a], False), (["b", "a"], False)])
    assert [(b.label, b.count) for b in counted.bars] == [("Juste", 1), ("Faux", 2)]
    likert = parse_question(
        {
            "id": "l1",
            "type": "likert",
            "prompt": "Utile ?",
            "explanation": "",
            "scale": {"min": 1, "max": 3, "labels": {1: "Peu", 3: "Très"}},
        }
    )
    bars = tally(likert, [(3, None), (3, None), (1, None)]).bars
    assert [(b.label, b.count) for b in bars] == [("Peu", 1), ("2", 0), ("Très", 2)]


@pytest.mark.parametrize(
    "scores, expected",
    [
        ([], []),
        ([(1, "Zoé", 2)], [(1, "Zoé", 2)]),
        (
            [(1, "Bruno", 3), (2, "alice", 3), (3, "Chloé", 1), (4, "David", 3), (5, "Eve", 0)],
            [(1, "alice", 3), (1, "Bruno", 3), (1, "David", 3), (4, "Chloé", 1), (5, "Eve", 0)],
        ),
    ],
)
def test_ranking_counts_correct_answers_and_ties_share_a_rank(scores, expected):
    assert [(s.rank, s.name, s.correct) for s in rank(scores)] == expected


def test_a_matching_card_and_solution_use_the_right_ids(course):
    spec = course.question("m1-q1")
    shown = card(spec, 0)
    assert {r["id"] for r in shown["right"]} == set(solution(spec).values())
    assert not {left["id"] for left in shown["left"]} & {r["id"] for r in shown["right"]}
    described = describe(spec, solution(spec))
    assert described.startswith(
        "Diffusion de l'IA générative grand public depuis fin 2022 → Technologique ; "
    )


def test_a_matching_answer_stored_with_the_old_ids_is_still_described(course):
    spec = course.question("m1-q1")
    old = {p.id: p.id for p in spec.pairs}  # stored before the right items had ids of their own
    assert describe(spec, old) == describe(spec, solution(spec))
    assert describe(spec, {"p1": "p9"}) == str({"p1": "p9"})  # unknown: shown as stored


def test_an_ordering_card_and_solution_use_the_public_ids(course):
    spec = course.question("m2-q1")
    shown = card(spec, 0)
    assert sorted(item["id"] for item in shown["items"]) == sorted(solution(spec))
    assert not {item["id"] for item in shown["items"]} & {item.id for item in spec.items}
    assert grade(spec, solution(spec)).correct is True
    # The solution lists the items in the right order, by their text.
    in_order = " → ".join(item.text for item in spec.items)
    assert solution_text(spec) == describe(spec, solution(spec)) == in_order
    assert in_order.startswith("Identifier les facteurs clés de succès → Fixer des objectifs SMART")


def test_an_ordering_answer_stored_with_the_author_ids_is_still_described(course):
    spec = course.question("m2-q1")
    old = [item.id for item in spec.items]  # stored before the items had public ids
    assert describe(spec, old) == describe(spec, solution(spec))
    assert describe(spec, old[::-1]).startswith("Déployer le tableau de bord → ")
    assert describe(spec, ["a", "zz"]) == str(["a", "zz"])  # unknown: shown as stored
