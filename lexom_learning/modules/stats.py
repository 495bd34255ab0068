"""Counts that show how much the course holds and how well it covers its objectives."""

from collections import Counter
from typing import Any

from .balance import KeyBalance, format_balance, key_balance
from .course import Course


def course_stats(course: Course) -> dict[str, Any]:
    """Return the course's counts: units, words, questions by type, role plays, coverage."""
    units = [u for m in course.modules for u in m.units]
    words = [u.words for u in units]
    questions = [q for _, q in course.iter_questions()]
    evidence: dict[str, dict[str, int]] = {}
    for kind, evaluation in course.evaluations.items():
        evidence[kind] = _per_objective(course, evaluation.knowledge_questions)
    evidence["module quizzes"] = _per_objective(
        course, [q for m in course.modules for quiz in m.quizzes for q in quiz.questions]
    )
    evidence["live quizzes"] = _per_objective(
        course, [q for live in course.live_quizzes for q in live.questions]
    )
    evidence["role-play criteria"] = _per_objective(
        course, [c for r in course.roleplays for c in r.grid]
    )
    return {
        "modules": len(course.modules),
        "module_minutes": sum(m.minutes for m in course.modules),
        "unit_minutes": course.total_unit_minutes,
        "units": len(units),
        "words": sum(words),
        "words_min": min(words, default=0),
        "words_max": max(words, default=0),
        "questions": len(questions),
        "questions_by_type": dict(sorted(Counter(q.type for q in questions).items())),
        "quizzes": {q.id: len(q.questions) for m in course.modules for q in m.quizzes}
        | {q.id: len(q.questions) for q in course.live_quizzes},
        "roleplays": len(course.roleplays),
        "evaluation_items": {k: len(e.questions) for k, e in course.evaluations.items()},
        "evidence_per_objective": evidence,
        "key_balance": _balances(course),
    }


def _balances(course: Course) -> dict[str, KeyBalance]:
    """Return the key figures per module quiz, live set and evaluation, then overall."""
    found = {q.id: key_balance(q.questions) for m in course.modules for q in m.quizzes}
    found |= {q.id: key_balance(q.questions) for q in course.live_quizzes}
    found |= {e.id: key_balance(e.knowledge_questions) for e in course.evaluations.values()}
    found["overall"] = key_balance([q for _, q in course.iter_questions()])
    return found


def _per_objective(course: Course, items: list) -> dict[str, int]:
    counts = Counter(o for item in items for o in item.objectives)
    return {o: counts.get(o, 0) for o in course.objective_ids}


def format_stats(stats: dict[str, Any]) -> str:
    """Return the stats as aligned text lines."""
    lines = [
        f"modules            {stats['modules']} ({stats['module_minutes']} min planned, "
        f"{stats['unit_minutes']} min of units)",
        f"units              {stats['units']} ({stats['words']} words; "
        f"{stats['words_min']} to {stats['words_max']} per unit)",
        f"questions          {stats['questions']}",
    ]
    lines += [f"  {kind:<17}{n}" for kind, n in stats["questions_by_type"].items()]
    lines.append("quizzes")
    lines += [f"  {quiz:<17}{n} questions" for quiz, n in stats["quizzes"].items()]
    lines.append(f"role plays         {stats['roleplays']}")
    lines.append(
        "evaluation items   " + ", ".join(f"{k} {n}" for k, n in stats["evaluation_items"].items())
    )
    lines.append("evidence per objective")
    for source, counts in stats["evidence_per_objective"].items():
        lines.append(f"  {source:<19}" + "  ".join(f"{o}: {n:>3}" for o, n in counts.items()))
    lines.append("keys (can a learner guess them?)")
    lines += [format_balance(name, b) for name, b in stats["key_balance"].items()]
    return "\n".join(lines)
