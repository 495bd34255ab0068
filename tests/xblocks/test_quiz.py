"""The quiz block in the in-memory runtime: rendering, grading, attempts, state, events."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexom_learning.xblocks import content

from .conftest import right_answer, wrong_answer


def quiz_block(store, quiz_id="m2-quiz", attrs=""):
    usage = store.parse(f'<lexom_quiz quiz_id="{quiz_id}" {attrs}/>')
    return usage, store.block(usage)


def answers(quiz, answer):
    return {q.id: answer(q) for q in quiz.questions if answer(q) is not None}


def answered_right(store, quiz_id):
    """Submit the right answers to a new block of that quiz; return the quiz and the block as
    stored afterwards."""
    quiz = content.module_quiz(quiz_id)
    usage, block = quiz_block(store, quiz_id)
    assert store.call(block, "submit", {"responses": answers(quiz, right_answer)}).status == 200
    return quiz, store.block(usage)


@pytest.mark.parametrize("quiz_id", [q.id for q in content.module_quizzes()])
def test_every_module_quiz_renders_each_question_without_its_answer(store, quiz_id):
    quiz = content.module_quiz(quiz_id)
    _, block = quiz_block(store, quiz_id)
    html = store.view(block).content
    assert quiz.title.replace("'", "&#39;") in html
    for question in quiz.questions:
        assert f'data-question-id="{question.id}"' in html
        assert f'data-type="{question.type}"' in html
    assert "Valider mes réponses" in html
    assert "Explication" not in html and "Bonne réponse" not in html


def test_the_view_carries_the_shared_script_and_its_init_function(store):
    _, block = quiz_block(store)
    fragment = store.view(block)
    assert "data-init='LexomQuizBlock'" in fragment.content
    scripts = [r.data for r in fragment.resources if r.mimetype == "application/javascript"]
    assert any("LexomQuizBlock" in s for s in scripts)
    assert any(r.mimetype == "text/css" for r in fragment.resources)


def test_right_answers_earn_every_point_publish_the_grade_and_completion(store):
    quiz = content.module_quiz("m2-quiz")
    usage, block = quiz_block(store)
    reply = store.call(block, "submit", {"responses": answers(quiz, right_answer)})
    assert reply.status == 200, reply.body
    possible = sum(q.points for q in quiz.questions if q.graded)
    assert reply.body["earned"] == reply.body["possible"] == possible
    assert reply.body["passed"] is True
    assert reply.body["attempts"] == 1 and reply.body["attempts_left"] == 2
    [grade] = store.events_of("grade")
    assert grade.usage_id == usage
    assert grade.data == {
        "user": "learner-1",
        "value": possible,
        "max_value": possible,
        "only_if_higher": None,
    }
    [completion] = store.events_of("completion")
    assert completion.data["completion"] == 1.0
    html = store.view(store.block(usage)).content
    assert "Quiz réussi" in html and "Bonne réponse" in html and "Explication" in html
    assert f"Votre score : {possible:g} / {possible:g} (100 %)" in html


def test_feedback_and_explanations_wait_until_no_attempt_is_left(store):
    quiz = content.module_quiz("m1-quiz")
    usage, block = quiz_block(store, "m1-quiz")
    single = next(q for q in quiz.questions if q.type == "single_choice")
    chosen = next(o for o in single.options if not o.correct)
    feedback = chosen.feedback.replace("'", "&#39;")
    for attempt in range(1, quiz.max_attempts + 1):
        reply = store.call(block, "submit", {"responses": answers(quiz, wrong_answer)})
        assert reply.status == 200, reply.body
        assert reply.body["earned"] == 0 and reply.body["passed"] is False
        html = reply.body["html"]
        assert "Seuil de réussite non atteint" in html and "Réponse inexacte" in html
        assert reply.body["results"][single.id]["correct"] is False
        last = attempt == quiz.max_attempts
        # While attempts remain, the feedback would give the next attempt its answers.
        assert reply.body["answers_revealed"] is last
        assert (feedback in html) is last and ("Explication" in html) is last
        assert bool(reply.body["results"][single.id]["feedback"]) is last
    assert store.events_of("grade")[0].data["value"] == 0


def test_full_marks_reveal_the_explanations_at_once(store):
    quiz = content.module_quiz("m1-quiz")
    usage, block = quiz_block(store, "m1-quiz")
    reply = store.call(block, "submit", {"responses": answers(quiz, right_answer)})
    assert reply.body["answers_revealed"] is True and reply.body["attempts_left"] > 0
    assert "Explication" in reply.body["html"]


def test_missing_or_malformed_answers_are_listed_per_question_and_use_no_attempt(store):
    quiz = content.module_quiz("m2-quiz")
    usage, block = quiz_block(store)
    responses = answers(quiz, right_answer)
    first, second = quiz.questions[0].id, quiz.questions[1].id
    del responses[first]
    responses[second] = {"not": "an answer"}
    reply = store.call(block, "submit", {"responses": responses})
    assert reply.status == 400
    assert reply.body["error"] == "Certaines réponses sont à corriger."
    assert reply.body["errors"][first] == "Répondez à cette question."
    assert set(reply.body["errors"]) == {first, second}
    block = store.block(usage)
    assert block.attempts == 0 and not store.events


def test_the_attempt_limit_of_the_quiz_holds(store):
    quiz = content.module_quiz("m3-quiz")
    usage, _ = quiz_block(store, "m3-quiz")
    for attempt in range(1, quiz.max_attempts + 1):
        reply = store.call(store.block(usage), "submit", {"responses": answers(quiz, wrong_answer)})
        assert reply.status == 200 and reply.body["attempts"] == attempt
    reply = store.call(store.block(usage), "submit", {"responses": answers(quiz, right_answer)})
    assert reply.status == 409
    assert reply.body == {"error": "Vous avez utilisé toutes vos tentatives."}
    html = store.view(store.block(usage)).content
    assert "Vous avez utilisé toutes vos tentatives." in html
    assert "Valider" not in html and "disabled" in html
    assert len(store.events_of("grade")) == quiz.max_attempts


def test_the_author_can_change_the_number_of_attempts(store):
    quiz = content.module_quiz("m4-quiz")
    usage, block = quiz_block(store, "m4-quiz", 'max_attempts="1"')
    assert store.call(block, "submit", {"responses": answers(quiz, wrong_answer)}).status == 200
    reply = store.call(store.block(usage), "submit", {"responses": answers(quiz, right_answer)})
    assert reply.status == 409


def test_the_last_attempt_counts(store):
    quiz = content.module_quiz("m5-quiz")
    usage, block = quiz_block(store, "m5-quiz")
    store.call(block, "submit", {"responses": answers(quiz, right_answer)})
    store.call(store.block(usage), "submit", {"responses": answers(quiz, wrong_answer)})
    block = store.block(usage)
    assert block.get_score().raw_earned == 0
    assert [e.data["value"] for e in store.events_of("grade")] == [block.max_score(), 0]


def test_each_learner_has_their_own_answers_attempts_and_score(store):
    quiz = content.module_quiz("m2-quiz")
    usage, _ = quiz_block(store)
    store.call(store.block(usage, "alice"), "submit", {"responses": answers(quiz, right_answer)})
    bob = store.block(usage, "bob")
    assert bob.attempts == 0 and bob.responses == {} and not bob.has_submitted_answer()
    assert "Votre score" not in store.view(bob).content
    store.call(bob, "submit", {"responses": answers(quiz, wrong_answer)})
    alice = store.block(usage, "alice")
    assert alice.attempts == 1 and alice.get_score().raw_earned == alice.max_score()
    assert store.block(usage, "bob").get_score().raw_earned == 0
    assert {e.data["user"] for e in store.events_of("grade")} == {"alice", "bob"}


def test_rescoring_grades_the_stored_responses_again(store):
    quiz, block = answered_right(store, "m6-quiz")
    assert block.calculate_score() == block.get_score()
    block.rescore(only_if_higher=False)
    assert store.events_of("grade")[-1].data["only_if_higher"] is False


def test_rescoring_reads_a_matching_answer_stored_with_the_old_ids(store):
    quiz, block = answered_right(store, "m2-quiz")
    matching = next(q for q in quiz.questions if q.type == "matching")
    # As stored before the right items had ids of their own: {pair id: pair id}.
    block.responses = {**block.responses, matching.id: {p.id: p.id for p in matching.pairs}}
    assert block.calculate_score() == block.get_score()
    html = store.view(block).content  # and the old answer is shown selected
    for value in right_answer(matching).values():
        assert f'value="{value}" selected' in html


def test_rescoring_reads_an_ordering_answer_stored_with_the_author_ids(store):
    quiz, block = answered_right(store, "m2-quiz")
    ordering = next(q for q in quiz.questions if q.type == "ordering")
    # As stored before the items had public ids: the author ids, in the right order.
    block.responses = {**block.responses, ordering.id: [item.id for item in ordering.items]}
    assert block.calculate_score() == block.get_score()
    html = store.view(block).content  # and the old answer is shown selected, by public id
    for value in right_answer(ordering):
        assert f'value="{value}" selected' in html


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe", 400),
        (b"[]", 400),
        (b'"responses"', 400),
        (b"null", 400),
        (b'{"responses": []}', 400),
        (b'{"responses": "a"}', 400),
        (b'{"responses": {"nope": "a"}}', 400),
        (b'{"answers": {}}', 400),
    ],
)
def test_a_malformed_request_gets_a_json_error_never_a_500(store, body, status):
    _, block = quiz_block(store)
    reply = store.call(block, "submit", raw=body)
    assert reply.status == status
    assert isinstance(reply.body, dict) and reply.body["error"]
    assert block.attempts == 0


def test_a_get_request_is_refused_in_json(store):
    _, block = quiz_block(store)
    reply = store.call(block, "submit", method="GET")
    assert reply.status == 405 and "error" in reply.body


def test_a_number_too_long_to_read_is_a_learner_error(store):
    quiz = content.module_quiz("m2-quiz")
    _, block = quiz_block(store)
    responses = answers(quiz, right_answer)
    numeric = next(q for q in quiz.questions if q.type == "numeric")
    responses[numeric.id] = "9" * 5000
    reply = store.call(block, "submit", {"responses": responses})
    assert reply.status == 400 and numeric.id in reply.body["errors"]


def test_an_unknown_quiz_shows_a_message_and_refuses_answers(store):
    _, block = quiz_block(store, "m9-quiz")
    assert "Contenu introuvable dans le cours : m9-quiz." in store.view(block).content
    reply = store.call(block, "submit", {"responses": {}})
    assert reply.status == 404 and reply.body["error"] == "Quiz introuvable : m9-quiz."


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
QUIZ = content.module_quiz("m1-quiz")


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(st.sampled_from([q.id for q in QUIZ.questions]), json_values)
    | st.dictionaries(st.text(max_size=8), json_values, max_size=3),
)
def test_any_json_answers_get_a_graded_attempt_or_a_json_error(store, responses):
    usage, block = quiz_block(store, "m1-quiz")
    reply = store.call(block, "submit", {"responses": responses})
    assert reply.status in (200, 400), reply.body
    assert isinstance(reply.body, dict)
    if reply.status == 400:
        assert reply.body["error"]
        assert store.block(usage).attempts == 0


def test_solutions_stay_revealed_and_the_quiz_passed_after_a_worse_later_attempt(store):
    """Same rules as the web app (quizzes.rules): full marks once reveal the solutions for good,
    and the quiz counts as passed once an attempt reached the pass mark."""
    quiz = content.module_quiz("m5-quiz")
    usage, block = quiz_block(store, "m5-quiz")
    store.call(block, "submit", {"responses": answers(quiz, right_answer)})
    reply = store.call(store.block(usage), "submit", {"responses": answers(quiz, wrong_answer)})
    assert reply.body["earned"] == 0 and reply.body["attempts_left"] > 0
    assert reply.body["answers_revealed"] is True
    assert reply.body["passed"] is True
    assert store.block(usage).scores == [
        [block.max_score(), block.max_score()],
        [0, block.max_score()],
    ]


def test_a_wrong_first_attempt_neither_reveals_nor_passes(store):
    quiz = content.module_quiz("m5-quiz")
    usage, block = quiz_block(store, "m5-quiz")
    reply = store.call(block, "submit", {"responses": answers(quiz, wrong_answer)})
    assert reply.body["answers_revealed"] is False and reply.body["passed"] is False
