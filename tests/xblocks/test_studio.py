"""The author's form: pick the quiz, case or evaluation; wrong values change nothing."""

import pytest

from lexom_learning.xblocks import content


def test_the_quiz_form_lists_every_module_quiz_and_saves_a_choice(store):
    usage = store.parse('<lexom_quiz quiz_id="m1-quiz"/>')
    fragment = store.view(store.block(usage), "studio_view")
    assert "data-init='LexomStudioEditor'" in fragment.content
    for quiz in content.module_quizzes():
        assert f'<option value="{quiz.id}"' in fragment.content
    body = {"display_name": " Quiz 3 ", "quiz_id": "m3-quiz", "max_attempts": "2"}
    reply = store.call(store.block(usage), "studio_submit", body)
    assert reply.status == 200 and reply.body == {"result": "success"}
    block = store.block(usage, "someone-else")
    assert (block.display_name, block.quiz_id, block.max_attempts) == ("Quiz 3", "m3-quiz", 2)
    assert "Quiz 3" in store.view(block).content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"quiz_id": "live-day1"}, "quiz_id"),
        ({"quiz_id": ["m2-quiz"]}, "quiz_id"),
        ({"max_attempts": "0"}, "max_attempts"),
        ({"max_attempts": "trois"}, "max_attempts"),
        ({"display_name": "x" * 201}, "display_name"),
        ({"display_name": 7}, "display_name"),
    ],
)
def test_a_wrong_quiz_setting_is_refused_and_nothing_changes(store, body, field):
    usage = store.parse('<lexom_quiz quiz_id="m1-quiz"/>')
    reply = store.call(store.block(usage), "studio_submit", {"quiz_id": "m2-quiz", **body})
    assert reply.status == 400 and field in reply.body["errors"]
    assert store.block(usage).quiz_id == "m1-quiz"


def test_the_role_play_form_checks_that_the_given_role_belongs_to_the_case(store):
    usage = store.parse('<lexom_roleplay case_id="rp-m1-diagnostic-cosmetiques"/>')
    html = store.view(store.block(usage), "studio_view").content
    for case in content.course().roleplays:
        assert f'<option value="{case.id}"' in html
    wrong = {
        "case_id": "rp-m2-comite-direction",
        "assigned_role": "rp-m1-diagnostic-cosmetiques:directeur",
    }
    assert store.call(store.block(usage), "studio_submit", wrong).status == 400
    right = {
        "case_id": "rp-m2-comite-direction",
        "assessment": "peer",
        "assigned_role": "rp-m2-comite-direction:observateur",
    }
    assert store.call(store.block(usage), "studio_submit", right).status == 200
    block = store.block(usage)
    assert (block.case_id, block.assessment, block.assigned_role) == (
        "rp-m2-comite-direction",
        "peer",
        "observateur",
    )
    reply = store.call(store.block(usage), "studio_submit", {"assessment": ["peer"]})
    assert reply.status == 400 and "assessment" in reply.body["errors"]


def test_the_evaluation_form_offers_the_three_evaluations(store):
    usage = store.parse('<lexom_evaluation kind="positioning"/>')
    html = store.view(store.block(usage), "studio_view").content
    assert "Évaluation à chaud" in html and "Évaluation à froid" in html
    assert store.call(store.block(usage), "studio_submit", {"kind": "cold"}).status == 200
    assert store.block(usage).kind == "cold"
    assert store.call(store.block(usage), "studio_submit", {"kind": {}}).status == 400
    assert store.call(store.block(usage), "studio_submit", []).status == 400
