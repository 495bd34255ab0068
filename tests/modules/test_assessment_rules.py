"""Rules that make evaluations measure: parallel forms, fresh data and prompts, a proportional
draw, dashboards to read, and keys nobody can guess."""

from decimal import Decimal

from lexom_learning.modules import forms, load_course
from lexom_learning.modules.balance import key_balance
from lexom_learning.modules.checks import DESIGN_WARNINGS, ERRORS, WARNINGS, balanced_keys
from lexom_learning.modules.forms import distinctive_numbers, has_dashboard, studied_sections
from lexom_learning.modules.loader import check_course
from lexom_learning.quizzes import parse_question
from tests.modules.test_loader_errors import edit, problems_of

HOT_ITEM = """      - id: hot-q1
        type: short_text"""


def parallel(root, target="pos-q1", kind="true_false", objectives="[obj-1]", extra=""):
    edit(
        root / "evaluations/hot.yaml",
        "      - ref: pos-q1\n",
        f"""      - id: hot-q2
        type: {kind}
        prompt: Un NPS de 30 signifie que 30 % des clients sont promoteurs.
        objectives: {objectives}
        explanation: Non, c'est une différence.
        parallel_of: {target}
{extra}""",
    )


def warnings_of(root) -> list[str]:
    return [str(w) for w in check_course(root)[1]]


def test_a_parallel_item_links_to_a_positioning_item(minimal_copy):
    parallel(minimal_copy, extra="        answer: false\n")
    course, warnings = check_course(minimal_copy)
    assert course.question("hot-q2").parallel_of == "pos-q1"
    assert not any("parallel items" in str(w) for w in warnings)


def test_each_positioning_item_needs_one_hot_parallel(minimal_copy):
    assert (
        "evaluations/positioning.yaml:9 sections[0].questions[0].id: pos-q1 has 0 parallel items "
        "in the hot test (expected exactly one, with parallel_of)"
    ) in warnings_of(minimal_copy)


def test_a_parallel_names_a_knowledge_item_of_the_previous_evaluation(minimal_copy):
    parallel(minimal_copy, target="m1-q1", extra="        answer: false\n")
    [problem] = problems_of(minimal_copy)
    assert problem.endswith(
        "parallel_of: 'm1-q1' is no knowledge item of the positioning evaluation"
    )


def test_a_parallel_has_the_same_objectives_and_type(minimal_copy):
    parallel(
        minimal_copy,
        kind="short_text",
        objectives="[obj-2]",
        extra="        accepted: [non]\n",
    )
    problems = problems_of(minimal_copy)
    assert any("objectives ['obj-2'] differ from pos-q1's ['obj-1']" in p for p in problems)
    assert any("type short_text differs from pos-q1's true_false" in p for p in problems)


def test_a_parallel_gives_new_data(minimal_copy):
    parallel(minimal_copy, extra="        answer: false\n")
    edit(
        minimal_copy / "evaluations/hot.yaml",
        "prompt: Un NPS de 30 signifie que 30 % des clients sont promoteurs.",
        "prompt: Le NPS va de -100 à +100.",
    )
    assert any("the prompt copies pos-q1's" in p for p in problems_of(minimal_copy))


def test_parallel_of_and_module_belong_to_evaluation_items(minimal_copy):
    edit(
        minimal_copy / "modules/m1/quiz.yaml",
        "    objectives: [obj-1]\n    explanation: Le taux",
        "    objectives: [obj-1]\n    parallel_of: pos-q1\n    explanation: Le taux",
    )
    edit(minimal_copy / "evaluations/hot.yaml", HOT_ITEM, HOT_ITEM + "\n        module: m9")
    problems = problems_of(minimal_copy)
    assert (
        "modules/m1/quiz.yaml:9 questions[0].parallel_of: parallel_of is for evaluation items"
        in problems
    )
    assert any(p.endswith("module: unknown module 'm9'") for p in problems)


