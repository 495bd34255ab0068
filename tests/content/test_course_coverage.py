"""MRK-STRA-05 as content: every rule of the programme checked on the real files, not by hand."""

import re
from collections import Counter

import pytest

from lexom_learning.modules.markdown import word_count
from lexom_learning.quizzes.base import Option

CATALOGUE_OBJECTIVES = [
    "Identifier les indicateurs d'efficacité les plus adaptés à ses objectifs",
    "Utiliser les tableaux de bord comme de véritables outils de reporting et de communication",
    "Piloter et faire évoluer son activité marketing",
]
CATALOGUE_PROGRAMME = {
    "Repérer ses besoins dans un environnement fluctuant": 3,
    "Développer le plan marketing opérationnel et stratégique": 5,
    "Évaluer les performances du département marketing": 2,
    "Identifier les outils de communication et de promotion": 3,
    "Utiliser les médias du marketing direct": 3,
    "Utiliser internet": 2,
    "Développer la synergie marketing vente": 2,
}
GRADED_WITHOUT_OPTIONS = {"numeric", "true_false", "ordering", "matching", "short_text"}


def all_graded(course):
    return [q for _, q in course.iter_questions() if q.graded]


def test_objectives_are_the_catalogue_s_word_for_word(course):
    assert [o.text for o in course.objectives] == CATALOGUE_OBJECTIVES
    assert course.days == 2 and course.hours == 14


def test_seven_modules_follow_the_programme(course):
    assert {m.title: len(m.topics) for m in course.modules} == CATALOGUE_PROGRAMME
    assert list(CATALOGUE_PROGRAMME) == [m.title for m in course.modules]


def test_modules_fit_the_fourteen_hours(course):
    assert sum(m.minutes for m in course.modules) <= 14 * 60
    for module in course.modules:
        assert sum(u.minutes for u in module.units) < module.minutes, module.id
        assert module.objectives


@pytest.mark.parametrize("index", range(7))
def test_module_units_are_real_teaching_content(course, index):
    module = course.modules[index]
    assert len(module.units) >= 3
    for unit in module.units:
        words = word_count(unit.body_markdown)
        assert 300 <= words <= 900, f"{unit.id}: {words} words"
        text = unit.body_markdown.lower()
        assert "à vous" in text, f"{unit.id} has no « À vous » exercise"
        assert "à retenir" in text, f"{unit.id} has no « À retenir » summary"
    assert any("exemple" in u.body_markdown.lower() for u in module.units), module.id
    covered = {t for u in module.units for t in u.covers}
    assert covered == {t.id for t in module.topics}


@pytest.mark.parametrize("index", range(7))
def test_module_quiz(course, index):
    module = course.modules[index]
    [quiz] = module.quizzes
    assert len(quiz.questions) >= 10
    assert len({q.type for q in quiz.questions}) >= 4
    assert any(q.type == "numeric" for q in quiz.questions), "formulas need numeric questions"


def test_every_question_explains_and_gives_feedback_on_wrong_answers(course):
    for question in all_graded(course):
        assert question.explanation.strip(), question.id
        options: tuple[Option, ...] = getattr(question, "options", ())
        for option in options:
            if not option.correct:
                assert option.feedback.strip(), f"{question.id} option {option.id}"
        if question.type in GRADED_WITHOUT_OPTIONS:
            assert question.feedback_incorrect.strip(), question.id


def test_numeric_answers_lie_within_their_tolerance_and_mistakes_outside(course):
    numeric = [q for q in all_graded(course) if q.type == "numeric"]
    assert len(numeric) >= 30
    for question in numeric:
        assert question.accepts(question.answer)
        assert question.margin() <= max(1.0, abs(question.answer) * 0.05), question.id
        for mistake in question.common_mistakes:
            assert not question.accepts(mistake.answer), f"{question.id}: {mistake.answer}"


def test_no_duplicate_prompts(course):
    prompts = Counter(
        re.sub(r"\W+", " ", q.prompt.lower()).strip() for _, q in course.iter_questions()
    )
    assert [p for p, n in prompts.items() if n > 1] == []


