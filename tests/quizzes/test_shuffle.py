"""Choice options are shown in an order drawn per learner and question, reproducibly."""

from collections import Counter

from lexom_learning.quizzes import grade, parse_question, public_view
from lexom_learning.quizzes.shuffle import seed_for, shown_order

QUESTION = parse_question(
    {
        "id": "q-shuffle",
        "type": "single_choice",
        "prompt": "Quel indicateur ?",
        "explanation": "",
        "objectives": ["obj-1"],
        "options": [
            {"id": "a", "text": "Le CA", "correct": True},
            {"id": "b", "text": "Le NPS"},
            {"id": "c", "text": "Le churn"},
            {"id": "d", "text": "Aucune de ces réponses", "fixed": True},
        ],
    }
)


def order(owner: str, question=QUESTION, salt: str = "salt") -> list[str]:
    return [o["id"] for o in public_view(question, seed_for(salt, owner, question.id))["options"]]


def test_the_order_is_stable_for_a_learner_and_reproducible_from_the_seed():
    first = order("participant:1")
    assert order("participant:1") == first  # reload, another attempt
    seed = seed_for("salt", "participant:1", "q-shuffle")
    assert shown_order(["a", "b", "c", "d"], [False, False, False, True], seed) == first


def test_without_a_seed_the_authored_order_is_kept():
    assert [o["id"] for o in public_view(QUESTION)["options"]] == ["a", "b", "c", "d"]


def test_a_fixed_option_keeps_its_authored_position():
    for n in range(200):
        assert order(f"participant:{n}")[3] == "d"


def test_fixed_options_anywhere_stay_put_and_the_others_move():
    ids = ["a", "b", "c", "d", "e"]
    fixed = [True, False, False, True, False]
    orders = {tuple(shown_order(ids, fixed, f"seed-{n}")) for n in range(100)}
    assert all(o[0] == "a" and o[3] == "d" for o in orders)
    assert len(orders) == 6  # every arrangement of b, c, e appears


def test_learners_get_different_orders_spread_evenly():
    # Over 2 400 learners, each of the 3 movable options lands first about a third of the time.
    firsts = Counter(order(f"participant:{n}")[0] for n in range(2400))
    assert set(firsts) == {"a", "b", "c"}
    assert all(700 <= count <= 900 for count in firsts.values()), firsts
    assert len({tuple(order(f"participant:{n}")) for n in range(100)}) == 6


def test_the_salt_and_the_question_change_the_order():
    salts = {tuple(order("participant:1", salt=f"install-{n}")) for n in range(50)}
    questions = {
        tuple(order("participant:1", question=QUESTION.model_copy(update={"id": f"q-{n}"})))
        for n in range(50)
    }
    assert len(salts) > 1 and len(questions) > 1


def test_grading_does_not_depend_on_the_order():
    assert grade(QUESTION, "a").correct is True
    assert grade(QUESTION, "d").correct is False


def test_other_types_are_untouched():
    tf = parse_question(
        {"id": "t", "type": "true_false", "prompt": "Vrai ?", "explanation": "", "answer": True}
    )
    assert public_view(tf, seed_for("s", "p", "t")) == public_view(tf)
