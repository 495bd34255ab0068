"""The blocks show choice options in each learner's own order, the same core function as the
web app, and typeset the prompts and options."""

import re

from lexom_learning.modules.markdown import prompt_html
from lexom_learning.quizzes.shuffle import order_options, seed_for
from lexom_learning.typography import french
from lexom_learning.xblocks import content


def _order(html: str, question_id: str) -> list[str]:
    block = re.search(rf'data-question-id="{question_id}".*?</fieldset>', html, re.S).group(0)
    return re.findall(r'type="(?:radio|checkbox)" name="[^"]+" value="([^"]+)"', block)


def test_each_learner_sees_their_own_stable_order(store):
    quiz = content.module_quiz("m2-quiz")
    question = next(q for q in quiz.questions if q.type == "multiple_choice")
    usage = store.parse('<lexom_quiz quiz_id="m2-quiz"/>')
    orders = set()
    for n in range(8):
        user = f"learner-{n}"
        html = store.view(store.block(usage, user_id=user)).content
        expected = [o.id for o in order_options(question, seed_for("xblock", user, question.id))]
        assert _order(html, question.id) == expected
        assert _order(store.view(store.block(usage, user_id=user)).content, question.id) == expected
        orders.add(tuple(expected))
    assert len(orders) > 1


def test_prompts_and_options_are_typeset(store):
    quiz = content.module_quiz("m1-quiz")
    usage = store.parse('<lexom_quiz quiz_id="m1-quiz"/>')
    html = store.view(store.block(usage)).content
    question = next(q for q in quiz.questions if french(q.prompt) != q.prompt)
    assert prompt_html(question.prompt)[0] in html
    assert question.prompt not in html