def test_a_cold_item_parallels_a_hot_item(minimal_copy):
    edit(
        minimal_copy / "evaluations/cold.yaml",
        "      - ref: hot-q1",
        """      - id: cold-q2
        type: short_text
        prompt: Quel outil d'analyse liste six familles de facteurs externes ?
        objectives: [obj-2]
        explanation: PESTEL.
        accepted: [PESTEL]
        parallel_of: hot-q1""",
    )
    assert load_course(minimal_copy).question("cold-q2").parallel_of == "hot-q1"


def test_distinctive_numbers():
    text = (
        "CA de 1 200 000 € puis 1\u202f380\u202f000 €, marge 26,7 %, 15 %, en 2026, base 100, 0.35"
    )
    assert distinctive_numbers(text) == {
        Decimal("1200000"),
        Decimal("1380000"),
        Decimal("26.7"),
        Decimal("0.35"),
    }


def test_studied_sections_are_the_worked_example_and_the_exercise():
    body = "## Définir\n\n1 000\n\n## Exemple chiffré\n\n5 000 et 3 000\n\n### Détail\n\n4 000\n\n## À vous\n\n5 000\n\n## À retenir\n\n6 000\n"
    sections = studied_sections(body)
    assert [h for h, _ in sections] == ["Exemple chiffré", "À vous"]
    assert distinctive_numbers(sections[0][1]) == {Decimal(5000), Decimal(3000), Decimal(4000)}
    assert distinctive_numbers(sections[1][1]) == {Decimal(5000)}


def add_example(root):
    unit = root / "modules/m1/units/01.md"
    unit.write_text(
        unit.read_text(encoding="utf-8")
        + "\n## Exemple chiffré\n\nLe CA passe de 1 200 000 € à 1 380 000 €, soit 15 %.\n",
        encoding="utf-8",
    )


def test_an_evaluation_item_may_not_reuse_a_worked_example(minimal_copy):
    add_example(minimal_copy)
    edit(
        minimal_copy / "evaluations/hot.yaml",
        "prompt: Sigle de l'analyse d'environnement en six lettres ?",
        "prompt: Le CA passe de 1 200 000 € à 1 380 000 €. Sigle ?",
    )
    assert (
        "evaluations/hot.yaml:12 sections[0].questions[1].prompt: reuses the figures of m1-u1 "
        "« Exemple chiffré » (1200000, 1380000): give the evaluation its own data"
    ) in problems_of(minimal_copy)


def test_one_shared_number_is_not_a_reuse(minimal_copy):
    add_example(minimal_copy)
    edit(
        minimal_copy / "evaluations/hot.yaml",
        "prompt: Sigle de l'analyse d'environnement en six lettres ?",
        "prompt: Le CA passe de 1 200 000 € à 1 500 000 €. Sigle ?",
    )
    assert not any("reuses the figures" in w for w in warnings_of(minimal_copy))


def test_a_dashboard_meeting_two_figures_of_an_example_is_not_a_reuse(minimal_copy):
    add_example(minimal_copy)
    edit(
        minimal_copy / "evaluations/hot.yaml",
        "prompt: Sigle de l'analyse d'environnement en six lettres ?",
        "prompt: CA 1 200 000 €, 1 380 000 €, 1 500 000 €, 2 400 000 € et 3 100 000 €. Sigle ?",
    )
    assert not any("reuses the figures" in w for w in warnings_of(minimal_copy))


def test_an_evaluation_item_may_not_copy_a_module_quiz_prompt(minimal_copy):
    edit(
        minimal_copy / "evaluations/hot.yaml",
        "prompt: Sigle de l'analyse d'environnement en six lettres ?",
        "prompt: « Quel indicateur mesure la fidélité ? »",
    )
    assert any(
        "copies the prompt of module-quiz item m1-q1" in w for w in problems_of(minimal_copy)
    )


def test_the_hot_test_draws_from_modules_and_shows_dashboards(minimal_copy):
    found = warnings_of(minimal_copy)
    assert any("2 knowledge items name no module (module: mX): pos-q1, hot-q1" in w for w in found)
    assert any("0 knowledge items show a dashboard to read" in w for w in found)


