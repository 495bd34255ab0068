"""Workbench scenarios: every module quiz, every case, each evaluation, a vertical per module."""

from xml.etree import ElementTree

from xblock.core import XBlock

from lexom_learning.xblocks import content
from lexom_learning.xblocks.evaluation import EvaluationBlock
from lexom_learning.xblocks.quiz import QuizBlock
from lexom_learning.xblocks.roleplay import RolePlayBlock

ALL = QuizBlock.workbench_scenarios() + RolePlayBlock.workbench_scenarios()
ALL += EvaluationBlock.workbench_scenarios()


def ids_in(tag, attribute):
    found = []
    for _, xml in ALL:
        root = ElementTree.fromstring(xml)
        found += [e.get(attribute) for e in root.iter(tag)]
    return found


def test_every_quiz_case_and_evaluation_has_a_scenario_and_every_module_a_vertical():
    course = content.course()
    assert set(ids_in("lexom_quiz", "quiz_id")) == {q.id for q in content.module_quizzes()}
    assert set(ids_in("lexom_roleplay", "case_id")) == {c.id for c in course.roleplays}
    assert ids_in("lexom_evaluation", "kind") == ["positioning", "hot", "cold"]
    verticals = [xml for _, xml in ALL if xml.startswith("<vertical_demo>")]
    assert len(verticals) == len(course.modules) == 7
    assert len({description for description, _ in ALL}) == len(ALL) == 7 + 11 + 3 + 7


def test_the_blocks_are_registered_as_xblock_entry_points():
    assert XBlock.load_class("lexom_quiz") is QuizBlock
    assert XBlock.load_class("lexom_roleplay") is RolePlayBlock
    assert XBlock.load_class("lexom_evaluation") is EvaluationBlock


def test_every_scenario_parses_and_renders_in_french(store):
    for _, xml in ALL:
        root = store.block(store.parse(xml))
        blocks = [root] + [store.block(child) for child in getattr(root, "children", [])]
        for block in blocks:
            if block.scope_ids.block_type.startswith("lexom_"):
                html = store.view(block).content
                assert "Contenu introuvable" not in html
                assert "lexom-block" in html
