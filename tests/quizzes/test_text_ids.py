"""The ids learners see for a matching question's right items and an ordering's items: they
depend on the text only, and author ids of that form are refused."""

import pytest

from lexom_learning.quizzes.matching import RIGHT_ID, right_id
from lexom_learning.quizzes.ordering import ITEM_ID, item_id
from lexom_learning.quizzes.text_ids import check_author_ids


@pytest.mark.parametrize(
    ("shown_id", "pattern", "text", "pinned"),
    [
        (right_id, RIGHT_ID, "Évolution", "r-699829e4"),
        (item_id, ITEM_ID, "Objectifs", "o-336d169a"),
    ],
    ids=["matching", "ordering"],
)
def test_shown_ids_depend_on_the_text_only(shown_id, pattern, text, pinned):
    assert shown_id(text) == pinned  # pinned: stored answers hold these ids
    assert shown_id(f"  {text}\n") == shown_id(text)
    assert shown_id("E\u0301volution") == shown_id("Évolution")  # decomposed accent (NFD)
    assert shown_id(text.lower()) != shown_id(text)
    assert pattern.fullmatch(shown_id("n'importe quoi"))


@pytest.mark.parametrize(("what", "prefix"), [("pair", "r"), ("item", "o")])
def test_author_ids_are_unique_and_never_of_the_shown_form(what, prefix):
    check_author_ids(["a", "b", f"{prefix}-1234567"], what, prefix)  # 7 digits: not the form
    with pytest.raises(ValueError, match=f"{what} ids must be unique within a question"):
        check_author_ids(["a", "a"], what, prefix)
    with pytest.raises(ValueError, match=f"reserved: {prefix}-0123abcd"):
        check_author_ids(["a", f"{prefix}-0123abcd"], what, prefix)