def test_has_dashboard():
    table = "Lisez ce tableau :\n\n| Canal | Leads |\n|---|---:|\n| SEO | 120 |\n"
    question = parse_question(
        {"id": "q", "type": "true_false", "prompt": table, "explanation": "", "answer": True}
    )
    assert has_dashboard(question)
    assert not has_dashboard(question.model_copy(update={"prompt": "Le | seul | tube"}))


def choice(n: int, key: int, longest: bool = False, options: int = 4):
    texts = ["court"] * options
    if longest:
        texts[key] = "une option nettement plus longue"
    return parse_question(
        {
            "id": f"q{n}",
            "type": "single_choice",
            "prompt": "?",
            "explanation": "",
            "objectives": ["obj-1"],
            "options": [
                {"id": chr(97 + i), "text": f"{t} {i}", "correct": i == key}
                for i, t in enumerate(texts)
            ],
        }
    )


def true_false(n: int, answer: bool):
    return parse_question(
        {"id": f"t{n}", "type": "true_false", "prompt": "?", "explanation": "", "answer": answer}
    )


def test_balanced_keys_break_no_rule():
    questions = [choice(i, i % 4, longest=i % 4 == 0) for i in range(12)]
    questions += [true_false(i, i % 2 == 0) for i in range(10)]
    balance = key_balance(questions)
    assert balance.longest_is_key == 3 and balance.longest_share == 0.25
    assert balance.position_shares() == {"a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25}
    assert balance.true_share == 0.5
    assert balance.breaches() == []


def test_guessable_keys_break_each_rule():
    questions = [choice(i, 0, longest=i < 5) for i in range(10)]
    questions += [true_false(i, i == 0) for i in range(10)]
    assert key_balance(questions).breaches() == [
        "the key is the longest option in 5 of 10 single-choice items (at most a third)",
        "10 of 10 single-choice keys are option a) (at most 40 %)",
        "1 of 10 true/false items are true (between 40 and 60 %)",
    ]


def test_the_limits_follow_the_quiz_size():
    # 3 items on 4 positions: one per position is the best possible, so no breach.
    assert key_balance([choice(i, i) for i in range(3)]).breaches() == []
    # 5 true/false items: 2 or 3 true are within 40–60 %.
    assert key_balance([true_false(i, i < 2) for i in range(5)]).breaches() == []
    assert key_balance([true_false(i, i < 1) for i in range(5)]).breaches() != []


def test_a_quiz_with_guessable_keys_warns(minimal_copy):
    assert not any("keys can be guessed" in w for w in warnings_of(minimal_copy))
    edit(
        minimal_copy / "modules/m1/quiz.yaml",
        "  - id: m1-q2\n",
        """  - id: m1-q3
    type: single_choice
    prompt: Quel indicateur mesure la notoriété ?
    objectives: [obj-1]
    explanation: La notoriété spontanée.
    options:
      - {id: a, text: La notoriété spontanée mesurée par sondage, correct: true}
      - {id: b, text: Le CA, feedback: Un résultat.}
  - id: m1-q2
""",
    )
    assert (
        "modules/m1/quiz.yaml:1 id: keys can be guessed: 2 of 2 single-choice keys are option a) "
        "(at most 40 %)"
    ) in warnings_of(minimal_copy)


def test_reused_figures_and_prompts_are_errors_and_design_rules_warn():
    assert balanced_keys in WARNINGS and balanced_keys not in ERRORS
    assert set(DESIGN_WARNINGS) <= set(WARNINGS)
    assert not set(DESIGN_WARNINGS) & set(ERRORS)
    assert {forms.fresh_numbers, forms.fresh_prompts} <= set(ERRORS)


def test_parallel_pairs_link_positioning_and_hot(minimal_copy):
    assert load_course(minimal_copy).parallel_pairs("positioning", "hot") == [("pos-q1", "pos-q1")]
    parallel(minimal_copy, extra="        answer: false\n")
    course = load_course(minimal_copy)
    assert course.parallel_pairs("positioning", "hot") == [("pos-q1", "hot-q2")]
    assert course.parallel_pairs("hot", "cold") == [("hot-q1", "hot-q1")]