def test_live_sets_one_per_day_short_enough_for_a_phone(course):
    assert sorted(q.day for q in course.live_quizzes) == [1, 2]
    for live in course.live_quizzes:
        assert len(live.questions) >= 8
        for question in live.questions:
            assert len(question.prompt) <= 160, question.id
            assert len(getattr(question, "options", ())) <= 4, question.id


def test_role_play_cases(course):
    cases = course.roleplays
    assert len(cases) >= 7
    assert {c.module for c in cases} == {m.id for m in course.modules}
    for case in cases:
        playing = [r for r in case.roles if not r.observer]
        observers = [r for r in case.roles if r.observer]
        assert 2 <= len(playing) <= 4 and len(observers) == 1, case.id
        assert all(r.brief.strip() for r in case.roles)
        assert case.minutes > 0 and case.context.strip()
        assert 4 <= len(case.grid) <= 6, case.id
        for criterion in case.grid:
            assert sorted(criterion.levels) == [1, 2, 3, 4] and criterion.objectives
        assert case.debrief


def _per_objective(course, questions):
    counts = Counter(o for q in questions for o in q.objectives)
    return {o: counts[o] for o in course.objective_ids}


def test_positioning_covers_the_objectives_and_has_a_form_b_in_the_hot_test(course):
    positioning = course.evaluations["positioning"].knowledge_questions
    assert 8 <= len(positioning) <= 15
    assert all(n >= 2 for n in _per_objective(course, positioning).values())
    hot = course.evaluations["hot"].knowledge_questions
    assert not {q.id for q in positioning} & {q.id for q in hot}, "form B, not the same items"
    assert sorted(q.parallel_of for q in hot if q.parallel_of) == sorted(q.id for q in positioning)


def test_hot_evaluation_knowledge_test_and_satisfaction(course):
    hot = course.evaluations["hot"]
    knowledge = hot.knowledge_questions
    assert len(knowledge) >= 20
    assert all(n >= 6 for n in _per_objective(course, knowledge).values())
    satisfaction = [q for s in hot.sections if s.kind == "satisfaction" for q in s.questions]
    text = " ".join(q.prompt.lower() for q in satisfaction)
    for topic in (
        "contenu",
        "format",
        "rythme",
        "jeux de rôles",
        "supports",
        "organisation",
        "objectifs",
        "recommand",
    ):
        assert topic in text, f"satisfaction questionnaire misses {topic!r}"
    assert any(q.type == "free_text" for q in satisfaction)


def test_cold_evaluation_transfer_self_assessment_and_retention(course):
    cold = course.evaluations["cold"]
    kinds = {s.kind for s in cold.sections}
    assert {"transfer", "self_assessment", "knowledge"} <= kinds
    transfer = " ".join(
        q.prompt.lower() for s in cold.sections if s.kind == "transfer" for q in s.questions
    )
    for topic in (
        "tableau de bord",
        "indicateurs",
        "rythme|fréquence|revoyez",
        "obstacle|frein",
        "changement|évolution|résultat",
    ):
        assert re.search(topic, transfer), f"cold questionnaire misses {topic!r}"
    self_assessed = {
        o
        for s in cold.sections
        if s.kind == "self_assessment"
        for q in s.questions
        for o in q.objectives
    }
    assert self_assessed == set(course.objective_ids)
    hot_ids = {q.id for q in course.evaluations["hot"].knowledge_questions}
    retention = cold.knowledge_questions
    assert retention and not {q.id for q in retention} & hot_ids
    assert {q.parallel_of for q in retention} < hot_ids
    assert course.cold_evaluation.delay_days == 90


def test_every_objective_is_evidenced_everywhere(course):
    for kind in ("positioning", "hot", "cold"):
        counts = _per_objective(course, course.evaluations[kind].knowledge_questions)
        assert all(counts.values()), f"{kind}: {counts}"
    criteria = _per_objective(course, [c for r in course.roleplays for c in r.grid])
    assert all(criteria.values()), criteria
