"""The shipped course against issue 18's platform rules: it loads under every error rule and
raises no warning (keys balanced, parallel forms complete, items drawn in proportion to each
module's time, dashboards to read, a déroulé)."""

from click.testing import CliRunner

from lexom_learning.cli import cli
from lexom_learning.modules.loader import check_course
from lexom_learning.modules.stats import course_stats
from tests.conftest import COURSE_DIR


def test_the_shipped_course_loads_without_a_warning():
    course, warnings = check_course(COURSE_DIR)
    assert course.ref == "MRK-STRA-05"
    assert warnings == []
    result = CliRunner().invoke(cli, ["content", "check", str(COURSE_DIR)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK MRK-STRA-05")
    assert "warning" not in result.output


def test_stats_report_the_key_figures_of_every_quiz_and_overall():
    course, _ = check_course(COURSE_DIR)
    balance = course_stats(course)["key_balance"]
    quizzes = [q.id for m in course.modules for q in m.quizzes]
    assert set(quizzes) <= set(balance) and "overall" in balance
    overall = balance["overall"]
    questions = [q for _, q in course.iter_questions()]
    assert overall.single_choice == sum(q.type == "single_choice" for q in questions)
    assert overall.true_false == sum(q.type == "true_false" for q in questions)
    result = CliRunner().invoke(cli, ["content", "stats", str(COURSE_DIR)])
    assert "keys (can a learner guess them?)" in result.output
    assert "longest is key" in result.output
