"""The evaluation block: answered once, knowledge graded, per-objective self-assessment."""

import pytest

from lexom_learning.xblocks import content

from .conftest import right_answer


def evaluation_block(store, kind):
    return store.parse(f'<lexom_evaluation kind="{kind}"/>')


def self_assessment(evaluation):
    return {
        q.id: right_answer(q)
        for s in evaluation.sections
        if s.kind == "self_assessment"
        for q in s.questions
    }


def submitted(store, kind, responses_of):
    """Submit ``responses_of(evaluation)`` to a new block of that evaluation; return the block's
    usage id and the reply, checked to be a success."""
    usage = evaluation_block(store, kind)
    body = {"responses": responses_of(content.evaluation(kind))}
    reply = store.call(store.block(usage), "submit", body)
    assert reply.status == 200, reply.body
    return usage, reply


@pytest.mark.parametrize("kind", ["positioning", "hot", "cold"])
def test_each_evaluation_renders_every_section_and_question(store, kind):
    evaluation = content.evaluation(kind)
    html = store.view(store.block(evaluation_block(store, kind))).content
    assert "Envoyer mes réponses" in html
    for section in evaluation.sections:
        assert f"lexom-section lexom-{section.kind}" in html
        for question in section.questions:
            assert f'data-question-id="{question.id}"' in html


def test_blank_knowledge_items_earn_nothing_and_the_summary_shows_each_objective(store):
    _, reply = submitted(store, "positioning", self_assessment)
    objectives = {o["id"]: o for o in reply.body["objectives"]}
    assert set(objectives) == set(content.course().objective_ids)
    assert all(o["percent"] == 0 and o["level"] == "not_acquired" for o in objectives.values())
    assert all(o["self_assessment"] for o in objectives.values())
    html = reply.body["html"]
    assert "Vos résultats par objectif" in html and "Non acquis" in html
    assert [e.data["completion"] for e in store.events_of("completion")] == [1.0]
    assert not store.events_of("grade")


def test_the_positioning_test_never_shows_corrections(store):
    usage, reply = submitted(
        store, "positioning", lambda e: {q.id: right_answer(q) for q in e.questions}
    )
    html = store.view(store.block(usage)).content
    assert "Les corrections ne sont pas affichées" in html
    assert "Explication" not in html and "Bonne réponse" not in html
    knowledge = {o["id"]: o["percent"] for o in reply.body["objectives"]}
    assert all(p == 100 for p in knowledge.values())


def test_the_hot_evaluation_shows_results_and_explanations(store):
    _, reply = submitted(
        store, "hot", lambda e: {q.id: right_answer(q) for q in e.knowledge_questions}
    )
    assert "Bonne réponse" in reply.body["html"] and "Explication" in reply.body["html"]
    assert all(o["level"] == "acquired" for o in reply.body["objectives"])


def test_an_evaluation_is_answered_once_and_per_learner(store):
    usage = evaluation_block(store, "cold")
    assert store.call(store.block(usage, "ann"), "submit", {"responses": {}}).status == 200
    again = store.call(store.block(usage, "ann"), "submit", {"responses": {}})
    assert again.status == 409
    assert again.body["error"] == "Vous avez déjà répondu à cette évaluation."
    assert not store.block(usage, "ben").submitted
    assert store.call(store.block(usage, "ben"), "submit", {"responses": {}}).status == 200


def test_malformed_answers_are_listed_and_nothing_is_recorded(store):
    evaluation = content.evaluation("hot")
    usage = evaluation_block(store, "hot")
    likert = next(q for q in evaluation.questions if q.type == "likert")
    numeric = next(q for q in evaluation.questions if q.type == "numeric")
    reply = store.call(
        store.block(usage), "submit", {"responses": {likert.id: 99, numeric.id: "beaucoup"}}
    )
    assert reply.status == 400 and set(reply.body["errors"]) == {likert.id, numeric.id}
    for body in ([], {"responses": 3}, {"responses": {"x-q9": 1}}):
        assert store.call(store.block(usage), "submit", body).status == 400
    assert not store.block(usage).submitted and not store.events


def test_an_unknown_evaluation_shows_a_message(store):
    usage = evaluation_block(store, "final")
    assert "Contenu introuvable" in store.view(store.block(usage)).content
    assert store.call(store.block(usage), "submit", {"responses": {}}).status == 404
