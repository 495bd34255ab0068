"""Golden cases per question type: question, response and the expected Result or error."""

import json
from pathlib import Path

import pytest

from lexom_learning.quizzes import ResponseError, grade

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.json"))


def test_every_registered_type_has_golden_cases():
    from lexom_learning.quizzes import known_types

    assert {p.parent.name for p in CASES} == set(known_types())


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_case(path: Path):
    case = json.loads(path.read_text(encoding="utf-8"))
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(ResponseError) as raised:
            grade(case["question"], case["response"])
        assert str(raised.value) == expected["error"]
        return
    result = grade(case["question"], case["response"])
    assert result.earned == pytest.approx(expected["earned"])
    assert result.possible == expected["possible"]
    assert result.correct is expected["correct"]
    assert list(result.feedback) == expected["feedback"]
