"""The observation grid (pure): every criterion, a level from 1 to 4, a bounded comment."""

import pytest

from lexom_learning.attainment import attainment
from lexom_learning.roleplay import GridError, check_scores, grid_evidence


@pytest.fixture(scope="module")
def case(course):
    return course.roleplay("rp-m1-diagnostic-cosmetiques")


def full(case, level=3):
    return {c.id: level for c in case.grid}


def test_a_complete_grid_passes(case):
    scores, comment = check_scores(case, full(case), "  Bonne écoute.  ")
    assert scores == full(case)
    assert comment == "Bonne écoute."


@pytest.mark.parametrize("level", [0, 5, -1, 40])
def test_out_of_range_is_refused(case, level):
    scores = full(case) | {case.grid[0].id: level}
    with pytest.raises(GridError) as error:
        check_scores(case, scores)
    assert error.value.translate(str) == {
        case.grid[0].id: "Le niveau doit être compris entre 1 et 4."
    }


@pytest.mark.parametrize("level", ["3", 2.5, True, None, [3]])
def test_a_level_must_be_an_integer(case, level):
    scores = full(case) | {case.grid[0].id: level}
    with pytest.raises(GridError) as error:
        check_scores(case, scores)
    assert case.grid[0].id in error.value.errors


def test_unknown_criterion_is_refused(case):
    with pytest.raises(GridError) as error:
        check_scores(case, full(case) | {"c99": 3})
    assert error.value.translate(str) == {"c99": "Critère inconnu dans cette grille."}


def test_missing_criterion_is_refused(case):
    scores = full(case)
    del scores[case.grid[-1].id]
    with pytest.raises(GridError) as error:
        check_scores(case, scores)
    assert list(error.value.errors) == [case.grid[-1].id]


@pytest.mark.parametrize("scores", [None, [], "c1=3", 3])
def test_scores_must_be_a_mapping(case, scores):
    with pytest.raises(GridError):
        check_scores(case, scores)


def test_comment_is_bounded_text(case):
    with pytest.raises(GridError) as error:
        check_scores(case, full(case), "x" * 2001)
    assert "comment" in error.value.errors
    with pytest.raises(GridError):
        check_scores(case, full(case), 12)


def test_levels_become_evidence_out_of_four():
    objectives = {"c1": ("obj-1",), "c2": ("obj-1", "obj-3")}
    evidence = grid_evidence(objectives, {"c1": 3, "c2": 4})
    result = attainment(evidence, ["obj-1", "obj-2", "obj-3"])
    assert result["obj-1"].percent == 87.5  # (3 + 4) / 8
    assert result["obj-3"].percent == 100.0
    assert result["obj-2"].percent is None
