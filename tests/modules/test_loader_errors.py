"""Broken content gets one clear message per problem: file, line, path inside the document."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from lexom_learning.cli import cli
from lexom_learning.modules import ContentError, load_course


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_course(root)
    return [str(p) for p in raised.value.problems]


def test_the_minimal_course_is_valid(minimal_copy):
    course = load_course(minimal_copy)
    assert course.id == "demo-course"
    assert course.evaluations["hot"].questions[0].id == "pos-q1"  # reuse resolved


def test_missing_field(minimal_copy):
    edit(
        minimal_copy / "modules/m1/quiz.yaml",
        "    explanation: Le taux de réachat mesure la fidélité.\n",
        "",
    )
    assert problems_of(minimal_copy) == [
        "modules/m1/quiz.yaml:5 questions[0].explanation: missing required field"
    ]


def test_duplicate_id_names_both_places(minimal_copy):
    edit(minimal_copy / "modules/m1/quiz.yaml", "id: m1-q2", "id: m1-q1")
    assert problems_of(minimal_copy) == [
        "modules/m1/quiz.yaml:13 questions[1].id: duplicate id 'm1-q1' "
        "(already used by a question at modules/m1/quiz.yaml:5)"
    ]


def test_unknown_objective(minimal_copy):
    edit(
        minimal_copy / "modules/m1/roleplays/revue.yaml",
        "objectives: [obj-1]",
        "objectives: [obj-9]",
    )
    assert problems_of(minimal_copy) == [
        "modules/m1/roleplays/revue.yaml:14 grid[0].objectives[0]: unknown objective 'obj-9'; "
        "known: obj-1, obj-2"
    ]


@pytest.mark.parametrize(
    "file, old, new, start, detail",
    [
        (
            "modules/m1/quiz.yaml",
            "type: numeric",
            "type: essay",
            "modules/m1/quiz.yaml:13 questions[1]: unknown question type 'essay'",
            "single_choice",  # the known types are listed
        ),
        (
            "modules/m1/module.yaml",
            "minutes: 60",
            "minutes: [60",
            "modules/m1/module.yaml:",
            "YAML syntax error",
        ),
    ],
    ids=["unknown-question-type", "yaml-syntax-error"],
)
def test_one_problem_named_with_its_place(minimal_copy, file, old, new, start, detail):
    edit(minimal_copy / file, old, new)
    [problem] = problems_of(minimal_copy)
    assert problem.startswith(start)
    assert detail in problem


def test_multiple_choice_without_correct_option(minimal_copy):
    quiz = minimal_copy / "modules/m1/quiz.yaml"
    edit(quiz, "type: single_choice", "type: multiple_choice")
    edit(quiz, "correct: true", "correct: false")
    assert problems_of(minimal_copy) == [
        "modules/m1/quiz.yaml:5 questions[0]: at least one option must be correct"
    ]


def test_markdown_that_is_not_utf8(minimal_copy):
    (minimal_copy / "modules/m1/units/01.md").write_bytes("## Titre\n\nCafé\n".encode("latin-1"))
    assert problems_of(minimal_copy) == [
        "modules/m1/units/01.md:3: not valid UTF-8 (byte 0xe9 at offset 13); save the file as UTF-8"
    ]


def test_several_problems_are_all_listed(minimal_copy):
    edit(minimal_copy / "modules/m1/quiz.yaml", "objectives: [obj-1]", "objectives: [obj-7]")
    edit(minimal_copy / "evaluations/hot.yaml", "ref: pos-q1", "ref: pos-q99")
    edit(minimal_copy / "modules/m1/module.yaml", "covers: [m1-t1]", "covers: [m1-t9]")
    problems = problems_of(minimal_copy)
    assert (
        "evaluations/hot.yaml:9 sections[0].questions[0].ref: reuses 'pos-q99', which no evaluation defines"
        in problems
    )
    assert "modules/m1/module.yaml:7 topics[0]: topic 'm1-t1' is covered by no unit" in problems
    assert (
        "modules/m1/module.yaml:13 units[0].covers[0]: unknown topic 'm1-t9' for module m1"
        in problems
    )
    assert any(
        p.startswith("modules/m1/quiz.yaml:8 questions[0].objectives[0]: unknown objective 'obj-7'")
        for p in problems
    )


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "modules/m1/module.yaml",
            "file: units/01.md",
            "file: units/missing.md",
            "modules/m1/module.yaml:11 units[0].file: file not found: modules/m1/units/missing.md",
        ),
        (
            "modules/m1/module.yaml",
            "day: 1",
            "day: 1\nday: 2",
            "modules/m1/module.yaml:4 day: duplicate key 'day'",
        ),
        (
            "modules/m1/module.yaml",
            "minutes: 60",
            "minutes: 60\ncolour: blue",
            "modules/m1/module.yaml:5 colour: unknown field (check its spelling against "
            "docs/content-format.md)",
        ),
        (
            "course.yaml",
            "half_days_attended >= 1",
            "days_attended >= 1",
            "course.yaml:25 attestation: rule: cannot read clause 'days_attended >= 1'; known clauses: "
            "session_closed, half_days_attended >= N, hours_attended >= N",
        ),
        (
            "modules/m1/roleplays/revue.yaml",
            "4: Lien clair et chiffré",
            "5: Trop",
            "modules/m1/roleplays/revue.yaml:12 grid[0]: levels must describe exactly the levels 1, 2, 3 and 4",
        ),
        (
            "modules/m1/quiz.yaml",
            "    objectives: [obj-1]\n    explanation: (115",
            "    explanation: (115",
            "modules/m1/quiz.yaml:13 questions[1]: a graded question must name at least one objective",
        ),
        (
            "evaluations/hot.yaml",
            "kind: hot",
            "kind: cold",
            "evaluations/hot.yaml:2 kind: this file is declared as the hot evaluation but says kind 'cold'",
        ),
        (
            "course.yaml",
            "live_quizzes: [live/day1.yaml]",
            "live_quizzes: [live/day9.yaml]",
            "course.yaml:19 live_quizzes[0]: file not found: live/day9.yaml",
        ),
    ],
)
def test_other_problems(minimal_copy, file, old, new, expected):
    edit(minimal_copy / file, old, new)
    assert problems_of(minimal_copy) == [expected]


def test_check_command_exit_codes_and_output(minimal_copy):
    runner = CliRunner()
    ok = runner.invoke(cli, ["content", "check", str(minimal_copy)])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("OK DEMO-01")
    edit(minimal_copy / "modules/m1/quiz.yaml", "type: numeric", "type: essay")
    bad = runner.invoke(cli, ["content", "check", str(minimal_copy)])
    assert bad.exit_code == 1
    assert "unknown question type 'essay'" in bad.output
    assert "Traceback" not in bad.output


def test_check_command_on_a_folder_without_course():
    result = CliRunner().invoke(cli, ["content", "check", "/nonexistent-folder"])
    assert result.exit_code == 1
    assert "no course.yaml in this folder" in result.output
